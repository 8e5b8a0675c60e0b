// SPDX-License-Identifier: BSL-1.0
// kin::device_tree's attach_node and detach_node (the kernel's
// of_attach_node / of_detach_node) and its phandle index, on every layout:
// the index follows every change (subtrees, duplicates, growth).
#include "dt_support.hpp"

#include <kin/adapters/device_tree.hpp>
#include <kin/adapters/dtb.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

namespace device_tree_test {

using namespace dt_support;

template <class Hook>
class DeviceTree : public ::testing::Test {};
TYPED_TEST_SUITE(DeviceTree, kin_test::all_hooks, kin_test::hook_names);

// Every node reachable from the root with a handle is found through the
// index, and nothing else is: the index is exactly the reachable handles
// (the first in pre-order for a shared handle).
template <class Tree>
void expect_index_exact(Tree& t, const std::vector<std::uint32_t>& gone = {}) {
  using node = typename Tree::node;
  std::map<std::uint32_t, node*> first;
  std::size_t count = 0;
  for (node* n = kin::of::find_all_nodes(&t.root(), nullptr); n; n = kin::of::find_all_nodes(&t.root(), n)) {
    if (n->phandle) {
      ++count;
      first.emplace(n->phandle, n);
      EXPECT_NE(t.find_by_phandle(n->phandle), nullptr);
    }
  }
  EXPECT_EQ(t.phandle_count(), count);
  for (std::uint32_t h : gone) {
    if (!first.count(h)) {
      EXPECT_EQ(t.find_by_phandle(h), nullptr) << h;
    }
  }
  EXPECT_TRUE(kin::verify<typename node::traits>(&t.root()));
}

template <class Node>
std::size_t preorder_count(Node* root) {
  std::size_t n = 0;
  for (Node* x = kin::of::find_all_nodes(root, nullptr); x; x = kin::of::find_all_nodes(root, x)) ++n;
  return n;
}

struct cell {
  unsigned char b[4];
  explicit cell(std::uint32_t v) : b{static_cast<unsigned char>(v >> 24), static_cast<unsigned char>(v >> 16),
                                     static_cast<unsigned char>(v >> 8), static_cast<unsigned char>(v)} {}
};

TYPED_TEST(DeviceTree, DetachRemovesTheWholeSubtreesHandles) {
  using node = kin::device_node<TypeParam>;
  const blob b = read_blob("riscv64-virt.dtb");
  auto loaded = kin::load_dtb<TypeParam>(b.data(), b.size);
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto& t = *loaded;
  node* root = &t.root();
  node* cpus = kin::of::find_node_by_path(root, "/cpus");
  ASSERT_NE(cpus, nullptr);
  std::vector<std::uint32_t> handles;
  std::size_t subtree = 0;
  for (node* n = cpus; n; n = kin::preorder_next<typename node::traits>(n, cpus)) {
    ++subtree;
    if (n->phandle) handles.push_back(n->phandle);
  }
  ASSERT_GE(handles.size(), 2u); // the cpu's interrupt controller and the cpu-map's cpu
  const std::size_t before = t.phandle_count();
  EXPECT_EQ(t.detach_node(cpus), 0);
  EXPECT_EQ(t.phandle_count(), before - handles.size());
  EXPECT_TRUE(cpus->flags & kin::dt_detached);
  EXPECT_EQ(kin::of::get_parent(cpus), nullptr);
  for (std::uint32_t h : handles) EXPECT_EQ(t.find_by_phandle(h), nullptr) << h;
  EXPECT_EQ(kin::of::find_node_by_path(root, "/cpus"), nullptr);
  expect_index_exact(t, handles);
  // Misuse: -EINVAL, nothing changes.
  EXPECT_EQ(t.detach_node(cpus), -22);                                           // already detached
  EXPECT_EQ(t.detach_node(kin::of::get_next_child(cpus, nullptr)), -22);         // in a detached subtree
  EXPECT_EQ(t.detach_node(root), -22);
  EXPECT_EQ(t.detach_node(nullptr), -22);
  EXPECT_EQ(t.attach_node(root, cpus), -22);                                     // has children
  EXPECT_EQ(t.attach_node(nullptr, cpus), -22);
  EXPECT_EQ(t.attach_node(root, root), -22);
  EXPECT_EQ(t.attach_node(root, kin::of::find_node_by_path(root, "/soc")), -22); // linked
  expect_index_exact(t, handles);
  // Detaching a leaf with a handle and attaching it back: first child now.
  node* leaf = nullptr;
  for (node* n = root; n; n = kin::of::find_all_nodes(root, n)) {
    if (n->phandle && !kin::of::get_next_child(n, nullptr) && kin::of::get_parent(n) != root) leaf = n;
  }
  ASSERT_NE(leaf, nullptr);
  node* parent = kin::of::get_parent(leaf);
  const std::uint32_t h = leaf->phandle;
  EXPECT_EQ(t.detach_node(leaf), 0);
  EXPECT_EQ(t.find_by_phandle(h), nullptr);
  EXPECT_EQ(t.attach_node(parent, leaf), 0);
  EXPECT_EQ(t.find_by_phandle(h), leaf);
  EXPECT_EQ(kin::of::get_next_child(parent, nullptr), leaf);
  EXPECT_EQ(leaf->flags, std::uint32_t{kin::dt_dynamic});
  EXPECT_EQ(leaf->name, kin::of::base_name(leaf->full_name));
  expect_index_exact(t, handles);
  EXPECT_EQ(t.size(), subtree + preorder_count(root));
}

TYPED_TEST(DeviceTree, AttachCallerNodesGrowsTheIndex) {
  using node = kin::device_node<TypeParam>;
  const blob b = read_blob("ppc-ppce500.dtb");
  auto loaded = kin::load_dtb<TypeParam>(b.data(), b.size);
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto& t = *loaded;
  node* root = &t.root();
  node* soc = kin::of::find_node_by_path(root, "/soc@fe0000000");
  ASSERT_NE(soc, nullptr);
  const std::size_t own_handles = t.phandle_count();
  // 300 nodes of the caller's, each with a `name` and a handle: far more
  // than the index was built for.
  constexpr std::size_t count = 300;
  std::deque<cell> cells;
  std::deque<std::string> names;
  std::deque<std::vector<kin::dt_property>> props;
  std::deque<node> extra(count);
  for (std::size_t i = 0; i < count; ++i) {
    cells.emplace_back(static_cast<std::uint32_t>(0x10000 + i));
    names.push_back("dyn" + std::to_string(i));
    const auto& nm = names.back();
    props.push_back({{"name", reinterpret_cast<const unsigned char*>(nm.c_str()), nm.size() + 1},
                     {"phandle", cells.back().b, 4}});
    extra[i].full_name = nm;
    extra[i].properties = props.back().data();
    extra[i].property_count = props.back().size();
    extra[i].flags = kin::dt_detached;
    // The first under the root, odd ones under soc, even ones under the
    // odd one before them.
    node* parent = i == 0 ? root : i % 2 ? soc : &extra[i - 1];
    ASSERT_EQ(t.attach_node(parent, &extra[i]), 0) << i;
  }
  EXPECT_EQ(kin::of::get_next_child(root, nullptr), &extra[0]);
  for (std::size_t i = 0; i < count; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(extra[i].name, names[i]);
    EXPECT_EQ(extra[i].phandle, 0x10000 + i);
    EXPECT_EQ(extra[i].flags, std::uint32_t{kin::dt_dynamic});
  }
  for (std::size_t i = 0; i < count; ++i) {
    EXPECT_EQ(t.find_by_phandle(static_cast<std::uint32_t>(0x10000 + i)), &extra[i]) << i;
  }
  expect_index_exact(t);
  // A node without a `name` property gets "<NULL>", as in the kernel.
  node bare;
  EXPECT_EQ(t.attach_node(soc, &bare), 0);
  EXPECT_EQ(bare.name, "<NULL>");
  EXPECT_EQ(t.detach_node(&bare), 0);
  // Detach everything of the caller's before the tree goes: soc's odd
  // children carry the even ones.
  std::vector<std::uint32_t> gone;
  for (std::size_t i = 0; i < count; ++i) gone.push_back(static_cast<std::uint32_t>(0x10000 + i));
  for (std::size_t i = 1; i < count; i += 2) EXPECT_EQ(t.detach_node(&extra[i]), 0);
  EXPECT_EQ(t.detach_node(&extra[0]), 0);
  expect_index_exact(t, gone);
  for (std::size_t i = 2; i < count; i += 2) {
    EXPECT_EQ(t.find_by_phandle(static_cast<std::uint32_t>(0x10000 + i)), nullptr);
    kin::unlink<typename node::traits>(&extra[i]);
  }
  EXPECT_EQ(t.phandle_count(), own_handles); // the blob's own
}

TYPED_TEST(DeviceTree, DuplicateHandlesAndAttachUnderADetachedSubtree) {
  using node = kin::device_node<TypeParam>;
  const blob b = build_blob([](void* fdt) {
    fdt_begin_node(fdt, "");
    fdt_begin_node(fdt, "a");
    prop_u32(fdt, "phandle", 1);
    fdt_begin_node(fdt, "a1");
    prop_u32(fdt, "phandle", 2);
    fdt_end_node(fdt);
    fdt_end_node(fdt);
    fdt_begin_node(fdt, "b");
    prop_u32(fdt, "phandle", 1); // the same handle again
    fdt_end_node(fdt);
    fdt_end_node(fdt);
  });
  auto loaded = kin::load_dtb<TypeParam>(b.data(), b.size);
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto& t = *loaded;
  node* a = &t.node_at(1);
  node* a1 = &t.node_at(2);
  node* bn = &t.node_at(3);
  EXPECT_EQ(t.phandle_count(), 3u);
  EXPECT_EQ(t.find_by_phandle(1), a); // the first in blob order
  EXPECT_EQ(t.detach_node(a), 0);
  EXPECT_EQ(t.find_by_phandle(1), bn); // the other one is still reachable
  EXPECT_EQ(t.find_by_phandle(2), nullptr);
  // a1 is in the detached subtree: detach it from a (refused: unreachable),
  // so unlink it by hand and attach it under a (unreachable: not indexed).
  EXPECT_EQ(t.detach_node(a1), -22);
  kin::unlink<typename node::traits>(a1);
  EXPECT_EQ(t.attach_node(a, a1), 0);
  EXPECT_EQ(t.find_by_phandle(2), nullptr);
  EXPECT_EQ(t.detach_node(bn), 0);
  EXPECT_EQ(t.find_by_phandle(1), nullptr);
  EXPECT_EQ(t.phandle_count(), 0u);
  // Back under the root: a is childless again once a1 is unlinked.
  kin::unlink<typename node::traits>(a1);
  EXPECT_EQ(t.attach_node(&t.root(), a), 0);
  EXPECT_EQ(t.attach_node(a, a1), 0);
  EXPECT_EQ(t.attach_node(&t.root(), bn), 0);
  EXPECT_EQ(t.find_by_phandle(1), a); // indexed first
  EXPECT_EQ(t.find_by_phandle(2), a1);
  expect_index_exact(t);
}

} // namespace device_tree_test
