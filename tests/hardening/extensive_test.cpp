// SPDX-License-Identifier: BSL-1.0
// The `extensive` hardening mode: the O(depth) and O(siblings) checks and
// the walkers' assumptions. This translation unit alone selects the mode;
// the program also holds units in the other modes (kin's functions carry
// the mode in their symbols, so they do not clash).
#define KIN_HARDENING_MODE KIN_HARDENING_MODE_EXTENSIVE
#include "test_support.hpp"

#include <kin/adapters/resource.hpp>
#include <kin/tree.hpp>

#include <cstdint>

namespace hardening_extensive_test {

using namespace kin_test;

template <class L>
class Extensive : public ::testing::Test {
protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};
TYPED_TEST_SUITE(Extensive, all_layouts, layout_names);

std::string rule(const char* text) { return std::string("kin: broken rule: ") + text; }

TYPED_TEST(Extensive, MovingANodeIntoItsOwnSubtree) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(6);
  auto root = p.build("0(1(2(3)) 4)");
  const auto r = rule("a node cannot move into its own subtree");
  EXPECT_DEATH(kin::reparent<T>(p[1], p[3]), r);          // under its own grandchild
  EXPECT_DEATH(kin::splice_children<T>(p[3], p[1]), r);   // children under their own leaf
  kin::unlink<T>(p[1]);
  EXPECT_DEATH(kin::link_last_child<T>(p[3], p[1]), r);   // a root under its own descendant
  EXPECT_DEATH(kin::link_first_child<T>(p[2], p[1]), r);
  EXPECT_DEATH(kin::link_after<T>(p[3], p[1]), r);
  EXPECT_FALSE(kin::try_reparent<T>(p[1], p[3]));          // the checked form just says no
  kin::link_last_child<T>(root, p[1]);
  EXPECT_TRUE(verified<TypeParam>(root));
}

TYPED_TEST(Extensive, ARunThatIsNotARun) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(6);
  auto root = p.build("0(1 2 3 4)");
  const auto r = rule("a run's last node must be its first node or one of its next siblings");
  EXPECT_DEATH(kin::adopt_siblings<T>(p[5], p[3], p[1]), r); // ends swapped: same parent, wrong order
  kin::adopt_siblings<T>(p[5], p[2], p[3]);
  EXPECT_EQ(shape<TypeParam>(root), "0(1 5(2 3) 4)");
  EXPECT_TRUE(verified<TypeParam>(root));
}

// A resource tree that breaks the kernel's rules, passed with the caller's
// promise that it is well formed: the promise is checked (O(size)).
TYPED_TEST(Extensive, AResourceTreePromisedWellFormed) {
  using res = kin::resource<typename TypeParam::hook>;
  using R = typename res::traits;
  res root(0, UINT64_MAX, "root"), a(0x1000, 0x4fff, "System RAM"), b(0x2000, 0x2fff, "System RAM");
  a.flags = b.flags = kin::ioresource_system_ram | kin::ioresource_busy;
  kin::link_last_child<R>(&root, &a);
  kin::link_last_child<R>(&root, &b); // overlaps its previous sibling
  auto visit = [](const kin::resource_record<res*>&) noexcept { return 0; };
  EXPECT_DEATH(kin::walk_system_ram_res<R>(&root, 0, UINT64_MAX, visit, kin::assume_well_formed),
               rule("a resource tree must keep the kernel's rules"));
  EXPECT_EQ(kin::walk_system_ram_res<R>(&root, 0, UINT64_MAX, visit), 0); // checked: the slow, exact walk
}

// What the walkers otherwise hand to the optimiser is checked: a corrupted
// ring stops at the check instead of running into undefined behaviour.
TEST(ExtensiveWalkers, ACorruptedListRingIsCaughtByTheWalk) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  pool<list> p(4);
  auto root = p.build("0(1 2 3)");
  auto* e = list::node_traits::sibling_ring(p[2]);
  e->next = nullptr;
  EXPECT_DEATH(
      {
        for (auto& v : kin::preorder<list::traits>(root)) (void)v;
      },
      rule("a walker's assumption about a well-formed tree"));
  e->next = list::node_traits::sibling_ring(p[3]);
  EXPECT_EQ(ids<list>(kin::preorder<list::traits>(root)), (std::vector<int>{0, 1, 2, 3}));
}

TEST(ExtensiveWalkers, ACorruptedCompactBackLinkIsCaughtByTheReverseWalk) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  pool<compact> p(4);
  auto root = p.build("0(1 2 3)");
  compact::node_traits::set_raw_prev(p[3], nullptr);
  EXPECT_DEATH(
      {
        for (auto& v : kin::children_reverse<compact::traits>(root)) (void)v;
      },
      rule("a walker's assumption about a well-formed tree"));
  compact::node_traits::set_raw_prev(p[3], p[2]);
  EXPECT_EQ(ids<compact>(kin::children_reverse<compact::traits>(root)), (std::vector<int>{3, 2, 1}));
}

} // namespace hardening_extensive_test
