// Large trees: a 100 000-deep chain (on a thread with a 128 KiB stack, so any
// recursion fails) and 100 000 siblings, using only operations that are O(n)
// in total on the layout under test. Also: nothing in the core allocates.
#include "test_support.hpp"

#include <kin/allocating.hpp>
#include <kin/reverse.hpp>
#include <kin/walk.hpp>

namespace kin_test {
// Defined in alloc_counter.cpp, which replaces the global operator new.
long allocation_count();
void fail_next_nothrow_allocation();
} // namespace kin_test

namespace {

using namespace kin_test;

constexpr std::size_t kBig = 100000;

template <class L>
class Scale : public ::testing::Test {};
TYPED_TEST_SUITE(Scale, all_layouts, layout_names);

TYPED_TEST(Scale, DeepChainNeedsNoRecursion) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(kBig);
  struct results {
    std::size_t pre = 0, post = 0, safe = 0, leaves = 0, anc = 0, desc = 0, depth = 0, rev = 0;
    bool ok = false, ok_after = false, ancestor = false, emptied = false;
    int leaf = -1;
  } r;
  run_on_small_stack([&] {
    for (std::size_t i = 1; i < kBig; ++i) kin::link_first_child<T>(p[i - 1], p[i]);
    r.ok = static_cast<bool>(kin::verify<T>(p[0]));
    for (auto n : kin::preorder<T>(p[0])) (void)n, ++r.pre;
    for (auto n : kin::postorder<T>(p[0])) (void)n, ++r.post;
    for (auto n : kin::descendants<T>(p[0])) (void)n, ++r.desc;
    for (auto n : kin::leaves<T>(p[0])) r.leaf = pool<TypeParam>::id(n), ++r.leaves;
    for (auto n : kin::ancestors<T>(p[kBig - 1])) (void)n, ++r.anc;
    if constexpr (TypeParam::bidirectional) {
      for (auto n : kin::preorder_reverse<T>(p[0])) (void)n, ++r.rev;
      for (auto n : kin::mirrored_preorder<T>(p[0])) (void)n, ++r.rev;
    }
    r.depth = kin::depth<T>(p[kBig - 1]);
    r.ancestor = kin::is_ancestor<T>(p[0], p[kBig - 1]);
    // Cut one node out of the middle, then tear the chain down.
    kin::hoist_children<T>(p[kBig / 2]);
    r.ok_after = static_cast<bool>(kin::verify<T>(p[0]));
    for (auto n : kin::postorder_safe<T>(p[0])) {
      if (n != p[0]) kin::unlink<T>(n);
      ++r.safe;
    }
    r.emptied = T::get_first_child(p[0]) == nullptr;
  });
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.pre, kBig);
  EXPECT_EQ(r.post, kBig);
  EXPECT_EQ(r.desc, kBig - 1);
  EXPECT_EQ(r.leaves, 1u);
  EXPECT_EQ(r.leaf, static_cast<int>(kBig - 1));
  EXPECT_EQ(r.anc, kBig - 1);
  EXPECT_EQ(r.depth, kBig - 1);
  EXPECT_TRUE(r.ancestor);
  EXPECT_EQ(r.rev, TypeParam::bidirectional ? 2 * kBig : 0u);
  EXPECT_TRUE(r.ok_after);
  EXPECT_EQ(r.safe, kBig - 1); // one node was hoisted out
  EXPECT_TRUE(r.emptied);
}

TYPED_TEST(Scale, HundredThousandSiblings) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(kBig + 2);
  auto root = p[0];
  // O(1) per link on every layout: always after the previous one.
  kin::link_first_child<T>(root, p[1]);
  for (std::size_t i = 2; i <= kBig; ++i) kin::link_after<T>(p[i - 1], p[i]);
  EXPECT_TRUE(verified<TypeParam>(root));
  EXPECT_EQ(kin::child_count<T>(root), kBig);
  std::size_t count = 0;
  int last = -1;
  bool ascending = true;
  for (auto c : kin::children<T>(root)) {
    ascending &= pool<TypeParam>::id(c) > last;
    last = pool<TypeParam>::id(c);
    ++count;
  }
  EXPECT_EQ(count, kBig);
  EXPECT_TRUE(ascending);
  EXPECT_EQ(std::ranges::distance(kin::leaves<T>(root)), static_cast<std::ptrdiff_t>(kBig));
  if constexpr (TypeParam::bidirectional) {
    EXPECT_EQ(std::ranges::distance(kin::children_reverse<T>(root)), static_cast<std::ptrdiff_t>(kBig));
    EXPECT_EQ(std::ranges::distance(kin::postorder_reverse<T>(root)), static_cast<std::ptrdiff_t>(kBig + 1));
  }
  // Whole-run operations: O(n) each.
  kin::adopt_siblings<T>(p[kBig + 1], p[1], p[kBig]);
  EXPECT_EQ(kin::child_count<T>(root), 1u);
  EXPECT_EQ(kin::child_count<T>(p[kBig + 1]), kBig);
  kin::hoist_children<T>(p[kBig + 1]);
  EXPECT_EQ(kin::child_count<T>(root), kBig);
  kin::splice_children<T>(p[kBig + 1], root);
  EXPECT_EQ(kin::child_count<T>(p[kBig + 1]), kBig);
  EXPECT_TRUE(verified<TypeParam>(p[kBig + 1]));
  // Unlink from the front: O(1) each on every layout.
  while (auto c = T::get_first_child(p[kBig + 1])) kin::unlink<T>(c);
  EXPECT_EQ(kin::child_count<T>(p[kBig + 1]), 0u);
}

TYPED_TEST(Scale, CoreOperationsAndWalksAllocateNothing) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(64);
  const long before = allocation_count();
  auto root = p[0];
  for (std::size_t i = 1; i < 40; ++i) kin::link_last_child<T>(p[(i - 1) / 3], p[i]);
  kin::adopt_siblings<T>(p[40], p[1], p[2]);
  kin::hoist_children<T>(p[40]);
  kin::replace<T>(p[3], p[41]);
  kin::reparent<T>(p[4], p[5]);
  kin::splice_children<T>(p[6], p[7]);
  std::size_t visited = 0;
  for (auto n : kin::preorder<T>(root)) visited += n != nullptr;
  for (auto n : kin::postorder<T>(root)) visited += n != nullptr;
  for (auto n : kin::leaves<T>(root)) visited += n != nullptr;
  if constexpr (TypeParam::bidirectional) {
    for (auto n : kin::preorder_reverse<T>(root)) visited += n != nullptr;
  }
  const bool ok = static_cast<bool>(kin::verify<T>(root));
  for (auto n : kin::postorder_safe<T>(root))
    if (n != root) kin::unlink<T>(n);
  const long after = allocation_count();
  EXPECT_EQ(after, before);
  EXPECT_TRUE(ok);
  EXPECT_GT(visited, 100u);
}

TYPED_TEST(Scale, CollectedWalksAllocateOnlyWhenAskedAndReportFailure) {
  using T = typename TypeParam::traits;
  using P = typename T::node_ptr;
  pool<TypeParam> p(16);
  auto root = p.build("0(1(3 4) 2(5 6))");
  P buf[16];
  long before = kin_test::allocation_count();
  auto caller = kin::preorder_reverse<T>(root, kin::collect(buf));
  auto rescan = kin::preorder_reverse<T>(root, kin::rescan);
  std::size_t n = std::ranges::distance(caller) + std::ranges::distance(rescan);
  kin::walk<T>(root, [](P, std::size_t) { return kin::walk_action::continue_walk; });
  EXPECT_EQ(kin_test::allocation_count(), before); // caller storage and rescan: none
  EXPECT_EQ(n, 14u);
  {
    auto owned = kin::preorder_reverse<T>(root, kin::collect_allocating);
    EXPECT_TRUE(owned.ok());
    EXPECT_EQ(kin_test::allocation_count(), before + 1); // exactly one
    EXPECT_EQ(std::ranges::distance(owned), 7);
  }
  // Allocation failure: like the kernel's reverse walk, nothing is visited.
  kin_test::fail_next_nothrow_allocation();
  auto failed = kin::mirrored_preorder<T>(root, kin::collect_allocating);
  EXPECT_FALSE(failed.ok());
  EXPECT_TRUE(failed.empty());
}

} // namespace
