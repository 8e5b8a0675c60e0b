// SPDX-License-Identifier: BSL-1.0
// /proc/iomem in and out on every layout: byte-exact round trips of every
// real listing, each rejection with its line and column, each warning, the
// cap re-nesting, all-zero listings, flag inference, and the parse result's
// ownership.
#include "resource_support.hpp"
#include "test_support.hpp"

#include <kin/adapters/iomem.hpp>
#include <kin/checked_hook.hpp>
#include <kin/kin.hpp> // the layouts (iomem.hpp includes none)

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>
#include <random>
#include <set>
#include <sstream>

namespace iomem_test {

using namespace kin_test;
namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> real_listings() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(KIN_TEST_DATA_DIR) / "iomem"))
    if (e.path().extension() == ".txt") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

template <class Hook>
class Iomem : public ::testing::Test {};
using hooks = ::testing::Types<kin::singly_hook<>, kin::list_hook<>, kin::compact_hook<>>;
TYPED_TEST_SUITE(Iomem, hooks);

template <class Hook>
std::string round_trip(const std::string& text, kin::iomem_options o = {}) {
  auto parsed = kin::parse_iomem<Hook>(text, o);
  if (!parsed) return "PARSE ERROR: " + parsed.error().message;
  return kin::iomem_to_text<typename kin::iomem_tree<Hook>::traits>(&parsed->root(), o);
}

TYPED_TEST(Iomem, EveryRealListingRoundTripsByteForByte) {
  const auto files = real_listings();
  ASSERT_EQ(files.size(), 8u);
  for (const auto& file : files) {
    SCOPED_TRACE(file.filename().string());
    const std::string text = read_file(file);
    auto parsed = kin::parse_iomem<TypeParam>(text);
    ASSERT_TRUE(parsed) << parsed.error().line << ": " << parsed.error().message;
    EXPECT_TRUE(parsed->warnings().empty()) << parsed->warnings().front().message; // unaligned RAM splits included
    EXPECT_TRUE(parsed->notices().empty());
    EXPECT_TRUE(parsed->well_formed());
    EXPECT_FALSE(parsed->all_addresses_zero());
    EXPECT_EQ(parsed->size(), static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
    using R = typename kin::iomem_tree<TypeParam>::traits;
    EXPECT_EQ(kin::iomem_to_text<R>(&parsed->root()), text);
    EXPECT_TRUE(kin::verify<R>(&parsed->root()));
  }
}

TEST(IomemParse, RealListingsHaveTheExpectedShape) {
  const std::string text = read_file(fs::path(KIN_TEST_DATA_DIR) / "iomem" / "firecracker-vm.txt");
  auto parsed = kin::parse_iomem<kin::compact_hook<>>(text);
  ASSERT_TRUE(parsed);
  using R = kin::iomem_tree<kin::compact_hook<>>::traits;
  auto& t = parsed.value();
  // Line 14 is "    eec00000-eecfffff : PCI Bus 0000:00", three deep.
  auto& deep = t.at_line(14);
  EXPECT_EQ(deep.name, "PCI Bus 0000:00");
  EXPECT_EQ(kin::depth<R>(&deep), 3u);
  EXPECT_EQ(t.line_of(*kin::parent<R>(&deep)), 13u);
  EXPECT_EQ(t.line_of(t.root()), 0u);
  std::vector<std::uint64_t> ram;
  kin::walk_system_ram_res<R>(&t.root(), 0, UINT64_MAX, [&](auto& r) { return ram.push_back(r.start), 0; },
                              kin::assume_well_formed);
  EXPECT_EQ(ram, (std::vector<std::uint64_t>{0x1000, 0x100000, 0x100000000}));
  // Names view the parse's own copy of the text.
  EXPECT_GE(deep.name.data(), t.text().data());
  EXPECT_LT(deep.name.data(), t.text().data() + t.text().size());
}

TEST(IomemParse, AMoveMovesNoNode) {
  auto parsed = kin::parse_iomem<kin::list_hook<>>("00000000-00000fff : a\n  00000000-000000ff : b\n");
  ASSERT_TRUE(parsed);
  auto* root_before = &parsed->root();
  auto* b_before = &parsed->at_line(2);
  kin::iomem_tree<kin::list_hook<>> moved = std::move(parsed.value());
  EXPECT_EQ(&moved.root(), root_before);
  EXPECT_EQ(&moved.at_line(2), b_before);
  EXPECT_EQ(b_before->name, "b");
  static_assert(!std::is_copy_constructible_v<kin::iomem_tree<kin::list_hook<>>>);
  static_assert(std::is_nothrow_move_constructible_v<kin::iomem_tree<kin::list_hook<>>>);
}

TEST(IomemParse, EmptyInputIsAnEmptyTree) {
  auto parsed = kin::parse_iomem<kin::singly_hook<>>("");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->size(), 0u);
  EXPECT_TRUE(parsed->warnings().empty());
  EXPECT_FALSE(parsed->all_addresses_zero());
  EXPECT_EQ(round_trip<kin::singly_hook<>>(""), "");
}

struct rejection {
  const char* text;
  std::size_t line, column;
  const char* message_part;
};

TEST(IomemParse, RejectionsNameLineColumnAndReason) {
  const std::string long_line = "00000000-00000fff : " + std::string(4096, 'x') + "\n";
  const rejection cases[] = {
      {"00000000-00000fff : ok\n00001000-00001fff : tab\there\n", 2, 24, "control byte 0x09 (a tab)"},
      {"00000000-00000fff : dos\r\n", 1, 24, "control byte 0x0d (a carriage return"},
      {"00000000-00000fff : del\x7f\n", 1, 24, "control byte 0x7f"},
      {"00000000-00000fff : a\n   00000000-000000ff : odd\n", 2, 3, "odd indentation"},
      {"  00000000-00000fff : first line indented\n", 1, 1, "first line is indented"},
      {"00000000-00000fff : a\n\n00001000-00001fff : b\n", 2, 1, "empty line"},
      {"\n", 1, 1, "empty line"},
      {"00000000-00000fff : a\n\x7f" "ELF" "\x02\x01\n", 2, 1, "control byte 0x7f"},
      {"00000000-00000fff : a\n    00000000-000000ff : two levels down\n", 2, 1, "skips a level"},
      {"00000000-00000fff no separator\n", 1, 1, "no \" : \""},
      {"00000000-00000fff :name\n", 1, 1, "no \" : \""},
      {"0000000g-00000fff : x\n", 1, 8, "bad hex: unexpected 'g'"},
      {"00000000+00000fff : x\n", 1, 9, "bad hex"},
      {"00000000 00000fff : x\n", 1, 9, "unexpected ' ' in the start address"},
      {"00000000 : x\n", 1, 9, "no '-'"},
      {"-00000fff : x\n", 1, 1, "no start address"},
      {"00000000- : x\n", 1, 10, "no end address"},
      {"00000000000000000-00000fff : x\n", 1, 17, "more than 16 hex digits"},
      {"00000000-10000000000000000 : x\n", 1, 26, "more than 16 hex digits"},
      {"00002000-00001fff : backwards\n", 1, 1, "ends before it starts"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto parsed = kin::parse_iomem<kin::compact_hook<>>(c.text);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().line, c.line);
    EXPECT_EQ(parsed.error().column, c.column);
    EXPECT_NE(parsed.error().message.find(c.message_part), std::string::npos) << parsed.error().message;
  }
  // A binary-looking long line is named by its control byte, not its length.
  auto binary = kin::parse_iomem<kin::singly_hook<>>(std::string(5000, 'x') + "\x01\n");
  ASSERT_FALSE(binary);
  EXPECT_EQ(binary.error().column, 5001u);
  auto too_long = kin::parse_iomem<kin::singly_hook<>>("00000000-00000fff : fine\n" + long_line);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().line, 2u);
  EXPECT_NE(too_long.error().message.find("4096"), std::string::npos);
  // Exactly 4096 bytes is still a line.
  const std::string at_limit = "00000000-00000fff : " + std::string(4096 - 20, 'x') + "\n";
  EXPECT_TRUE(kin::parse_iomem<kin::singly_hook<>>(at_limit));
}

// Nothing between the end address and the first " : " may be dropped: each
// shape of text there rejects the line, at the column of what is wrong.
TEST(IomemParse, TextBetweenTheEndAddressAndTheSeparatorIsRejected) {
  const rejection cases[] = {
      // junk words: the column of the first one, the words quoted
      {"00000000-00000fff junk here : Reserved\n", 1, 19, "unexpected text \"junk here\" between the end address"},
      {"00000000-00000fff : ok\n  00000000-000000ff x : y\n", 2, 21, "unexpected text \"x\""},
      {"00000000-00000fff   junk   : a\n", 1, 21, "unexpected text \"junk\""},
      // a colon that is not the separator is junk too
      {"00000000-00000fff :: : a\n", 1, 19, "unexpected text \"::\""},
      // extra spaces before the separator: the column of the first extra one
      {"00000000-00000fff  : Reserved\n", 1, 18, "more than one space between the end address and \" : \""},
      {"00000000-00000fff     : a\n", 1, 18, "more than one space"},
      // a tab there is a control byte (no tab is ever accepted)
      {"00000000-00000fff\t: a\n", 1, 18, "control byte 0x09 (a tab)"},
      {"00000000-00000fff \t : a\n", 1, 19, "control byte 0x09 (a tab)"},
      // junk glued to the end address is bad hex in it
      {"0-fffx : a\n", 1, 6, "bad hex: unexpected 'x' in the end address"},
      {"00000000-00000fffjunk : a\n", 1, 18, "bad hex: unexpected 'j' in the end address"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto parsed = kin::parse_iomem<kin::singly_hook<>>(c.text);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().line, c.line);
    EXPECT_EQ(parsed.error().column, c.column);
    EXPECT_NE(parsed.error().message.find(c.message_part), std::string::npos) << parsed.error().message;
  }
  // Long junk is quoted up to 40 bytes, so the message stays one line.
  auto long_junk = kin::parse_iomem<kin::singly_hook<>>("00000000-00000fff " + std::string(100, 'j') + " : a\n");
  ASSERT_FALSE(long_junk);
  EXPECT_EQ(long_junk.error().column, 19u);
  EXPECT_NE(long_junk.error().message.find('"' + std::string(40, 'j') + "...\""), std::string::npos)
      << long_junk.error().message;
  // The separator's own single spaces, and names with spaces and " : ", are fine.
  auto fine = kin::parse_iomem<kin::singly_hook<>>("00000000-00000fff : junk here : Reserved\n");
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->at_line(1).name, "junk here : Reserved");
}

TEST(IomemParse, NotInKernelFormIsAcceptedWarnedAndPrintedCanonically) {
  const char* text = "00000000-00000FFF : upper\n"
                     "1000-1fff : short\n"
                     "000000002000-000000002fff : long\n"
                     "100000000-1ffffffff : wide is fine\n"
                     "200000000-200000fff : no newline";
  auto parsed = kin::parse_iomem<kin::compact_hook<>>(text);
  ASSERT_TRUE(parsed);
  const auto& w = parsed->warnings();
  ASSERT_EQ(w.size(), 4u);
  EXPECT_EQ(w[0].line, 1u);
  EXPECT_NE(w[0].message.find("uppercase"), std::string::npos);
  EXPECT_EQ(w[1].line, 2u);
  EXPECT_NE(w[1].message.find("zero-padded"), std::string::npos);
  EXPECT_EQ(w[2].line, 3u);
  EXPECT_EQ(w[3].line, 5u);
  EXPECT_NE(w[3].message.find("no newline"), std::string::npos);
  for (const auto& d : w) EXPECT_EQ(d.kind, kin::iomem_diagnostic_kind::not_kernel_form);
  EXPECT_TRUE(parsed->well_formed());
  EXPECT_EQ(round_trip<kin::compact_hook<>>(text), "00000000-00000fff : upper\n"
                                                 "00001000-00001fff : short\n"
                                                 "00002000-00002fff : long\n"
                                                 "100000000-1ffffffff : wide is fine\n"
                                                 "200000000-200000fff : no newline\n");
}

TEST(IomemParse, NamesAreEverythingAfterTheFirstSeparatorUntrimmed) {
  const char* text = "00000000-00000fff : a : b  \n"
                     "00001000-00001fff : \n"
                     "00002000-00002fff : <BAD>\n";
  auto parsed = kin::parse_iomem<kin::singly_hook<>>(text);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->at_line(1).name, "a : b  ");
  EXPECT_EQ(parsed->at_line(2).name, "");
  EXPECT_NE(parsed->at_line(2).name.data(), nullptr); // empty, not absent
  EXPECT_EQ(parsed->at_line(3).name.data(), nullptr); // absent
  EXPECT_EQ(round_trip<kin::singly_hook<>>(text), text);
}

TEST(IomemParse, KernelInvariantViolationsAreWarningsAndRoundTrip) {
  // A child outside its parent; a sibling overlapping the previous one; a
  // zero line among non-zero siblings (both at once).
  const std::string text = "00001000-00001fff : parent\n"
                           "  00003000-00003fff : outside\n"
                           "00002000-00002fff : a\n"
                           "00002800-00004fff : overlaps a\n"
                           "00005000-00005fff : parent2\n"
                           "  00005000-000050ff : fine\n"
                           "  00000000-00000000 : zero\n";
  auto parsed = kin::parse_iomem<kin::list_hook<>>(text);
  ASSERT_TRUE(parsed);
  std::vector<std::pair<std::size_t, kin::iomem_diagnostic_kind>> got;
  for (const auto& w : parsed->warnings()) got.push_back({w.line, w.kind});
  using K = kin::iomem_diagnostic_kind;
  EXPECT_EQ(got, (std::vector<std::pair<std::size_t, K>>{
                     {2, K::outside_parent}, {4, K::overlaps_previous}, {7, K::outside_parent}, {7, K::overlaps_previous}}));
  EXPECT_FALSE(parsed->well_formed());
  EXPECT_EQ(round_trip<kin::list_hook<>>(text), text);
}

TEST(IomemParse, AllZeroListingGetsOneNoticeAndRoundTrips) {
  // What a reader without CAP_SYS_ADMIN sees: a real listing, zeroed.
  std::string text = read_file(fs::path(KIN_TEST_DATA_DIR) / "iomem" / "x86-lenovo-laptop-jailhouse.txt");
  std::string zeroed;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const auto indent = line.find_first_not_of(' ');
    zeroed += line.substr(0, indent) + "00000000-00000000" + line.substr(line.find(" : ")) + "\n";
  }
  auto parsed = kin::parse_iomem<kin::compact_hook<>>(zeroed);
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->all_addresses_zero());
  EXPECT_TRUE(parsed->warnings().empty());
  ASSERT_EQ(parsed->notices().size(), 1u);
  EXPECT_EQ(parsed->notices()[0].kind, kin::iomem_diagnostic_kind::all_addresses_zero);
  EXPECT_EQ(round_trip<kin::compact_hook<>>(zeroed), zeroed);
  // The nesting is still real.
  using R = kin::iomem_tree<kin::compact_hook<>>::traits;
  EXPECT_EQ(kin::child_count<R>(&parsed->at_line(5)), 4u); // "Reserved" with its four children
}

TYPED_TEST(Iomem, CapFlattensDeepNodesAndParsingReNestsThem) {
  using R = typename kin::iomem_tree<TypeParam>::traits;
  // A chain eight deep (node d is [d*0x10, 0xfff - d*0x100]), then a second
  // child of the depth-6 node after its first child's subtree, and a second
  // child of the top node: well formed, and deeper than either cap.
  std::vector<spec> specs;
  for (int d = 0; d < 8; ++d)
    specs.push_back({d - 1, static_cast<std::uint64_t>(d) * 0x10, 0xfff - static_cast<std::uint64_t>(d) * 0x100, kMem});
  specs.push_back({5, 0xa00, 0xa7f, kMem});
  specs.push_back({0, 0xf00, 0xfff, kMem});
  resource_forest<TypeParam> f(specs);
  ASSERT_TRUE(kin::resource_check<R>(f.root()));
  for (unsigned cap : {5u, 4u}) {
    SCOPED_TRACE(cap);
    const std::string flat = kin::iomem_to_text<R>(f.root(), {cap, 8});
    // No line is indented deeper than the cap.
    std::istringstream in(flat);
    for (std::string line; std::getline(in, line);) EXPECT_LE(line.find_first_not_of(' '), 2 * cap);
    auto parsed = kin::parse_iomem<TypeParam>(flat, {cap, 8});
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(parsed->warnings().empty());
    EXPECT_TRUE(parsed->well_formed());
    // Re-nested: the same depths as the original tree, and the same bytes.
    std::vector<std::size_t> depths, original;
    for (auto& n : kin::descendants<R>(&parsed->root())) depths.push_back(kin::depth<R>(&n));
    for (auto& n : kin::descendants<R>(f.root())) original.push_back(kin::depth<R>(&n));
    EXPECT_EQ(depths, original);
    EXPECT_EQ(kin::iomem_to_text<R>(&parsed->root(), {cap, 8}), flat);
  }
}

TEST(IomemParse, DeeperThanTheCapIsWarned) {
  const char* text = "00000000-0000ffff : a\n"
                     "  00000000-00000fff : b\n"
                     "    00000000-000000ff : c\n";
  auto parsed = kin::parse_iomem<kin::compact_hook<>>(text, {1, 8});
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->warnings().size(), 1u);
  EXPECT_EQ(parsed->warnings()[0].kind, kin::iomem_diagnostic_kind::deeper_than_cap);
  EXPECT_EQ(parsed->warnings()[0].line, 3u);
}

TEST(IomemFlags, InferredFromNamesByTheReferenceTable) {
  struct row {
    const char* name;
    std::uint64_t start, flags;
    int desc;
  };
  const std::uint64_t mem = kin::ioresource_mem, busy = kin::ioresource_busy, ram = kRam;
  const row rows[] = {
      {"System RAM", 0x1000, 0x81000200, 0},
      {"System RAM (kmem)", 0x100000000, 0x83000200, 0},
      {"System RAM (virtio_mem)", 0x100000000, ram | kin::ioresource_sysram_driver_managed, 0},
      {"Kernel code", 0x1000000, ram, 0},
      {"Kernel rodata", 0x1000000, ram, 0},
      {"Kernel data", 0x1000000, ram, 0},
      {"Kernel bss", 0x1000000, ram, 0},
      {"Crash kernel", 0x6fe00000, ram, kin::iores_desc_crash_kernel},
      {"Reserved", 0x0, mem | busy, kin::iores_desc_reserved},
      {"Reserved", 0x100000, mem, kin::iores_desc_reserved},
      {"reserved", 0x40000000, mem | busy, 0},
      {"ACPI Tables", 0x7ce7e000, mem | busy, kin::iores_desc_acpi_tables},
      {"ACPI Non-volatile Storage", 0x7ae7e000, mem | busy, kin::iores_desc_acpi_nv_storage},
      {"Persistent Memory", 0x100000000, mem | busy, kin::iores_desc_persistent_memory},
      {"Persistent Memory (legacy)", 0x100000000, mem, kin::iores_desc_persistent_memory_legacy},
      {"Persistent Memory (legacy)", 0x1000, mem | busy, kin::iores_desc_persistent_memory_legacy},
      {"Soft Reserved", 0x100000000, mem, kin::iores_desc_soft_reserved},
      {"RAM buffer", 0x9fc00, mem | busy, 0},
      {"CXL Window 0", 0x1000000000, mem, kin::iores_desc_cxl},
      {"PCI Bus 0000:00", 0xc0000000, mem, 0},
      {"System RAM(kmem)", 0x1000, mem, 0}, // not the kernel's form of driver RAM
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.name);
    const auto got = kin::iomem_flags_for_name(r.name, r.start);
    EXPECT_EQ(got.flags, r.flags);
    EXPECT_EQ(got.desc, r.desc);
  }
}

TYPED_TEST(Iomem, MirroredPrintIsEachLevelBackwards) {
  const std::string text = "00000000-00000fff : a\n"
                           "  00000000-000000ff : a1\n"
                           "  00000100-000001ff : a2\n"
                           "00001000-00001fff : b\n";
  auto parsed = kin::parse_iomem<TypeParam>(text);
  ASSERT_TRUE(parsed);
  std::string out;
  ASSERT_TRUE(kin::print_iomem_mirrored<typename kin::iomem_tree<TypeParam>::traits>(kin::string_sink{out},
                                                                                    &parsed->root()));
  EXPECT_EQ(out, "00001000-00001fff : b\n"
                 "00000000-00000fff : a\n"
                 "  00000100-000001ff : a2\n"
                 "  00000000-000000ff : a1\n");
}

} // namespace iomem_test

namespace iomem_test {

// Random byte edits of real listings: the parser never crashes or reads out
// of bounds (ASan watches), and whatever it accepts prints canonically, and
// that canonical text parses back to itself with no "not in kernel form"
// warning left. KIN_TEST_SCALE multiplies the rounds.
TEST(IomemFuzz, MutatedListingsNeverCrashAndCanonicalFormIsAFixedPoint) {
  const auto files = real_listings();
  std::vector<std::string> texts;
  for (const auto& f : files) texts.push_back(read_file(f));
  const int rounds = 20000 * static_cast<int>(kin_test::scale());
  int accepted = 0, rejected = 0;
  using R = kin::iomem_tree<kin::compact_hook<>>::traits;
  for (int round = 0; round < rounds; ++round) {
    const unsigned seed = 0xf022u + static_cast<unsigned>(round);
    std::mt19937 rng(seed);
    std::string text = texts[rng() % texts.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    static constexpr char alphabet[] = "0123456789abcdefABCDEF- :\n\t\r\x7fx ";
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t at = rng() % text.size();
      const char c = alphabet[rng() % (sizeof alphabet - 1)];
      switch (rng() % 3) {
      case 0: text[at] = c; break;
      case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
      default: text.erase(at, 1 + rng() % 3); break;
      }
    }
    auto parsed = kin::parse_iomem<kin::compact_hook<>>(text);
    if (!parsed) {
      ++rejected;
      ASSERT_GE(parsed.error().line, 1u) << "seed " << seed;
      ASSERT_FALSE(parsed.error().message.empty());
      continue;
    }
    ++accepted;
    ASSERT_TRUE(kin::verify<R>(&parsed->root())) << "seed " << seed;
    const std::string canonical = kin::iomem_to_text<R>(&parsed->root());
    auto again = kin::parse_iomem<kin::compact_hook<>>(canonical);
    ASSERT_TRUE(again) << "seed " << seed << ": " << again.error().message;
    ASSERT_EQ(kin::iomem_to_text<R>(&again->root()), canonical) << "seed " << seed;
    for (const auto& w : again->warnings())
      ASSERT_NE(w.kind, kin::iomem_diagnostic_kind::not_kernel_form) << "seed " << seed << ": " << w.message;
  }
  EXPECT_GT(accepted, rounds / 10);
  EXPECT_GT(rejected, rounds / 10);
}

} // namespace iomem_test

namespace iomem_test {

// Any cap and width print without a fixed-size buffer to overflow.
TEST(IomemPrint, WideAndDeepLinesPrintWhole) {
  const std::string text = "00000000-0000ffff : a\n  00001000-00001fff : b\n    00001000-000010ff : c\n";
  auto parsed = kin::parse_iomem<kin::compact_hook<>>(text);
  ASSERT_TRUE(parsed.has_value());
  kin::iomem_options o;
  o.width = 50;
  o.cap = 64;
  const std::string out = kin::iomem_to_text<kin::iomem_tree<kin::compact_hook<>>::traits>(&parsed->root(), o);
  const std::string zeros46(46, '0');
  EXPECT_EQ(out, zeros46 + "0000-" + zeros46 + "ffff : a\n  " + zeros46 + "1000-" + zeros46 + "1fff : b\n    " +
                     zeros46 + "1000-" + zeros46 + "10ff : c\n");
}

// A tree of checked hooks unlinks its nodes before it frees them: no
// "destroyed while linked" report.
TEST(IomemParse, CheckedHooksAreUnlinkedBeforeTheyAreFreed) {
  using hook = kin::checked_hook<kin::singly_hook<>>;
  std::string text;
  for (unsigned i = 0; i < 200; ++i) {
    char line[80];
    std::snprintf(line, sizeof line, "%08x-%08x : a\n  %08x-%08x : b\n", i * 0x1000, i * 0x1000 + 0xfff,
                  i * 0x1000, i * 0x1000 + 0xff);
    text += line;
  }
  {
    auto parsed = kin::parse_iomem<hook>(text);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->size(), 400u);
  } // destroyed here; a linked checked hook would abort the test
}

// Also the nodes a caller detached from the root with their subtrees
// (release_resource keeps a subtree attached to its node), on every layout.
template <class Hook>
void free_after_detaching() {
  using hook = kin::checked_hook<Hook>;
  auto parsed = kin::parse_iomem<hook>("00000000-00000fff : a\n  00000000-000000ff : b\n    00000000-0000000f : c\n"
                                       "00001000-00001fff : d\n  00001000-000010ff : e\n");
  ASSERT_TRUE(parsed.has_value());
  using R = typename kin::iomem_tree<hook>::traits;
  kin::unlink<R>(&parsed->at_line(1)); // a, with b and c
  kin::unlink<R>(&parsed->at_line(5)); // e
  EXPECT_EQ(kin::parent<R>(&parsed->at_line(2)), &parsed->at_line(1));
} // destroyed: a linked checked hook would abort the test

TEST(IomemParse, DetachedSubtreesOfCheckedHooksAreUnlinkedToo) {
  free_after_detaching<kin::singly_hook<>>();
  free_after_detaching<kin::list_hook<>>();
  free_after_detaching<kin::compact_hook<>>();
}

} // namespace iomem_test

namespace iomem_test {

// A listing 10^5 levels deep, written with the indentation capped: line i
// is at level min(i, 5) and inside line i - 1, so the cap rule re-nests it
// as its child; then one more top-level line. Printed mirrored, that line
// comes first and the chain follows as written: one pass, the depth carried
// along the walk (no per-line climb to the root, which made singly linked
// trees quadratic: over a minute at this size).
TYPED_TEST(Iomem, DeepCappedChainPrintsMirroredInOnePass) {
  constexpr std::size_t kDeep = 100000;
  std::string chain;
  chain.reserve(kDeep * 40);
  for (std::size_t i = 0; i < kDeep; ++i) {
    char line[80];
    std::snprintf(line, sizeof line, "%*s%08zx-%010llx : n%zu\n", static_cast<int>(2 * std::min<std::size_t>(i, 5)),
                  "", i, 0xffffffffffULL - i, i);
    chain += line;
  }
  const std::string last = "10000000000-10000000fff : top\n";
  auto parsed = kin::parse_iomem<TypeParam>(chain + last);
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->warnings().empty());
  EXPECT_TRUE(parsed->well_formed());
  using R = typename kin::iomem_tree<TypeParam>::traits;
  EXPECT_EQ(kin::depth<R>(&parsed->at_line(kDeep)), kDeep); // re-nested all the way down
  std::string out;
  ASSERT_TRUE(kin::print_iomem_mirrored<R>(kin::string_sink{out}, &parsed->root()));
  EXPECT_EQ(static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')), kDeep + 1);
  ASSERT_EQ(out.substr(0, last.size()), last);
  EXPECT_EQ(out.substr(last.size()), chain);
  EXPECT_TRUE(out.ends_with("\n          0001869e-fffffe7961 : n99998\n          0001869f-fffffe7960 : n99999\n"));
  EXPECT_EQ(kin::iomem_to_text<R>(&parsed->root()), chain + last);
}

} // namespace iomem_test

// ---- Out of memory at every allocation of a parse: always a parse_error,
// never an exception (parse_iomem is noexcept: an escape would end the
// test program). This test program's global operator new
// (resource/fail_allocation.cpp) fails on request: the n-th allocation
// after arming, once or from then on.
namespace iomem_test {
extern std::atomic<long> g_allocations_left; // -1: disarmed
extern std::atomic<bool> g_fail_from_then_on;
} // namespace iomem_test

namespace iomem_test {

TEST(IomemParse, OutOfMemoryAnywhereIsAParseErrorWithItsLine) {
  // Warnings on lines 1, 2 and 4 (not in kernel form, outside its parent,
  // overlapping); then an all-zero listing (a notice); then a rejected one
  // (its message); then a clean one.
  const std::string anomalous = "00001000-00001FFF : parent\n"
                                "  00003000-00003fff : outside\n"
                                "00002000-00002fff : a\n"
                                "00002800-00004fff : overlaps a with a long name to leave the small buffer\n";
  const std::string zero = "00000000-00000000 : a\n  00000000-00000000 : b\n";
  const std::string rejected = "00000000-00000fff : a\n0000000g-00000fff : a name\n";
  const std::string clean = "00000000-00000fff : a\n";
  for (bool from_then_on : {false, true}) {
    for (const std::string* text : {&anomalous, &zero, &rejected, &clean}) {
      SCOPED_TRACE(*text);
      SCOPED_TRACE(from_then_on ? "every allocation from the n-th fails" : "the n-th allocation fails");
      std::set<std::size_t> failed_lines;
      bool completed = false;
      for (long n = 0; n < 1000 && !completed; ++n) {
        g_fail_from_then_on = from_then_on;
        g_allocations_left = n;
        auto parsed = kin::parse_iomem<kin::list_hook<>>(*text);
        g_allocations_left = -1;
        g_fail_from_then_on = false;
        if (parsed) {
          completed = true;
          EXPECT_EQ(kin::iomem_to_text<kin::iomem_tree<kin::list_hook<>>::traits>(&parsed->root()),
                    text == &anomalous ? std::string("00001000-00001fff : parent\n") + anomalous.substr(27) : *text);
          continue;
        }
        const auto& e = parsed.error();
        if (text == &rejected && e.message.find("out of memory") == std::string::npos) {
          // The rejection itself, worded, once its message could be stored.
          EXPECT_EQ(e.line, 2u);
          EXPECT_EQ(e.column, 8u);
          EXPECT_EQ(e.message, "bad hex: unexpected 'g' in the start address");
          completed = true;
          continue;
        }
        EXPECT_NE(e.message.find("out of memory"), std::string::npos) << n << ": " << e.message;
        // Up front (nodes, text, bookkeeping) and the notice: no position;
        // a warning: its line, column 1; a rejection: its own position.
        if (e.line == 0) {
          EXPECT_EQ(e.column, 0u);
        } else if (text == &rejected) {
          EXPECT_EQ(e.line, 2u);
          EXPECT_EQ(e.column, 8u);
        } else {
          EXPECT_EQ(e.column, 1u);
          failed_lines.insert(e.line);
        }
      }
      EXPECT_TRUE(completed);
      if (text == &anomalous) {
        // Each warning's allocations fail at its own line.
        EXPECT_EQ(failed_lines, (std::set<std::size_t>{1, 2, 4}));
      } else {
        EXPECT_TRUE(failed_lines.empty());
      }
    }
  }
}

} // namespace iomem_test
