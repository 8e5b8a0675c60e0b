// SPDX-License-Identifier: BSL-1.0
// Bad AML: every truncation of the real Firecracker DSDT (its header's
// length patched to the cut, the checksum left wrong or fixed), random
// byte flips, and tables nested too deep. Each must load into a
// well-formed namespace or be refused cleanly with an offset inside the
// table, and a refused table must leave nothing behind: the namespace is
// exactly as before (also when it already held another table) and its
// owner id goes to the next table. KIN_TEST_SCALE multiplies the flips.
#include "acpi_support.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace aml_corrupt_test {

using namespace acpi_support;

template <class Hook>
class AmlCorrupt : public ::testing::Test {};
TYPED_TEST_SUITE(AmlCorrupt, all_hooks, hook_names);

// A namespace to load into, with what it held before: the predefined
// objects, and maybe a first table.
template <class Hook>
struct target {
  kin::acpi::acpi_namespace<Hook> ns;
  std::size_t mark = 0;
  std::uint16_t next_owner = 1;
  std::vector<node_state> before;
  std::vector<std::string> before_paths;

  explicit target(const char* first_table) {
    if (first_table) next_owner = static_cast<std::uint16_t>(load_ok(ns, read_bytes(first_table)).owner_id + 1);
    mark = ns.size();
    before = snapshot(ns);
    before_paths = path_lines(ns);
  }

  // Loads `size` bytes of `t`: either a well-formed namespace with one more
  // table, undone again, or a clean refusal that changed nothing. Returns
  // whether it loaded. `full_check`: also compare the path lines.
  bool load(const unsigned char* t, std::size_t size, bool full_check) {
    auto r = kin::acpi::load_table(ns, t, size);
    if (r) {
      EXPECT_EQ(r->owner_id, next_owner);
      EXPECT_EQ(ns.size(), mark + r->nodes);
      EXPECT_TRUE(verified(ns.root()));
      std::size_t mine = 0;
      for (auto* n : nodes_below(ns.root())) mine += n->owner_id == r->owner_id;
      EXPECT_EQ(mine, r->nodes);
      for (const auto& w : r->warnings) EXPECT_LE(w.offset, size) << w.message;
      // Undo it (a table that declares names only: rollback suffices when
      // nothing was retyped).
      bool retyped = false;
      for (const auto& w : r->warnings) retyped |= w.message.find("Untyped") != std::string::npos;
      EXPECT_FALSE(retyped) << "this test undoes loads by rollback";
      ns.rollback_to(mark);
      ns.release_owner_id();
      return true;
    }
    EXPECT_TRUE(offset_inside(r.error(), size));
    EXPECT_FALSE(r.error().message.empty());
    EXPECT_EQ(ns.size(), mark) << r.error().message;
    EXPECT_TRUE(snapshot(ns) == before) << r.error().message << " at " << r.error().offset;
    if (full_check) {
      EXPECT_EQ(path_lines(ns), before_paths) << r.error().message;
      EXPECT_TRUE(verified(ns.root()));
    }
    // The owner id was given back.
    EXPECT_EQ(ns.allocate_owner_id(), next_owner);
    ns.release_owner_id();
    return false;
  }
};

// Every truncation point of the DSDT, its length patched to the cut.
template <class Hook>
void truncations(const char* first_table, bool fix_sum, std::size_t stride) {
  const auto dsdt = read_bytes("dsdt-firecracker.aml");
  target<Hook> into(first_table);
  std::size_t loaded = 0, refused = 0;
  bytes t = dsdt;
  for (std::size_t size = 36; size < dsdt.size(); size += stride) {
    std::copy(dsdt.begin(), dsdt.begin() + static_cast<std::ptrdiff_t>(size), t.begin());
    put_le32(t.data() + 4, static_cast<std::uint32_t>(size));
    if (fix_sum) fix_checksum(t, size);
    const bool ok = into.load(t.data(), size, size % 64 == 0);
    (ok ? loaded : refused) += 1;
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "first failing truncation: " << size << " bytes";
      return;
    }
  }
  // The cuts at top-level term boundaries load (the header alone, too).
  EXPECT_GT(loaded, 0u);
  EXPECT_GT(refused, loaded);
  // And the whole table still loads.
  EXPECT_TRUE(into.load(dsdt.data(), dsdt.size(), true));
}

TYPED_TEST(AmlCorrupt, EveryTruncationWithTheChecksumLeftWrong) {
  truncations<TypeParam>(nullptr, false, 1);
}

TYPED_TEST(AmlCorrupt, EveryTruncationWithTheChecksumFixed) {
  truncations<TypeParam>(nullptr, true, 1);
}

// Into a namespace that holds another table: a refused table leaves it intact.
TYPED_TEST(AmlCorrupt, EveryTruncationOnTopOfAnotherTable) {
  truncations<TypeParam>("multi-dsdt.aml", false, 1);
  truncations<TypeParam>("objects.aml", true, 1);
}

// Deeper cuts: at every truncation point, every package that spans the
// cut (Device, Method, Scope, Field ... bodies: found in the full table's
// parse tree) gets its PkgLength patched to end there too, so the loader
// reads the cut bodies instead of refusing the outer package at once. A
// cut table that loads declares a prefix of the full table's names: its
// path list is a subsequence of the full one.
TYPED_TEST(AmlCorrupt, EveryTruncationInsideEveryPackage) {
  using op = kin::acpi::aml_op<TypeParam>;
  using R = typename op::traits;
  const auto dsdt = read_bytes("dsdt-firecracker.aml");
  std::vector<std::string> full;
  struct package {
    std::size_t start, lead_bytes, end; // PkgLength's first byte, its size, the package's end
  };
  std::vector<package> packages;
  {
    kin::acpi::acpi_namespace<TypeParam> ns;
    kin::acpi::aml_parse_tree<TypeParam> tree;
    load_ok(ns, dsdt, &tree);
    full = path_lines(ns);
    op* root = tree.tables().at(0);
    for (op* o = kin::preorder_next<R>(root, root); o; o = kin::preorder_next<R>(o, root)) {
      const std::uint16_t c = o->opcode;
      const bool packaged_op = c == 0x10 || c == 0x14 || (c >= 0x5B81 && c <= 0x5B87) || c == 0xA0 || c == 0xA1 || c == 0xA2;
      if (!packaged_op) continue;
      const std::size_t start = o->offset + (c > 0xFF ? 2u : 1u);
      packages.push_back({start, 1u + (dsdt[start] >> 6), std::size_t{o->offset} + o->length});
    }
  }
  ASSERT_GT(packages.size(), 40u);
  target<TypeParam> into(nullptr);
  std::size_t loaded = 0, refused = 0, deep = 0;
  bytes t = dsdt;
  for (std::size_t size = 37; size < dsdt.size(); ++size) {
    std::copy(dsdt.begin(), dsdt.end(), t.begin());
    std::size_t patched = 0;
    for (const package& p : packages) {
      if (p.start + p.lead_bytes >= size || p.end <= size) continue; // not spanning the cut, or cut in its length
      const std::size_t value = size - p.start;
      t[p.start] = static_cast<unsigned char>(((p.lead_bytes - 1) << 6) | (p.lead_bytes == 1 ? value : value & 0x0F));
      for (std::size_t i = 1; i < p.lead_bytes; ++i) t[p.start + i] = static_cast<unsigned char>(value >> (4 + 8 * (i - 1)));
      ++patched;
    }
    deep += patched > 0;
    put_le32(t.data() + 4, static_cast<std::uint32_t>(size));
    fix_checksum(t, size);
    auto r = kin::acpi::load_table(into.ns, t.data(), size);
    if (r) {
      ++loaded;
      // A prefix of the declarations: a subsequence of the full list.
      const auto got = path_lines(into.ns);
      std::size_t j = 0;
      for (const auto& line : got) {
        while (j < full.size() && full[j] != line) ++j;
        EXPECT_LT(j, full.size()) << line << " (cut at " << size << ") is not in the full table's namespace";
      }
      EXPECT_TRUE(verified(into.ns.root()));
      EXPECT_EQ(r->owner_id, 1u);
      into.ns.rollback_to(into.mark);
      into.ns.release_owner_id();
    } else {
      ++refused;
      EXPECT_TRUE(offset_inside(r.error(), size));
      EXPECT_TRUE(snapshot(into.ns) == into.before) << r.error().message;
    }
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "first failing cut: " << size << " bytes";
      return;
    }
  }
  EXPECT_GT(deep, dsdt.size() / 2);
  EXPECT_GT(loaded, 50u); // cuts between the declarations of a body load
  EXPECT_GT(refused, loaded);
}

TYPED_TEST(AmlCorrupt, TruncationsWithoutPatchingTheLength) {
  // The header still says 3923 bytes: refused at its length field.
  const auto dsdt = read_bytes("dsdt-firecracker.aml");
  kin::acpi::acpi_namespace<TypeParam> ns;
  for (std::size_t size = 36; size < dsdt.size(); size += 97) {
    auto r = kin::acpi::load_table(ns, dsdt.data(), size);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().offset, 4u);
  }
  EXPECT_EQ(ns.size(), 10u);
}

// A refused table that had retyped one of its own nodes (a Scope on its
// own Name, which becomes Untyped): undoing restored the type after the
// node was freed, a write to freed memory (found by tests/fuzz/aml.cpp;
// AddressSanitizer reports it when the node's block of the namespace's
// deque is freed, hence 40 Names and the last one retyped; a release build
// wrote silently). Now the types come back first, then the nodes go.
TYPED_TEST(AmlCorrupt, ARefusedTableThatRetypedItsOwnNodeIsUndone) {
  bytes names;
  for (int i = 0; i < 40; ++i) {
    const char name[5] = {'N', static_cast<char>('0' + i / 10), static_cast<char>('0' + i % 10), '_', 0};
    names = cat({names, {0x08}, seg(name), {0x01}}); // Name (Nxx_, One)
  }
  const bytes retype = packaged({0x10}, seg("N39_")); // Scope (N39_) {}
  kin::acpi::acpi_namespace<TypeParam> ns;
  load_ok(ns, read_bytes("multi-dsdt.aml"));
  const auto before = snapshot(ns);
  const auto t = make_table(cat({names, retype, {0x02}}), "SSDT"); // 0x02: no opcode
  kin::acpi::aml_parse_tree<TypeParam> tree;
  auto r = kin::acpi::load_table(ns, t.data(), t.size(), &tree);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().offset, t.size() - 1) << r.error().message;
  EXPECT_TRUE(snapshot(ns) == before);
  EXPECT_TRUE(verified(ns.root()));
  EXPECT_TRUE(tree.tables().empty());
  // Without the bad byte: the 40 Names load, N39_ retyped, one warning.
  const auto info = load_ok(ns, make_table(cat({names, retype}), "SSDT"));
  EXPECT_EQ(info.nodes, 40u);
  EXPECT_EQ(info.warnings.size(), 1u);
  ASSERT_NE(kin::acpi::lookup(ns.root(), "\\N39_"), nullptr);
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\N39_")->type, kin::acpi::object_type::untyped);
}

// Random byte flips of the DSDT's AML, each alone, into a fresh namespace
// holding a first table; after a refusal the next good table gets the id.
TYPED_TEST(AmlCorrupt, RandomByteFlips) {
  const auto dsdt = read_bytes("dsdt-firecracker.aml");
  const auto base = read_bytes("multi-dsdt.aml");
  const auto small = make_table(cat({{0x08}, seg("SMAL"), {0x01}}), "SSDT");
  std::mt19937 rng(20240119u + static_cast<unsigned>(std::is_same_v<TypeParam, kin::list_hook<>>));
  std::uniform_int_distribution<std::size_t> where(36, dsdt.size() - 1);
  std::uniform_int_distribution<int> value(1, 255);
  const long flips = 2000 * kin_test::scale();
  std::size_t loaded = 0, refused = 0;
  for (long i = 0; i < flips; ++i) {
    bytes t = dsdt;
    const std::size_t at = where(rng);
    t[at] = static_cast<unsigned char>(t[at] ^ value(rng));
    if (i % 2) fix_checksum(t, t.size());
    kin::acpi::acpi_namespace<TypeParam> ns;
    load_ok(ns, base);
    const auto before = snapshot(ns);
    const std::size_t mark = ns.size();
    auto r = kin::acpi::load_table(ns, t.data(), t.size());
    if (r) {
      ++loaded;
      EXPECT_EQ(r->owner_id, 2u);
      EXPECT_EQ(ns.size(), mark + r->nodes);
      EXPECT_TRUE(verified(ns.root())) << "flip at " << at;
      EXPECT_EQ(load_ok(ns, small).owner_id, 3u);
    } else {
      ++refused;
      EXPECT_TRUE(offset_inside(r.error(), t.size()));
      EXPECT_TRUE(snapshot(ns) == before) << "flip at " << at << ": " << r.error().message;
      EXPECT_TRUE(verified(ns.root()));
      EXPECT_EQ(load_ok(ns, small).owner_id, 2u) << "flip at " << at;
      EXPECT_EQ(ns.size(), mark + 1);
    }
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "flip " << i << " at byte " << at;
      return;
    }
  }
  EXPECT_GT(loaded, 0u);
  EXPECT_GT(refused, 0u);
}

// ---------------------------------------------------------------------------
// Nesting

// `levels` nested Device (DEVX) bodies, the innermost holding a Name (or
// nothing).
bytes nested_devices(int levels, bool leaf = true) {
  bytes body = leaf ? cat({{0x08}, seg("LEAF"), {0x01}}) : bytes{};
  for (int i = 0; i < levels; ++i) body = packaged({0x5B, 0x82}, cat({seg("DEVX"), body}));
  return body;
}

// `levels` nested Scope (\) bodies.
bytes nested_scopes(int levels, bool leaf = true) {
  bytes body = leaf ? cat({{0x08}, seg("LEAF"), {0x01}}) : bytes{};
  for (int i = 0; i < levels; ++i) body = packaged({0x10}, cat({{0x5C, 0x00}, body}));
  return body;
}

// Declaration bodies and operands are bounded separately: 256 nested
// bodies load, with a Name (and its operand) in the innermost.
TYPED_TEST(AmlCorrupt, NestingUpToTheLimitLoads) {
  const int limit = static_cast<int>(kin::acpi::aml_max_nesting);
  {
    kin::acpi::acpi_namespace<TypeParam> ns;
    const auto info = load_ok(ns, make_table(nested_devices(limit, false)));
    EXPECT_EQ(info.nodes, static_cast<std::size_t>(limit));
    EXPECT_TRUE(verified(ns.root()));
  }
  {
    kin::acpi::acpi_namespace<TypeParam> ns;
    const auto info = load_ok(ns, make_table(nested_devices(limit)));
    EXPECT_EQ(info.nodes, static_cast<std::size_t>(limit) + 1);
    std::string leaf = "\\";
    for (int i = 0; i < limit; ++i) leaf += "DEVX.";
    leaf += "LEAF";
    ASSERT_NE(kin::acpi::lookup(ns.root(), leaf), nullptr);
    EXPECT_EQ(kin::acpi::pathname(kin::acpi::lookup(ns.root(), leaf)), leaf);
    EXPECT_TRUE(verified(ns.root()));
  }
  {
    kin::acpi::acpi_namespace<TypeParam> ns;
    EXPECT_EQ(load_ok(ns, make_table(nested_scopes(limit, false))).nodes, 0u);
    const auto info = load_ok(ns, make_table(nested_scopes(limit)));
    EXPECT_EQ(info.nodes, 1u);
    EXPECT_NE(kin::acpi::lookup(ns.root(), "\\LEAF"), nullptr);
  }
}

TYPED_TEST(AmlCorrupt, TooDeepNestingIsAnError) {
  const int limit = static_cast<int>(kin::acpi::aml_max_nesting);
  for (int levels : {limit + 1, 300}) {
    for (const bytes& body : {nested_devices(levels), nested_scopes(levels), nested_devices(levels, false),
                              nested_scopes(levels, false)}) {
      kin::acpi::acpi_namespace<TypeParam> ns;
      load_ok(ns, read_bytes("multi-dsdt.aml"));
      const auto before = snapshot(ns);
      const auto t = make_table(body);
      auto r = kin::acpi::load_table(ns, t.data(), t.size());
      ASSERT_FALSE(r) << levels;
      EXPECT_NE(r.error().message.find("nested"), std::string::npos) << r.error().message;
      EXPECT_GT(r.error().offset, 36u);
      EXPECT_LT(r.error().offset, t.size());
      EXPECT_TRUE(snapshot(ns) == before);
      EXPECT_TRUE(verified(ns.root()));
      EXPECT_EQ(load_ok(ns, make_table({}, "SSDT")).owner_id, 2u);
    }
  }
}

TYPED_TEST(AmlCorrupt, DeeplyNestedOperandsAreAnError) {
  // Store (DerefOf (DerefOf (... Local0 ...)), Local1) at table level.
  auto store = [](int depth) {
    bytes body{0x70};
    body.insert(body.end(), static_cast<std::size_t>(depth), 0x83);
    body.push_back(0x60);
    body.push_back(0x61);
    return make_table(body);
  };
  {
    kin::acpi::acpi_namespace<TypeParam> ns;
    const auto t = store(1000);
    auto r = kin::acpi::load_table(ns, t.data(), t.size());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("nested"), std::string::npos) << r.error().message;
    EXPECT_GT(r.error().offset, 36u);
    EXPECT_LT(r.error().offset, t.size());
    EXPECT_EQ(ns.size(), 10u);
  }
  {
    // Up to the limit: skipped as code, nothing declared; one more is refused.
    kin::acpi::acpi_namespace<TypeParam> ns;
    EXPECT_EQ(load_ok(ns, store(100)).nodes, 0u);
    const int limit = static_cast<int>(kin::acpi::aml_max_nesting);
    EXPECT_EQ(load_ok(ns, store(limit - 1)).nodes, 0u); // Store's operand is level 1
    const auto t = store(limit);
    EXPECT_FALSE(kin::acpi::load_table(ns, t.data(), t.size()));
    // Operands inside 256 nested Device bodies count from 0 again.
    bytes inner{0x70};
    inner.insert(inner.end(), static_cast<std::size_t>(limit - 1), 0x83);
    inner.push_back(0x60);
    inner.push_back(0x61);
    bytes body = inner;
    for (int i = 0; i < limit; ++i) body = packaged({0x5B, 0x82}, cat({seg("DEVX"), body}));
    EXPECT_EQ(load_ok(ns, make_table(body)).nodes, static_cast<std::size_t>(limit));
  }
  {
    // Nested method-call operands inside a Name's package are not entered,
    // but a Create*Field's operands are: 1000 nested Add as its index.
    bytes body = cat({{0x08}, seg("BUFF"), {0x11, 0x03, 0x0A, 0x04}});
    body.push_back(0x8C); // CreateByteField (BUFF, Add (Add (...)), FLD0)
    const auto buff = seg("BUFF");
    body.insert(body.end(), buff.begin(), buff.end());
    for (int i = 0; i < 1000; ++i) body.push_back(0x72);
    body.push_back(0x01);
    for (int i = 0; i < 1000; ++i) {
      body.push_back(0x01);
      body.push_back(0x00);
    }
    const auto more = seg("FLD0");
    body.insert(body.end(), more.begin(), more.end());
    kin::acpi::acpi_namespace<TypeParam> ns;
    const auto t = make_table(body);
    auto r = kin::acpi::load_table(ns, t.data(), t.size());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("nested"), std::string::npos) << r.error().message;
    EXPECT_EQ(ns.size(), 10u);
  }
}

} // namespace aml_corrupt_test
