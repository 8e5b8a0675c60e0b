// SPDX-License-Identifier: BSL-1.0
// allocate_resource with the kernel's rules (reference section 2, "Find
// free space"): the gaps between the parent's children, clipped to
// [min, max], aligned up, the callback's choice, bottom-up and kin's
// top-down; re-allocation of a placed resource (grow, shrink, move, refuse
// with children). Every case worked out by hand, on every layout.
#include "resource_support.hpp"

#include <kin/adapters/resource_alloc.hpp>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace resource_alloc_test {

using namespace kin_test;

template <class Hook>
class ResourceAlloc : public ::testing::Test {};
using hooks = ::testing::Types<kin::singly_hook<>, kin::list_hook<>, kin::compact_hook<>>;
TYPED_TEST_SUITE(ResourceAlloc, hooks);

using range = std::pair<std::uint64_t, std::uint64_t>;
constexpr auto kTopDown = kin::allocation_order::top_down;

// A root [0, 0xffff] with 1000-1fff, 4000-4fff, 8000-ffff: the gaps are
// [0, fff], [2000, 3fff] and [5000, 7fff].
template <class Hook>
struct fixture {
  using res = kin::resource<Hook>;
  using R = typename res::traits;
  res root{0, 0xffff, "root"};
  res a{0x1000, 0x1fff, "a"}, b{0x4000, 0x4fff, "b"}, c{0x8000, 0xffff, "c"};
  fixture() {
    for (res* r : {&a, &b, &c}) EXPECT_EQ(kin::request_resource<R>(&root, r), 0);
  }
  ~fixture() {
    EXPECT_TRUE(kin::resource_check<R>(&root));
    EXPECT_TRUE(kin::verify<R>(&root));
    kin::release_child_resources<R>(&root);
  }
  range place(std::uint64_t size, kin::resource_constraint c, int expect = 0) {
    res n(0x77, 0x77, "n");
    EXPECT_EQ(kin::allocate_resource<R>(&root, &n, size, c), expect);
    const range out{n.start, n.end};
    if (expect == 0) {
      EXPECT_EQ(kin::parent<R>(&n), &root);
      EXPECT_EQ(kin::release_resource<R>(&n), 0);
    } else {
      EXPECT_EQ(kin::parent<R>(&n), nullptr);
      EXPECT_EQ(out, range(0x77, 0x77)); // untouched
    }
    return out;
  }
};

TYPED_TEST(ResourceAlloc, BottomUpTakesTheLowestGapThatFits) {
  fixture<TypeParam> f;
  EXPECT_EQ(f.place(0x1000, {.align = 0x1000}), range(0, 0xfff));
  EXPECT_EQ(f.place(0x2000, {.align = 0x1000}), range(0x2000, 0x3fff));
  EXPECT_EQ(f.place(0x3000, {.align = 0x1000}), range(0x5000, 0x7fff));
  EXPECT_EQ(f.place(1, {}), range(0, 0)); // align 1 (and 0) mean none
  EXPECT_EQ(f.place(1, {.align = 0}), range(0, 0));
  f.place(0x4000, {}, kin::resource_ebusy); // no gap is that big
  f.place(0, {}, kin::resource_ebusy);      // size 0 never fits
}

TYPED_TEST(ResourceAlloc, TopDownTakesTheHighestGapThatFits) {
  fixture<TypeParam> f;
  EXPECT_EQ(f.place(0x1000, {.align = 0x1000, .order = kTopDown}), range(0x7000, 0x7fff));
  EXPECT_EQ(f.place(0x2000, {.align = 0x1000, .order = kTopDown}), range(0x6000, 0x7fff));
  EXPECT_EQ(f.place(0x2001, {.order = kTopDown}), range(0x5fff, 0x7fff)); // align 1: the very top
  f.place(0x3001, {.order = kTopDown}, kin::resource_ebusy); // the biggest gap is 0x3000
  // Alignment 0x4000: [5000, 7fff] has no aligned start, nor has
  // [2000, 3fff]; [0, fff] has 0.
  EXPECT_EQ(f.place(0x1000, {.align = 0x4000, .order = kTopDown}), range(0, 0xfff));
  EXPECT_EQ(f.place(0x1000, {.align = 0x4000}), range(0, 0xfff));
  f.place(0, {.order = kTopDown}, kin::resource_ebusy);
}

TYPED_TEST(ResourceAlloc, EachGapIsClippedToMinAndMaxThenAligned) {
  fixture<TypeParam> f;
  // [2000, 3fff] clipped to [2800, 3fff], aligned to 3000.
  EXPECT_EQ(f.place(0x1000, {.min = 0x2800, .align = 0x1000}), range(0x3000, 0x3fff));
  // [3001, 3fff] aligns to 4000 (past it); [5000, 57ff] is too short.
  f.place(0x1000, {.min = 0x3001, .max = 0x57ff, .align = 0x1000}, kin::resource_ebusy);
  // Top-down under max 0x6fff: the top of [5000, 6fff].
  EXPECT_EQ(f.place(0x1000, {.max = 0x6fff, .align = 0x1000, .order = kTopDown}), range(0x6000, 0x6fff));
  // min above max: every gap is empty.
  f.place(1, {.min = 0x6000, .max = 0x5000}, kin::resource_ebusy);
  f.place(1, {.min = 0x6000, .max = 0x5000, .order = kTopDown}, kin::resource_ebusy);
  // The alignment must be a power of two.
  f.place(0x1000, {.align = 0x3000}, kin::resource_walk_einval);
}

TYPED_TEST(ResourceAlloc, TheCallbackChoosesTheStartInsideTheAlignedGap) {
  fixture<TypeParam> f;
  using res = typename fixture<TypeParam>::res;
  using R = typename fixture<TypeParam>::R;
  std::vector<range> seen;
  auto record = [&](kin::window avail, std::uint64_t size, std::uint64_t align) {
    EXPECT_EQ(size, 0x3000u);
    EXPECT_EQ(align, 0x800u);
    seen.push_back({avail.start, avail.end});
    return avail.start + 0x800; // half a page in
  };
  res n(0, 0, "n");
  // Bottom-up: gaps in address order, starts already aligned up (0x100 to
  // 0x800); half a page in, 0x3000 bytes stick out of every gap.
  EXPECT_EQ(kin::allocate_resource<R>(&f.root, &n, 0x3000, {.min = 0x100, .align = 0x800}, record), kin::resource_ebusy);
  EXPECT_EQ(seen, (std::vector<range>{{0x800, 0xfff}, {0x2000, 0x3fff}, {0x5000, 0x7fff}}));
  seen.clear();
  // 0x2000 bytes half a page in: [5800, 77ff].
  auto half_in = [](kin::window avail, std::uint64_t, std::uint64_t) noexcept { return avail.start + 0x800; };
  EXPECT_EQ(kin::allocate_resource<R>(&f.root, &n, 0x2000, {.align = 0x800}, half_in), 0);
  EXPECT_EQ(range(n.start, n.end), range(0x5800, 0x77ff));
  EXPECT_EQ(kin::release_resource<R>(&n), 0);
  // A start outside the gap is refused everywhere.
  auto outside = [](kin::window avail, std::uint64_t, std::uint64_t) noexcept { return avail.end; };
  EXPECT_EQ(kin::allocate_resource<R>(&f.root, &n, 2, {}, outside), kin::resource_ebusy);
  // Top-down, the callback sees the same gaps (the order is unspecified).
  EXPECT_EQ(kin::allocate_resource<R>(&f.root, &n, 0x3000, {.min = 0x100, .align = 0x800, .order = kTopDown}, record),
            kin::resource_ebusy);
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<range>{{0x800, 0xfff}, {0x2000, 0x3fff}, {0x5000, 0x7fff}}));
  // Top-down, the highest gap whose choice fits wins.
  auto low = [](kin::window avail, std::uint64_t, std::uint64_t) noexcept { return avail.start; };
  EXPECT_EQ(kin::allocate_resource<R>(&f.root, &n, 0x800, {.order = kTopDown}, low), 0);
  EXPECT_EQ(range(n.start, n.end), range(0x5000, 0x57ff));
  EXPECT_EQ(kin::release_resource<R>(&n), 0);
}

TYPED_TEST(ResourceAlloc, AligningPastTheTopSkipsTheGap) {
  using res = kin::resource<TypeParam>;
  using R = typename res::traits;
  res root(0, UINT64_MAX, "root"), low(0, UINT64_MAX - 0x10, "low"), n;
  ASSERT_EQ(kin::request_resource<R>(&root, &low), 0);
  // The only gap is the last 16 bytes; aligning its start to 0x100 wraps.
  EXPECT_EQ(kin::allocate_resource<R>(&root, &n, 1, {.align = 0x100}), kin::resource_ebusy);
  EXPECT_EQ(kin::allocate_resource<R>(&root, &n, 0x10, {.align = 0x10}), 0);
  EXPECT_EQ(range(n.start, n.end), range(UINT64_MAX - 0xf, UINT64_MAX));
  EXPECT_EQ(kin::release_resource<R>(&n), 0);
  EXPECT_EQ(kin::release_resource<R>(&low), 0);
  // An empty full root: top-down ends exactly at 2^64 - 1.
  EXPECT_EQ(kin::allocate_resource<R>(&root, &n, 0x1000, {.align = 0x1000, .order = kTopDown}), 0);
  EXPECT_EQ(range(n.start, n.end), range(UINT64_MAX - 0xfff, UINT64_MAX));
  EXPECT_EQ(kin::allocate_resource<R>(&root, &low, UINT64_MAX, {.order = kTopDown}), kin::resource_ebusy);
  EXPECT_EQ(kin::release_resource<R>(&n), 0);
  EXPECT_EQ(kin::allocate_resource<R>(&root, &low, UINT64_MAX, {.order = kTopDown}), 0);
  EXPECT_EQ(range(low.start, low.end), range(1, UINT64_MAX));
}

TYPED_TEST(ResourceAlloc, ReallocationCountsTheNodesOwnSpaceAsFree) {
  fixture<TypeParam> f;
  using res = typename fixture<TypeParam>::res;
  using R = typename fixture<TypeParam>::R;
  res n(0, 0, "n");
  ASSERT_EQ(kin::allocate_resource<R>(&f.root, &n, 0x1000, {.min = 0x2000}), 0);
  ASSERT_EQ(range(n.start, n.end), range(0x2000, 0x2fff));
  // Grows in place: [2000, 3fff] covers the old range.
  EXPECT_EQ(kin::allocate_resource<R>(&f.root, &n, 0x2000, {.min = 0x2000}), 0);
  EXPECT_EQ(range(n.start, n.end), range(0x2000, 0x3fff));
  EXPECT_EQ(kin::prev_sibling<R>(&n), &f.a);
  // Shrinks in place: [2000, 27ff] lies inside it.
  EXPECT_EQ(kin::allocate_resource<R>(&f.root, &n, 0x800, {.min = 0x2000}), 0);
  EXPECT_EQ(range(n.start, n.end), range(0x2000, 0x27ff));
  // Moves: [0, fff] is the lowest gap now.
  EXPECT_EQ(kin::allocate_resource<R>(&f.root, &n, 0x1000, {}), 0);
  EXPECT_EQ(range(n.start, n.end), range(0, 0xfff));
  EXPECT_EQ(kin::first_child<R>(&f.root), &n);
  // Top-down it moves to the top gap; there it can grow into its own space.
  EXPECT_EQ(kin::allocate_resource<R>(&f.root, &n, 0x1000, {.order = kTopDown}), 0);
  EXPECT_EQ(range(n.start, n.end), range(0x7000, 0x7fff));
  EXPECT_EQ(kin::allocate_resource<R>(&f.root, &n, 0x3000, {.order = kTopDown}), 0);
  EXPECT_EQ(range(n.start, n.end), range(0x5000, 0x7fff));
  EXPECT_EQ(kin::next_sibling<R>(&n), &f.c);
  // With a child it may grow in place but not move.
  res kid(0x6000, 0x60ff, "kid");
  ASSERT_EQ(kin::request_resource<R>(&n, &kid), 0);
  EXPECT_EQ(kin::allocate_resource<R>(&f.root, &n, 0x800, {}), kin::resource_ebusy);
  EXPECT_EQ(range(n.start, n.end), range(0x5000, 0x7fff));
  EXPECT_EQ(kin::allocate_resource<R>(&f.root, &n, 0x3000, {}), 0); // [5000, 7fff] again: covers it
  // Placed under another parent than the one given: refused.
  EXPECT_EQ(kin::allocate_resource<R>(&n, &kid, 0x10, {}), 0); // re-allocated under its own parent n
  EXPECT_EQ(range(kid.start, kid.end), range(0x5000, 0x500f));
  EXPECT_EQ(kin::allocate_resource<R>(&f.root, &kid, 0x10, {}), kin::resource_walk_einval);
  EXPECT_EQ(kin::release_resource<R>(&n), 0);
}

} // namespace resource_alloc_test
