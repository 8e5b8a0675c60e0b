// SPDX-License-Identifier: BSL-1.0
// The sibling-list policies of the three layouts, called directly, and the
// named regression tests for the transfer trap of Boost 1.74 (#63): a run
// inserted before its own end or its own first node must stay put. verify
// cannot see a dropped run, so these tests count nodes.
#include "test_support.hpp"

namespace layouts_test {

using namespace kin_test;

template <class L>
class Layout : public ::testing::Test {};
TYPED_TEST_SUITE(Layout, all_layouts, layout_names);

// The node (the layout's links) under the value `v`.
template <class L>
typename L::node_traits::node_ptr node_of(typename L::node_type* v) {
  return L::traits::to_node_ptr(v);
}

TYPED_TEST(Layout, FreshHookIsUnlinkedAndChildless) {
  using T = typename TypeParam::node_traits;
  using VT = typename TypeParam::traits;
  pool<TypeParam> p(1);
  const auto n0 = node_of<TypeParam>(p[0]);
  EXPECT_EQ(T::get_parent(n0), nullptr);
  EXPECT_EQ(T::get_first_child(n0), nullptr);
  EXPECT_EQ(T::get_next_sibling(n0), nullptr);
  EXPECT_FALSE(T::is_linked(n0));
  EXPECT_EQ(kin::last_child<VT>(p[0]), nullptr);
  EXPECT_EQ(kin::prev_sibling<VT>(p[0]), nullptr);
  EXPECT_TRUE(verified<TypeParam>(p[0]));
}

TYPED_TEST(Layout, PolicyLinksAndUnlinks) {
  using T = typename TypeParam::node_traits;
  using VT = typename TypeParam::traits;
  pool<TypeParam> p(6);
  auto n = [&](int i) { return node_of<TypeParam>(p[static_cast<std::size_t>(i)]); };
  T::link_first(n(0), n(2));  // 0(2)
  T::link_first(n(0), n(1));  // 0(1 2)
  T::link_after(n(2), n(4));  // 0(1 2 4)
  T::link_before(n(4), n(3)); // 0(1 2 3 4)
  T::link_before(n(1), n(5)); // 0(5 1 2 3 4)
  EXPECT_EQ(shape<TypeParam>(p[0]), "0(5 1 2 3 4)");
  EXPECT_TRUE(verified<TypeParam>(p[0]));
  EXPECT_TRUE(T::is_linked(n(3)));
  EXPECT_EQ(kin::last_child<VT>(p[0]), p[4]);
  EXPECT_EQ(kin::prev_sibling<VT>(p[3]), p[2]);
  EXPECT_EQ(kin::prev_sibling<VT>(p[5]), nullptr);

  for (int victim : {5, 3, 4, 1, 2}) { // front, middle, back, front, only
    T::unlink(n(victim));
    EXPECT_FALSE(T::is_linked(n(victim)));
    EXPECT_EQ(T::get_parent(n(victim)), nullptr);
    EXPECT_EQ(T::get_next_sibling(n(victim)), nullptr);
    EXPECT_TRUE(verified<TypeParam>(p[0]));
  }
  EXPECT_EQ(shape<TypeParam>(p[0]), "0");
  // Unlinked nodes can be linked again.
  T::link_first(n(0), n(3));
  EXPECT_EQ(shape<TypeParam>(p[0]), "0(3)");
}

TYPED_TEST(Layout, TransferMovesARunWithinAndAcrossParents) {
  using T = typename TypeParam::node_traits;
  pool<TypeParam> p(12);
  auto n = [&](int i) { return node_of<TypeParam>(p[static_cast<std::size_t>(i)]); };
  auto root = p.build("0(1(3 4 5 6) 2(7 8))");
  T::transfer(n(2), n(8), n(4), n(5)); // into the middle of another list
  EXPECT_EQ(shape<TypeParam>(root), "0(1(3 6) 2(7 4 5 8))");
  EXPECT_TRUE(verified<TypeParam>(root));
  T::transfer(n(2), nullptr, n(7), n(4)); // to the end, same parent
  EXPECT_EQ(shape<TypeParam>(root), "0(1(3 6) 2(5 8 7 4))");
  T::transfer(n(2), n(5), n(8), n(4)); // to the front, same parent
  EXPECT_EQ(shape<TypeParam>(root), "0(1(3 6) 2(8 7 4 5))");
  T::transfer(n(1), nullptr, n(8), n(5)); // the whole list moves
  EXPECT_EQ(shape<TypeParam>(root), "0(1(3 6 8 7 4 5) 2)");
  EXPECT_TRUE(verified<TypeParam>(root));
  T::transfer(n(2), nullptr, n(3), n(3)); // into an empty list
  EXPECT_EQ(shape<TypeParam>(root), "0(1(6 8 7 4 5) 2(3))");
  T::transfer(n(2), n(3), n(7), n(5)); // before the front of another list
  EXPECT_EQ(shape<TypeParam>(root), "0(1(6 8) 2(7 4 5 3))");
  EXPECT_TRUE(verified<TypeParam>(root));
  for (int moved : {7, 4, 5}) EXPECT_EQ(T::get_parent(n(moved)), n(2));
}

// Boost 1.74's transfer(p, b, e) drops the run when p == e.
TYPED_TEST(Layout, TransferBeforeTheRunsEndIsANoOp) {
  using T = typename TypeParam::node_traits;
  using VT = typename TypeParam::traits;
  pool<TypeParam> p(8);
  auto n = [&](int i) { return node_of<TypeParam>(p[static_cast<std::size_t>(i)]); };
  auto root = p.build("0(1 2 3 4 5)");
  T::transfer(n(0), n(4), n(2), n(3)); // 2 3 already sit before 4
  EXPECT_EQ(shape<TypeParam>(root), "0(1 2 3 4 5)");
  T::transfer(n(0), nullptr, n(4), n(5)); // 4 5 already at the end
  EXPECT_EQ(shape<TypeParam>(root), "0(1 2 3 4 5)");
  EXPECT_EQ(kin::child_count<VT>(root), 5u);
  EXPECT_EQ(ids<TypeParam>(kin::preorder<VT>(root)).size(), 6u);
  EXPECT_TRUE(verified<TypeParam>(root));
}

// Boost 1.74's transfer(p, b, e) makes an endless ring when p == b.
TYPED_TEST(Layout, TransferBeforeTheRunsFirstNodeIsANoOp) {
  using T = typename TypeParam::node_traits;
  using VT = typename TypeParam::traits;
  pool<TypeParam> p(8);
  auto n = [&](int i) { return node_of<TypeParam>(p[static_cast<std::size_t>(i)]); };
  auto root = p.build("0(1 2 3 4 5)");
  T::transfer(n(0), n(2), n(2), n(4));
  EXPECT_EQ(shape<TypeParam>(root), "0(1 2 3 4 5)");
  T::transfer(n(0), n(1), n(1), n(5)); // the whole list before itself
  EXPECT_EQ(shape<TypeParam>(root), "0(1 2 3 4 5)");
  EXPECT_EQ(kin::child_count<VT>(root), 5u);
  EXPECT_TRUE(verified<TypeParam>(root));
}

TEST(ListLayout, UnlinkResetsTheNodesOwnRingPointers) {
  using T = kin::list_traits;
  pool<list> p(3);
  auto root = p.build("0(1 2)");
  const auto r = node_of<list>(root), n1 = node_of<list>(p[1]), n2 = node_of<list>(p[2]);
  T::unlink(n1);
  EXPECT_EQ(T::sibling_ring(n1)->next, nullptr); // Boost 1.74 leaves these stale
  EXPECT_EQ(T::sibling_ring(n1)->prev, nullptr);
  // A childless node's child ring is self-linked, from construction on.
  EXPECT_EQ(T::child_ring(n1)->next, T::child_ring(n1));
  EXPECT_EQ(T::child_ring(n1)->prev, T::child_ring(n1));
  T::unlink(n2);
  EXPECT_EQ(T::child_ring(r)->next, T::child_ring(r));
  EXPECT_EQ(T::child_ring(r)->prev, T::child_ring(r));
}

TEST(CompactLayout, FirstChildsPrevIsTheLastChild) {
  using T = kin::compact_traits;
  pool<compact> p(4);
  auto root = p.build("0(1 2 3)");
  auto n = [&](int i) { return node_of<compact>(p[static_cast<std::size_t>(i)]); };
  EXPECT_EQ(T::get_raw_prev(n(1)), n(3));
  EXPECT_EQ(T::get_next_sibling(n(3)), nullptr);
  T::unlink(n(3));
  EXPECT_EQ(T::get_raw_prev(n(1)), n(2));
  EXPECT_EQ(T::get_raw_prev(n(3)), nullptr);
  T::unlink(n(1));
  EXPECT_EQ(T::get_raw_prev(n(2)), n(2)); // the only child is its own last
  EXPECT_TRUE(verified<compact>(root));
}

} // namespace layouts_test
