// SPDX-License-Identifier: BSL-1.0
// The read-only resource functions beyond the walks: walk_system_ram_range
// (page frames, the -EINVAL rule for a page-less range before the first
// visit), region_intersects (v6.13 rules) and lookup_resource, on every
// layout, each case worked out by hand from the reference (section 3).
#include "resource_support.hpp"

#include <cstdint>
#include <utility>
#include <vector>

namespace region_test {

using namespace kin_test;

template <class Hook>
class Region : public ::testing::Test {};
using hooks = ::testing::Types<kin::singly_hook<>, kin::list_hook<>, kin::compact_hook<>>;
TYPED_TEST_SUITE(Region, hooks);

// Top level: RAM [0x1000, 0x9ffff], RAM [0x100000, 0x3fffffff], a CXL
// window [0x40000000, 0x7fffffff] holding RAM [0x40000000, 0x4fffffff] and
// RAM [0x50000000, 0x7fffffff], a PCI window [0x80000000, 0xfebfffff] with
// a busy MEM device inside, and a MEM window [0x100000000, 0x1ffffffff]
// with RAM only in its upper half.
const std::vector<spec> kMap = {
    {-1, 0x1000, 0x9ffff, kRam},           {-1, 0x100000, 0x3fffffff, kRam},  {-1, 0x40000000, 0x7fffffff, kMem},
    {2, 0x40000000, 0x4fffffff, kRam},     {2, 0x50000000, 0x7fffffff, kRam}, {-1, 0x80000000, 0xfebfffff, kMem},
    {5, 0x80000000, 0x8000ffff, kMemBusy}, {-1, 0x100000000, 0x1ffffffff, kMem}, {7, 0x180000000, 0x1ffffffff, kRam},
};

TYPED_TEST(Region, RegionIntersectsV613) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  F f(kMap);
  using kin::region_intersection;
  auto ri = [&](std::uint64_t start, std::uint64_t size) {
    return kin::region_intersects<R>(f.root(), start, size, kRam, kin::iores_desc_none);
  };
  EXPECT_EQ(ri(0x2000, 0x1000), region_intersection::intersects);        // inside RAM
  EXPECT_EQ(ri(0x9f000, 0x2000), region_intersection::intersects);       // RAM, then a gap that is no resource's
  EXPECT_EQ(ri(0x90000000, 0x1000), region_intersection::disjoint);      // PCI only
  EXPECT_EQ(ri(0xfec00000, 0x1000), region_intersection::disjoint);      // nothing at all
  EXPECT_EQ(ri(0x40000000, 0x40000000), region_intersection::intersects); // CXL covered by its RAM children
  EXPECT_EQ(ri(0x3ffff000, 0x2000), region_intersection::intersects);    // RAM and covered CXL
  EXPECT_EQ(ri(0x7ffff000, 0x2000), region_intersection::mixed);         // covered CXL, then PCI
  EXPECT_EQ(ri(0x100000000, 0x100000000), region_intersection::mixed);   // MEM window half RAM: a gap first
  EXPECT_EQ(ri(0x180000000, 0x1000), region_intersection::intersects);   // inside the RAM half
  EXPECT_EQ(ri(0x17ffff000, 0x1000), region_intersection::disjoint);     // the window's non-RAM half only
  // Another type: busy MEM is typed for the PCI device, "other" for the rest of PCI.
  EXPECT_EQ(kin::region_intersects<R>(f.root(), 0x80000000, 0x10000, kMemBusy, 0), region_intersection::intersects);
  EXPECT_EQ(kin::region_intersects<R>(f.root(), 0x80000000, 0x20000, kMemBusy, 0), region_intersection::mixed);
  // A descriptor that nothing has: disjoint.
  EXPECT_EQ(kin::region_intersects<R>(f.root(), 0x2000, 0x1000, kRam, kin::iores_desc_crash_kernel),
            region_intersection::disjoint);
}

TYPED_TEST(Region, WalkSystemRamRangeInPageFrames) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  F f(kMap);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> seen;
  auto visit = [&](std::uint64_t pfn, std::uint64_t n) {
    seen.emplace_back(pfn, n);
    return 0;
  };
  // Frames [0, 0x80000): RAM 0x1000-0x9ffff is frames 1..0x9f; the CXL RAM is
  // found under its container (nested RAM).
  EXPECT_EQ(kin::walk_system_ram_range<R>(f.root(), 0, 0x80000, visit), 0);
  EXPECT_EQ(seen, (std::vector<std::pair<std::uint64_t, std::uint64_t>>{
                      {0x1, 0x9f}, {0x100, 0x3ff00}, {0x40000, 0x10000}, {0x50000, 0x30000}}));
  // A window that clips: frames [0x20, 0x120) report [0x20000, 0x9ffff] and [0x100000, 0x11ffff].
  seen.clear();
  EXPECT_EQ(kin::walk_system_ram_range<R>(f.root(), 0x20, 0x100, visit), 0);
  EXPECT_EQ(seen, (std::vector<std::pair<std::uint64_t, std::uint64_t>>{{0x20, 0x80}, {0x100, 0x20}}));
  // Nothing there: -22.
  EXPECT_EQ(kin::walk_system_ram_range<R>(f.root(), 0x90000, 0x10, visit), -22);
  // A non-zero visit stops the walk and is returned.
  int calls = 0;
  EXPECT_EQ(kin::walk_system_ram_range<R>(f.root(), 0, 0x80000, [&](std::uint64_t, std::uint64_t) { return ++calls == 2 ? 5 : 0; }), 5);
  EXPECT_EQ(calls, 2);
}

TYPED_TEST(Region, APagelessRangeEndsTheWalkOnlyBeforeTheFirstVisit) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  // A RAM range with no whole page ([0x1800, 0x27ff]) between whole-page ones.
  F first({{-1, 0x1800, 0x27ff, kRam}, {-1, 0x3000, 0x3fff, kRam}});
  F later({{-1, 0x1000, 0x1fff, kRam}, {-1, 0x2800, 0x2fff, kRam}, {-1, 0x3000, 0x3fff, kRam}});
  std::vector<std::uint64_t> pfns;
  auto visit = [&](std::uint64_t pfn, std::uint64_t) {
    pfns.push_back(pfn);
    return 0;
  };
  EXPECT_EQ(kin::walk_system_ram_range<R>(first.root(), 0, 0x10, visit), -22); // before any visit: the end
  EXPECT_TRUE(pfns.empty());
  EXPECT_EQ(kin::walk_system_ram_range<R>(later.root(), 0, 0x10, visit), 0); // after one: skipped
  EXPECT_EQ(pfns, (std::vector<std::uint64_t>{1, 3}));
  // A range ending at 2^64 - 1 has no whole page (end + 1 wraps to 0).
  F top({{-1, 0xfffffffffffff000, UINT64_MAX, kRam}});
  pfns.clear();
  EXPECT_EQ(kin::walk_system_ram_range<R>(top.root(), 0xffffffffffffe, 2, visit), -22);
  EXPECT_TRUE(pfns.empty());
}

TYPED_TEST(Region, LookupResourceSearchesTheRootsChildrenOnly) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  F f(kMap);
  EXPECT_EQ(kin::lookup_resource<R>(f.root(), 0x100000), &f[1]);
  EXPECT_EQ(kin::lookup_resource<R>(f.root(), 0x40000000), &f[2]); // the container, not its child
  EXPECT_EQ(kin::lookup_resource<R>(f.root(), 0x50000000), nullptr); // a grandchild: not searched
  EXPECT_EQ(kin::lookup_resource<R>(f.root(), 0x1001), nullptr);
}

} // namespace region_test
