// The sibling-list policies of the three layouts, called directly, and the
// named regression tests for the transfer trap of Boost 1.74 (#63): a run
// inserted before its own end or its own first node must stay put. verify
// cannot see a dropped run, so these tests count nodes.
#include "test_support.hpp"

namespace {

using namespace kin_test;

template <class L>
class Layout : public ::testing::Test {};
TYPED_TEST_SUITE(Layout, all_layouts, layout_names);

TYPED_TEST(Layout, FreshHookIsUnlinkedAndChildless) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(1);
  EXPECT_EQ(T::get_parent(p[0]), nullptr);
  EXPECT_EQ(T::get_first_child(p[0]), nullptr);
  EXPECT_EQ(T::get_next_sibling(p[0]), nullptr);
  EXPECT_FALSE(T::is_linked(p[0]));
  EXPECT_EQ(kin::last_child<T>(p[0]), nullptr);
  EXPECT_EQ(kin::prev_sibling<T>(p[0]), nullptr);
  EXPECT_TRUE(verified<TypeParam>(p[0]));
}

TYPED_TEST(Layout, PolicyLinksAndUnlinks) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(6);
  T::link_first(p[0], p[2]);  // 0(2)
  T::link_first(p[0], p[1]);  // 0(1 2)
  T::link_after(p[2], p[4]);  // 0(1 2 4)
  T::link_before(p[4], p[3]); // 0(1 2 3 4)
  T::link_before(p[1], p[5]); // 0(5 1 2 3 4)
  EXPECT_EQ(shape<TypeParam>(p[0]), "0(5 1 2 3 4)");
  EXPECT_TRUE(verified<TypeParam>(p[0]));
  EXPECT_TRUE(T::is_linked(p[3]));
  EXPECT_EQ(kin::last_child<T>(p[0]), p[4]);
  EXPECT_EQ(kin::prev_sibling<T>(p[3]), p[2]);
  EXPECT_EQ(kin::prev_sibling<T>(p[5]), nullptr);

  for (int victim : {5, 3, 4, 1, 2}) { // front, middle, back, front, only
    T::unlink(p[victim]);
    EXPECT_FALSE(T::is_linked(p[victim]));
    EXPECT_EQ(T::get_parent(p[victim]), nullptr);
    EXPECT_EQ(T::get_next_sibling(p[victim]), nullptr);
    EXPECT_TRUE(verified<TypeParam>(p[0]));
  }
  EXPECT_EQ(shape<TypeParam>(p[0]), "0");
  // Unlinked nodes can be linked again.
  T::link_first(p[0], p[3]);
  EXPECT_EQ(shape<TypeParam>(p[0]), "0(3)");
}

TYPED_TEST(Layout, TransferMovesARunWithinAndAcrossParents) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(12);
  auto root = p.build("0(1(3 4 5 6) 2(7 8))");
  T::transfer(p[2], p[8], p[4], p[5]); // into the middle of another list
  EXPECT_EQ(shape<TypeParam>(root), "0(1(3 6) 2(7 4 5 8))");
  EXPECT_TRUE(verified<TypeParam>(root));
  T::transfer(p[2], nullptr, p[7], p[4]); // to the end, same parent
  EXPECT_EQ(shape<TypeParam>(root), "0(1(3 6) 2(5 8 7 4))");
  T::transfer(p[2], p[5], p[8], p[4]); // to the front, same parent
  EXPECT_EQ(shape<TypeParam>(root), "0(1(3 6) 2(8 7 4 5))");
  T::transfer(p[1], nullptr, p[8], p[5]); // the whole list moves
  EXPECT_EQ(shape<TypeParam>(root), "0(1(3 6 8 7 4 5) 2)");
  EXPECT_TRUE(verified<TypeParam>(root));
  T::transfer(p[2], nullptr, p[3], p[3]); // into an empty list
  EXPECT_EQ(shape<TypeParam>(root), "0(1(6 8 7 4 5) 2(3))");
  T::transfer(p[2], p[3], p[7], p[5]); // before the front of another list
  EXPECT_EQ(shape<TypeParam>(root), "0(1(6 8) 2(7 4 5 3))");
  EXPECT_TRUE(verified<TypeParam>(root));
  for (int moved : {7, 4, 5}) EXPECT_EQ(T::get_parent(p[moved]), p[2]);
}

// Boost 1.74's transfer(p, b, e) drops the run when p == e.
TYPED_TEST(Layout, TransferBeforeTheRunsEndIsANoOp) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(8);
  auto root = p.build("0(1 2 3 4 5)");
  T::transfer(p[0], p[4], p[2], p[3]); // 2 3 already sit before 4
  EXPECT_EQ(shape<TypeParam>(root), "0(1 2 3 4 5)");
  T::transfer(p[0], nullptr, p[4], p[5]); // 4 5 already at the end
  EXPECT_EQ(shape<TypeParam>(root), "0(1 2 3 4 5)");
  EXPECT_EQ(kin::child_count<T>(root), 5u);
  EXPECT_EQ(ids<TypeParam>(kin::preorder<T>(root)).size(), 6u);
  EXPECT_TRUE(verified<TypeParam>(root));
}

// Boost 1.74's transfer(p, b, e) makes an endless ring when p == b.
TYPED_TEST(Layout, TransferBeforeTheRunsFirstNodeIsANoOp) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(8);
  auto root = p.build("0(1 2 3 4 5)");
  T::transfer(p[0], p[2], p[2], p[4]);
  EXPECT_EQ(shape<TypeParam>(root), "0(1 2 3 4 5)");
  T::transfer(p[0], p[1], p[1], p[5]); // the whole list before itself
  EXPECT_EQ(shape<TypeParam>(root), "0(1 2 3 4 5)");
  EXPECT_EQ(kin::child_count<T>(root), 5u);
  EXPECT_TRUE(verified<TypeParam>(root));
}

TEST(ListLayout, UnlinkResetsTheNodesOwnRingPointers) {
  using T = kin::list_traits;
  pool<list> p(3);
  auto root = p.build("0(1 2)");
  T::unlink(p[1]);
  EXPECT_EQ(T::sibling(p[1])->next, nullptr); // Boost 1.74 leaves these stale
  EXPECT_EQ(T::sibling(p[1])->prev, nullptr);
  // A childless node's child ring is self-linked, from construction on.
  EXPECT_EQ(T::header(p[1])->next, T::header(p[1]));
  EXPECT_EQ(T::header(p[1])->prev, T::header(p[1]));
  T::unlink(p[2]);
  EXPECT_EQ(T::header(root)->next, T::header(root));
  EXPECT_EQ(T::header(root)->prev, T::header(root));
}

TEST(CompactLayout, FirstChildsPrevIsTheLastChild) {
  using T = kin::compact_traits;
  pool<compact> p(4);
  auto root = p.build("0(1 2 3)");
  EXPECT_EQ(T::get_raw_prev(p[1]), p[3]);
  EXPECT_EQ(T::get_next_sibling(p[3]), nullptr);
  T::unlink(p[3]);
  EXPECT_EQ(T::get_raw_prev(p[1]), p[2]);
  EXPECT_EQ(T::get_raw_prev(p[3]), nullptr);
  T::unlink(p[1]);
  EXPECT_EQ(T::get_raw_prev(p[2]), p[2]); // the only child is its own last
  EXPECT_TRUE(verified<compact>(root));
}

} // namespace
