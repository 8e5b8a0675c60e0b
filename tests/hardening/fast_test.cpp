// SPDX-License-Identifier: BSL-1.0
// The default hardening mode, `fast`: every O(1) misuse check, on every
// layout, with the rule the default handler prints. No mode macro is defined
// here: this is what every build gets, NDEBUG or not.
#include "test_support.hpp"

#include <kin/checked_hook.hpp>
#include <kin/tree.hpp>

#include <array>

#if KIN_HARDENING_MODE != KIN_HARDENING_MODE_FAST
#error "the default mode must be fast"
#endif

namespace hardening_fast_test {

using namespace kin_test;

template <class L>
class Fast : public ::testing::Test {
protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};
TYPED_TEST_SUITE(Fast, all_layouts, layout_names);

// The default handler's words, then the rule.
std::string rule(const char* text) { return std::string("kin: broken rule: ") + text; }

TYPED_TEST(Fast, LinkingALinkedNode) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(4);
  auto root = p.build("0(1 2)");
  const auto r = rule("a node being linked must not be linked already");
  EXPECT_DEATH(kin::link_last_child<T>(root, p[1]), r);
  EXPECT_DEATH(kin::link_first_child<T>(p[2], p[1]), r);
  EXPECT_DEATH(kin::link_after<T>(p[2], p[1]), r);
  EXPECT_DEATH(kin::link_before<T>(p[1], p[2]), r);
  EXPECT_TRUE(verified<TypeParam>(root)); // the parent process saw nothing change
}

TYPED_TEST(Fast, UnlinkingAnUnlinkedNodeIsAnErrorNotANoOp) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(3);
  auto root = p.build("0(1)");
  const auto r = rule("a node being unlinked must be linked");
  EXPECT_DEATH(kin::unlink<T>(p[2]), r);          // never linked
  EXPECT_DEATH(kin::unlink<T>(root), r);          // a root
  EXPECT_DEATH(kin::hoist_children<T>(root), r);  // hoisting the root
  EXPECT_DEATH(kin::hoist_children<T>(p[2]), r);
  kin::unlink<T>(p[1]);
  EXPECT_DEATH(kin::unlink<T>(p[1]), r); // twice
}

TYPED_TEST(Fast, ANodeCannotTakeItsOwnPlace) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(4);
  auto root = p.build("0(1(2) 3)");
  const auto r = rule("a node cannot be linked under, beside or in place of itself");
  EXPECT_DEATH(kin::replace<T>(p[1], p[1]), r);
  EXPECT_DEATH(kin::reparent<T>(p[1], p[1]), r);
  EXPECT_DEATH(kin::splice_children<T>(p[1], p[1]), r);
  kin::unlink<T>(p[3]);
  EXPECT_DEATH(kin::link_first_child<T>(p[3], p[3]), r);
  EXPECT_DEATH(kin::link_last_child<T>(p[3], p[3]), r);
  EXPECT_TRUE(verified<TypeParam>(root));
}

TYPED_TEST(Fast, ReplaceAndAdoptNeedAFreshNode) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(6);
  auto root = p.build("0(1 2(3) 4)");
  const auto r = rule("the new node must be unlinked and childless");
  EXPECT_DEATH(kin::replace<T>(p[1], p[4]), r);
  EXPECT_DEATH(kin::adopt_siblings<T>(p[2], p[1], p[1]), r);
  kin::adopt_siblings<T>(p[5], p[4], p[4]);
  EXPECT_DEATH(kin::adopt_siblings<T>(p[5], p[1], p[1]), r); // the same new node twice
  kin::unlink<T>(p[2]);
  EXPECT_DEATH(kin::adopt_siblings<T>(p[2], p[1], p[1]), r); // has children
  EXPECT_TRUE(verified<TypeParam>(root));
}

TYPED_TEST(Fast, ARunsEndsMustShareAParent) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(6);
  auto root = p.build("0(1 2(3) 4)");
  EXPECT_DEATH(kin::adopt_siblings<T>(p[5], p[1], p[3]), rule("a run's first and last node must share a parent"));
  EXPECT_DEATH(kin::adopt_siblings<T>(p[5], root, p[1]), rule("the position to link beside must have a parent"));
  EXPECT_TRUE(verified<TypeParam>(root));
}

TYPED_TEST(Fast, LinkingBesideARootIsRefused) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(2);
  EXPECT_DEATH(kin::link_after<T>(p[0], p[1]), rule("the position to link beside must have a parent"));
  EXPECT_DEATH(kin::link_before<T>(p[0], p[1]), rule("the position to link beside must have a parent"));
}

TYPED_TEST(Fast, TheFacadeIsCheckedToo) {
  struct value : TypeParam::hook {};
  std::array<value, 3> v;
  kin::tree<kin::base_hook<value, typename TypeParam::hook>> t(v[0]);
  t.link_last_child(v[0], v[1]);
  EXPECT_DEATH(t.link_last_child(v[0], v[1]), rule("a node being linked must not be linked already"));
  EXPECT_DEATH(t.unlink(v[2]), rule("a node being unlinked must be linked"));
  EXPECT_DEATH(t.hoist_children(v[0]), rule("a node being unlinked must be linked"));
  EXPECT_DEATH(t.unlink_and_dispose(v[2], [](value&) {}), rule("a node being unlinked must be linked"));
  EXPECT_TRUE(t.verify());
}

// The kernel's CONFIG_DEBUG_LIST checks: a neighbour whose link does not
// point back is found before anything is written.
TEST(FastNeighbours, ListHeadRingThatDoesNotPointBack) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  using L = list;
  using NT = L::node_traits;
  pool<L> p(5);
  p.build("0(1 2 3)");
  // 2's ring element forgets 3: 3 no longer points back... from 2's view.
  auto* e2 = NT::sibling_ring(p[2]);
  auto* saved = e2->next;
  e2->next = NT::sibling_ring(p[1]);
  const auto r = rule("the neighbours' links must point back at the node");
  EXPECT_DEATH(kin::unlink<L::traits>(p[2]), r);
  EXPECT_DEATH(kin::link_after<L::traits>(p[2], p[4]), r);
  EXPECT_DEATH(kin::unlink<L::traits>(p[3]), r); // 3's prev is 2, whose next is not 3
  e2->next = saved;
  // A child ring header whose first element points elsewhere.
  auto* h = NT::child_ring(p[0]);
  saved = h->next;
  h->next = NT::sibling_ring(p[2]);
  EXPECT_DEATH(kin::link_first_child<L::traits>(p[0], p[4]), rule("the parent's first and last child links must agree"));
  h->next = saved;
  EXPECT_TRUE(verified<L>(p[0]));
}

TEST(FastNeighbours, CompactBackLinks) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  using L = compact;
  using NT = L::node_traits;
  pool<L> p(5);
  p.build("0(1 2 3)");
  // The first child's back link is the last child: point it at 2.
  NT::set_raw_prev(p[1], p[2]);
  EXPECT_DEATH(kin::link_last_child<L::traits>(p[0], p[4]), rule("the parent's first and last child links must agree"));
  EXPECT_DEATH(kin::unlink<L::traits>(p[1]), rule("the parent's first and last child links must agree"));
  NT::set_raw_prev(p[1], p[3]);
  // A middle node whose prev is lost.
  NT::set_raw_prev(p[2], nullptr);
  EXPECT_DEATH(kin::unlink<L::traits>(p[2]), rule("the neighbours' links must point back at the node"));
  EXPECT_DEATH(kin::link_before<L::traits>(p[2], p[4]), rule("the neighbours' links must point back at the node"));
  NT::set_raw_prev(p[2], p[1]);
  EXPECT_TRUE(verified<L>(p[0]));
}

TYPED_TEST(Fast, ACollectedWalkThatDidNotFitIsNotIterated) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(4);
  auto root = p.build("0(1 2(3))");
  std::array<typename TypeParam::node_type*, 2> small{};
  auto walk = kin::preorder_reverse<T>(root, kin::collect(small));
  ASSERT_FALSE(walk.fits());
  EXPECT_EQ(walk.needed(), 4u); // asking is free
  EXPECT_DEATH(
      {
        for (auto& v : walk) (void)v;
      },
      rule("a collected walk must fit its storage before it is iterated"));
  std::array<typename TypeParam::node_type*, 4> enough{};
  EXPECT_EQ(ids<TypeParam>(kin::preorder_reverse<T>(root, kin::collect(enough))), (std::vector<int>{3, 2, 1, 0}));
}

// The opt-in checked hook: destroying it while linked is caught.
TYPED_TEST(Fast, CheckedHookMustBeUnlinkedBeforeItDies) {
  using hook = kin::checked_hook<typename TypeParam::hook>;
  struct value : hook {};
  using VT = kin::base_hook<value, hook>;
  static_assert(sizeof(hook) == sizeof(typename TypeParam::hook)); // no extra state
  value root;
  EXPECT_DEATH(
      {
        value child;
        kin::link_last_child<VT>(&root, &child);
      },
      rule("a checked hook must be unlinked before it is destroyed"));
  {
    value child;
    kin::link_last_child<VT>(&root, &child);
    kin::unlink<VT>(&child); // unlinked in time: no report
  }
  EXPECT_EQ(kin::first_child<VT>(&root), nullptr);
}

} // namespace hardening_fast_test
