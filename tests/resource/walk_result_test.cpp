// SPDX-License-Identifier: BSL-1.0
// kin::walk_resources and kin::walk_resources_reverse: a window, a filter,
// and a result that tells "nothing matched", "stopped with value V" and
// "storage too small (needed N)" apart, on every layout and through every
// reverse path; the kernel-shaped ints fold them as the kernel does. (Out of
// memory is in tests/scale, which can fail an allocation.)
#include "resource_support.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace walk_result_test {

using namespace kin_test;

template <class Hook>
class WalkResult : public ::testing::Test {};
using hooks = ::testing::Types<kin::singly_hook<>, kin::list_hook<>, kin::compact_hook<>>;
TYPED_TEST_SUITE(WalkResult, hooks);

// Three RAM ranges at the top, one nested RAM range, a busy MEM range.
const std::vector<spec> kTree = {
    {-1, 0x1000, 0x1fff, kRam}, {0, 0x1800, 0x18ff, kRam}, {-1, 0x3000, 0x3fff, kMemBusy},
    {-1, 0x5000, 0x5fff, kRam}, {-1, 0x8000, 0x8fff, kRam, 1},
};

template <class P>
struct starts {
  std::vector<std::uint64_t> seen;
  int stop_at = -1; // the 1-based visit that returns 7
  int operator()(const kin::resource_record<P>& r) {
    seen.push_back(r.start);
    return static_cast<int>(seen.size()) == stop_at ? 7 : 0;
  }
};

TYPED_TEST(WalkResult, CompletedNothingMatchedAndStopped) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  using P = typename F::node*;
  F f(kTree);
  const kin::window all{0, UINT64_MAX};
  starts<P> fwd;
  auto r = kin::walk_resources<R>(f.root(), all, kin::system_ram_filter, fwd);
  EXPECT_EQ(r.status, kin::walk_status::completed);
  EXPECT_TRUE(r);
  EXPECT_EQ(r.visited, 3u);
  EXPECT_EQ(fwd.seen, (std::vector<std::uint64_t>{0x1000, 0x5000, 0x8000})); // outermost only
  std::array<kin::resource_record<P>, 8> records{};
  starts<P> back;
  r = kin::walk_resources_reverse<R>(f.root(), all, kin::system_ram_filter, back, kin::collect(records));
  EXPECT_EQ(r.status, kin::walk_status::completed);
  EXPECT_EQ(back.seen, (std::vector<std::uint64_t>{0x8000, 0x5000, 0x1000}));
  // A filter with a descriptor, and one nothing passes.
  starts<P> desc;
  EXPECT_EQ(kin::walk_resources<R>(f.root(), all, kin::resource_filter{kRam, 1}, desc).visited, 1u);
  starts<P> none;
  r = kin::walk_resources<R>(f.root(), all, kin::resource_filter{kin::ioresource_io}, none);
  EXPECT_EQ(r.status, kin::walk_status::nothing_matched);
  EXPECT_FALSE(r);
  EXPECT_EQ(r.visited, 0u);
  r = kin::walk_resources_reverse<R>(f.root(), all, kin::resource_filter{kin::ioresource_io}, none, kin::collect(records));
  EXPECT_EQ(r.status, kin::walk_status::nothing_matched);
  // An empty window (start >= end, the kernel's loop condition) matches nothing.
  r = kin::walk_resources<R>(f.root(), kin::window{0x5000, 0x5000}, kin::system_ram_filter, none);
  EXPECT_EQ(r.status, kin::walk_status::nothing_matched);
  EXPECT_TRUE(none.seen.empty());
  // Stopped by the visitor: its value and its resource, both ways.
  starts<P> stop{{}, 2};
  r = kin::walk_resources<R>(f.root(), all, kin::system_ram_filter, stop);
  EXPECT_EQ(r.status, kin::walk_status::stopped);
  EXPECT_EQ(r.value, 7);
  EXPECT_EQ(r.visited, 2u);
  EXPECT_EQ(r.stopped_at, &f[3]);
  starts<P> stop_back{{}, 1};
  r = kin::walk_resources_reverse<R>(f.root(), all, kin::system_ram_filter, stop_back, kin::collect(records));
  EXPECT_EQ(r.status, kin::walk_status::stopped);
  EXPECT_EQ(r.stopped_at, &f[4]);
  // The kernel's ints fold these: -22 forward, -1 backwards.
  starts<P> again;
  EXPECT_EQ(kin::walk_iomem_res_desc<R>(f.root(), 0, kin::ioresource_io, 0, UINT64_MAX, again), -22);
  EXPECT_EQ(kin::walk_system_ram_res_rev<R>(f.root(), 0x9000, 0xffff, again, kin::collect(records)), -1);
  starts<P> stop_again{{}, 2};
  EXPECT_EQ(kin::walk_system_ram_res<R>(f.root(), 0, UINT64_MAX, stop_again), 7);
}

// Storage too small is told apart from "no RAM": it says how many records
// it needed. The collect path runs on every layout when the tree fails
// resource_check (and always on singly).
TYPED_TEST(WalkResult, StorageTooSmallSaysWhatItNeeded) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  using P = typename F::node*;
  std::vector<spec> anomalous = kTree;
  anomalous.push_back({-1, 0x8800, 0x9fff, kRam}); // overlaps its previous sibling
  F f(anomalous);
  ASSERT_FALSE(kin::resource_check<R>(f.root()));
  std::array<kin::resource_record<P>, 2> two{};
  starts<P> visit;
  auto r = kin::walk_resources_reverse<R>(f.root(), kin::window{}, kin::system_ram_filter, visit, kin::collect(two));
  EXPECT_EQ(r.status, kin::walk_status::storage_too_small);
  EXPECT_EQ(r.needed, 4u);
  EXPECT_EQ(r.visited, 0u);
  EXPECT_TRUE(visit.seen.empty());
  std::array<kin::resource_record<P>, 4> four{};
  r = kin::walk_resources_reverse<R>(f.root(), kin::window{}, kin::system_ram_filter, visit, kin::collect(four));
  EXPECT_EQ(r.status, kin::walk_status::completed);
  // The overlapping range is reported from one past its neighbour, as the kernel's loop does.
  EXPECT_EQ(visit.seen, (std::vector<std::uint64_t>{0x9000, 0x8000, 0x5000, 0x1000}));
  // The kernel's int cannot tell "too small" from "no RAM": both are -1.
  EXPECT_EQ(kin::walk_system_ram_res_rev<R>(f.root(), 0, UINT64_MAX, visit, kin::collect(two)), -1);
}

} // namespace walk_result_test
