// SPDX-License-Identifier: BSL-1.0
// request_region / release_region (the busy-region path a driver takes)
// and reserve_region_with_split with the kernel's rules (reference
// section 2, "Busy regions" and "Reserve with split"), on every layout;
// each case worked out by hand.
#include "resource_support.hpp"

#include <kin/adapters/resource_region.hpp>

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace busy_region_test {

using namespace kin_test;

template <class Hook>
class BusyRegion : public ::testing::Test {};
using hooks = ::testing::Types<kin::singly_hook<>, kin::list_hook<>, kin::compact_hook<>>;
TYPED_TEST_SUITE(BusyRegion, hooks);

using range = std::pair<std::uint64_t, std::uint64_t>;
constexpr std::uint64_t kDriverManagedRam = kin::ioresource_system_ram | kin::ioresource_sysram_driver_managed;

// A map in the kernel's shape:
//   [0] 00000000-00000fff Reserved          MEM|BUSY, desc reserved
//   [1] 00001000-0009ffff System RAM        SYSTEM_RAM|BUSY
//   [2] 000a0000-000bffff PCI Bus 0000:00   MEM (a container)
//   [3] 00100000-001fffff hotplugged RAM    SYSTEM_RAM|DRIVER_MANAGED, not busy
//   [4] fe000000-febfffff PCI Bus 0000:00   MEM
//   [5]   feb00000-feb0ffff 0000:00:02.0    MEM, desc CXL (a container too)
const std::vector<spec> kMap = {
    {-1, 0x0, 0xfff, kMemBusy, kin::iores_desc_reserved},
    {-1, 0x1000, 0x9ffff, kRam},
    {-1, 0xa0000, 0xbffff, kMem},
    {-1, 0x100000, 0x1fffff, kDriverManagedRam},
    {-1, 0xfe000000, 0xfebfffff, kMem},
    {4, 0xfeb00000, 0xfeb0ffff, kMem, kin::iores_desc_cxl},
};

TYPED_TEST(BusyRegion, NestsUnderContainersAndInheritsTheirTypeAndDescriptor) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  using res = typename F::node;
  F f(kMap);
  res video, bar, ram, excl;
  EXPECT_EQ(kin::request_region_conflict<R>(f.root(), &video, 0xa0000, 0x20000, 0), nullptr);
  EXPECT_EQ(kin::parent<R>(&video), &f[2]); // exactly the container's range: inside it
  EXPECT_EQ(video.flags, kMemBusy);
  // Two levels down, the descriptor of the innermost container.
  EXPECT_EQ(kin::request_region<R>(f.root(), &bar, 0xfeb00000, 0x1000, 0), 0);
  EXPECT_EQ(kin::parent<R>(&bar), &f[5]);
  EXPECT_EQ(range(bar.start, bar.end), range(0xfeb00000, 0xfeb00fff));
  EXPECT_EQ(bar.desc, kin::iores_desc_cxl);
  // Inside (non-busy) System RAM it is System RAM, without the other
  // modifiers; the caller's flags are added.
  EXPECT_EQ(kin::request_region<R>(f.root(), &ram, 0x180000, 0x1000, 0), 0);
  EXPECT_EQ(ram.flags, kRam);
  EXPECT_EQ(kin::request_region<R>(f.root(), &excl, 0x181000, 0x1000, kin::ioresource_exclusive), 0);
  EXPECT_EQ(excl.flags, kRam | kin::ioresource_exclusive);
  // A region that is now a walk's System RAM, reported with its container.
  std::vector<std::uint64_t> starts;
  kin::walk_system_ram_res<R>(f.root(), 0x100000, 0x1fffff, [&](const auto& r) {
    starts.push_back(r.start);
    return 0;
  });
  EXPECT_EQ(starts, (std::vector<std::uint64_t>{0x180000, 0x181000}));
  EXPECT_TRUE(kin::resource_check<R>(f.root()));
  EXPECT_TRUE(kin::verify<R>(f.root()));
  for (res* r : {&video, &bar, &ram, &excl}) EXPECT_EQ(kin::release_resource<R>(r), 0);
}

TYPED_TEST(BusyRegion, ABusyResourceOrTheContainersEdgeBlocksIt) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  using res = typename F::node;
  F f(kMap);
  res n;
  EXPECT_EQ(kin::request_region_conflict<R>(f.root(), &n, 0x800, 0x10, 0), &f[0]);       // inside Reserved (busy)
  EXPECT_EQ(kin::request_region_conflict<R>(f.root(), &n, 0x9f000, 0x2000, 0), &f[1]);   // System RAM first
  EXPECT_EQ(kin::request_region_conflict<R>(f.root(), &n, 0xbf000, 0x2000, 0), &f[2]);   // sticks out of the bus
  EXPECT_EQ(kin::request_region_conflict<R>(f.root(), &n, 0xfeb0f000, 0x2000, 0), &f[5]); // out of the device
  EXPECT_EQ(kin::request_region_conflict<R>(f.root(), &n, 0x5000, 0, 0), f.root());      // size 0: inverted
  EXPECT_EQ(kin::request_region<R>(f.root(), &n, 0x800, 0x10, 0), kin::resource_ebusy);
  EXPECT_EQ(kin::parent<R>(&n), nullptr);
  // A region inside a region: the first one is busy.
  res outer, inner;
  ASSERT_EQ(kin::request_region<R>(f.root(), &outer, 0xa0000, 0x1000, 0), 0);
  EXPECT_EQ(kin::request_region_conflict<R>(f.root(), &inner, 0xa0100, 0x10, 0), &outer);
  // Two muxed regions: the kernel would wait for the holder; kin says busy.
  res mux1, mux2;
  ASSERT_EQ(kin::request_region<R>(f.root(), &mux1, 0xa2000, 0x10, kin::ioresource_muxed), 0);
  EXPECT_EQ(mux1.flags, kMemBusy | kin::ioresource_muxed);
  EXPECT_EQ(kin::request_region_conflict<R>(f.root(), &mux2, 0xa2000, 0x10, kin::ioresource_muxed), &mux1);
  EXPECT_EQ(kin::parent<R>(&mux2), nullptr);
  EXPECT_TRUE(kin::resource_check<R>(f.root()));
  for (res* r : {&outer, &mux1}) EXPECT_EQ(kin::release_resource<R>(r), 0);
}

TYPED_TEST(BusyRegion, ReleaseFindsTheExactBusyRangeThroughContainers) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  using res = typename F::node;
  F f(kMap);
  res bar, kid;
  ASSERT_EQ(kin::request_region<R>(f.root(), &bar, 0xfeb00000, 0x1000, 0), 0);
  // Not exactly the busy range, inside busy RAM but not it, or nowhere:
  // the kernel's "Trying to free nonexistent resource".
  EXPECT_EQ(kin::release_region<R>(f.root(), 0xfeb00000, 0x800), nullptr);
  EXPECT_EQ(kin::release_region<R>(f.root(), 0x1000, 0x1000), nullptr);
  EXPECT_EQ(kin::release_region<R>(f.root(), 0x300000, 0x1000), nullptr);
  EXPECT_EQ(kin::release_region<R>(f.root(), 0xfeb10000, 0x1000), nullptr); // in the bus, under no device
  EXPECT_EQ(kin::parent<R>(&bar), &f[5]);
  // The busy node goes with its subtree; its links to the tree are cleared.
  ASSERT_EQ(kin::request_resource<R>(&bar, &kid), kin::resource_ebusy); // kid is [0, 0]: outside bar
  kid.start = 0xfeb00100;
  kid.end = 0xfeb001ff;
  ASSERT_EQ(kin::request_resource<R>(&bar, &kid), 0);
  EXPECT_EQ(kin::release_region<R>(f.root(), 0xfeb00000, 0x1000), &bar);
  EXPECT_EQ(kin::parent<R>(&bar), nullptr);
  EXPECT_EQ(kin::next_sibling<R>(&bar), nullptr);
  EXPECT_EQ(kin::parent<R>(&kid), &bar);
  EXPECT_EQ(kin::first_child<R>(&f[5]), nullptr);
  // A busy top-level resource is found directly.
  res* reserved = kin::release_region<R>(f.root(), 0, 0x1000);
  EXPECT_EQ(reserved, &f[0]);
  EXPECT_EQ(kin::first_child<R>(f.root()), &f[1]);
  EXPECT_TRUE(kin::resource_check<R>(f.root()));
  EXPECT_TRUE(kin::verify<R>(f.root()));
  EXPECT_EQ(kin::release_resource<R>(&kid), 0);
}

// reserve_region_with_split's pieces, owned by the test.
template <class Hook>
struct pieces {
  using res = kin::resource<Hook>;
  std::vector<std::unique_ptr<res>> made;
  std::vector<res*> dropped;
  int fail_at = -1; // make returns null on this call
  auto make() {
    return [this](std::uint64_t, std::uint64_t) -> res* {
      if (static_cast<int>(made.size()) == fail_at) return nullptr;
      made.push_back(std::make_unique<res>(0, 0, "split", 0));
      return made.back().get();
    };
  }
  auto drop() {
    return [this](res* r) { dropped.push_back(r); };
  }
};

TYPED_TEST(BusyRegion, ReserveWithSplitCutsAroundWhatIsThere) {
  using res = kin::resource<TypeParam>;
  using R = typename res::traits;
  res root(0, 0xffff, "root", kin::ioresource_mem | kin::ioresource_exclusive);
  res a(0x1000, 0x1fff, "a"), b(0x4000, 0x4fff, "b");
  ASSERT_EQ(kin::request_resource<R>(&root, &a), 0);
  ASSERT_EQ(kin::request_resource<R>(&root, &b), 0);
  pieces<TypeParam> p;
  // Across both: three pieces, busy, the root's type only, desc none.
  kin::split_reservation r = kin::reserve_region_with_split<R>(&root, 0x800, 0x5fff, p.make(), p.drop());
  EXPECT_EQ(r.error, 0);
  EXPECT_FALSE(r.clipped);
  EXPECT_EQ(r.placed, 3u);
  ASSERT_EQ(p.made.size(), 3u);
  EXPECT_TRUE(p.dropped.empty());
  std::vector<range> got;
  for (auto& n : kin::children<R>(&root)) got.push_back({n.start, n.end});
  EXPECT_EQ(got, (std::vector<range>{{0x800, 0xfff}, {0x1000, 0x1fff}, {0x2000, 0x3fff}, {0x4000, 0x4fff}, {0x5000, 0x5fff}}));
  for (auto& n : p.made) {
    EXPECT_EQ(n->flags, kMemBusy);
    EXPECT_EQ(n->desc, kin::iores_desc_none);
    EXPECT_EQ(kin::parent<R>(n.get()), &root);
  }
  EXPECT_TRUE(kin::resource_check<R>(&root));
  // Wholly covered: dropped, handed back.
  r = kin::reserve_region_with_split<R>(&root, 0x1100, 0x11ff, p.make(), p.drop());
  EXPECT_EQ(r.placed, 0u);
  ASSERT_EQ(p.dropped.size(), 1u);
  EXPECT_EQ(p.dropped[0], p.made[3].get());
  EXPECT_EQ(kin::parent<R>(p.dropped[0]), nullptr);
  // Starting inside a resource: the piece starts after it. Never deeper
  // than the root: a's children do not count.
  res inside_a(0x1800, 0x18ff, "kid");
  ASSERT_EQ(kin::request_resource<R>(&a, &inside_a), 0);
  r = kin::reserve_region_with_split<R>(&root, 0x6800, 0x6fff, p.make(), p.drop());
  EXPECT_EQ(r.placed, 1u);
  EXPECT_EQ(r.error, 0);
  // Sticking out of the root: clipped, then placed.
  r = kin::reserve_region_with_split<R>(&root, 0xf000, 0x1ffff, p.make(), p.drop());
  EXPECT_TRUE(r.clipped);
  EXPECT_EQ(r.placed, 1u);
  EXPECT_EQ(range(p.made.back()->start, p.made.back()->end), range(0xf000, 0xffff));
  // Wholly outside: abandoned before anything is made.
  const std::size_t made = p.made.size();
  r = kin::reserve_region_with_split<R>(&root, 0x10000, 0x1ffff, p.make(), p.drop());
  EXPECT_EQ(r.error, kin::resource_walk_einval);
  EXPECT_TRUE(r.clipped);
  EXPECT_EQ(p.made.size(), made);
  // Inverted: made, then dropped (the root is the conflict), no error.
  r = kin::reserve_region_with_split<R>(&root, 0x9000, 0x8fff, p.make(), p.drop());
  EXPECT_EQ(r.error, 0);
  EXPECT_EQ(r.placed, 0u);
  EXPECT_EQ(p.dropped.back(), p.made.back().get());
  EXPECT_TRUE(kin::resource_check<R>(&root));
  EXPECT_TRUE(kin::verify<R>(&root));
  kin::release_child_resources<R>(&root);
}

TYPED_TEST(BusyRegion, ReserveWithSplitStartsAfterAnEarlierConflict) {
  using res = kin::resource<TypeParam>;
  using R = typename res::traits;
  res root(0, 0xffff, "root"), a(0x1000, 0x1fff, "a"), b(0x2800, 0x28ff, "b");
  ASSERT_EQ(kin::request_resource<R>(&root, &a), 0);
  ASSERT_EQ(kin::request_resource<R>(&root, &b), 0);
  pieces<TypeParam> p;
  // [1800, 2fff]: a starts before it (start after a), then b inside it
  // (split around b).
  kin::split_reservation r = kin::reserve_region_with_split<R>(&root, 0x1800, 0x2fff, p.make(), p.drop());
  EXPECT_EQ(r.placed, 2u);
  std::vector<range> got;
  for (auto& n : kin::children<R>(&root)) got.push_back({n.start, n.end});
  EXPECT_EQ(got, (std::vector<range>{{0x1000, 0x1fff}, {0x2000, 0x27ff}, {0x2800, 0x28ff}, {0x2900, 0x2fff}}));
  kin::release_child_resources<R>(&root);
}

TYPED_TEST(BusyRegion, ReserveWithSplitStopsWhenMakeFails) {
  using res = kin::resource<TypeParam>;
  using R = typename res::traits;
  res root(0, 0xffff, "root"), a(0x1000, 0x1fff, "a");
  ASSERT_EQ(kin::request_resource<R>(&root, &a), 0);
  pieces<TypeParam> p;
  p.fail_at = 0;
  EXPECT_EQ(kin::reserve_region_with_split<R>(&root, 0, 0x2fff, p.make(), p.drop()).error, kin::resource_enomem);
  // The second piece cannot be made: the first, shortened, is handed back.
  p.fail_at = 1;
  kin::split_reservation r = kin::reserve_region_with_split<R>(&root, 0, 0x2fff, p.make(), p.drop());
  EXPECT_EQ(r.error, kin::resource_enomem);
  EXPECT_EQ(r.placed, 0u);
  ASSERT_EQ(p.dropped.size(), 1u);
  EXPECT_EQ(range(p.dropped[0]->start, p.dropped[0]->end), range(0, 0xfff));
  EXPECT_EQ(kin::child_count<R>(&root), 1u);
  kin::release_child_resources<R>(&root);
}

} // namespace busy_region_test
