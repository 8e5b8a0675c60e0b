// SPDX-License-Identifier: BSL-1.0
// verify: each kind of corruption is reported at the right node, and verify
// terminates on any pointer graph (randomly corrupted trees included).
#include "test_support.hpp"

#include <random>
#include <set>
#include <type_traits>

namespace verify_test {

using namespace kin_test;

template <class L>
kin::verify_error error_of(const typename L::node_type* root) {
  return kin::verify<typename L::traits>(root).error;
}
template <class L>
int where(const typename L::node_type* root) {
  return pool<L>::id(kin::verify<typename L::traits>(root).node); // verify reports a value pointer
}
// The node (the layout's links) under the value `v`, for raw corruption.
template <class L>
typename L::node_traits::node_ptr nd(typename L::node_type* v) {
  return L::traits::to_node_ptr(v);
}

TEST(Verify, AcceptsValidTreesAndReportsNothing) {
  pool<singly> p(8);
  auto root = p.build("0(1(2 3(4)) 5 6(7))");
  auto r = kin::verify<kin::singly_traits>(root); // node traits are value traits too
  static_assert(std::is_same_v<decltype(r.node), const kin::singly_node*>);
  EXPECT_TRUE(r);
  EXPECT_EQ(r.error, kin::verify_error::none);
  EXPECT_EQ(r.node, nullptr);
  EXPECT_TRUE(verified<singly>(p[3])); // any subtree
  auto v = kin::verify<singly::traits>(root); // through value traits: value pointers
  static_assert(std::is_same_v<decltype(v.node), const singly::node_type*>);
  EXPECT_TRUE(v);
  EXPECT_EQ(v.node, nullptr);
  EXPECT_STREQ(kin::describe(kin::verify_error::none), "ok");
}

TEST(Verify, SinglyParentMismatch) {
  using A = kin::singly_access;
  pool<singly> p(6);
  auto root = p.build("0(1(2 3) 4)");
  A::set_parent(nd<singly>(p[3]), nd<singly>(p[0]));
  EXPECT_EQ(error_of<singly>(root), kin::verify_error::parent_mismatch);
  EXPECT_EQ(where<singly>(root), 1);
}

TEST(Verify, SinglySiblingCycleNotThroughTheFirstChild) {
  using A = kin::singly_access;
  pool<singly> p(6);
  auto root = p.build("0(1 2 3 4)");
  A::set_next_sibling(nd<singly>(p[4]), nd<singly>(p[2]));
  EXPECT_EQ(error_of<singly>(root), kin::verify_error::sibling_cycle);
  EXPECT_EQ(where<singly>(root), 0);
  A::set_next_sibling(nd<singly>(p[4]), nullptr);
  A::set_next_sibling(nd<singly>(p[1]), nd<singly>(p[1])); // a self-loop
  EXPECT_EQ(error_of<singly>(root), kin::verify_error::sibling_cycle);
}

TEST(Verify, SinglyChildLinkBackToTheRoot) {
  using A = kin::singly_access;
  pool<singly> p(6);
  auto root = p.build("0(1(2) 3)");
  A::set_first_child(nd<singly>(p[2]), nd<singly>(root));
  EXPECT_EQ(error_of<singly>(root), kin::verify_error::link_to_root);
  EXPECT_EQ(where<singly>(root), 2);
}

TEST(Verify, SinglySiblingCycleThroughTheRoot) {
  using A = kin::singly_access;
  pool<singly> p(6);
  auto sub = p.build("0(1(2 3) 4)");
  (void)sub;
  // Verify the subtree of 1, whose last child's sibling link leads back to 1.
  A::set_next_sibling(nd<singly>(p[3]), nd<singly>(p[1]));
  EXPECT_EQ(error_of<singly>(p[1]), kin::verify_error::link_to_root);
  EXPECT_EQ(where<singly>(p[1]), 1);
}

TEST(Verify, SinglyChildLinkToAnAncestorOtherThanTheRoot) {
  using A = kin::singly_access;
  pool<singly> p(6);
  auto root = p.build("0(1(2(3)))");
  A::set_first_child(nd<singly>(p[3]), nd<singly>(p[1])); // 1 -> 2 -> 3 -> 1 ...
  EXPECT_EQ(error_of<singly>(root), kin::verify_error::parent_mismatch);
  EXPECT_EQ(where<singly>(root), 3);
}

TEST(Verify, CompactPrevAndLastChildLinks) {
  using A = kin::compact_access;
  pool<compact> p(6);
  auto root = p.build("0(1 2 3)");
  A::set_raw_prev(nd<compact>(p[3]), nd<compact>(p[1]));
  EXPECT_EQ(error_of<compact>(root), kin::verify_error::prev_sibling_mismatch);
  A::set_raw_prev(nd<compact>(p[3]), nd<compact>(p[2]));
  EXPECT_TRUE(verified<compact>(root));
  A::set_raw_prev(nd<compact>(p[1]), nd<compact>(p[2])); // the first child's prev must be the last child
  EXPECT_EQ(error_of<compact>(root), kin::verify_error::last_child_mismatch);
  EXPECT_EQ(where<compact>(root), 0);
  A::set_raw_prev(nd<compact>(p[1]), nd<compact>(p[3]));
  A::set_next_sibling(nd<compact>(p[3]), nd<compact>(p[2])); // a cycle: caught, whichever link shows it first
  EXPECT_NE(error_of<compact>(root), kin::verify_error::none);
}

TEST(Verify, ListRingLinks) {
  using T = kin::list_traits;
  pool<list> p(6);
  auto root = p.build("0(1 2 3)");
  const auto r = nd<list>(root), n1 = nd<list>(p[1]), n2 = nd<list>(p[2]), n3 = nd<list>(p[3]);
  auto* saved = T::child_ring(r)->prev;
  T::child_ring(r)->prev = T::sibling_ring(n2); // the ring's tail is wrong
  EXPECT_EQ(error_of<list>(root), kin::verify_error::last_child_mismatch);
  T::child_ring(r)->prev = saved;
  saved = T::sibling_ring(n3)->prev;
  T::sibling_ring(n3)->prev = T::sibling_ring(n1);
  EXPECT_EQ(error_of<list>(root), kin::verify_error::prev_sibling_mismatch);
  T::sibling_ring(n3)->prev = saved;
  EXPECT_TRUE(verified<list>(root));
  T::set_parent(n2, n1);
  EXPECT_EQ(error_of<list>(root), kin::verify_error::parent_mismatch);
  T::set_parent(n2, r);
  T::sibling_ring(n3)->next = T::sibling_ring(n1); // the ring skips its header
  EXPECT_NE(error_of<list>(root), kin::verify_error::none);
}

// Random pointer graphs: corrupt random links of a random tree and check that
// verify returns, and that when it says "ok" the walks really are a tree.
template <class L, class Corrupt>
void fuzz(Corrupt corrupt, unsigned seed_base) {
  using T = typename L::traits;
  const int rounds = 400 * static_cast<int>(kin_test::scale());
  for (int round = 0; round < rounds; ++round) {
    unsigned seed = seed_base + static_cast<unsigned>(round);
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    const int n = 24;
    pool<L> p(n);
    for (int i = 1; i < n; ++i) kin::link_last_child<T>(p[rng() % i], p[i]);
    const int hits = 1 + static_cast<int>(rng() % 3);
    for (int h = 0; h < hits; ++h) corrupt(p, rng);
    auto r = kin::verify<T>(p[0]);
    if (r) {
      std::set<int> seen;
      std::size_t steps = 0;
      for (auto& x : kin::preorder<T>(p[0])) {
        ASSERT_TRUE(seen.insert(pool<L>::id(&x)).second) << "node visited twice";
        ASSERT_LE(++steps, static_cast<std::size_t>(n));
      }
    }
  }
}

TEST(Verify, TerminatesOnRandomlyCorruptedSinglyTrees) {
  using A = kin::singly_access;
  fuzz<singly>(
      [](pool<singly>& p, std::mt19937& rng) {
        auto n = nd<singly>(p[rng() % p.size()]);
        kin::singly_node* target = (rng() % 4 == 0) ? nullptr : nd<singly>(p[rng() % p.size()]);
        switch (rng() % 3) {
        case 0: A::set_parent(n, target); break;
        case 1: A::set_first_child(n, target); break;
        default: A::set_next_sibling(n, target); break;
        }
      },
      1000);
}

TEST(Verify, TerminatesOnRandomlyCorruptedCompactTrees) {
  using A = kin::compact_access;
  fuzz<compact>(
      [](pool<compact>& p, std::mt19937& rng) {
        auto n = nd<compact>(p[rng() % p.size()]);
        kin::compact_node* target = (rng() % 4 == 0) ? nullptr : nd<compact>(p[rng() % p.size()]);
        switch (rng() % 4) {
        case 0: A::set_parent(n, target); break;
        case 1: A::set_first_child(n, target); break;
        case 2: A::set_next_sibling(n, target); break;
        default: A::set_raw_prev(n, target); break;
        }
      },
      5000);
}

} // namespace verify_test
