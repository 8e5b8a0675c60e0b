// SPDX-License-Identifier: BSL-1.0
// The resource walks on every layout: hand-made trees for each rule of the
// kernel's loop (order, clipping, nesting, the window-edge rule, 2^64 - 1,
// -EINVAL), the reverse walk's native and collect paths, resource_check,
// the upstream variant, and a kernel-style C struct through traits.
#include "resource_support.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <span>

namespace resource_test {

using namespace kin_test;
using reports = std::vector<report>;

template <class Hook>
struct recorder {
  using F = resource_forest<Hook>;
  explicit recorder(F* f) : forest(f) {}
  F* forest;
  reports seen;
  int stop_after = -1; // return 7 on that visit
  int operator()(const kin::resource_record<typename F::node*>& r) {
    seen.push_back({r.start, r.end, r.flags, r.desc, forest->index(r.res)});
    return static_cast<int>(seen.size()) == stop_after ? 7 : 0;
  }
};

template <class Hook>
class ResourceWalk : public ::testing::Test {};
TYPED_TEST_SUITE(ResourceWalk, all_hooks, hook_names);

// 0: [0, fff] Reserved
// 1: [1000, 9ffff] System RAM
//   2: [2000, 2fff] Kernel code (SYSTEM_RAM, nested: jumped over)
// 3: [100000, 1fffff] CXL window (not RAM)
//   4: [100000, 17ffff] System RAM (a match under a non-matching container)
// 5: [200000, 2fffff] System RAM
// 6: [300000, 3fffff] System RAM, desc 1 (crash kernel style)
const std::vector<spec> kMap = {
    {-1, 0x0, 0xfff, kMemBusy, 7},           {-1, 0x1000, 0x9ffff, kRam},   {1, 0x2000, 0x2fff, kRam},
    {-1, 0x100000, 0x1fffff, kMem, 9},        {3, 0x100000, 0x17ffff, kRam}, {-1, 0x200000, 0x2fffff, kRam},
    {-1, 0x300000, 0x3fffff, kRam, 1},
};

TYPED_TEST(ResourceWalk, SystemRamInOrderOutermostAndClipped) {
  using F = resource_forest<TypeParam>;
  F f(kMap);
  recorder<TypeParam> rec{&f};
  EXPECT_EQ(kin::walk_system_ram_res<typename F::R>(f.root(), 0, UINT64_MAX, rec), 0);
  EXPECT_EQ(rec.seen, (reports{{0x1000, 0x9ffff, kRam, 0, 1},
                               {0x100000, 0x17ffff, kRam, 0, 4},
                               {0x200000, 0x2fffff, kRam, 0, 5},
                               {0x300000, 0x3fffff, kRam, 1, 6}}));
  recorder<TypeParam> clipped{&f};
  kin::walk_system_ram_res<typename F::R>(f.root(), 0x2800, 0x250000, clipped);
  EXPECT_EQ(clipped.seen, (reports{{0x2800, 0x9ffff, kRam, 0, 1},
                                   {0x100000, 0x17ffff, kRam, 0, 4},
                                   {0x200000, 0x250000, kRam, 0, 5}}));
  EXPECT_EQ(clipped.seen, reference_model(kMap).walk(0x2800, 0x250000, kRam, 0));
}

TYPED_TEST(ResourceWalk, DescriptorAndMemoryWalks) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  F f(kMap);
  recorder<TypeParam> crash{&f};
  kin::walk_iomem_res_desc<R>(f.root(), kin::iores_desc_crash_kernel, kRam, 0, UINT64_MAX, crash);
  EXPECT_EQ(crash.seen, (reports{{0x300000, 0x3fffff, kRam, 1, 6}}));
  recorder<TypeParam> reserved{&f};
  kin::walk_iomem_res_desc<R>(f.root(), kin::iores_desc_reserved, kin::ioresource_mem, 0, UINT64_MAX, reserved);
  EXPECT_EQ(reserved.seen, (reports{{0, 0xfff, kMemBusy, 7, 0}}));
  recorder<TypeParam> mem{&f};
  kin::walk_mem_res<R>(f.root(), 0, UINT64_MAX, mem);
  EXPECT_EQ(mem.seen.size(), 5u); // MEM|BUSY: Reserved and the four RAM ranges
  EXPECT_EQ(mem.seen, reference_model(kMap).walk(0, UINT64_MAX, kMemBusy, 0));
}

TYPED_TEST(ResourceWalk, VisitorStopsTheWalkAndNothingIsEinval) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  F f(kMap);
  recorder<TypeParam> rec{&f};
  rec.stop_after = 2;
  EXPECT_EQ(kin::walk_system_ram_res<R>(f.root(), 0, UINT64_MAX, rec), 7);
  EXPECT_EQ(rec.seen.size(), 2u);
  recorder<TypeParam> none{&f};
  EXPECT_EQ(kin::walk_system_ram_res<R>(f.root(), 0x400000, 0x500000, none), -22);
  EXPECT_EQ(kin::walk_system_ram_res<R>(f.root(), 0x5000, 0x4000, none), -22); // start > end
  EXPECT_TRUE(none.seen.empty());
}

TYPED_TEST(ResourceWalk, WindowEdgeRule) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  // RAM [1000, 1fff] then RAM [2000, 2fff] adjacent, and RAM [4000, 4fff] after a gap.
  const std::vector<spec> adjacent = {{-1, 0x1000, 0x1fff, kRam}, {-1, 0x2000, 0x2fff, kRam}};
  F a(adjacent);
  // Window ending exactly where the second range begins: the first report
  // ends at end - 1, so the loop stops and [2000, 2000] is not reported.
  recorder<TypeParam> stop{&a};
  kin::walk_system_ram_res<R>(a.root(), 0x1000, 0x2000, stop);
  EXPECT_EQ(stop.seen, (reports{{0x1000, 0x1fff, kRam, 0, 0}}));
  EXPECT_EQ(stop.seen, reference_model(adjacent).walk(0x1000, 0x2000, kRam, 0));
  const std::vector<spec> gap = {{-1, 0x1000, 0x1eff, kRam}, {-1, 0x2000, 0x2fff, kRam}};
  F g(gap);
  // After a gap, the match starting exactly at the window's end is one byte.
  recorder<TypeParam> one{&g};
  kin::walk_system_ram_res<R>(g.root(), 0x1000, 0x2000, one);
  EXPECT_EQ(one.seen, (reports{{0x1000, 0x1eff, kRam, 0, 0}, {0x2000, 0x2000, kRam, 0, 1}}));
  EXPECT_EQ(one.seen, reference_model(gap).walk(0x1000, 0x2000, kRam, 0));
  // The reverse walk keeps the same rule.
  for (auto* forest : {&a, &g}) {
    const auto& expected = forest == &a ? stop.seen : one.seen;
    recorder<TypeParam> rev{forest};
    EXPECT_EQ(kin::walk_system_ram_res_rev<R>(forest->root(), 0x1000, 0x2000, rev, kin::collect_allocating), 0);
    EXPECT_EQ(rev.seen, reports(expected.rbegin(), expected.rend()));
  }
}

TYPED_TEST(ResourceWalk, OneByteAndTwoByteWindows) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  F f(kMap);
  recorder<TypeParam> one{&f};
  EXPECT_EQ(kin::walk_system_ram_res<R>(f.root(), 0x5000, 0x5000, one), -22); // start == end: nothing
  EXPECT_TRUE(one.seen.empty());
  recorder<TypeParam> two{&f};
  kin::walk_system_ram_res<R>(f.root(), 0x5000, 0x5001, two);
  EXPECT_EQ(two.seen, (reports{{0x5000, 0x5001, kRam, 0, 1}}));
  recorder<TypeParam> rev{&f};
  EXPECT_EQ(kin::walk_system_ram_res_rev<R>(f.root(), 0x5000, 0x5000, rev, kin::collect_allocating), -1);
  EXPECT_TRUE(rev.seen.empty());
}

TYPED_TEST(ResourceWalk, RangeEndingAtTheTopOfTheAddressSpaceEndsTheWalk) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  const std::vector<spec> top = {{-1, 0x1000, 0x1fff, kRam}, {-1, 0xffffffff00000000, UINT64_MAX, kRam}};
  F f(top);
  recorder<TypeParam> rec{&f};
  // The kernel would wrap its next start to 0 and loop for ever; kin stops.
  EXPECT_EQ(kin::walk_system_ram_res<R>(f.root(), 0, UINT64_MAX, rec), 0);
  EXPECT_EQ(rec.seen, (reports{{0x1000, 0x1fff, kRam, 0, 0}, {0xffffffff00000000, UINT64_MAX, kRam, 0, 1}}));
  recorder<TypeParam> rev{&f};
  kin::walk_system_ram_res_rev<R>(f.root(), 0, UINT64_MAX, rev, kin::collect_allocating);
  EXPECT_EQ(rev.seen, reports(rec.seen.rbegin(), rec.seen.rend()));
}

TYPED_TEST(ResourceWalk, ReverseWalkPathsAgree) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  F f(kMap);
  recorder<TypeParam> fwd{&f};
  kin::walk_system_ram_res<R>(f.root(), 0, UINT64_MAX, fwd);
  const reports expected(fwd.seen.rbegin(), fwd.seen.rend());
  // The forward walk's count is what a caller sizes the storage by.
  EXPECT_EQ(fwd.seen.size(), 4u);
  // Collect into caller storage.
  kin::resource_record<typename F::node*> buf[8];
  const auto storage = kin::collect(buf);
  recorder<TypeParam> collected{&f};
  EXPECT_EQ(kin::walk_system_ram_res_rev_collect<R>(f.root(), 0, UINT64_MAX, collected, storage), 0);
  EXPECT_EQ(collected.seen, expected);
  // Storage of exactly the forward walk's count is enough.
  recorder<TypeParam> exact{&f};
  EXPECT_EQ(kin::walk_system_ram_res_rev_collect<R>(f.root(), 0, UINT64_MAX, exact,
                                                    kin::collect(std::span(buf, fwd.seen.size()))),
            0);
  EXPECT_EQ(exact.seen, expected);
  // Through the dispatcher (native on bidirectional layouts).
  recorder<TypeParam> dispatched{&f};
  EXPECT_EQ(kin::walk_system_ram_res_rev<R>(f.root(), 0, UINT64_MAX, dispatched, storage), 0);
  EXPECT_EQ(dispatched.seen, expected);
  if constexpr (kin::bidirectional_tree_traits<kin::node_traits_of<R>>) {
    recorder<TypeParam> native{&f};
    EXPECT_EQ(kin::walk_system_ram_res_rev_native<R>(f.root(), 0, UINT64_MAX, native), 0);
    EXPECT_EQ(native.seen, expected);
  }
  // Storage one entry short of the forward walk's count: -1, no visitor call.
  const auto small = kin::collect(std::span(buf, fwd.seen.size() - 1));
  recorder<TypeParam> none{&f};
  EXPECT_EQ(kin::walk_system_ram_res_rev_collect<R>(f.root(), 0, UINT64_MAX, none, small), -1);
  EXPECT_TRUE(none.seen.empty());
  // A visitor's non-zero return stops it, from the top.
  recorder<TypeParam> stop{&f};
  stop.stop_after = 1;
  EXPECT_EQ(kin::walk_system_ram_res_rev<R>(f.root(), 0, UINT64_MAX, stop, kin::collect_allocating), 7);
  EXPECT_EQ(stop.seen, reports{expected.front()});
  // Nothing matched: -1.
  recorder<TypeParam> empty{&f};
  EXPECT_EQ(kin::walk_system_ram_res_rev<R>(f.root(), 0x400000, 0x500000, empty, storage), -1);
}

TYPED_TEST(ResourceWalk, AnomalousTreesFollowTheKernelLoop) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  // A child outside its parent, overlapping siblings and a zero line among
  // non-zero siblings: what real kernels print.
  const std::vector<spec> odd = {
      {-1, 0x1000, 0x1fff, kMem},  {0, 0x3000, 0x3fff, kRam}, // child outside its parent
      {-1, 0x2000, 0x2fff, kRam},  {-1, 0x2800, 0x4fff, kRam}, // overlaps its previous sibling
      {-1, 0x0, 0x0, kRam},                                     // zero line after non-zero ones
      {-1, 0x6000, 0x6fff, kRam},
  };
  F f(odd);
  EXPECT_FALSE(kin::resource_check<R>(f.root()));
  reference_model ref(odd);
  for (auto [s, e] : {std::pair<std::uint64_t, std::uint64_t>{0, UINT64_MAX}, {0x2000, 0x5000}, {0x3000, 0x3800},
                      {0x0, 0x1000}, {0x2900, 0x6000}}) {
    SCOPED_TRACE(::testing::Message() << std::hex << "window " << s << "-" << e);
    recorder<TypeParam> fwd{&f};
    kin::walk_system_ram_res<R>(f.root(), s, e, fwd);
    EXPECT_EQ(fwd.seen, ref.walk(s, e, kRam, 0));
    recorder<TypeParam> rev{&f};
    kin::walk_system_ram_res_rev<R>(f.root(), s, e, rev, kin::collect_allocating);
    EXPECT_EQ(rev.seen, reports(fwd.seen.rbegin(), fwd.seen.rend()));
  }
}

// The upstream variant (about v6.19) skips the subtree of a top-level node
// that ends before the window; plain pre-order (v6.17) still looks inside.
// They differ only when a child lies outside its parent, as here.
TYPED_TEST(ResourceWalk, UpstreamVariantDiffersOnlyOnAChildOutsideItsParent) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  const std::vector<spec> odd = {{-1, 0x1000, 0x1fff, kMem}, {0, 0x5000, 0x5fff, kRam}, {-1, 0x8000, 0x8fff, kRam}};
  F f(odd);
  recorder<TypeParam> v617{&f};
  recorder<TypeParam> upstream{&f};
  kin::walk_iomem_res_desc<R>(f.root(), 0, kRam, 0x4000, 0x9000, v617);
  kin::walk_iomem_res_desc<R>(f.root(), 0, kRam, 0x4000, 0x9000, upstream, kin::checked,
                              kin::resource_walk_variant::upstream);
  EXPECT_EQ(v617.seen, (reports{{0x5000, 0x5fff, kRam, 0, 1}, {0x8000, 0x8fff, kRam, 0, 2}}));
  EXPECT_EQ(upstream.seen, (reports{{0x8000, 0x8fff, kRam, 0, 2}}));
  EXPECT_EQ(upstream.seen, reference_model(odd).walk(0x4000, 0x9000, kRam, 0, true));
}

TYPED_TEST(ResourceWalk, ResourceCheckNamesTheFirstBrokenRule) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  F good(kMap);
  EXPECT_TRUE(kin::resource_check<R>(good.root()));
  F inverted({{-1, 0x2000, 0x1000, kRam}});
  EXPECT_EQ(kin::resource_check<R>(inverted.root()).error, kin::resource_error::inverted);
  F outside({{-1, 0x1000, 0x1fff, kMem}, {0, 0x1800, 0x2800, kRam}});
  auto r = kin::resource_check<R>(outside.root());
  EXPECT_EQ(r.error, kin::resource_error::outside_parent);
  EXPECT_EQ(r.res, &outside[1]);
  F overlap({{-1, 0x1000, 0x1fff, kMem}, {-1, 0x1fff, 0x2fff, kMem}});
  r = kin::resource_check<R>(overlap.root());
  EXPECT_EQ(r.error, kin::resource_error::overlaps_previous);
  EXPECT_EQ(r.res, &overlap[1]);
  // The top level need not lie inside the root; a child may equal its parent.
  F same({{-1, 0x1000, 0x1fff, kMem}, {0, 0x1000, 0x1fff, kRam}});
  EXPECT_TRUE(kin::resource_check<R>(same.root()));
}

// A kernel-style C struct: the walks through a traits type, no kin hook.
struct c_resource {
  std::uint64_t start, end;
  const char* name;
  unsigned long flags;
  unsigned long desc;
  c_resource *parent, *sibling, *child;
};
struct c_resource_traits {
  using node = c_resource;
  using node_ptr = c_resource*;
  using const_node_ptr = const c_resource*;
  static node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static node_ptr get_first_child(const_node_ptr n) noexcept { return n->child; }
  static node_ptr get_next_sibling(const_node_ptr n) noexcept { return n->sibling; }
  static std::uint64_t get_start(const_node_ptr n) noexcept { return n->start; }
  static std::uint64_t get_end(const_node_ptr n) noexcept { return n->end; }
  static std::uint64_t get_flags(const_node_ptr n) noexcept { return n->flags; }
  static int get_desc(const_node_ptr n) noexcept { return static_cast<int>(n->desc); }
  static std::string_view get_name(const_node_ptr n) noexcept {
    return n->name ? std::string_view(n->name) : std::string_view();
  }
};
static_assert(kin::resource_traits<c_resource_traits>);

TEST(ResourceTraits, KernelStyleCStruct) {
  c_resource iomem{0, UINT64_MAX, "PCI mem", kMem, 0, nullptr, nullptr, nullptr};
  c_resource ram0{0x1000, 0x9ffff, "System RAM", kRam, 0, &iomem, nullptr, nullptr};
  c_resource code{0x2000, 0x2fff, "Kernel code", kRam, 0, &ram0, nullptr, nullptr};
  c_resource pci{0xc0000000, 0xfebfffff, "PCI Bus 0000:00", kMem, 0, &iomem, nullptr, nullptr};
  c_resource ram1{0x100000000, 0x23fffffff, "System RAM", kRam, 0, &iomem, nullptr, nullptr};
  iomem.child = &ram0;
  ram0.sibling = &pci;
  ram0.child = &code;
  pci.sibling = &ram1;
  std::vector<const c_resource*> seen;
  auto visit = [&](const kin::resource_record<c_resource*>& r) {
    seen.push_back(r.res);
    return 0;
  };
  EXPECT_TRUE(kin::resource_check<c_resource_traits>(&iomem));
  EXPECT_EQ(kin::walk_system_ram_res<c_resource_traits>(&iomem, 0, UINT64_MAX, visit), 0);
  EXPECT_EQ(seen, (std::vector<const c_resource*>{&ram0, &ram1}));
  // The singly linked struct walks backwards the kernel's way: collected.
  seen.clear();
  kin::resource_record<c_resource*> buf[4];
  EXPECT_EQ(kin::walk_system_ram_res_rev<c_resource_traits>(&iomem, 0, UINT64_MAX, visit, kin::collect(buf)), 0);
  EXPECT_EQ(seen, (std::vector<const c_resource*>{&ram1, &ram0}));
}

} // namespace resource_test
