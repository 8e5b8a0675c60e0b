// SPDX-License-Identifier: BSL-1.0
// The algorithms on every layout: link, unlink, replace, reparent,
// splice_children, adopt_siblings, hoist_children and the queries.
#include "test_support.hpp"

namespace algorithms_test {

using namespace kin_test;

template <class L>
class Algorithms : public ::testing::Test {};
TYPED_TEST_SUITE(Algorithms, all_layouts, layout_names);

TYPED_TEST(Algorithms, LinkInEveryPosition) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(6);
  kin::link_last_child<T>(p[0], p[2]);
  kin::link_first_child<T>(p[0], p[1]);
  kin::link_last_child<T>(p[0], p[5]);
  kin::link_after<T>(p[2], p[3]);
  kin::link_before<T>(p[5], p[4]);
  EXPECT_EQ(shape<TypeParam>(p[0]), "0(1 2 3 4 5)");
  EXPECT_TRUE(verified<TypeParam>(p[0]));
}

TYPED_TEST(Algorithms, QueriesCountDepthAndAncestry) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(8);
  auto root = p.build("0(1(2(3)) 4 5)");
  EXPECT_EQ(kin::child_count<T>(root), 3u);
  EXPECT_EQ(kin::child_count<T>(p[3]), 0u);
  EXPECT_EQ(kin::depth<T>(root), 0u);
  EXPECT_EQ(kin::depth<T>(p[3]), 3u);
  EXPECT_TRUE(kin::is_ancestor<T>(root, p[3]));
  EXPECT_TRUE(kin::is_ancestor<T>(p[1], p[3]));
  EXPECT_FALSE(kin::is_ancestor<T>(p[3], p[3])); // strict
  EXPECT_FALSE(kin::is_ancestor<T>(p[3], p[1]));
  EXPECT_FALSE(kin::is_ancestor<T>(p[4], p[3]));
  EXPECT_EQ(kin::last_child<T>(root), p[5]);
  EXPECT_EQ(kin::prev_sibling<T>(p[5]), p[4]);
  EXPECT_EQ(kin::prev_sibling<T>(p[1]), nullptr);
  EXPECT_EQ(kin::prev_sibling<T>(root), nullptr);
  EXPECT_EQ(kin::parent<T>(p[3]), p[2]);
  EXPECT_EQ(kin::parent<T>(root), nullptr);
  EXPECT_EQ(kin::first_child<T>(root), p[1]);
  EXPECT_EQ(kin::first_child<T>(p[3]), nullptr);
  EXPECT_EQ(kin::next_sibling<T>(p[4]), p[5]);
  EXPECT_EQ(kin::next_sibling<T>(p[5]), nullptr);
  EXPECT_TRUE(kin::is_linked<T>(p[3]));
  EXPECT_FALSE(kin::is_linked<T>(root));
}

TYPED_TEST(Algorithms, UnlinkTakesTheSubtreeAlong) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(6);
  auto root = p.build("0(1(2 3) 4)");
  kin::unlink<T>(p[1]);
  EXPECT_EQ(shape<TypeParam>(root), "0(4)");
  EXPECT_EQ(shape<TypeParam>(p[1]), "1(2 3)");
  EXPECT_FALSE(kin::is_linked<T>(p[1]));
  EXPECT_TRUE(verified<TypeParam>(root));
  EXPECT_TRUE(verified<TypeParam>(p[1]));
}

TYPED_TEST(Algorithms, ReplaceHandsOverPlaceAndChildren) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(8);
  auto root = p.build("0(1 2(3 4) 5)");
  kin::replace<T>(p[2], p[6]);
  EXPECT_EQ(shape<TypeParam>(root), "0(1 6(3 4) 5)");
  EXPECT_FALSE(kin::is_linked<T>(p[2]));
  EXPECT_EQ(kin::first_child<T>(p[2]), nullptr);
  EXPECT_TRUE(verified<TypeParam>(root));
  kin::replace<T>(p[5], p[7]); // a leaf at the end
  EXPECT_EQ(shape<TypeParam>(root), "0(1 6(3 4) 7)");
  kin::replace<T>(root, p[2]); // a root: only the children move
  EXPECT_EQ(shape<TypeParam>(p[2]), "2(1 6(3 4) 7)");
  EXPECT_EQ(shape<TypeParam>(root), "0");
  EXPECT_TRUE(verified<TypeParam>(p[2]));
}

TYPED_TEST(Algorithms, ReparentMovesSubtreesAndRefusesCycles) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(8);
  auto root = p.build("0(1(2(3)) 4)");
  kin::reparent<T>(p[2], p[4]);
  EXPECT_EQ(shape<TypeParam>(root), "0(1 4(2(3)))");
  EXPECT_FALSE(kin::try_reparent<T>(p[4], p[3])); // under its own descendant
  EXPECT_FALSE(kin::try_reparent<T>(p[4], p[4]));
  EXPECT_EQ(shape<TypeParam>(root), "0(1 4(2(3)))");
  EXPECT_TRUE(kin::try_reparent<T>(p[3], p[1]));
  EXPECT_EQ(shape<TypeParam>(root), "0(1(3) 4(2))");
  EXPECT_TRUE(kin::try_reparent<T>(p[6], p[2])); // an unlinked node
  kin::reparent<T>(root, p[7]); // a whole tree under a new root
  EXPECT_EQ(shape<TypeParam>(p[7]), "7(0(1(3) 4(2(6))))");
  EXPECT_TRUE(verified<TypeParam>(p[7]));
}

TYPED_TEST(Algorithms, SpliceChildrenAppendsInOrder) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(8);
  auto root = p.build("0(1(3 4 5) 2(6))");
  kin::splice_children<T>(p[2], p[1]);
  EXPECT_EQ(shape<TypeParam>(root), "0(1 2(6 3 4 5))");
  kin::splice_children<T>(p[2], p[1]); // nothing to move
  EXPECT_EQ(shape<TypeParam>(root), "0(1 2(6 3 4 5))");
  kin::splice_children<T>(p[1], p[2]); // into an empty list
  EXPECT_EQ(shape<TypeParam>(root), "0(1(6 3 4 5) 2)");
  kin::splice_children<T>(p[7], p[1]); // to an unlinked root
  EXPECT_EQ(shape<TypeParam>(p[7]), "7(6 3 4 5)");
  EXPECT_TRUE(verified<TypeParam>(root));
  EXPECT_TRUE(verified<TypeParam>(p[7]));
}

TYPED_TEST(Algorithms, AdoptAndHoistAreInverses) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build("0(1 2(5) 3 4)");
  kin::adopt_siblings<T>(p[8], p[2], p[3]);
  EXPECT_EQ(shape<TypeParam>(root), "0(1 8(2(5) 3) 4)");
  EXPECT_TRUE(verified<TypeParam>(root));
  kin::adopt_siblings<T>(p[9], p[1], p[4]); // the whole list, first to last
  EXPECT_EQ(shape<TypeParam>(root), "0(9(1 8(2(5) 3) 4))");
  kin::hoist_children<T>(p[9]);
  EXPECT_EQ(shape<TypeParam>(root), "0(1 8(2(5) 3) 4)");
  EXPECT_FALSE(kin::is_linked<T>(p[9]));
  EXPECT_EQ(kin::first_child<T>(p[9]), nullptr);
  kin::hoist_children<T>(p[8]);
  EXPECT_EQ(shape<TypeParam>(root), "0(1 2(5) 3 4)");
  kin::adopt_siblings<T>(p[8], p[4], p[4]); // a run of one at the end
  EXPECT_EQ(shape<TypeParam>(root), "0(1 2(5) 3 8(4))");
  kin::hoist_children<T>(p[5]); // a leaf: just unlinked
  EXPECT_EQ(shape<TypeParam>(root), "0(1 2 3 8(4))");
  EXPECT_TRUE(verified<TypeParam>(root));
}

} // namespace algorithms_test
