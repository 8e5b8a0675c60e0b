// SPDX-License-Identifier: BSL-1.0
// Every resource operation at random, on kin and on the independent model of
// resource_model.hpp (written from the reference notes, section 2), on the
// three layouts of kin::resource and on two kernel-style C structs (a singly
// linked `struct resource` through kin::singly_policy, a list_head one
// through kin::list_policy). After every step the results (conflicting
// node included) and the whole pool (shape, ranges, flags, descriptors)
// must agree, kin::verify must pass and kin::resource_check must agree with
// the model. Addresses are mostly below 256, so that conflicts, nesting and
// equal ranges are frequent, with some steps in the last 256 bytes below
// 2^64 (start + size - 1 wrapping included). Fixed seeds, printed on
// failure; KIN_TEST_SCALE multiplies the steps.
#include "resource_model.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace resource_model_test {

using namespace kin_resource_model;

using singly_res = kin::resource<kin::singly_hook<>>::traits;
using list_res = kin::resource<kin::list_hook<>>::traits;
using compact_res = kin::resource<kin::compact_hook<>>::traits;
using all_traits = ::testing::Types<singly_res, list_res, compact_res, kres_traits, lres_traits>;
struct traits_names {
  template <class R>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<R, singly_res>) return "singly";
    else if constexpr (std::is_same_v<R, list_res>) return "list";
    else if constexpr (std::is_same_v<R, compact_res>) return "compact";
    else if constexpr (std::is_same_v<R, kres_traits>) return "c_struct_singly_policy";
    else return "c_struct_list_policy";
  }
};

template <class R>
class ResourceModel : public ::testing::Test {};
TYPED_TEST_SUITE(ResourceModel, all_traits, traits_names);

constexpr std::uint64_t kSeeds[] = {1, 2, 3, 20240917};
constexpr long kStepsPerSeed = 2000;
constexpr std::size_t kPool = 40;

// Every outcome the rules distinguish, each of which the random steps must
// reach (so that a generator that stopped reaching one fails the test).
const char* const kOutcomes[] = {
    "claim.ok", "claim.parent", "claim.child", "claim.double",
    "insert.plain", "insert.descended", "insert.parent", "insert.double", "insert.sticks_out", "insert.adopt",
    "insert.adopt_equal",
    "expand.in_tree", "expand.plain", "expand.widened", "expand.gave_up",
    "release.not_linked", "release.leaf", "release.subtree",
    "remove.not_linked", "remove.leaf", "remove.hoist",
    "release_children.some",
    "adjust.outside_parent", "adjust.next", "adjust.prev", "adjust.children", "adjust.ok", "adjust.wrapped",
    "adjust.unparented",
    "alloc.bad_align", "alloc.other_parent", "alloc.size0", "alloc.no_space", "alloc.realloc_grow",
    "alloc.realloc_has_children", "alloc.realloc_shrink", "alloc.realloc_move", "alloc.callback", "alloc.top_down",
    "alloc.bottom_up",
    "region.top", "region.nested", "region.parent", "region.outside_container", "region.wrapped", "region.busy",
    "region.muxed",
    "release_region.none", "release_region.inexact", "release_region.top", "release_region.nested",
    "reserve.outside", "reserve.clipped", "reserve.split", "reserve.dropped", "reserve.plain",
    "lookup.found", "lookup.none",
    "intersects.intersects", "intersects.disjoint", "intersects.mixed",
    "tree.ends_at_top",
};

TYPED_TEST(ResourceModel, EveryOperationAgreesWithTheModel) {
  const long steps = kStepsPerSeed * kin_test::scale();
  std::map<std::string, long> seen;
  for (std::uint64_t seed : kSeeds) {
    harness<TypeParam> h(kPool);
    rng_source src(seed);
    for (long i = 0; i < steps; ++i) {
      const std::string err = h.step(src);
      ASSERT_TRUE(err.empty()) << "seed " << seed << ", step " << i << ": " << err;
    }
    for (const auto& [outcome, count] : h.outcomes()) seen[outcome] += count;
  }
  for (const char* o : kOutcomes) EXPECT_GT(seen[o], 0) << "never reached: " << o;
}

// The fuzzer's entry: any bytes drive the same steps, and once they run out
// the source gives zeros (a finite input still ends).
TYPED_TEST(ResourceModel, ByteSourceDrivesTheSameSteps) {
  std::vector<std::uint8_t> bytes(6000);
  std::uint32_t x = 12345;
  for (auto& b : bytes) b = static_cast<std::uint8_t>((x = x * 1103515245u + 12345u) >> 24);
  harness<TypeParam> h(24);
  byte_source src(bytes.data(), bytes.size());
  long steps = 0;
  while (!src.exhausted()) {
    const std::string err = h.step(src);
    ASSERT_TRUE(err.empty()) << "byte " << steps << ": " << err;
    ++steps;
  }
  EXPECT_GT(steps, 100);
  for (int i = 0; i < 50; ++i) ASSERT_EQ(h.step(src), "") << "after the bytes ran out";
  for (unsigned o = 0; o < kOpCount; ++o) ASSERT_EQ(h.apply(o, src), "") << kOpNames[o];
}

// The comparison is not blind: a changed flag, range or link in the kin
// tree is reported.
TYPED_TEST(ResourceModel, TheComparisonSeesEveryDifference) {
  using R = TypeParam;
  harness<R> h(16);
  rng_source src(5);
  for (int i = 0; i < 400 && h.reference()[0].kids.size() < 2; ++i) ASSERT_EQ(h.apply(0, src), ""); // requests
  ASSERT_GE(h.reference()[0].kids.size(), 2u);
  const int a = h.reference()[0].kids[0], b = h.reference()[0].kids[1];
  auto* v = h.node(a);
  const auto flags = R::get_flags(v);
  R::set_flags(v, flags ^ 1);
  EXPECT_NE(h.compare(), "");
  R::set_flags(v, flags);
  R::set_desc(v, R::get_desc(v) + 1);
  EXPECT_NE(h.compare(), "");
  R::set_desc(v, R::get_desc(v) - 1);
  R::set_range(v, R::get_start(v), R::get_end(v) + 1);
  EXPECT_NE(h.compare(), "");
  R::set_range(v, R::get_start(v), R::get_end(v) - 1);
  EXPECT_EQ(h.compare(), "");
  kin::unlink<R>(h.node(b)); // one link
  EXPECT_NE(h.compare(), "");
  kin::link_after<R>(h.node(a), h.node(b));
  EXPECT_EQ(h.compare(), "");
}

// Re-allocating a placed resource bottom-up with an alignment callback
// that looks at the end of the gap. Root [0, ff] with a [40-4f] and
// b [80-8f]; a re-allocated with size 10 and a callback placing at the top
// of its gap. The notes say "that node's own space counts as free"; the
// kernel's enumeration (find_resource_space) makes that precise: the gap
// that runs into the node is offered first ending at the node's own end,
// [0, 4f], where the callback answers 40 (grown in place: the same range),
// and only then up to the next child, [0, 7f].
TYPED_TEST(ResourceModel, ReallocationOffersTheGapEndingAtTheNodeFirst) {
  using R = TypeParam;
  using V = std::remove_pointer_t<kin::value_ptr<R>>;
  std::unique_ptr<V[]> n(new V[3]);
  R::set_range(&n[0], 0, 0xff);
  R::set_range(&n[1], 0x40, 0x4f);
  R::set_range(&n[2], 0x80, 0x8f);
  ASSERT_EQ(kin::request_resource<R>(&n[0], &n[1]), 0);
  ASSERT_EQ(kin::request_resource<R>(&n[0], &n[2]), 0);
  EXPECT_EQ(kin::allocate_resource<R>(&n[0], &n[1], 0x10, kin::resource_constraint{}, align_callback{1}), 0);
  EXPECT_EQ(R::get_start(&n[1]), 0x40u);
  EXPECT_EQ(R::get_end(&n[1]), 0x4fu);
  // Size 20 at the top of [0, 4f] is [30-4f], which covers a: grown in place.
  EXPECT_EQ(kin::allocate_resource<R>(&n[0], &n[1], 0x20, kin::resource_constraint{}, align_callback{1}), 0);
  EXPECT_EQ(R::get_start(&n[1]), 0x30u);
  // Top-down, with max 7f: one gap around it, [0, 7f]; a moves to its top.
  EXPECT_EQ(kin::allocate_resource<R>(&n[0], &n[1], 0x10,
                                      kin::resource_constraint{.max = 0x7f, .order = kin::allocation_order::top_down},
                                      align_callback{1}),
            0);
  EXPECT_EQ(R::get_start(&n[1]), 0x70u);
  EXPECT_EQ(R::get_end(&n[1]), 0x7fu);
}

// ---- the model itself, on cases worked out by hand from the notes.

model tree_of(const std::vector<mres>& nodes) {
  model m(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const int n = static_cast<int>(i);
    m[n] = nodes[i];
    if (nodes[i].parent >= 0) m[nodes[i].parent].kids.push_back(n);
  }
  return m;
}
constexpr std::uint64_t kMemBusy = flag::mem | flag::busy;
constexpr std::uint64_t kRam = flag::mem | flag::sysram | flag::busy;

TEST(ResourceModelItself, InsertAdoptsTheCoveredRunAndAnEqualRange) {
  // 0 [0, top]: 1 [10-1f], 2 [40-7f](3 [50-5f]); 4, 5 free.
  model m = tree_of({{0, kTop, flag::mem, 0, -1, {}},
                     {0x10, 0x1f, flag::mem, 0, 0, {}},
                     {0x40, 0x7f, flag::mem, 0, 0, {}},
                     {0x50, 0x5f, flag::mem, 0, 2, {}},
                     {0x48, 0x67, flag::mem, 0, -1, {}},
                     {0x50, 0x5f, flag::mem, 0, -1, {}}});
  EXPECT_EQ(m.insert(0, 4), -1); // down into 2, adopting 3
  EXPECT_EQ(m.describe(0), "0[0-ffffffffffffffff f=200 d=0](1[10-1f f=200 d=0] 2[40-7f f=200 d=0](4[48-67 f=200 d=0](3[50-5f f=200 d=0])))");
  EXPECT_EQ(m.insert(0, 5), -1); // the same range as 3: 3 becomes its child
  EXPECT_EQ(m[3].parent, 5);
  EXPECT_EQ(m.remove(5), 0);
  EXPECT_EQ(m[3].parent, 4);
  m[5].start = 0x44;
  EXPECT_EQ(m.insert(0, 5), 4); // 4 sticks out of 44-5f
  EXPECT_TRUE(m.well_formed(0));
}

TEST(ResourceModelItself, RegionsInheritAndNest) {
  // 0: 1 System RAM [0-ff] non-busy... (a container), 2 busy [100-1ff].
  model m = tree_of({{0, kTop, flag::mem, 0, -1, {}},
                     {0, 0xff, flag::mem | flag::sysram, 3, 0, {}},
                     {0x100, 0x1ff, kMemBusy, 0, 0, {}},
                     {},
                     {}});
  EXPECT_EQ(m.request_region(0, 3, 0x10, 0x10, 0), -1);
  EXPECT_EQ(m[3].parent, 1);
  EXPECT_EQ(m[3].flags, kRam);
  EXPECT_EQ(m[3].desc, 3);
  EXPECT_EQ(m.request_region(0, 4, 0x180, 1, 0), 2); // busy
  EXPECT_EQ(m.request_region(0, 4, 0xf0, 0x20, 0), 1); // into 1, then sticks out of it
  EXPECT_EQ(m.release_region(0, 0x10, 0xf), -1);     // not exact
  EXPECT_EQ(m.release_region(0, 0x10, 0x10), 3);
  EXPECT_EQ(m[3].parent, -1);
}

TEST(ResourceModelItself, AllocateFindsTheFirstOrLastGap) {
  // 0 [0-ff]: 1 [0-f], 2 [20-2f], 3 [f0-ff]; 4 free.
  model m = tree_of({{0, 0xff, flag::mem, 0, -1, {}},
                     {0, 0xf, flag::mem, 0, 0, {}},
                     {0x20, 0x2f, flag::mem, 0, 0, {}},
                     {0xf0, 0xff, flag::mem, 0, 0, {}},
                     {}});
  alloc_request q;
  q.size = 0x10;
  EXPECT_EQ(m.allocate(0, 4, q), 0);
  EXPECT_EQ(m[4].start, 0x10u); // the first gap: after 1, which starts at the root's start
  EXPECT_EQ(m.release(4), 0);
  q.top_down = true;
  q.align = 0x40;
  EXPECT_EQ(m.allocate(0, 4, q), 0);
  EXPECT_EQ(m[4].start, 0xc0u); // the highest aligned start below f0
  q.size = 0x100;
  EXPECT_EQ(m.allocate(0, 4, q), kEbusy); // re-allocation: its own space is free, but nothing is that big
}

TEST(ResourceModelItself, ReallocationOffersTheGapEndingAtTheNodeFirst) {
  model m = tree_of({{0, 0xff, flag::mem, 0, -1, {}}, {0x40, 0x4f, flag::mem, 0, 0, {}}, {0x80, 0x8f, flag::mem, 0, 0, {}}});
  alloc_request q;
  q.size = 0x10;
  q.callback = 1; // the top of the gap
  EXPECT_EQ(m.allocate(0, 1, q), 0);
  EXPECT_EQ(m.outcome(), std::string("alloc.realloc_grow")); // [0, 4f] first: its top is a itself
  EXPECT_EQ(m[1].start, 0x40u);
  q.top_down = true; // under max 7f, one gap around it: [0, 7f]
  q.max = 0x7f;
  EXPECT_EQ(m.allocate(0, 1, q), 0);
  EXPECT_EQ(m.outcome(), std::string("alloc.realloc_move"));
  EXPECT_EQ(m.describe(0), "0[0-ff f=200 d=0](1[70-7f f=200 d=0] 2[80-8f f=200 d=0])");
}

TEST(ResourceModelItself, ReserveSplitsAroundChildren) {
  // 0 [0-ff]: 1 [10-1f], 2 [30-3f]; 3.. free.
  model m = tree_of({{0, 0xff, flag::mem, 0, -1, {}},
                     {0x10, 0x1f, flag::mem, 0, 0, {}},
                     {0x30, 0x3f, flag::mem, 0, 0, {}},
                     {}, {}, {}, {}});
  int next = 3;
  std::vector<int> dropped;
  const split_outcome r = m.reserve(0, 0x8, 0x1ff, [&](std::uint64_t, std::uint64_t) { return next++; },
                                    [&](int n) { dropped.push_back(n); });
  EXPECT_TRUE(r.clipped);
  EXPECT_EQ(r.placed, 3u);
  EXPECT_EQ(m.describe(0),
            "0[0-ff f=200 d=0](3[8-f f=80000200 d=0] 1[10-1f f=200 d=0] 4[20-2f f=80000200 d=0] 2[30-3f f=200 d=0] "
            "5[40-ff f=80000200 d=0])");
  EXPECT_TRUE(dropped.empty());
}

} // namespace resource_model_test
