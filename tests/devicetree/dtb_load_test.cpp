// SPDX-License-Identifier: BSL-1.0
// kin::load_dtb and kin::load_dtb_into on the real blobs of tests/data/dtb
// and on blobs written here with libfdt's sequential-write API, on every
// layout: nodes and properties against the committed .dts text (parsed
// here), the synthesised `name`, the phandle rules, depth > 64, storage
// lent by the caller.
#include "dt_support.hpp"

#include <kin/adapters/dtb.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace dtb_load_test {

using namespace dt_support;

template <class Hook>
class DtbLoad : public ::testing::Test {};
TYPED_TEST_SUITE(DtbLoad, kin_test::all_hooks, kin_test::hook_names);

template <class Node>
std::vector<Node*> preorder_nodes(Node* root) {
  std::vector<Node*> out;
  for (Node* n = kin::of::find_all_nodes(root, nullptr); n; n = kin::of::find_all_nodes(root, n)) out.push_back(n);
  return out;
}

TYPED_TEST(DtbLoad, RealBlobsMatchTheirDts) {
  using node = kin::device_node<TypeParam>;
  for (const char* stem : real_blobs) {
    SCOPED_TRACE(stem);
    const blob b = read_blob(std::string(stem) + ".dtb");
    const auto expected = parse_dts(read_text(data_path(std::string(stem) + ".dts")));
    auto loaded = kin::load_dtb<TypeParam>(b.data(), b.size);
    ASSERT_TRUE(loaded) << loaded.error().offset << ": " << loaded.error().message;
    auto& t = *loaded;
    EXPECT_TRUE(t.warnings().empty());
    EXPECT_EQ(t.warning_count(), 0u);
    EXPECT_FALSE(t.uses_caller_storage());
    EXPECT_TRUE(kin::verify<typename node::traits>(&t.root()));
    const auto nodes = preorder_nodes(&t.root());
    ASSERT_EQ(nodes.size(), expected.size());
    EXPECT_EQ(t.size(), expected.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const node* n = nodes[i];
      EXPECT_EQ(n, &t.node_at(i)); // the block holds the nodes in blob pre-order
      EXPECT_EQ(path_of(n), expected[i].path);
      // The properties in blob order, then the synthesised `name`, last.
      ASSERT_GE(n->property_count, 1u);
      std::vector<std::string> names;
      for (std::size_t p = 0; p + 1 < n->property_count; ++p) names.emplace_back(n->properties[p].name);
      EXPECT_EQ(names, expected[i].properties) << expected[i].path;
      const kin::dt_property& last = n->properties[n->property_count - 1];
      EXPECT_EQ(last.name, "name");
      const std::string unit(n->full_name);
      const std::string base = unit.substr(0, unit.rfind('@'));
      ASSERT_EQ(last.length, base.size() + 1);
      EXPECT_EQ(std::string(reinterpret_cast<const char*>(last.value), last.length), base + '\0');
      EXPECT_EQ(n->name, base);
      EXPECT_EQ(n->flags, 0u);
      // Values point into the blob.
      for (std::size_t p = 0; p + 1 < n->property_count; ++p) {
        const auto* v = n->properties[p].value;
        EXPECT_TRUE(v >= b.bytes() && v + n->properties[p].length <= b.bytes() + b.size);
      }
    }
    EXPECT_EQ(t.root().full_name, "");
    EXPECT_EQ(t.root().name, "");
  }
}

TYPED_TEST(DtbLoad, RealBlobsPhandles) {
  using node = kin::device_node<TypeParam>;
  for (const char* stem : real_blobs) {
    SCOPED_TRACE(stem);
    const blob b = read_blob(std::string(stem) + ".dtb");
    auto loaded = kin::load_dtb<TypeParam>(b.data(), b.size);
    ASSERT_TRUE(loaded) << loaded.error().message;
    auto& t = *loaded;
    std::size_t with_handle = 0;
    for (node* n : preorder_nodes(&t.root())) {
      std::uint32_t ph = 0, lph = 0;
      const bool has_ph = kin::of::property_read_u32(n, "phandle", ph) == 0;
      const bool has_lph = kin::of::property_read_u32(n, "linux,phandle", lph) == 0;
      if (has_ph && has_lph) {
        EXPECT_EQ(ph, lph) << path_of(n);
      }
      const std::uint32_t expected = has_lph && !has_ph ? lph : ph; // here both agree when both are there
      EXPECT_EQ(n->phandle, expected) << path_of(n);
      if (n->phandle != 0) {
        ++with_handle;
        EXPECT_EQ(t.find_by_phandle(n->phandle), n) << path_of(n);
      }
    }
    EXPECT_GT(with_handle, 0u);
    EXPECT_EQ(t.phandle_count(), with_handle);
    EXPECT_EQ(t.find_by_phandle(0), nullptr);
    EXPECT_EQ(t.find_by_phandle(0xdeadbeef), nullptr);
  }
}

TYPED_TEST(DtbLoad, PhandleRulesAndTheBlobsOwnName) {
  const blob b = build_blob([](void* fdt) {
    fdt_begin_node(fdt, "");
    fdt_begin_node(fdt, "first-wins@1");
    prop_u32(fdt, "linux,phandle", 5);
    prop_u32(fdt, "phandle", 6);
    fdt_end_node(fdt);
    fdt_begin_node(fdt, "ibm-overrides");
    prop_u32(fdt, "phandle", 7);
    prop_u32(fdt, "ibm,phandle", 8);
    prop_u32(fdt, "linux,phandle", 9);
    fdt_end_node(fdt);
    fdt_begin_node(fdt, "own-name@2,3@4");
    prop_string(fdt, "name", "given");
    prop_string(fdt, "compatible", "x");
    fdt_end_node(fdt);
    fdt_begin_node(fdt, "short");
    EXPECT_EQ(fdt_property(fdt, "phandle", "ab", 2), 0); // shorter than a cell: ignored
    fdt_end_node(fdt);
    fdt_end_node(fdt);
  });
  auto loaded = kin::load_dtb<TypeParam>(b.data(), b.size);
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto& t = *loaded;
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t.node_at(1).phandle, 5u);
  EXPECT_EQ(t.node_at(1).name, "first-wins");
  EXPECT_EQ(t.node_at(2).phandle, 8u);
  const auto& own = t.node_at(3);
  EXPECT_EQ(own.name, "given");
  ASSERT_EQ(own.property_count, 2u); // no `name` added
  EXPECT_EQ(own.properties[0].name, "name");
  EXPECT_EQ(t.node_at(4).phandle, 0u);
  EXPECT_EQ(t.find_by_phandle(5), &t.node_at(1));
  EXPECT_EQ(t.find_by_phandle(6), nullptr);
  EXPECT_EQ(t.find_by_phandle(8), &t.node_at(2));
  EXPECT_EQ(t.find_by_phandle(7), nullptr);
  // The synthesised name runs to the LAST '@' (the kernel's rule).
  const blob c = build_blob([](void* fdt) {
    fdt_begin_node(fdt, "");
    fdt_begin_node(fdt, "a@1@2");
    fdt_end_node(fdt);
    fdt_end_node(fdt);
  });
  auto lc = kin::load_dtb<TypeParam>(c.data(), c.size);
  ASSERT_TRUE(lc);
  EXPECT_EQ(lc->node_at(1).name, "a@1");
}

// 70 nested levels: the root (level 0) to level 64 are kept, 65 nodes; the
// node at level 65 and below are skipped with one warning at its offset.
TYPED_TEST(DtbLoad, DeeperThan64LevelsIsSkippedWithAWarning) {
  int deep_offset = -1;
  const blob b = build_blob([&](void* fdt) {
    fdt_begin_node(fdt, "");
    for (int level = 1; level < 70; ++level) {
      fdt_begin_node(fdt, ("level" + std::to_string(level)).c_str());
      prop_u32(fdt, "phandle", static_cast<std::uint32_t>(level));
    }
    for (int level = 0; level < 70; ++level) fdt_end_node(fdt);
  });
  for (int off = 0, depth = 0; off >= 0; off = fdt_next_node(b.data(), off, &depth)) {
    if (depth == 65) deep_offset = off + static_cast<int>(fdt_off_dt_struct(b.data()));
  }
  ASSERT_GT(deep_offset, 0);
  auto loaded = kin::load_dtb<TypeParam>(b.data(), b.size);
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto& t = *loaded;
  EXPECT_EQ(t.size(), 65u);
  ASSERT_EQ(t.warnings().size(), 1u);
  EXPECT_EQ(t.warning_count(), 1u);
  EXPECT_EQ(t.warnings()[0].offset, static_cast<std::size_t>(deep_offset));
  EXPECT_NE(t.warnings()[0].message.find("level65"), std::string::npos) << t.warnings()[0].message;
  EXPECT_NE(t.find_by_phandle(64), nullptr);
  EXPECT_EQ(t.find_by_phandle(65), nullptr);
  EXPECT_EQ(preorder_nodes(&t.root()).size(), 65u);

  const kin::dtb_layout layout = kin::measure_dtb<TypeParam>(b.data(), b.size);
  ASSERT_TRUE(layout);
  EXPECT_EQ(layout.nodes, 65u);
  EXPECT_EQ(layout.warnings, 1u);
  std::vector<std::max_align_t> storage(layout.bytes / sizeof(std::max_align_t) + 1);
  auto in_place = kin::load_dtb_into<TypeParam>(b.data(), b.size, storage.data(), layout.bytes);
  ASSERT_TRUE(in_place) << in_place.error().message;
  EXPECT_EQ(in_place->size(), 65u);
  EXPECT_TRUE(in_place->warnings().empty());
  EXPECT_EQ(in_place->warning_count(), 1u);
}

TYPED_TEST(DtbLoad, IntoCallerStorageExactAndShort) {
  using node = kin::device_node<TypeParam>;
  for (const char* stem : real_blobs) {
    SCOPED_TRACE(stem);
    const blob b = read_blob(std::string(stem) + ".dtb");
    const kin::dtb_layout untyped = kin::measure_dtb(b.data(), b.size);
    ASSERT_TRUE(untyped) << untyped.error.message;
    EXPECT_EQ(untyped.bytes, 0u);
    const kin::dtb_layout layout = kin::measure_dtb<TypeParam>(b.data(), b.size);
    ASSERT_TRUE(layout);
    EXPECT_EQ(layout.bytes, untyped.bytes_for<TypeParam>());
    EXPECT_EQ(layout.totalsize, be32(b.bytes() + 4));
    EXPECT_GE(layout.bytes, layout.nodes * sizeof(node) + layout.properties * sizeof(kin::dt_property));
    // Exact storage, with a guard after it that must stay untouched.
    std::vector<std::max_align_t> storage(layout.bytes / sizeof(std::max_align_t) + 2);
    auto* raw = reinterpret_cast<unsigned char*>(storage.data());
    std::memset(raw, 0xa5, storage.size() * sizeof(std::max_align_t));
    {
      auto t = kin::load_dtb_into<TypeParam>(b.data(), b.size, raw, layout.bytes);
      ASSERT_TRUE(t) << t.error().message;
      EXPECT_TRUE(t->uses_caller_storage());
      EXPECT_EQ(t->size(), layout.nodes);
      EXPECT_EQ(reinterpret_cast<unsigned char*>(&t->root()), raw);
      auto owned = kin::load_dtb<TypeParam>(b.data(), b.size);
      ASSERT_TRUE(owned);
      const auto a = preorder_nodes(&t->root()), c = preorder_nodes(&owned->root());
      ASSERT_EQ(a.size(), c.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(path_of(a[i]), path_of(c[i]));
        EXPECT_EQ(a[i]->phandle, c[i]->phandle);
        EXPECT_EQ(a[i]->property_count, c[i]->property_count);
        if (a[i]->phandle) {
          EXPECT_EQ(t->find_by_phandle(a[i]->phandle), a[i]);
        }
      }
      // A move keeps the nodes where they are.
      auto moved = std::move(*t);
      EXPECT_EQ(reinterpret_cast<unsigned char*>(&moved.root()), raw);
    }
    for (std::size_t i = layout.bytes; i < storage.size() * sizeof(std::max_align_t); ++i) {
      ASSERT_EQ(raw[i], 0xa5) << "byte " << i << " past the storage was written";
    }
    auto short_by_one = kin::load_dtb_into<TypeParam>(b.data(), b.size, raw, layout.bytes - 1);
    ASSERT_FALSE(short_by_one);
    EXPECT_EQ(short_by_one.error().offset, 0u);
    EXPECT_NE(short_by_one.error().message.find(std::to_string(layout.bytes)), std::string::npos)
        << short_by_one.error().message;
    auto misaligned = kin::load_dtb_into<TypeParam>(b.data(), b.size, raw + 1, layout.bytes);
    EXPECT_FALSE(misaligned);
  }
}

TYPED_TEST(DtbLoad, MisalignedBlobIsCopiedByLoadDtbOnly) {
  const blob b = read_blob("riscv64-virt.dtb");
  const std::size_t total = be32(b.bytes() + 4);
  std::vector<std::uint64_t> shifted_words(total / 8 + 2);
  auto* shifted = reinterpret_cast<unsigned char*>(shifted_words.data()) + 4;
  std::memcpy(shifted, b.bytes(), total);
  auto loaded = kin::load_dtb<TypeParam>(shifted, total);
  ASSERT_TRUE(loaded) << loaded.error().message;
  const auto expected = parse_dts(read_text(data_path("riscv64-virt.dts")));
  EXPECT_EQ(loaded->size(), expected.size());
  // The values point into the tree's own copy, not into the caller's bytes.
  const auto& p = loaded->root().properties[0];
  EXPECT_FALSE(p.value >= shifted && p.value < shifted + total);
  std::memset(shifted, 0, total); // the tree does not need them any more
  EXPECT_EQ(path_of(preorder_nodes(&loaded->root()).back()), expected.back().path);

  std::memcpy(shifted, b.bytes(), total);
  EXPECT_FALSE(kin::measure_dtb(shifted, total));
  std::vector<std::max_align_t> storage(1 << 14);
  auto in_place = kin::load_dtb_into<TypeParam>(shifted, total, storage.data(), storage.size() * sizeof(std::max_align_t));
  ASSERT_FALSE(in_place);
  EXPECT_NE(in_place.error().message.find("aligned"), std::string::npos);
}

// A tree of checked hooks: the block's nodes are unlinked before they are
// destroyed, also after a detach (the test fails by aborting otherwise).
TEST(DtbLoadChecked, CheckedHooksAreUnlinkedBeforeTheBlockIsFreed) {
  using hook = kin::checked_hook<kin::list_hook<>>;
  const blob b = read_blob("aarch64-virt.dtb");
  auto loaded = kin::load_dtb<hook>(b.data(), b.size);
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto* cpus = kin::of::find_node_by_path(&loaded->root(), "/cpus");
  ASSERT_NE(cpus, nullptr);
  EXPECT_EQ(loaded->detach_node(cpus), 0);
  auto moved = std::move(*loaded);
  EXPECT_GT(moved.size(), 1u);
  kin::device_tree<hook> other = std::move(moved);
  auto again = kin::load_dtb<hook>(b.data(), b.size);
  ASSERT_TRUE(again);
  other = std::move(*again); // releases the first block, unlinking it
  EXPECT_NE(kin::of::find_node_by_path(&other.root(), "/cpus"), nullptr);
}

} // namespace dtb_load_test
