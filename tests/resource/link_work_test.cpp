// SPDX-License-Identifier: BSL-1.0
// How many links the resource operations read, counted through value
// traits that wrap kin::resource<Hook>'s: on the bidirectional layouts
// (list_head, compact) the operations whose kernel rule needs no scan must
// read as many links beside 10000 siblings as beside 1000 (O(1)); those
// whose rule scans (a claim looking for its place, bottom-up allocation)
// may read more; and on the singly linked layout release_resource does read
// more (which shows that the counter sees the policies' own scans).
//
// The wrapper: kin::resource<Hook>'s value traits, with the node traits
// replaced by the layout's own policy (kin::singly_policy,
// kin::compact_policy, kin::list_policy: what kin::singly_traits,
// kin::compact_traits and kin::list_traits are) over the layout's raw
// accessors with a counter in each link read (parent, first child, next
// sibling, compact's raw prev, the list_head rings' next and prev). So
// every read is counted, also those inside the policies' link, unlink and
// transfer, and inside Boost.Intrusive's ring surgery; and the operations
// run on the same nodes as with kin::resource<Hook>::traits.
#include "test_support.hpp"

#include <kin/adapters/resource.hpp>
#include <kin/adapters/resource_alloc.hpp>
#include <kin/adapters/resource_ops.hpp>
#include <kin/adapters/resource_region.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace link_work_test {

inline long link_reads = 0;

// ---- the layouts' raw accessors, each link read counted.
struct counted_singly_access : kin::singly_access {
  using A = kin::singly_access;
  static node_ptr get_parent(const_node_ptr n) noexcept { return ++link_reads, A::get_parent(n); }
  static node_ptr get_first_child(const_node_ptr n) noexcept { return ++link_reads, A::get_first_child(n); }
  static node_ptr get_next_sibling(const_node_ptr n) noexcept { return ++link_reads, A::get_next_sibling(n); }
  static bool is_linked(const_node_ptr n) noexcept { return ++link_reads, A::is_linked(n); }
};
struct counted_compact_access : kin::compact_access {
  using A = kin::compact_access;
  static node_ptr get_parent(const_node_ptr n) noexcept { return ++link_reads, A::get_parent(n); }
  static node_ptr get_first_child(const_node_ptr n) noexcept { return ++link_reads, A::get_first_child(n); }
  static node_ptr get_next_sibling(const_node_ptr n) noexcept { return ++link_reads, A::get_next_sibling(n); }
  static node_ptr get_raw_prev(const_node_ptr n) noexcept { return ++link_reads, A::get_raw_prev(n); }
  static bool is_linked(const_node_ptr n) noexcept { return ++link_reads, A::is_linked(n); }
};
// kin::list_policy reads the ring elements' next and prev through these
// four when the access provides them (else through the members directly).
struct counted_list_access : kin::list_access {
  using A = kin::list_access;
  static node_ptr get_parent(const_node_ptr n) noexcept { return ++link_reads, A::get_parent(n); }
  static link* link_next(const link* l) noexcept { return ++link_reads, l->next; }
  static link* link_prev(const link* l) noexcept { return ++link_reads, l->prev; }
  static void set_link_next(link* l, link* v) noexcept { l->next = v; }
  static void set_link_prev(link* l, link* v) noexcept { l->prev = v; }
};

// The same policies kin's hooks use (kin::singly_traits is
// singly_policy<singly_access>, and so on), over the counting accessors.
struct counted_singly : kin::singly_policy<counted_singly_access> {};
struct counted_compact : kin::compact_policy<counted_compact_access> {};
struct counted_list : kin::list_policy<counted_list_access> {};
static_assert(std::is_base_of_v<kin::singly_policy<kin::singly_access>, kin::singly_traits>);
static_assert(std::is_base_of_v<kin::compact_policy<kin::compact_access>, kin::compact_traits>);
static_assert(std::is_base_of_v<kin::list_policy<kin::list_access>, kin::list_traits>);

template <class Hook>
struct counted_policy;
template <>
struct counted_policy<kin::singly_hook<>> {
  using type = counted_singly;
};
template <>
struct counted_policy<kin::compact_hook<>> {
  using type = counted_compact;
};
template <>
struct counted_policy<kin::list_hook<>> {
  using type = counted_list;
};

// The wrapper: value traits of kin::resource<Hook> that forward the value
// conversions and the resource accessors to kin::resource<Hook>::traits and
// read the links through the counting policy.
template <class Hook>
struct counting_traits {
  using base = typename kin::resource<Hook>::traits;
  using node_traits = typename counted_policy<Hook>::type;
  using value_type = kin::resource<Hook>;
  using node_ptr = typename node_traits::node_ptr;
  static_assert(std::is_same_v<node_ptr, typename Hook::node_traits::node_ptr>);
  static node_ptr to_node_ptr(value_type* v) noexcept { return base::to_node_ptr(v); }
  static value_type* to_value_ptr(node_ptr n) noexcept { return base::to_value_ptr(n); }
  static std::uint64_t get_start(const value_type* v) noexcept { return base::get_start(v); }
  static std::uint64_t get_end(const value_type* v) noexcept { return base::get_end(v); }
  static std::uint64_t get_flags(const value_type* v) noexcept { return base::get_flags(v); }
  static int get_desc(const value_type* v) noexcept { return base::get_desc(v); }
  static std::string_view get_name(const value_type* v) noexcept { return base::get_name(v); }
  static void set_range(value_type* v, std::uint64_t s, std::uint64_t e) noexcept { base::set_range(v, s, e); }
  static void set_flags(value_type* v, std::uint64_t f) noexcept { base::set_flags(v, f); }
  static void set_desc(value_type* v, int d) noexcept { base::set_desc(v, d); }
};
static_assert(kin::region_resource_traits<counting_traits<kin::singly_hook<>>>);
static_assert(kin::region_resource_traits<counting_traits<kin::compact_hook<>>>);
static_assert(kin::region_resource_traits<counting_traits<kin::list_hook<>>>);
static_assert(kin::bidirectional_tree_traits<counted_list> && kin::bidirectional_tree_traits<counted_compact>);
static_assert(!kin::bidirectional_tree_traits<counted_singly>);

// The root [0, 2^64 - 1] with `n` busy MEM children [16 i, 16 i + 7], the
// gaps between them free, plus spare nodes; built through the plain traits.
template <class Hook>
class wide {
public:
  using res = kin::resource<Hook>;
  using plain = typename res::traits;
  using C = counting_traits<Hook>;
  static constexpr std::uint64_t kBusyMem = kin::ioresource_mem | kin::ioresource_busy;

  explicit wide(std::size_t n) : root_(0, UINT64_MAX, "root"), kids_(new res[n]), spare_(new res[4]), n_(n) {
    for (std::size_t i = 0; i < n; ++i) {
      res& k = kids_[i];
      plain::set_range(&k, 16 * i, 16 * i + 7);
      plain::set_flags(&k, kBusyMem);
      if (i == 0) kin::link_first_child<plain>(&root_, &k);
      else kin::link_after<plain>(&kids_[i - 1], &k); // O(1) on singly too
    }
  }
  res* root() { return &root_; }
  res* kid(std::size_t i) { return &kids_[i]; }
  res* last() { return &kids_[n_ - 1]; }
  res* mid() { return &kids_[n_ / 2]; }
  res* spare(std::size_t i) { return &spare_[i]; }
  std::uint64_t end_of_kids() const { return 16 * n_; }
  std::uint64_t top_gap() const { return 16 * n_ - 8; } // just after the last child
  bool well_formed() { return kin::verify<plain>(&root_) && kin::resource_check<plain>(&root_); }

private:
  res root_;
  std::unique_ptr<res[]> kids_, spare_;
  std::size_t n_;
};

// The link reads of `op` on a fresh wide tree of `n` children.
template <class Hook, class Op>
long reads_beside(std::size_t n, Op op) {
  wide<Hook> w(n);
  link_reads = 0;
  op(w);
  const long reads = link_reads;
  EXPECT_TRUE(w.well_formed());
  return reads;
}

// The same count for 1000 and for 10000 siblings (and more than none: the
// counter saw the operation).
template <class Hook, class Op>
::testing::AssertionResult constant(Op op) {
  const long small = reads_beside<Hook>(1000, op), large = reads_beside<Hook>(10000, op);
  if (small > 0 && small == large) return ::testing::AssertionSuccess() << small << " reads";
  return ::testing::AssertionFailure() << small << " reads beside 1000 siblings, " << large << " beside 10000";
}
// At least `factor` times as many reads beside 10000 siblings as beside 1000.
template <class Hook, class Op>
::testing::AssertionResult grows(Op op, long factor = 5) {
  const long small = reads_beside<Hook>(1000, op), large = reads_beside<Hook>(10000, op);
  if (large >= factor * small && large > small) return ::testing::AssertionSuccess() << small << " -> " << large;
  return ::testing::AssertionFailure() << small << " reads beside 1000 siblings, " << large << " beside 10000";
}

template <class Hook>
class LinkWork : public ::testing::Test {};
using bidirectional_hooks = ::testing::Types<kin::list_hook<>, kin::compact_hook<>>;
struct bidirectional_names {
  template <class H>
  static std::string GetName(int) {
    return std::is_same_v<H, kin::list_hook<>> ? "list" : "compact";
  }
};
TYPED_TEST_SUITE(LinkWork, bidirectional_hooks, bidirectional_names);

// Each operation checks its own result, so a count is never that of a
// failed call by mistake.
template <class Hook>
struct ops {
  using W = wide<Hook>;
  using C = typename W::C;
  using res = typename W::res;

  static void release_last(W& w) { EXPECT_EQ(kin::release_resource<C>(w.last()), 0); }
  static void release_mid(W& w) { EXPECT_EQ(kin::release_resource<C>(w.mid()), 0); }
  static void remove_childless_mid(W& w) { EXPECT_EQ(kin::remove_resource<C>(w.mid()), 0); }
  static void remove_childless_last(W& w) { EXPECT_EQ(kin::remove_resource<C>(w.last()), 0); }
  static void adjust_mid(W& w) { // 16i..16i+7 -> 16i-4..16i+11: into both gaps
    res* m = w.mid();
    EXPECT_EQ(kin::adjust_resource<C>(m, C::get_start(m) - 4, 16), 0);
  }
  static void adjust_mid_refused(W& w) { // up to the next sibling's start
    res* m = w.mid();
    EXPECT_EQ(kin::adjust_resource<C>(m, C::get_start(m), 16 + 1), kin::resource_ebusy);
  }
  static void adjust_last(W& w) {
    res* l = w.last();
    EXPECT_EQ(kin::adjust_resource<C>(l, C::get_start(l), 0x1000), 0);
  }
  // Top-down, and the top gap (above the last child) fits.
  static void allocate_top_down(W& w) {
    const kin::resource_constraint c{0, UINT64_MAX, 0x1000, kin::allocation_order::top_down};
    EXPECT_EQ(kin::allocate_resource<C>(w.root(), w.spare(0), 0x1000, c), 0);
    EXPECT_EQ(C::get_start(w.spare(0)), UINT64_MAX - 0xfff);
  }
  // Re-allocating the last child top-down, grown in place.
  static void reallocate_last_in_place(W& w) {
    res* l = w.last();
    const kin::resource_constraint c{C::get_start(l), C::get_end(l) + 8, 1, kin::allocation_order::top_down};
    EXPECT_EQ(kin::allocate_resource<C>(w.root(), l, 16, c), 0);
    EXPECT_EQ(C::get_end(l), w.top_gap() + 7);
  }
  static void release_region_last(W& w) {
    res* l = w.last();
    EXPECT_EQ(kin::release_region<C>(w.root(), C::get_start(l), 8), l);
  }
  // A new resource around the last three children: it adopts them.
  static void insert_adopting_the_end(W& w) {
    res* n = w.spare(0);
    C::set_range(n, w.end_of_kids() - 48, w.end_of_kids() + 0x100);
    EXPECT_EQ(kin::insert_resource<C>(w.root(), n), 0);
    EXPECT_EQ(kin::first_child<C>(n), w.kid((w.end_of_kids() - 48) / 16));
  }
  // The kernel's claim scans the children for its place.
  static void request_at_the_end(W& w) {
    res* n = w.spare(0);
    C::set_range(n, w.end_of_kids(), w.end_of_kids() + 7);
    EXPECT_EQ(kin::request_resource<C>(w.root(), n), 0);
  }
  // Bottom-up tries every gap from the lowest: only the top one is big enough.
  static void allocate_bottom_up_at_the_top(W& w) {
    const kin::resource_constraint c{0, UINT64_MAX, 1, kin::allocation_order::bottom_up};
    EXPECT_EQ(kin::allocate_resource<C>(w.root(), w.spare(0), 0x100, c), 0);
    EXPECT_EQ(C::get_start(w.spare(0)), w.top_gap());
  }
};

TYPED_TEST(LinkWork, ConstantBesideManySiblings) {
  using O = ops<TypeParam>;
  EXPECT_TRUE(constant<TypeParam>(O::release_last));
  EXPECT_TRUE(constant<TypeParam>(O::release_mid));
  EXPECT_TRUE(constant<TypeParam>(O::remove_childless_mid));
  EXPECT_TRUE(constant<TypeParam>(O::remove_childless_last));
  EXPECT_TRUE(constant<TypeParam>(O::adjust_mid));
  EXPECT_TRUE(constant<TypeParam>(O::adjust_mid_refused));
  EXPECT_TRUE(constant<TypeParam>(O::adjust_last));
  EXPECT_TRUE(constant<TypeParam>(O::reallocate_last_in_place));
}

// What each of the three operations below adds to the plain claim scan
// (request_resource_conflict of the same range, which walks the children
// from the first to the place): the gap search from the top, the descent
// and exact match, the adoption of the run. That part is O(1) beside many
// siblings.
template <class Hook>
struct over_the_scan {
  using W = wide<Hook>;
  using C = typename W::C;
  using res = typename W::res;
  // The claim scan alone: a spare resource with [start, end] claimed (or
  // refused) under the root, then put back.
  static auto scan(std::uint64_t start, std::uint64_t end) {
    return [=](W& w) {
      res* n = w.spare(1);
      C::set_range(n, start, end);
      if (!kin::request_resource_conflict<C>(w.root(), n)) kin::release_resource<typename W::plain>(n);
    };
  }
  // The reads of `op` over those of its claim scan, beside 1000 and 10000
  // siblings.
  template <class Op, class Scan>
  static std::pair<long, long> excess(Op op, Scan scan_of) {
    long out[2] = {};
    const std::size_t sizes[2] = {1000, 10000};
    for (int i = 0; i < 2; ++i) {
      const long with = reads_beside<Hook>(sizes[i], op);
      const long scan = reads_beside<Hook>(sizes[i], [&](W& w) { scan_of(w)(w); });
      out[i] = with - scan;
    }
    return {out[0], out[1]};
  }
  template <class Op, class Scan>
  static ::testing::AssertionResult constant_excess(Op op, Scan scan_of) {
    const auto [small, large] = excess(op, scan_of);
    if (small == large && small > 0) return ::testing::AssertionSuccess() << small << " reads over the scan";
    return ::testing::AssertionFailure() << small << " reads over the claim scan beside 1000 siblings, " << large
                                         << " beside 10000";
  }
};

TYPED_TEST(LinkWork, ClaimPathsAddConstantWorkToTheClaimScan) {
  using O = ops<TypeParam>;
  using S = over_the_scan<TypeParam>;
  using W = wide<TypeParam>;
  EXPECT_TRUE(S::constant_excess(O::release_region_last, [](W& w) {
    return S::scan(W::C::get_start(w.last()), W::C::get_end(w.last()));
  }));
  EXPECT_TRUE(S::constant_excess(O::insert_adopting_the_end, [](W& w) {
    return S::scan(w.end_of_kids() - 48, w.end_of_kids() + 0x100);
  }));
}

// Top-down allocation finds the top gap from the last child and links the
// resource beside the child below the gap: O(1) when the top gap fits.
// (release_region and insert_resource reach their place the kernel's way,
// scanning from the first child; the test above shows the rest of each is
// O(1).)
TYPED_TEST(LinkWork, TopDownAllocationInTheTopGapIsConstant) {
  using O = ops<TypeParam>;
  EXPECT_TRUE(constant<TypeParam>(O::allocate_top_down));
}

TYPED_TEST(LinkWork, ScanningRulesMayGrow) {
  using O = ops<TypeParam>;
  EXPECT_TRUE(grows<TypeParam>(O::request_at_the_end));
  EXPECT_TRUE(grows<TypeParam>(O::allocate_bottom_up_at_the_top));
}

// Without previous-sibling links, the counter sees the scans: unlinking
// the last child walks the list, and so does adopting the last children
// (over and above the claim scan both layouts make).
TEST(LinkWorkSingly, ReleaseScansTheSiblings) {
  using H = kin::singly_hook<>;
  using O = ops<H>;
  using S = over_the_scan<H>;
  using W = wide<H>;
  EXPECT_TRUE(grows<H>(O::release_last));
  EXPECT_TRUE(grows<H>(O::remove_childless_last));
  const auto [small, large] =
      S::excess(O::insert_adopting_the_end, [](W& w) { return S::scan(w.end_of_kids() - 48, w.end_of_kids() + 0x100); });
  EXPECT_GE(large, 5 * small) << small << " reads over the claim scan beside 1000 siblings, " << large << " beside 10000";
}

} // namespace link_work_test
