// SPDX-License-Identifier: BSL-1.0
// kin::kexec_place by hand: every rule of the reference notes (sections 5 to
// 8) on small /proc/iomem maps, under each rule set and on every layout,
// with the expected addresses worked out in the comments: normalisation,
// alignment, min/max, the whole-range size filter, driver-managed RAM, no
// merging, collisions with earlier segments, the one-byte-low first
// candidate of 6.7/4.18, walk orders, 4.18's top-level walk, crash mode,
// the 64 TiB cap, wrap-around, kexec-tools' locate_hole, and the explain
// callback's events.
#include "test_support.hpp"

#include <kin/adapters/iomem.hpp>
#include <kin/adapters/kexec.hpp>
#include <kin/kin.hpp>

#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace kexec_test {

using kin::kexec_direction;
using kin::kexec_error;
using kin::kexec_rules;
using kin::kexec_span;
using kin::kexec_verdict;
using spans = std::vector<kexec_span>;

constexpr std::uint64_t KiB = 1024, MiB = 1024 * KiB;
constexpr auto top = kexec_direction::top_down;
constexpr auto bottom = kexec_direction::bottom_up;
// In an expectation: the request finds no hole (never a start: not page-aligned).
constexpr std::uint64_t no_hole = UINT64_MAX;

constexpr std::array<kexec_rules, 5> all_rules = {kexec_rules::linux_6_12, kexec_rules::linux_6_8,
                                                  kexec_rules::linux_6_7, kexec_rules::linux_4_18,
                                                  kexec_rules::kexec_tools};
// One expected start per rule set, in all_rules' order: 6.12, 6.8, 6.7, 4.18, kexec-tools.
using per_rules = std::array<std::uint64_t, 5>;
constexpr per_rules all(std::uint64_t v) { return {v, v, v, v, v}; }

std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

template <class Hook>
kin::iomem_tree<Hook> load(std::string_view text) {
  auto parsed = kin::parse_iomem<Hook>(text);
  if (!parsed) ADD_FAILURE() << "the map does not parse: " << parsed.error().message;
  return std::move(parsed).value();
}

kin::kexec_request req(std::uint64_t size, std::uint64_t align = 4096, kexec_direction d = top, std::uint64_t min = 0,
                       std::uint64_t max = UINT64_MAX) {
  return {size, align, min, max, d};
}

template <class Hook>
kin::kexec_placement place(const kin::iomem_tree<Hook>& t, const kin::kexec_request& r, std::span<const kexec_span> placed,
                           kexec_rules rules, bool crash = false) {
  return kin::kexec_place<typename kin::iomem_tree<Hook>::traits>(&t.root(), r, placed, rules, crash);
}

// The request under each rule set: placed at the expected start (a span of
// memsz bytes), or no hole.
template <class Hook>
void expect_starts(const kin::iomem_tree<Hook>& t, const kin::kexec_request& r, std::span<const kexec_span> placed,
                   per_rules want, bool crash = false) {
  for (std::size_t i = 0; i < all_rules.size(); ++i) {
    SCOPED_TRACE(std::string("rules ") + std::string(kin::kexec_rules_name(all_rules[i])) + (crash ? " crash" : ""));
    const kin::kexec_placement p = place(t, r, placed, all_rules[i], crash);
    if (want[i] == no_hole) {
      EXPECT_EQ(p.error, kexec_error::no_hole) << "placed at " << hex(p.span.start);
      continue;
    }
    EXPECT_EQ(p.error, kexec_error::none);
    EXPECT_EQ(hex(p.span.start), hex(want[i]));
    EXPECT_EQ(hex(p.span.end), hex(want[i] + p.memsz - 1));
  }
}

template <class Hook>
void expect_error(const kin::iomem_tree<Hook>& t, const kin::kexec_request& r, kexec_error e, bool crash = false) {
  for (kexec_rules rules : all_rules) {
    SCOPED_TRACE(std::string("rules ") + std::string(kin::kexec_rules_name(rules)));
    EXPECT_EQ(place(t, r, {}, rules, crash).error, e);
  }
}

// A recorded explain event, comparable.
struct event {
  std::uint64_t range_start, range_end;
  kexec_verdict verdict;
  std::size_t segment = 0;
  std::uint64_t tried = 0, jumped_to = 0;
  bool operator==(const event&) const = default;
};
std::ostream& operator<<(std::ostream& os, const event& e) {
  return os << "{[" << hex(e.range_start) << ", " << hex(e.range_end) << "] verdict " << static_cast<int>(e.verdict)
            << " seg " << e.segment << " tried " << hex(e.tried) << " jumped_to " << hex(e.jumped_to) << "}";
}

template <class Hook>
class KexecPlace : public ::testing::Test {};
TYPED_TEST_SUITE(KexecPlace, kin_test::all_hooks, kin_test::hook_names);

constexpr std::string_view one_range = "00100000-00ffffff : System RAM\n"; // [1 MiB, 16 MiB)

// Size rounded up to a page, alignment raised to a page, and the four
// request errors (every rule set normalises the same way).
TYPED_TEST(KexecPlace, Normalisation) {
  const auto t = load<TypeParam>(one_range);
  for (kexec_rules rules : all_rules) {
    SCOPED_TRACE(std::string(kin::kexec_rules_name(rules)));
    auto p = place(t, req(1, 1), {}, rules);
    EXPECT_EQ(p.memsz, 0x1000u);
    EXPECT_EQ(p.align, 0x1000u);
    p = place(t, req(0x1001, 16), {}, rules);
    EXPECT_EQ(p.memsz, 0x2000u);
    EXPECT_EQ(p.align, 0x1000u);
    p = place(t, req(0x2000, 0x200000), {}, rules);
    EXPECT_EQ(p.memsz, 0x2000u);
    EXPECT_EQ(p.align, 0x200000u);
    // The largest size that rounds without wrapping: normalised, then too big.
    p = place(t, req(UINT64_MAX - 0xfff), {}, rules);
    EXPECT_EQ(p.error, kexec_error::no_hole);
    EXPECT_EQ(hex(p.memsz), hex(0xfffffffffffff000));
    // Alignment 2^63 is a power of two: accepted, and nothing is aligned to it here.
    p = place(t, req(0x1000, std::uint64_t{1} << 63), {}, rules);
    EXPECT_EQ(p.error, kexec_error::no_hole);
    EXPECT_EQ(hex(p.align), hex(std::uint64_t{1} << 63));
    p = place(t, req(0x1000, std::uint64_t{1} << 63, bottom), {}, rules);
    EXPECT_EQ(p.error, kexec_error::no_hole);
  }
  // Size 1 and size 0x1001 under each rule set: one page and two pages,
  // top-down from 0xffffff: 6.12/6.8 0x1000000 - memsz; 6.7/4.18 one byte
  // lower, so one page lower; kexec-tools as 6.12.
  expect_starts(t, req(1, 1), {}, {0xfff000, 0xfff000, 0xffe000, 0xffe000, 0xfff000});
  expect_starts(t, req(0x1001, 16), {}, {0xffe000, 0xffe000, 0xffd000, 0xffd000, 0xffe000});
  expect_starts(t, req(1, 1, bottom), {}, all(0x100000));
  // The errors.
  expect_error(t, req(0), kexec_error::zero_size);
  expect_error(t, req(0, 3), kexec_error::zero_size); // the size is checked first
  expect_error(t, req(UINT64_MAX), kexec_error::size_overflows);
  expect_error(t, req(UINT64_MAX - 0xffe), kexec_error::size_overflows); // 2^64 - 0xfff rounds to 2^64
  expect_error(t, req(0x1000, 0), kexec_error::bad_alignment);
  expect_error(t, req(0x1000, 3), kexec_error::bad_alignment);
  expect_error(t, req(0x1000, 0x3000), kexec_error::bad_alignment);
  expect_error(t, req(0x1000, 0x1000, top, 0x200001, 0x200000), kexec_error::min_above_max);
  expect_error(t, req(0x1000, 0x1000, bottom, UINT64_MAX, 0), kexec_error::min_above_max);
  // min == max is a request (no page fits in one byte).
  expect_starts(t, req(0x1000, 0x1000, top, 0x200000, 0x200000), {}, all(no_hole));
  expect_starts(t, req(0x1000, 0x1000, bottom, 0x200000, 0x200000), {}, all(no_hole));
}

// Alignment: top-down aligns the first candidate down, bottom-up the floor up.
TYPED_TEST(KexecPlace, Alignment) {
  const auto t = load<TypeParam>("00100000-04ffffff : System RAM\n");
  // 6.12: 0x4ffffff - 0x3000 + 1 = 0x4ffd000, down to 2 MiB: 0x4e00000;
  // 6.7: 0x4ffcfff, down to 0x4e00000 too; kexec-tools: end - size + 1 = 0x4ffd000, down.
  expect_starts(t, req(0x3000, 2 * MiB), {}, all(0x4e00000));
  expect_starts(t, req(0x3000, 4 * MiB), {}, all(0x4c00000));
  expect_starts(t, req(0x3000, 2 * MiB, bottom), {}, all(0x200000)); // 0x100000 up to 2 MiB
  expect_starts(t, req(0x3000, 4 * MiB, bottom), {}, all(0x400000));
  // min is aligned up too.
  expect_starts(t, req(0x3000, 2 * MiB, bottom, 0x200001), {}, all(0x400000));
  // max 0x4ffffff - 1 MiB: 6.12 0x4effffff - 0x2fff = 0x4efd000 -> 0x4e00000; 6.7 0x4efcfff -> 0x4e00000.
  expect_starts(t, req(0x3000, 2 * MiB, top, 0, 0x4efffff), {}, all(0x4e00000));
  // max 0x4e01fff: 6.12 0x4dff000 -> 0x4c00000 (the span would end past max at 0x4e00000).
  expect_starts(t, req(0x3000, 2 * MiB, top, 0, 0x4e01fff), {}, all(0x4c00000));
}

// 6.7 and 4.18 start top-down at ceiling - memsz: one alignment unit lower
// whenever ceiling + 1 - memsz is already aligned, the same otherwise.
TYPED_TEST(KexecPlace, OneByteLowFirstCandidate) {
  const auto t = load<TypeParam>("00100000-04ffffff : System RAM\n");
  // 0x5000000 - 2 MiB = 0x4e00000 is 2 MiB-aligned: 6.7/4.18 take 0x4dfffff -> 0x4c00000.
  expect_starts(t, req(2 * MiB, 2 * MiB), {}, {0x4e00000, 0x4e00000, 0x4c00000, 0x4c00000, 0x4e00000});
  // Page alignment: one page lower.
  expect_starts(t, req(0x3000), {}, {0x4ffd000, 0x4ffd000, 0x4ffc000, 0x4ffc000, 0x4ffd000});
  // Ceiling max = 0x4fff7ff: 0x4ffc800 and 0x4ffc7ff both align down to 0x4ffc000.
  expect_starts(t, req(0x3000, 0x1000, top, 0, 0x4fff7ff), {}, all(0x4ffc000));
  // A range exactly memsz long never fits under 6.7/4.18 top-down:
  // 0x1fffff - 1 MiB = 0xfffff -> 0xff000, below the range.
  const auto exact = load<TypeParam>("00100000-001fffff : System RAM\n");
  expect_starts(exact, req(MiB), {}, {0x100000, 0x100000, no_hole, no_hole, 0x100000});
  expect_starts(exact, req(MiB, 0x1000, bottom), {}, all(0x100000));
}

// Range order: 6.12/6.8 top-down highest range first (the reverse walk),
// 6.7/4.18 lowest first even for top-down; bottom-up lowest first.
TYPED_TEST(KexecPlace, WalkOrder) {
  const auto t = load<TypeParam>("00001000-0009ffff : System RAM\n00100000-00ffffff : System RAM\n");
  // 6.7: 0x9ffff - 0x3000 = 0x9cfff -> 0x9c000 in the low range.
  expect_starts(t, req(0x3000), {}, {0xffd000, 0xffd000, 0x9c000, 0x9c000, 0xffd000});
  expect_starts(t, req(0x3000, 0x1000, bottom), {}, all(0x1000));
  expect_starts(t, req(0x3000, 0x1000, bottom, 0x3000), {}, all(0x3000));
  expect_starts(t, req(0x3000, 0x1000, bottom, 0xa0000), {}, all(0x100000));
  // Three ranges, the middle one too small: 6.7 skips it and the first.
  const auto three = load<TypeParam>(
      "00001000-00001fff : System RAM\n00002000-00002fff : Reserved\n00003000-00003fff : System RAM\n"
      "00100000-001fffff : System RAM\n");
  expect_starts(three, req(0x2000), {}, {0x1fe000, 0x1fe000, 0x1fd000, 0x1fd000, 0x1fe000});
  // One page: 6.7's first range [0x1000, 0x1fff]: 0x1fff - 0x1000 = 0xfff -> 0, below it; the
  // second: 0x3fff - 0x1000 -> 0x2000, below it; the third: 0x1fefff -> 0x1fe000.
  expect_starts(three, req(0x1000), {}, {0x1ff000, 0x1ff000, 0x1fe000, 0x1fe000, 0x1ff000});
  expect_starts(three, req(0x1000, 0x1000, bottom), {}, all(0x1000));
}

// min and max are inclusive; a range ending below min or starting above max
// is skipped.
TYPED_TEST(KexecPlace, MinAndMaxInclusive) {
  const auto t = load<TypeParam>(one_range);
  expect_starts(t, req(0x1000, 0x1000, top, 0, 0x1fffff), {}, {0x1ff000, 0x1ff000, 0x1fe000, 0x1fe000, 0x1ff000});
  // The span may start at min (6.7's first candidate is already below it).
  expect_starts(t, req(0x1000, 0x1000, top, 0xfff000), {}, {0xfff000, 0xfff000, no_hole, no_hole, 0xfff000});
  expect_starts(t, req(0x1000, 0x1000, top, 0xfff001), {}, all(no_hole));
  // The span may end at max.
  expect_starts(t, req(0x1000, 0x1000, bottom, 0, 0x100fff), {}, all(0x100000));
  expect_starts(t, req(0x1000, 0x1000, bottom, 0, 0x100ffe), {}, all(no_hole));
  expect_starts(t, req(0x1000, 0x1000, bottom, 0x200001), {}, all(0x201000));
  // min..max exactly one page.
  expect_starts(t, req(0x1000, 0x1000, top, 0x300000, 0x300fff), {}, {0x300000, 0x300000, no_hole, no_hole, 0x300000});
  expect_starts(t, req(0x1000, 0x1000, bottom, 0x300000, 0x300fff), {}, all(0x300000));

  const auto two = load<TypeParam>("00001000-0009ffff : System RAM\n00100000-00ffffff : System RAM\n");
  // The high range starts above max: skipped; 6.7 takes the low range first anyway.
  expect_starts(two, req(0x1000, 0x1000, top, 0, 0xfffff), {}, {0x9f000, 0x9f000, 0x9e000, 0x9e000, 0x9f000});
  // The low range ends below min: skipped.
  expect_starts(two, req(0x1000, 0x1000, bottom, 0xa0000), {}, all(0x100000));
  // The low range ends at min: not skipped, but 0x9ffff aligns up to 0xa0000, past it.
  expect_starts(two, req(0x1000, 0x1000, bottom, 0x9ffff), {}, all(0x100000));
  expect_starts(two, req(0x1000, 0x1000, bottom, 0x9f000), {}, all(0x9f000));
}

// The size filter looks at the whole range, not at its part inside
// [min, max]: a range whose clipped part is too small is still searched
// (and with a range at 0 and a max just above its start the candidate wraps
// and is taken), while a range that is too small as a whole is skipped.
TYPED_TEST(KexecPlace, WholeRangeSizeFilter) {
  const auto big = load<TypeParam>("00000000-003fffff : System RAM\n");
  // max 0x1fff, three pages: 6.12 0x1fff - 0x2fff = 2^64 - 0x1000 (aligned,
  // >= 0, no segment): taken, wrapping to end at 0x1fff. 6.7: 0x1fff - 0x3000
  // = 2^64 - 0x1001 -> 2^64 - 0x2000, wrapping to end at 0xfff. kexec-tools
  // clips first: [0x1000, 0x1fff] is too small.
  const auto r = req(0x3000, 0x1000, top, 0, 0x1fff);
  expect_starts(big, r, {}, {0xfffffffffffff000, 0xfffffffffffff000, 0xffffffffffffe000, 0xffffffffffffe000, no_hole});
  for (kexec_rules rules : {kexec_rules::linux_6_12, kexec_rules::linux_6_7}) {
    const auto p = place(big, r, {}, rules);
    EXPECT_TRUE(p.wraps());
    EXPECT_EQ(hex(p.span.end), hex(rules == kexec_rules::linux_6_12 ? 0x1fff : 0xfff));
    EXPECT_EQ(hex(p.range.start), hex(0));
    EXPECT_EQ(hex(p.range.end), hex(0x3fffff));
  }
  // The same range two pages long as a whole: too small, skipped.
  const auto small = load<TypeParam>("00000000-00001fff : System RAM\n");
  expect_starts(small, r, {}, all(no_hole));

  // The verdicts: clipped too small but whole big enough is "no fit", whole too small is "too small".
  const auto a = load<TypeParam>("00100000-004fffff : System RAM\n");
  const auto b = load<TypeParam>("00100000-00101fff : System RAM\n");
  const auto r2 = req(0x3000, 0x1000, top, 0, 0x101fff);
  for (kexec_rules rules : {kexec_rules::linux_6_12, kexec_rules::linux_6_8, kexec_rules::linux_6_7,
                            kexec_rules::linux_4_18}) {
    SCOPED_TRACE(std::string(kin::kexec_rules_name(rules)));
    std::vector<kexec_verdict> va, vb;
    const auto pa = kin::kexec_place<typename kin::iomem_tree<TypeParam>::traits>(
        &a.root(), r2, {}, rules, false, [&](const kin::kexec_event& e) { va.push_back(e.verdict); });
    const auto pb = kin::kexec_place<typename kin::iomem_tree<TypeParam>::traits>(
        &b.root(), r2, {}, rules, false, [&](const kin::kexec_event& e) { vb.push_back(e.verdict); });
    EXPECT_EQ(pa.error, kexec_error::no_hole);
    EXPECT_EQ(pb.error, kexec_error::no_hole);
    EXPECT_EQ(va, std::vector<kexec_verdict>{kexec_verdict::no_fit});
    EXPECT_EQ(vb, std::vector<kexec_verdict>{kexec_verdict::too_small});
  }
}

// Driver-managed RAM: skipped by 6.12 and 6.7; by 6.8 only bottom-up; never
// by 4.18; kexec-tools never sees it ("System RAM (driver)" is not "System RAM").
TYPED_TEST(KexecPlace, DriverManagedRam) {
  const auto t = load<TypeParam>("00100000-001fffff : System RAM\n01000000-01ffffff : System RAM (driver)\n");
  expect_starts(t, req(0x1000), {}, {0x1ff000, 0x1fff000, 0x1fe000, 0x1fe000, 0x1ff000});
  expect_starts(t, req(0x1000, 0x1000, top, 16 * MiB), {}, {no_hole, 0x1fff000, no_hole, 0x1ffe000, no_hole});
  expect_starts(t, req(0x1000, 0x1000, bottom), {}, all(0x100000));
  expect_starts(t, req(0x1000, 0x1000, bottom, 16 * MiB), {}, {no_hole, no_hole, no_hole, 0x1000000, no_hole});
  // Driver-managed RAM nested under a container (4.18 does not see it: not top-level).
  const auto nested = load<TypeParam>(
      "00100000-001fffff : System RAM\n02000000-02ffffff : CXL Window 0\n  02000000-02ffffff : System RAM (kmem)\n");
  expect_starts(nested, req(0x1000), {}, {0x1ff000, 0x2fff000, 0x1fe000, 0x1fe000, 0x1ff000});
  expect_starts(nested, req(0x1000, 0x1000, bottom, 2 * MiB), {}, all(no_hole));
}

// Adjacent RAM ranges are never merged: each too small alone, no hole.
TYPED_TEST(KexecPlace, NoMergingAcrossRanges) {
  const auto t = load<TypeParam>("00100000-001fffff : System RAM\n00200000-002fffff : System RAM\n");
  expect_starts(t, req(0x180000), {}, all(no_hole));
  expect_starts(t, req(0x180000, 0x1000, bottom), {}, all(no_hole));
  // Control: 1 MiB fits in either (6.7/4.18 top-down: not in an exact-size range).
  expect_starts(t, req(MiB), {}, {0x200000, 0x200000, no_hole, no_hole, 0x200000});
  expect_starts(t, req(MiB, 0x1000, bottom), {}, all(0x100000));
}

// A collision with an earlier segment moves the candidate one alignment unit
// at a time (kin jumps): to the first aligned start whose span clears it.
TYPED_TEST(KexecPlace, CollisionsWithEarlierSegments) {
  const auto t = load<TypeParam>(one_range);
  // 2 MiB aligned to 1 MiB top-down, segment [0xcff000, 0xf3ffff]:
  // 0xe00000, 0xd00000, 0xc00000 and 0xb00000 (span to 0xcfffff) all hit it;
  // 0xa00000 (span to 0xbfffff) clears it. 6.7 starts at 0xdfffff -> 0xd00000,
  // same end. kexec-tools: the free range [0x100000, 0xcfefff] is the highest
  // that fits: 0xcfefff - 0x1fffff = 0xaff000 -> 0xa00000.
  expect_starts(t, req(2 * MiB, MiB), spans{{0xcff000, 0xf3ffff}}, all(0xa00000));
  // Two segments in a chain: [0xe00000, 0xffffff] then [0xc80000, 0xd7ffff].
  expect_starts(t, req(2 * MiB, MiB), spans{{0xe00000, 0xffffff}, {0xc80000, 0xd7ffff}}, all(0xa00000));
  // Bottom-up: [0x100000, 0x2c0fff] in the way: the first 1 MiB-aligned start past it is 0x300000.
  expect_starts(t, req(2 * MiB, MiB, bottom), spans{{0x100000, 0x2c0fff}}, all(0x300000));
  // A segment that is not page-granular: [0xffe800, 0xfff7ff] blocks the top two pages.
  expect_starts(t, req(0x1000), spans{{0xffe800, 0xfff7ff}}, all(0xffd000));
  expect_starts(t, req(0x1000, 0x1000, bottom, 0xffe000), spans{{0xffe800, 0xfff7ff}}, all(no_hole));
  expect_starts(t, req(0x1000, 0x1000, bottom, 0xffd000), spans{{0xffe800, 0xfff7ff}}, all(0xffd000));
  // Free pieces are RAM minus segments (kexec-tools), searched the same way by the kernel:
  // [0x200000, 0x2fffff] and [0x800000, 0xffffff] taken, 3 MiB fits only in [0x300000, 0x7fffff].
  expect_starts(t, req(3 * MiB), spans{{0x200000, 0x2fffff}, {0x800000, 0xffffff}}, all(0x500000));
  expect_starts(t, req(3 * MiB, 0x1000, bottom), spans{{0x200000, 0x2fffff}, {0x800000, 0xffffff}}, all(0x300000));
  // Bottom-up lowest fit past a segment, aligned.
  expect_starts(t, req(MiB, MiB, bottom), spans{{0x100000, 0x17ffff}}, all(0x200000));
  // A segment ending at 2^64 - 1: the exclusive-end test of 6.7/4.18 computes
  // its end + 1 as 0 and never sees an overlap; 6.12/6.8 step below it.
  expect_starts(t, req(0x1000), spans{{0x800000, UINT64_MAX}}, {0x7ff000, 0x7ff000, 0xffe000, 0xffe000, 0x7ff000});
  // A range filled by a segment: the search moves on to the next range.
  const auto two = load<TypeParam>("00100000-004fffff : System RAM\n01000000-013fffff : System RAM\n");
  for (kexec_rules rules : all_rules) {
    const auto p = place(two, req(0x1000), spans{{0x1000000, 0x13fffff}}, rules);
    EXPECT_EQ(hex(p.span.start), hex(rules == kexec_rules::linux_6_7 || rules == kexec_rules::linux_4_18 ? 0x4fe000 : 0x4ff000));
    EXPECT_EQ(hex(p.range.start), hex(0x100000));
    EXPECT_EQ(hex(p.range.end), hex(0x4fffff));
  }
}

// Nested System RAM (under a container) is a range for 6.x and kexec-tools,
// not for 4.18 (top-level only); reserved children of RAM are not avoided.
TYPED_TEST(KexecPlace, NestedSystemRam) {
  const auto t = load<TypeParam>(
      "00100000-001fffff : System RAM\n02000000-02ffffff : CXL Window 0\n  02000000-027fffff : System RAM\n");
  expect_starts(t, req(0x1000), {}, {0x27ff000, 0x27ff000, 0x1fe000, 0x1fe000, 0x27ff000});
  expect_starts(t, req(0x1000, 0x1000, top, 2 * MiB), {}, {0x27ff000, 0x27ff000, 0x27fe000, no_hole, 0x27ff000});
  expect_starts(t, req(0x1000, 0x1000, bottom, 2 * MiB), {}, {0x2000000, 0x2000000, 0x2000000, no_hole, 0x2000000});
  // "Kernel code" inside System RAM is not avoided (and is not a range of its own).
  const auto k = load<TypeParam>("00100000-00ffffff : System RAM\n  00200000-002fffff : Kernel code\n");
  expect_starts(k, req(0x1000, 0x1000, bottom, 2 * MiB), {}, all(0x200000));
  expect_starts(k, req(0x1000, 0x1000, top, 0, 0x2fffff), {}, {0x2ff000, 0x2ff000, 0x2fe000, 0x2fe000, 0x2ff000});
}

// Crash mode: only the main (highest) "Crash kernel" reservation, searched
// with the request's direction inside it; none: no_crash_kernel.
TYPED_TEST(KexecPlace, CrashKernel) {
  const auto one = load<TypeParam>(
      "00100000-3fffffff : System RAM\n  01000000-01ffffff : Kernel code\n  08000000-0fffffff : Crash kernel\n");
  expect_starts(one, req(0x1000), {}, {0xffff000, 0xffff000, 0xfffe000, 0xfffe000, 0xffff000}, true);
  expect_starts(one, req(0x1000, 0x1000, bottom), {}, all(0x8000000), true);
  expect_starts(one, req(0x1000), {}, {0x3ffff000, 0x3ffff000, 0x3fffe000, 0x3fffe000, 0x3ffff000}, false);
  // A segment at the reservation's top: 6.12 0xff00000 hits it, the first
  // start clear of it is 0xf000000 - 1 MiB; 6.7 starts a page lower
  // (0xfeff000) but ends at the same start.
  expect_starts(one, req(MiB), spans{{0xf000000, 0xfffffff}}, all(0xef00000), true);
  expect_starts(one, req(0x1000, 0x1000, bottom, 0x9000000), {}, all(0x9000000), true);
  expect_starts(one, req(0x1000, 0x1000, bottom, 0x10000000), {}, all(no_hole), true);
  expect_starts(one, req(0x1000, 0x1000, top, 0, 0x7ffffff), {}, all(no_hole), true);
  expect_starts(one, req(128 * MiB + 1), {}, all(no_hole), true);
  expect_starts(one, req(128 * MiB, 0x1000, bottom), {}, all(0x8000000), true);

  const auto two = load<TypeParam>(
      "00100000-3fffffff : System RAM\n  08000000-0fffffff : Crash kernel\n"
      "100000000-13fffffff : System RAM\n  130000000-137ffffff : Crash kernel\n");
  expect_starts(two, req(0x1000), {}, {0x137fff000, 0x137fff000, 0x137ffe000, 0x137ffe000, 0x137fff000}, true);
  expect_starts(two, req(0x1000, 0x1000, bottom), {}, all(0x130000000), true);
  // The low reservation is never searched, even when the high one is full.
  expect_starts(two, req(0x1000), spans{{0x130000000, 0x137ffffff}}, all(no_hole), true);
  expect_starts(two, req(0x1000, 0x1000, top, 0, 0xfffffff), {}, all(no_hole), true);
  // Not in crash mode: the reservations are plain RAM children.
  expect_starts(two, req(0x1000), {}, {0x13ffff000, 0x13ffff000, 0x3fffe000, 0x3fffe000, 0x13ffff000}, false);
  for (kexec_rules rules : all_rules) {
    const auto p = place(two, req(0x1000, 0x1000, bottom), {}, rules, true);
    if (rules != kexec_rules::kexec_tools) {
      EXPECT_EQ(hex(p.range.start), hex(0x130000000));
      EXPECT_EQ(hex(p.range.end), hex(0x137ffffff));
    }
  }

  const auto none = load<TypeParam>("00100000-3fffffff : System RAM\n");
  expect_error(none, req(0x1000), kexec_error::no_crash_kernel, true);
  expect_error(none, req(0x1000, 0x1000, bottom), kexec_error::no_crash_kernel, true);
}

// The 64 TiB cap is the caller's: a max of 64 TiB - 1.
TYPED_TEST(KexecPlace, SixtyFourTebibyteCapIsJustAMax) {
  const auto t = load<TypeParam>("00100000-3fffffff : System RAM\n3fff00000000-4000ffffffff : System RAM\n");
  constexpr std::uint64_t cap = (std::uint64_t{64} << 40) - 1; // 0x3fffffffffff
  // 6.12: ceiling 0x3fffffffffff - 2 MiB + 1 = 0x3fffffe00000, ending at the cap.
  // 6.7: the low range first: 0x3fffffff - 2 MiB = 0x3fdfffff -> 0x3fc00000.
  expect_starts(t, req(2 * MiB, 2 * MiB, top, 0, cap), {}, {0x3fffffe00000, 0x3fffffe00000, 0x3fc00000, 0x3fc00000, 0x3fffffe00000});
  // With min 1 GiB the low range is skipped: 6.7 0x3fffffdfffff -> 0x3fffffc00000.
  expect_starts(t, req(2 * MiB, 2 * MiB, top, 0x40000000, cap), {},
                {0x3fffffe00000, 0x3fffffe00000, 0x3fffffc00000, 0x3fffffc00000, 0x3fffffe00000});
  // No cap: the top of RAM.
  expect_starts(t, req(2 * MiB, 2 * MiB), {}, {0x4000ffe00000, 0x4000ffe00000, 0x3fc00000, 0x3fc00000, 0x4000ffe00000});
  expect_starts(t, req(2 * MiB, 2 * MiB, bottom, 0x40000000, cap), {}, all(0x3fff00000000));
  const auto p = place(t, req(2 * MiB, 2 * MiB, top, 0, cap), {}, kexec_rules::linux_6_12);
  EXPECT_EQ(hex(p.span.end), hex(cap));
}

// Wrap-around: a range at 0 with segments at its bottom, top-down: the
// candidate steps from 0 one page down to 2^64 - 0x1000 (mod 2^64), which
// no segment overlaps under the kernel's tests: taken, wrapping.
TYPED_TEST(KexecPlace, WrapAround) {
  const auto t = load<TypeParam>("00000000-0009ffff : System RAM\n");
  const spans seg{{0x0, 0xfff}, {0x2000, 0x9ffff}};
  // Two pages: every start from 0x9e000 down to 0 collides; then 2^64 - 0x1000.
  // kexec-tools: the free range [0x1000, 0x1fff] is one page: no hole.
  expect_starts(t, req(0x2000), seg, {0xfffffffffffff000, 0xfffffffffffff000, 0xfffffffffffff000, 0xfffffffffffff000, no_hole});
  for (kexec_rules rules : {kexec_rules::linux_6_12, kexec_rules::linux_6_8, kexec_rules::linux_6_7, kexec_rules::linux_4_18}) {
    const auto p = place(t, req(0x2000), seg, rules);
    EXPECT_TRUE(p.wraps());
    EXPECT_EQ(hex(p.span.end), hex(0xfff));
    EXPECT_EQ(hex(p.range.end), hex(0x9ffff));
  }
  // 2 MiB alignment: 0 collides, then 0 - 0x1000 aligned down = 2^64 - 2 MiB (no wrap of the span).
  const auto p = place(t, req(0x2000, 2 * MiB), seg, kexec_rules::linux_6_12);
  EXPECT_EQ(hex(p.span.start), hex(0xffffffffffe00000));
  EXPECT_TRUE(p.wraps()); // the span does not wrap, but the search did: it lies outside its range
  // A floor above 0 gives up instead.
  expect_starts(t, req(0x2000, 0x1000, top, 0x1000), seg, all(no_hole));
  // Bottom-up never wraps here.
  expect_starts(t, req(0x2000, 0x1000, bottom), seg, all(no_hole));
  // One page fits in [0x1000, 0x1fff].
  expect_starts(t, req(0x1000), seg, all(0x1000));
  // A max just above the range's start: 6.12 0xfff - 0x1fff = 2^64 - 0x1000 (wraps to end at 0xfff);
  // 6.7 0xfff - 0x2000 -> 2^64 - 0x2000, ending at 2^64 - 1 (no wrap).
  const auto big = load<TypeParam>("00000000-003fffff : System RAM\n");
  const auto r = req(0x2000, 0x1000, top, 0, 0xfff);
  expect_starts(big, r, {}, {0xfffffffffffff000, 0xfffffffffffff000, 0xffffffffffffe000, 0xffffffffffffe000, no_hole});
  EXPECT_TRUE(place(big, r, {}, kexec_rules::linux_6_12).wraps());
  EXPECT_TRUE(place(big, r, {}, kexec_rules::linux_6_7).wraps()); // ends at 2^64 - 1, far above max
  EXPECT_EQ(hex(place(big, r, {}, kexec_rules::linux_6_7).span.end), hex(UINT64_MAX));

  // RAM up to 2^64 - 1, bottom-up: 0xffffffffffc00000 aligned up to 8 MiB
  // wraps to 0, whose span ends at 0xfff, not past the range's end: taken
  // at 0. kexec-tools has no aligned start in the range: no hole.
  const auto high = load<TypeParam>("ffffffffffc00000-ffffffffffffffff : System RAM\n");
  expect_starts(high, req(0x1000, 8 * MiB, bottom), {}, {0, 0, 0, 0, no_hole});
  expect_starts(high, req(0x1000, 8 * MiB), {}, all(no_hole));
  // The same range filled by a segment: 6.12 steps from 2^64 - 0x1000 one
  // page up to 0 (no overlap there); 6.7's exclusive test never sees the
  // segment ending at 2^64 - 1 and takes the range's start.
  expect_starts(high, req(0x1000, 0x1000, bottom), spans{{0xffffffffffc00000, UINT64_MAX}},
                {0, 0, 0xffffffffffc00000, 0xffffffffffc00000, no_hole});
  const auto q = place(high, req(0x1000, 8 * MiB, bottom), {}, kexec_rules::linux_6_12);
  EXPECT_TRUE(q.wraps()); // taken at 0, below its range: the align-up wrapped
  EXPECT_EQ(hex(q.range.start), hex(0xffffffffffc00000));
  EXPECT_EQ(hex(q.range.end), hex(UINT64_MAX));
}

// Nothing fits: no hole (the kernel's EADDRNOTAVAIL).
TYPED_TEST(KexecPlace, NothingFits) {
  const auto t = load<TypeParam>(one_range);
  expect_starts(t, req(16 * MiB), {}, all(no_hole));
  expect_starts(t, req(16 * MiB, 0x1000, bottom), {}, all(no_hole));
  expect_starts(t, req(0x1000), spans{{0x100000, 0xffffff}}, all(no_hole));
  expect_starts(t, req(0x1000, 0x1000, bottom), spans{{0x100000, 0xffffff}}, all(no_hole));
  const auto empty = load<TypeParam>("");
  expect_starts(empty, req(0x1000), {}, all(no_hole));
  expect_starts(empty, req(0x1000, 0x1000, bottom), {}, all(no_hole));
  const auto no_ram = load<TypeParam>("00000000-00000fff : Reserved\n00100000-00ffffff : PCI Bus 0000:00\n");
  expect_starts(no_ram, req(0x1000), {}, all(no_hole));
  const auto p = place(no_ram, req(0x1000), {}, kexec_rules::linux_6_12);
  EXPECT_FALSE(p.wraps());
  EXPECT_FALSE(static_cast<bool>(p));
}

// kexec-tools' own rules: "System RAM" by exact name at any depth, RAM below
// 0x100 moved up to 0x100, the highest fitting free range top-down.
TYPED_TEST(KexecPlace, KexecToolsRules) {
  // [0, 0x10ff]: the kernel places a page at 0; kexec-tools starts at 0x100,
  // aligns up to 0x1000, and 0x1000..0x1fff is past 0x10ff.
  const auto low = load<TypeParam>("00000000-000010ff : System RAM\n");
  expect_starts(low, req(0x1000), {}, {0, 0, 0, 0, no_hole});
  expect_starts(low, req(0x1000, 0x1000, bottom), {}, {0, 0, 0, 0, no_hole});
  const auto base = load<TypeParam>("00000000-0009ffff : System RAM\n");
  expect_starts(base, req(0x1000, 0x1000, bottom), {}, {0, 0, 0, 0, 0x1000});
  // The free range kexec-tools reports starts at 0x100.
  {
    const auto p = place(base, req(0x1000, 0x1000, bottom), {}, kexec_rules::kexec_tools);
    EXPECT_EQ(hex(p.range.start), hex(0x100));
    EXPECT_EQ(hex(p.range.end), hex(0x9ffff));
  }
  // Top-down: the last fitting free range wins, not the largest; end - size + 1 aligned down.
  const auto t = load<TypeParam>(
      "00001000-0009ffff : System RAM\n00100000-00ffffff : System RAM\n"
      "01000000-01ffffff : Reserved\n  01000000-010fffff : System RAM\n"
      "02000000-02ffffff : System RAM (driver)\n");
  // The nested "System RAM" [0x1000000, 0x10fffff] is the highest: 0x10fffff - 0x2fff -> 0x10fd000.
  const auto pt = place(t, req(0x3000), {}, kexec_rules::kexec_tools);
  EXPECT_EQ(hex(pt.span.start), hex(0x10fd000));
  // 2 MiB does not fit in the nested range (1 MiB): the next lower one, [0x100000, 0xffffff].
  const auto p2 = place(t, req(2 * MiB, 0x1000), {}, kexec_rules::kexec_tools);
  EXPECT_EQ(hex(p2.span.start), hex(0xe00000));
  // Bottom-up: the lowest fit; min raises the start and is aligned up.
  expect_starts(t, req(0x3000, 0x1000, bottom), {}, all(0x1000));
  const auto pb = place(t, req(0x3000, 64 * KiB, bottom, 0x9e001), {}, kexec_rules::kexec_tools);
  EXPECT_EQ(hex(pb.span.start), hex(0x100000)); // 0x9e001 -> 0xa0000, past [.., 0x9ffff]
  // Crash mode: the limits are the reservation.
  const auto c = load<TypeParam>(
      "00100000-3fffffff : System RAM\n  08000000-0fffffff : Crash kernel\n");
  const auto pc = place(c, req(0x1000, 0x1000, bottom, 0x4000000), {}, kexec_rules::kexec_tools, true);
  EXPECT_EQ(hex(pc.span.start), hex(0x8000000));
  const auto pd = place(c, req(0x1000, 0x1000, top, 0, 0xc000fff), {}, kexec_rules::kexec_tools, true);
  EXPECT_EQ(hex(pd.span.start), hex(0xc000000));
}

// The explain callback: every candidate range's verdict, in walk order, for
// one request. Map (ranges A..F) and segments S0 = [0x6c0000, 0x6fffff],
// S1 = [0x480000, 0x4bffff]; 1 MiB aligned to 1 MiB, top-down, max 0xffffff.
constexpr std::string_view explain_map =
    "00001000-0009ffff : System RAM\n"          // A: smaller than 1 MiB
    "00100000-004fffff : System RAM\n"          // B
    "00500000-005fffff : System RAM (driver)\n" // C
    "00600000-006fffff : System RAM\n"          // D: filled by S0 from 0x6c0000
    "00700000-00701fff : System RAM\n"          // E: two pages
    "01000000-01ffffff : System RAM\n";         // F: above max

template <class Hook>
std::vector<event> explain(kexec_rules rules) {
  const auto t = load<Hook>(explain_map);
  const spans seg{{0x6c0000, 0x6fffff}, {0x480000, 0x4bffff}};
  std::vector<event> out;
  const auto p = kin::kexec_place<typename kin::iomem_tree<Hook>::traits>(
      &t.root(), req(MiB, MiB, top, 0, 0xffffff), seg, rules, false, [&](const kin::kexec_event& e) {
        out.push_back({e.range.start, e.range.end, e.verdict, e.segment, e.tried, e.jumped_to});
      });
  EXPECT_EQ(p.error, kexec_error::none);
  return out;
}

TYPED_TEST(KexecPlace, ExplainEvents) {
  using V = kexec_verdict;
  // 6.12, highest first: F above max; E too small; D: 0x600000 hits S0, the
  // highest start clearing S0 is (0x6c0000 - 1 MiB) down = 0x500000, below
  // D: no fit; C driver-managed; B: 0x400000 hits S1, jump to (0x480000 -
  // 1 MiB) down = 0x300000, taken.
  EXPECT_EQ(explain<TypeParam>(kexec_rules::linux_6_12),
            (std::vector<event>{{0x1000000, 0x1ffffff, V::outside_limits},
                                {0x700000, 0x701fff, V::too_small},
                                {0x600000, 0x6fffff, V::collided, 0, 0x600000, 0x500000},
                                {0x600000, 0x6fffff, V::no_fit},
                                {0x500000, 0x5fffff, V::driver_managed},
                                {0x100000, 0x4fffff, V::collided, 1, 0x400000, 0x300000},
                                {0x100000, 0x4fffff, V::taken, 0, 0x300000}}));
  // 6.8 top-down: C is not skipped and takes the buffer at 0x500000.
  EXPECT_EQ(explain<TypeParam>(kexec_rules::linux_6_8),
            (std::vector<event>{{0x1000000, 0x1ffffff, V::outside_limits},
                                {0x700000, 0x701fff, V::too_small},
                                {0x600000, 0x6fffff, V::collided, 0, 0x600000, 0x500000},
                                {0x600000, 0x6fffff, V::no_fit},
                                {0x500000, 0x5fffff, V::taken, 0, 0x500000}}));
  // 6.7, lowest first: A too small; B: 0x4fffff - 1 MiB = 0x3fffff -> 0x300000, clear of S1.
  const std::vector<event> old{{0x1000, 0x9ffff, V::too_small}, {0x100000, 0x4fffff, V::taken, 0, 0x300000}};
  EXPECT_EQ(explain<TypeParam>(kexec_rules::linux_6_7), old);
  EXPECT_EQ(explain<TypeParam>(kexec_rules::linux_4_18), old);
  // kexec-tools: the free ranges in order, each verdict, then the last fit taken.
  EXPECT_EQ(explain<TypeParam>(kexec_rules::kexec_tools),
            (std::vector<event>{{0x1000, 0x9ffff, V::too_small},
                                {0x100000, 0x47ffff, V::fits, 0, 0x300000},
                                {0x4c0000, 0x4fffff, V::too_small},
                                {0x600000, 0x6bffff, V::too_small},
                                {0x700000, 0x701fff, V::too_small},
                                {0x1000000, 0x1ffffff, V::outside_limits},
                                {0x100000, 0x47ffff, V::taken, 0, 0x300000}}));
}

// Bottom-up collisions are explained with the next aligned start.
TYPED_TEST(KexecPlace, ExplainBottomUpJump) {
  const auto t = load<TypeParam>(one_range);
  std::vector<event> out;
  const auto p = kin::kexec_place<typename kin::iomem_tree<TypeParam>::traits>(
      &t.root(), req(2 * MiB, MiB, bottom), spans{{0x900000, 0x900fff}, {0x100000, 0x2c0fff}}, kexec_rules::linux_6_12,
      false, [&](const kin::kexec_event& e) { out.push_back({e.range.start, e.range.end, e.verdict, e.segment, e.tried, e.jumped_to}); });
  EXPECT_EQ(hex(p.span.start), hex(0x300000));
  EXPECT_EQ(out, (std::vector<event>{{0x100000, 0xffffff, kexec_verdict::collided, 1, 0x100000, 0x300000},
                                     {0x100000, 0xffffff, kexec_verdict::taken, 0, 0x300000}}));
}

} // namespace kexec_test

namespace kexec_test {

// Every real listing in tests/data/iomem, under every rule set, both
// directions and crash mode: the default x86-64 sequence either fails with
// a reason or lands aligned, inside one System RAM range (or the crash
// reservation), clear of the segments before it, between min and max.
TEST(KexecRealMaps, EveryPlacementKeepsTheRules) {
  int placed_count = 0, maps = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(KIN_TEST_DATA_DIR) + "/iomem")) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto parsed = kin::parse_iomem<kin::list_hook<>>(text);
    ASSERT_TRUE(parsed.has_value()) << entry.path();
    if (parsed->all_addresses_zero()) continue;
    ++maps;
    using R = kin::iomem_tree<kin::list_hook<>>::traits;
    for (auto rules : {kin::kexec_rules::linux_6_12, kin::kexec_rules::linux_6_8, kin::kexec_rules::linux_6_7,
                       kin::kexec_rules::linux_4_18, kin::kexec_rules::kexec_tools}) {
      for (bool crash : {false, true}) {
        for (auto dir : {kin::kexec_direction::top_down, kin::kexec_direction::bottom_up}) {
          const kin::kexec_request seq[] = {{0x5000, 16, 0x3000, UINT64_MAX, dir},
                                            {0x2000, 16, 0x3000, UINT64_MAX, dir},
                                            {64u << 20, 2u << 20, 16u << 20, UINT64_MAX, dir}};
          std::vector<kin::kexec_span> placed;
          for (const auto& q : seq) {
            const auto p = kin::kexec_place<R>(&parsed->root(), q, placed, rules, crash);
            SCOPED_TRACE(entry.path().filename().string() + " " + std::string(kin::kexec_rules_name(rules)) +
                         (crash ? " crash" : "") + (dir == kin::kexec_direction::top_down ? " td" : " bu"));
            if (!p) {
              EXPECT_TRUE(p.error == kin::kexec_error::no_hole || p.error == kin::kexec_error::no_crash_kernel);
              continue;
            }
            ++placed_count;
            EXPECT_FALSE(p.wraps());
            EXPECT_EQ(p.span.start % p.align, 0u);
            EXPECT_EQ(p.span.end - p.span.start + 1, p.memsz);
            EXPECT_GE(p.span.start, q.min);
            EXPECT_LE(p.span.start, p.span.end);
            EXPECT_GE(p.span.start, p.range.start);
            EXPECT_LE(p.span.end, p.range.end);
            for (const auto& s : placed) EXPECT_TRUE(p.span.end < s.start || p.span.start > s.end);
            // The range is System RAM (or the crash reservation) of the map.
            bool found = false;
            for (const auto& res : kin::descendants<R>(&parsed->root())) {
              const std::string_view name = R::get_name(&res);
              if (R::get_start(&res) <= p.range.start && p.range.end <= R::get_end(&res) &&
                  (name == "System RAM" || (crash && name == "Crash kernel")))
                found = true;
            }
            EXPECT_TRUE(found);
            placed.push_back(p.span);
          }
        }
      }
    }
  }
  EXPECT_GE(maps, 6);
  EXPECT_GT(placed_count, 100);
}

} // namespace kexec_test
