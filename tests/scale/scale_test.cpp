// SPDX-License-Identifier: BSL-1.0
// Large trees: a 100 000-deep chain (on a thread with a 128 KiB stack, so any
// recursion fails) and 100 000 siblings, using only operations that are O(n)
// in total on the layout under test. Also: nothing in the core allocates
// (no walk, forward or reverse, with any strategy but collect_allocating).
#include "test_support.hpp"

#include <kin/adapters/resource.hpp>
#include <kin/allocating.hpp>
#include <kin/queries.hpp>
#include <kin/reverse.hpp>
#include <kin/traverse.hpp>

namespace kin_test {
// Defined in alloc_counter.cpp, which replaces the global operator new.
long allocation_count();
void fail_next_nothrow_allocation();
} // namespace kin_test

namespace scale_test {

using namespace kin_test;

constexpr std::size_t kBig = 100000;

template <class L>
class Scale : public ::testing::Test {};
TYPED_TEST_SUITE(Scale, all_layouts, layout_names);

TYPED_TEST(Scale, DeepChainNeedsNoRecursion) {
  using T = typename TypeParam::traits;
  using NT = typename TypeParam::node_traits;
  pool<TypeParam> p(kBig);
  struct results {
    std::size_t pre = 0, post = 0, safe = 0, leaves = 0, anc = 0, desc = 0, depth = 0, rev = 0, rescan = 0,
                collected = 0, anc_rev = 0, traversed = 0;
    std::ptrdiff_t deepest = 0, deepest_rev = 0;
    bool ok = false, ok_after = false, ancestor = false, emptied = false, collected_ok = false;
    int leaf = -1, first_collected = -1, first_anc_rev = -1;
  } r;
  run_on_small_stack([&] {
    for (std::size_t i = 1; i < kBig; ++i) kin::link_first_child<T>(p[i - 1], p[i]);
    r.ok = static_cast<bool>(kin::verify<T>(p[0]));
    for (auto& n : kin::preorder<T>(p[0])) (void)n, ++r.pre;
    for (auto& n : kin::postorder<T>(p[0])) (void)n, ++r.post;
    for (auto& n : kin::descendants<T>(p[0])) (void)n, ++r.desc;
    for (auto& n : kin::leaves<T>(p[0])) r.leaf = n.id, ++r.leaves;
    for (auto& n : kin::ancestors<T>(p[kBig - 1])) (void)n, ++r.anc;
    const auto walk = kin::preorder<T>(p[0]).with_depth();
    for (auto it = walk.begin(); it != walk.end(); ++it) r.deepest = std::max(r.deepest, it.depth());
    if constexpr (TypeParam::bidirectional) {
      for (auto& n : kin::preorder_reverse<T>(p[0])) (void)n, ++r.rev;
      for (auto& n : kin::postorder_reverse<T>(p[0])) (void)n, ++r.rev;
      const auto back = kin::preorder_reverse<T>(p[0]).with_depth();
      r.deepest_rev = back.begin().depth(); // the deepest value comes first
    }
    // The strategies that work on every layout: rescan (one child per
    // level: O(1) per step here) and collect_allocating (heap storage).
    for (auto& n : kin::preorder_reverse<T>(p[0], kin::rescan)) (void)n, ++r.rescan;
    for (auto& n : kin::postorder_reverse<T>(p[0], kin::rescan)) (void)n, ++r.rescan;
    auto collected = kin::preorder_reverse<T>(p[0], kin::collect_allocating);
    r.collected_ok = collected.fits();
    for (auto& n : collected) {
      if (r.first_collected < 0) r.first_collected = n.id;
      ++r.collected;
    }
    for (auto& n : kin::ancestors_reverse<T>(p[kBig - 1], kin::collect_allocating)) {
      if (r.first_anc_rev < 0) r.first_anc_rev = n.id;
      ++r.anc_rev;
    }
    kin::traverse<T>(p[0], [&](auto&, std::size_t) {
      ++r.traversed;
      return kin::traverse_action::proceed;
    });
    r.depth = kin::depth<T>(p[kBig - 1]);
    r.ancestor = kin::is_ancestor<T>(p[0], p[kBig - 1]);
    // Cut one node out of the middle, then tear the chain down.
    kin::hoist_children<T>(p[kBig / 2]);
    r.ok_after = static_cast<bool>(kin::verify<T>(p[0]));
    for (auto& n : kin::postorder_safe<T>(p[0])) {
      if (&n != p[0]) kin::unlink<T>(&n);
      ++r.safe;
    }
    r.emptied = NT::get_first_child(T::to_node_ptr(p[0])) == nullptr;
  });
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.pre, kBig);
  EXPECT_EQ(r.post, kBig);
  EXPECT_EQ(r.desc, kBig - 1);
  EXPECT_EQ(r.leaves, 1u);
  EXPECT_EQ(r.leaf, static_cast<int>(kBig - 1));
  EXPECT_EQ(r.anc, kBig - 1);
  EXPECT_EQ(r.deepest, static_cast<std::ptrdiff_t>(kBig - 1));
  EXPECT_EQ(r.depth, kBig - 1);
  EXPECT_TRUE(r.ancestor);
  EXPECT_EQ(r.rev, TypeParam::bidirectional ? 2 * kBig : 0u);
  EXPECT_EQ(r.deepest_rev, TypeParam::bidirectional ? static_cast<std::ptrdiff_t>(kBig - 1) : 0);
  EXPECT_EQ(r.rescan, 2 * kBig);
  EXPECT_TRUE(r.collected_ok);
  EXPECT_EQ(r.collected, kBig);
  EXPECT_EQ(r.first_collected, static_cast<int>(kBig - 1));
  EXPECT_EQ(r.anc_rev, kBig - 1);
  EXPECT_EQ(r.first_anc_rev, 0); // root first
  EXPECT_EQ(r.traversed, kBig - 1);
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
  for (auto& c : kin::children<T>(root)) {
    ascending &= c.id > last;
    last = c.id;
    ++count;
  }
  EXPECT_EQ(count, kBig);
  EXPECT_TRUE(ascending);
  EXPECT_EQ(std::ranges::distance(kin::leaves<T>(root)), static_cast<std::ptrdiff_t>(kBig));
  if constexpr (TypeParam::bidirectional) {
    EXPECT_EQ(std::ranges::distance(kin::children_reverse<T>(root)), static_cast<std::ptrdiff_t>(kBig));
    EXPECT_EQ(std::ranges::distance(kin::postorder_reverse<T>(root)), static_cast<std::ptrdiff_t>(kBig + 1));
  }
  // Collected reverse walks are O(n) on every layout (rescan would be
  // quadratic here).
  {
    auto kids = kin::children_reverse<T>(root, kin::collect_allocating);
    EXPECT_TRUE(kids.fits());
    EXPECT_EQ(std::ranges::distance(kids), static_cast<std::ptrdiff_t>(kBig));
    EXPECT_EQ(kids.begin()->id, static_cast<int>(kBig));
    std::vector<typename TypeParam::node_type*> storage(kBig + 1);
    EXPECT_EQ(std::ranges::distance(kin::postorder_reverse<T>(root, kin::collect(storage))),
              static_cast<std::ptrdiff_t>(kBig + 1));
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
  while (auto* c = kin::first_child<T>(p[kBig + 1])) kin::unlink<T>(c);
  EXPECT_EQ(kin::child_count<T>(p[kBig + 1]), 0u);
}

TYPED_TEST(Scale, CoreOperationsAndWalksAllocateNothing) {
  using T = typename TypeParam::traits;
  using P = typename TypeParam::node_type*;
  pool<TypeParam> p(64);
  P buf[64];
  const long before = allocation_count();
  auto root = p[0];
  for (std::size_t i = 1; i < 40; ++i) kin::link_last_child<T>(p[(i - 1) / 3], p[i]);
  kin::adopt_siblings<T>(p[40], p[1], p[2]);
  kin::hoist_children<T>(p[40]);
  kin::replace<T>(p[3], p[41]);
  kin::reparent<T>(p[4], p[5]);
  kin::splice_children<T>(p[6], p[7]);
  kin::link_first_child<T>(p[8], p[42]);
  kin::link_before<T>(p[42], p[43]);
  kin::link_after<T>(p[42], p[44]);
  kin::unlink<T>(p[44]);
  EXPECT_TRUE(kin::try_reparent<T>(p[43], p[9]));
  std::size_t visited = 0;
  auto count = [&](auto&& walk) {
    for (auto& n : walk) visited += n.id >= 0;
  };
  // Every forward walk, also with depth, resumed and skipping.
  count(kin::children<T>(root));
  count(kin::preorder<T>(root));
  count(kin::descendants<T>(root));
  count(kin::postorder<T>(root));
  count(kin::leaves<T>(root));
  count(kin::ancestors<T>(p[10]));
  count(kin::preorder<T>(root).with_depth());
  count(kin::preorder<T>(root).from(p[5]));
  auto pre = kin::preorder<T>(root);
  for (auto it = pre.begin(); it != pre.end(); ++visited) {
    if (it->id % 2) it.skip_children(); else ++it;
  }
  // Every reverse walk with every strategy but collect_allocating.
  count(kin::children_reverse<T>(root, kin::rescan));
  count(kin::preorder_reverse<T>(root, kin::rescan));
  count(kin::descendants_reverse<T>(root, kin::rescan));
  count(kin::postorder_reverse<T>(root, kin::rescan).with_depth());
  count(kin::leaves_reverse<T>(root, kin::rescan));
  count(kin::children_reverse<T>(root, kin::collect(buf)));
  count(kin::preorder_reverse<T>(root, kin::collect(buf)));
  count(kin::descendants_reverse<T>(root, kin::collect(buf)));
  count(kin::postorder_reverse<T>(root, kin::collect(buf)));
  count(kin::leaves_reverse<T>(root, kin::collect(buf)));
  count(kin::ancestors_reverse<T>(p[10], kin::collect(buf)));
  if constexpr (TypeParam::bidirectional) {
    count(kin::children_reverse<T>(root));
    count(kin::preorder_reverse<T>(root));
    count(kin::descendants_reverse<T>(root).with_depth());
    count(kin::postorder_reverse<T>(root));
    count(kin::leaves_reverse<T>(root));
  }
  // The callback walk, the queries and verify.
  kin::traverse<T>(root, [&](auto&, std::size_t) {
    ++visited;
    return kin::traverse_action::proceed;
  });
  visited += kin::child_count<T>(root) + kin::depth<T>(p[10]);
  visited += kin::is_ancestor<T>(root, p[10]) + (kin::last_child<T>(root) != nullptr) +
             (kin::prev_sibling<T>(p[5]) != nullptr);
  const bool ok = static_cast<bool>(kin::verify<T>(root));
  for (auto& n : kin::postorder_safe<T>(root))
    if (&n != root) kin::unlink<T>(&n);
  const long after = allocation_count();
  EXPECT_EQ(after, before);
  EXPECT_TRUE(ok);
  EXPECT_GT(visited, 500u);
}

TYPED_TEST(Scale, CollectedWalksAllocateOnlyWhenAskedAndReportFailure) {
  using T = typename TypeParam::traits;
  using P = typename TypeParam::node_type*;
  pool<TypeParam> p(16);
  auto root = p.build("0(1(3 4) 2(5 6))");
  P buf[16];
  long before = kin_test::allocation_count();
  auto caller = kin::preorder_reverse<T>(root, kin::collect(buf));
  auto rescan = kin::preorder_reverse<T>(root, kin::rescan);
  std::size_t n = std::ranges::distance(caller) + std::ranges::distance(rescan);
  kin::traverse<T>(root, [](auto&, std::size_t) { return kin::traverse_action::proceed; });
  EXPECT_EQ(kin_test::allocation_count(), before); // caller storage and rescan: none
  EXPECT_EQ(n, 14u);
  {
    auto owned = kin::preorder_reverse<T>(root, kin::collect_allocating);
    EXPECT_TRUE(owned.fits());
    EXPECT_EQ(kin_test::allocation_count(), before + 1); // exactly one
    EXPECT_EQ(std::ranges::distance(owned), 7);
    // Moving the result moves its storage: no second allocation.
    auto moved = std::move(owned);
    EXPECT_EQ(std::ranges::distance(moved), 7);
    EXPECT_EQ(kin_test::allocation_count(), before + 1);
  }
  // An empty walk allocates nothing.
  auto none = kin::children_reverse<T>(p[3], kin::collect_allocating);
  EXPECT_TRUE(none.fits());
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(kin_test::allocation_count(), before + 1);
  // Allocation failure: like the kernel's reverse walk, nothing is visited
  // (was mirrored_preorder: the same order is postorder_reverse).
  kin_test::fail_next_nothrow_allocation();
  auto failed = kin::postorder_reverse<T>(root, kin::collect_allocating);
  EXPECT_FALSE(failed.fits());
  EXPECT_EQ(failed.needed(), 7u);
  EXPECT_TRUE(failed.empty());
}

// A resource tree of 10^5 ranges with one overlapping pair: no longer the
// kernel's rescan per match (O(n^2), minutes), one pass. The reports are
// those of the kernel's loop: every RAM range, the overlapping one from one
// past its neighbour's end. And the reverse walk's out-of-memory outcome.
template <class Hook>
class ScaleResource : public ::testing::Test {};
using resource_hooks = ::testing::Types<kin::singly_hook<>, kin::list_hook<>, kin::compact_hook<>>;
TYPED_TEST_SUITE(ScaleResource, resource_hooks);

TYPED_TEST(ScaleResource, AnAnomalousTreeOfAHundredThousandRangesWalksInOnePass) {
  using res = kin::resource<TypeParam>;
  using R = typename res::traits;
  constexpr std::uint64_t ram = kin::ioresource_system_ram | kin::ioresource_busy;
  res root(0, UINT64_MAX, "root");
  std::unique_ptr<res[]> ranges(new res[kBig]); // hooks never move: no vector
  for (std::size_t i = 0; i < kBig; ++i) {
    ranges[i].start = 0x10000 * i;
    ranges[i].end = ranges[i].start + 0xffff;
    ranges[i].flags = ram;
    ranges[i].name = "System RAM";
  }
  ranges[kBig / 2].end += 0x8000; // overlaps the next range: the tree is anomalous
  for (std::size_t i = kBig; i-- > 0;) kin::link_first_child<R>(&root, &ranges[i]); // O(1) on every layout
  ASSERT_FALSE(kin::resource_check<R>(&root));
  std::size_t n = 0;
  std::uint64_t after_overlap = 0;
  auto count = [&](const kin::resource_record<res*>& r) noexcept {
    if (r.res == &ranges[kBig / 2 + 1]) after_overlap = r.start;
    ++n;
    return 0;
  };
  auto fwd = kin::walk_resources<R>(&root, kin::window{}, kin::system_ram_filter, count);
  EXPECT_EQ(fwd.status, kin::walk_status::completed);
  EXPECT_EQ(n, kBig);
  EXPECT_EQ(after_overlap, ranges[kBig / 2].end + 1);
  n = 0;
  auto back = kin::walk_resources_reverse<R>(&root, kin::window{}, kin::system_ram_filter, count, kin::collect_allocating);
  EXPECT_EQ(back.status, kin::walk_status::completed);
  EXPECT_EQ(n, kBig);
  // The collect path's allocation fails: a status that says so, no visit.
  n = 0;
  kin_test::fail_next_nothrow_allocation();
  back = kin::walk_resources_reverse<R>(&root, kin::window{}, kin::system_ram_filter, count, kin::collect_allocating);
  EXPECT_EQ(back.status, kin::walk_status::out_of_memory);
  EXPECT_EQ(back.needed, kBig);
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(kin::walk_system_ram_res_rev<R>(&root, 0, UINT64_MAX, count, kin::collect_allocating), 0);
  for (std::size_t i = 0; i < kBig; ++i) kin::unlink<R>(&ranges[i]); // each the first child by then: O(1)
}

} // namespace scale_test
