// SPDX-License-Identifier: BSL-1.0
// Forward walkers on every layout: order, depth, skip_children, the safe
// post-order, the ranges concepts, and the edge cases (single node, leaves).
#include "test_support.hpp"

#include <algorithm>
#include <ranges>
#include <type_traits>

namespace walkers_test {

using namespace kin_test;
using V = std::vector<int>;

template <class L>
class Walkers : public ::testing::Test {};
TYPED_TEST_SUITE(Walkers, all_layouts, layout_names);

// 0(1(3 4(7 8)) 2(5 6(9)))
constexpr const char* kTree = "0(1(3 4(7 8)) 2(5 6(9)))";

// The walks' ranges concepts and value types: compile_only/walk_concepts.cpp.

TYPED_TEST(Walkers, EveryWalkInItsOrder) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build(kTree);
  EXPECT_EQ(ids<TypeParam>(kin::children<T>(root)), (V{1, 2}));
  EXPECT_EQ(ids<TypeParam>(kin::children<T>(p[4])), (V{7, 8}));
  EXPECT_EQ(ids<TypeParam>(kin::preorder<T>(root)), (V{0, 1, 3, 4, 7, 8, 2, 5, 6, 9}));
  EXPECT_EQ(ids<TypeParam>(kin::preorder<T>(p[1])), (V{1, 3, 4, 7, 8}));
  EXPECT_EQ(ids<TypeParam>(kin::descendants<T>(root)), (V{1, 3, 4, 7, 8, 2, 5, 6, 9}));
  EXPECT_EQ(ids<TypeParam>(kin::descendants<T>(p[2])), (V{5, 6, 9}));
  EXPECT_EQ(ids<TypeParam>(kin::postorder<T>(root)), (V{3, 7, 8, 4, 1, 5, 9, 6, 2, 0}));
  EXPECT_EQ(ids<TypeParam>(kin::postorder<T>(p[4])), (V{7, 8, 4}));
  EXPECT_EQ(ids<TypeParam>(kin::postorder_safe<T>(root)), (V{3, 7, 8, 4, 1, 5, 9, 6, 2, 0}));
  EXPECT_EQ(ids<TypeParam>(kin::leaves<T>(root)), (V{3, 7, 8, 5, 9}));
  EXPECT_EQ(ids<TypeParam>(kin::leaves<T>(p[2])), (V{5, 9}));
  EXPECT_EQ(ids<TypeParam>(kin::ancestors<T>(p[9])), (V{6, 2, 0}));
  EXPECT_EQ(ids<TypeParam>(kin::ancestors<T>(root)), V{});
}

// *it is the value, it.node() the layout's node under it (null at the end).
TYPED_TEST(Walkers, IteratorNodeIsTheLayoutNode) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build(kTree);
  auto kids = kin::children<T>(root);
  static_assert(std::is_same_v<decltype(kids.begin().node()), typename TypeParam::node_traits::node_ptr>);
  EXPECT_EQ(kids.begin().node(), T::to_node_ptr(p[1]));
  EXPECT_EQ(&*kids.begin(), p[1]);
  EXPECT_EQ(kids.end().node(), nullptr);
  auto pre = kin::preorder<T>(root);
  EXPECT_EQ(pre.begin().node(), T::to_node_ptr(root));
  EXPECT_EQ(std::ranges::next(pre.begin(), 3).node(), T::to_node_ptr(p[4]));
  EXPECT_EQ(pre.end().node(), nullptr);
  EXPECT_EQ(kin::postorder_safe<T>(root).begin().node(), T::to_node_ptr(p[3]));
}

TYPED_TEST(Walkers, SingleNodeAndLeafWalks) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(1);
  auto n = p[0];
  EXPECT_TRUE(kin::children<T>(n).empty());
  EXPECT_TRUE(kin::descendants<T>(n).empty());
  EXPECT_EQ(ids<TypeParam>(kin::preorder<T>(n)), V{0});
  EXPECT_EQ(ids<TypeParam>(kin::postorder<T>(n)), V{0});
  EXPECT_EQ(ids<TypeParam>(kin::postorder_safe<T>(n)), V{0});
  EXPECT_EQ(ids<TypeParam>(kin::leaves<T>(n)), V{0});
  EXPECT_TRUE(kin::ancestors<T>(n).empty());
}

TYPED_TEST(Walkers, PreorderDepthAndSkipChildren) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build(kTree);
  V depths;
  for (auto it = kin::preorder<T>(root).with_depth().begin(); it != kin::preorder<T>(root).with_depth().end(); ++it)
    depths.push_back(static_cast<int>(it.depth()));
  EXPECT_EQ(depths, (V{0, 1, 2, 2, 3, 3, 1, 2, 2, 3}));
  auto d = kin::descendants<T>(p[2]).with_depth();
  auto it = d.begin();
  EXPECT_EQ(it.depth(), 1);
  // Skip the subtrees of 1 and 6: what a resource walk does with a match.
  V seen;
  auto r = kin::preorder<T>(root);
  for (auto i = r.begin(); i != r.end();) {
    seen.push_back(i->id);
    int id = i->id;
    if (id == 1 || id == 6) i.skip_children(); else ++i;
  }
  EXPECT_EQ(seen, (V{0, 1, 2, 5, 6}));
  // skip_children on the root ends the walk.
  auto i = r.begin();
  i.skip_children();
  EXPECT_EQ(i, r.end());
}

TYPED_TEST(Walkers, StepsAreBoundedToTheSubtree) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build(kTree);
  EXPECT_EQ(kin::preorder_next<T>(p[8], p[1]), nullptr); // 8 is last under 1
  EXPECT_EQ(kin::preorder_next<T>(p[8], root), p[2]);
  EXPECT_EQ(kin::preorder_next_skip_children<T>(p[4], root), p[2]);
  EXPECT_EQ(kin::preorder_next_skip_children<T>(p[1], p[1]), nullptr);
  EXPECT_EQ(kin::postorder_next<T>(p[1], p[1]), nullptr);
  EXPECT_EQ(kin::postorder_next<T>(p[1], root), p[5]);
  EXPECT_EQ(kin::leftmost_leaf<T>(p[2]), p[5]);
}

TYPED_TEST(Walkers, PostorderSafeSurvivesUnlinkingTheCurrentNode) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build(kTree);
  V order;
  for (auto& n : kin::postorder_safe<T>(root)) {
    order.push_back(n.id);
    if (&n != root) {
      kin::unlink<T>(&n);
      EXPECT_FALSE(kin::is_linked<T>(&n));
    }
  }
  EXPECT_EQ(order, (V{3, 7, 8, 4, 1, 5, 9, 6, 2, 0}));
  EXPECT_EQ(kin::child_count<T>(root), 0u);
}

TYPED_TEST(Walkers, PostorderSafeSurvivesDisposingTheCurrentNode) {
  using T = typename TypeParam::traits;
  using N = typename TypeParam::node_type;
  N root;
  root.id = 0;
  // Heap nodes, freed while the walk stands on them (ASan checks the walk
  // never reads them again).
  std::vector<N*> made;
  for (int i = 1; i <= 6; ++i) {
    N* n = new N;
    n->id = i;
    made.push_back(n);
  }
  kin::link_last_child<T>(&root, made[0]);
  kin::link_last_child<T>(made[0], made[1]);
  kin::link_last_child<T>(made[0], made[2]);
  kin::link_last_child<T>(&root, made[3]);
  kin::link_last_child<T>(made[3], made[4]);
  kin::link_last_child<T>(made[4], made[5]);
  V order;
  for (N& n : kin::postorder_safe<T>(&root)) {
    order.push_back(n.id);
    if (&n != &root) delete &n;
  }
  EXPECT_EQ(order, (V{2, 3, 1, 6, 5, 4, 0}));
}

TYPED_TEST(Walkers, ResumeFromAndAfterAValue) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build(kTree);
  EXPECT_EQ(ids<TypeParam>(kin::preorder<T>(root).from(p[4])), (V{4, 7, 8, 2, 5, 6, 9}));
  EXPECT_EQ(ids<TypeParam>(kin::preorder<T>(root).after(p[4])), (V{7, 8, 2, 5, 6, 9}));
  EXPECT_EQ(ids<TypeParam>(kin::preorder<T>(p[1]).after(p[4])), (V{7, 8})); // within the same bound
  EXPECT_EQ(ids<TypeParam>(kin::children<T>(root).from(p[2])), V{2});
  EXPECT_EQ(ids<TypeParam>(kin::children<T>(root).after(p[1])), V{2});
  EXPECT_TRUE(kin::children<T>(root).after(p[2]).empty());
  auto resumed = kin::preorder<T>(root).with_depth().from(p[4]);
  EXPECT_EQ(resumed.begin().depth(), 2);
  EXPECT_EQ(std::ranges::next(resumed.begin())->id, 7);
  EXPECT_EQ(std::ranges::next(resumed.begin()).depth(), 3);
}

TYPED_TEST(Walkers, WorksWithStdRangesAlgorithms) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build(kTree);
  auto pre = kin::preorder<T>(root).with_depth();
  EXPECT_EQ(std::ranges::distance(pre), 10);
  auto found = std::ranges::find(pre, p[6], [](auto& n) { return &n; });
  ASSERT_NE(found, pre.end());
  EXPECT_EQ(found.depth(), 2);
  EXPECT_EQ(std::ranges::count_if(kin::descendants<T>(root),
                                  [](auto& n) { return kin::first_child<T>(&n) == nullptr; }),
            5);
  auto ids_even = kin::preorder<T>(root) | std::views::transform([](auto& n) { return n.id; }) |
                  std::views::filter([](int id) { return id % 2 == 0; });
  EXPECT_EQ(V(ids_even.begin(), ids_even.end()), (V{0, 4, 8, 2, 6}));
  EXPECT_EQ(&kin::preorder<T>(root).front(), root);
}

} // namespace walkers_test
