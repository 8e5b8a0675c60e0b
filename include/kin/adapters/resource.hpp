// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief The Linux resource tree's semantics over any kin layout: the
/// resource concept, kin::resource, the flag and descriptor values,
/// resource_check, and the System RAM walks forward and reverse
/// (walk_iomem_res_desc, walk_system_ram_res, walk_mem_res,
/// walk_system_ram_res_rev).
///
/// ```cpp
/// using res = kin::resource<kin::compact_hook<>>;
/// using R = res::traits;                       // or your C struct's traits
/// int visit(const kin::resource_record<res*>& r) {
///   std::printf("%llx-%llx %s\n", (unsigned long long)r.start, (unsigned long long)r.end, r.res->name.data());
///   return 0;                                  // non-zero stops the walk and is returned
/// }
/// kin::walk_system_ram_res<R>(&root, 0, ~0ULL, visit);  // ascending
/// // Descending. Native (no memory) on list/compact layouts for a well-formed
/// // tree; otherwise the kernel's way, collecting the forward walk's records:
/// kin::resource_record<res*> records[64];
/// kin::walk_system_ram_res_rev<R>(&root, 0, ~0ULL, visit, kin::collect(records));  // too small: -1
/// kin::walk_system_ram_res_rev<R>(&root, 0, ~0ULL, visit, kin::collect_allocating);  // #include <kin/allocating.hpp>
/// ```
///
/// The walks give the reports of the kernel's loop (kernel/resource.c,
/// v6.17): find the next matching range in pre-order from the root, report
/// it clipped to the window, continue one past its end, while start < end.
/// Where the kernel rescans from the root after every report (O(size x
/// matches)), kin makes one pre-order pass, O(size), on any tree, anomalous
/// or not: everything before a report was ruled out for good. On a tree
/// that passes resource_check the pass also skips the subtrees that cannot
/// reach the window. One deliberate deviation: after a range ending at
/// 2^64 - 1 the kernel's next start wraps to 0 and it loops for ever; kin
/// stops.
///
/// kin's own API, kin::walk_resources and kin::walk_resources_reverse, takes
/// a kin::window and a kin::resource_filter and returns a kin::walk_result
/// that tells "nothing matched", "stopped by the visitor with value V",
/// "storage too small (needed N)" and "out of memory" apart; the
/// kernel-shaped functions (walk_iomem_res_desc, walk_system_ram_res,
/// walk_mem_res, walk_system_ram_res_rev) keep the kernel's arguments and
/// int.
///
/// The semantics come from the behavioural description in kin's reference
/// notes; no kernel code was used.
///
/// The walks only read the tree. Each is noexcept exactly when its visitor
/// is: a visitor's exception propagates, the tree unchanged, and nothing
/// else throws (a collecting strategy reports a failed allocation as -1).
/// The visitor must not link, unlink, move or free resources of the tree
/// while the walk runs.
#ifndef KIN_ADAPTERS_RESOURCE_HPP
#define KIN_ADAPTERS_RESOURCE_HPP

#include <kin/config.hpp>
#include <kin/reverse.hpp>
#include <kin/steps.hpp>
#include <kin/traits.hpp>
#include <kin/value_traits.hpp>
#include <kin/walkers.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <iterator>
#include <string_view>

namespace kin {

/// @name Resource flags (the kernel's IORESOURCE_* values)
/// @{
inline constexpr std::uint64_t ioresource_io = 0x00000100;                    ///< I/O port space
inline constexpr std::uint64_t ioresource_mem = 0x00000200;                   ///< memory space
inline constexpr std::uint64_t ioresource_type_bits = 0x00001f00;             ///< the type field
inline constexpr std::uint64_t ioresource_muxed = 0x00400000;                 ///< a region shared in turns (muxed)
inline constexpr std::uint64_t ioresource_sysram = 0x01000000;                ///< "is System RAM" modifier
inline constexpr std::uint64_t ioresource_ext_type_bits = 0x01000000;         ///< the extended type bits (SYSRAM)
inline constexpr std::uint64_t ioresource_system_ram = ioresource_mem | ioresource_sysram; ///< what RAM walks need
inline constexpr std::uint64_t ioresource_sysram_driver_managed = 0x02000000; ///< RAM added by a driver
inline constexpr std::uint64_t ioresource_sysram_mergeable = 0x04000000;      ///< hotplugged, mergeable RAM
inline constexpr std::uint64_t ioresource_exclusive = 0x08000000;             ///< never mapped to user space
inline constexpr std::uint64_t ioresource_unset = 0x20000000;                 ///< no address assigned yet
inline constexpr std::uint64_t ioresource_busy = 0x80000000;                  ///< claimed by a driver or the kernel
/// @}

/// @name Resource descriptors (the kernel's IORES_DESC_* values)
/// @{
inline constexpr int iores_desc_none = 0;                     ///< none; in a search, "any descriptor"
inline constexpr int iores_desc_crash_kernel = 1;             ///< the crash kernel reservation
inline constexpr int iores_desc_acpi_tables = 2;              ///< ACPI tables
inline constexpr int iores_desc_acpi_nv_storage = 3;          ///< ACPI non-volatile storage
inline constexpr int iores_desc_persistent_memory = 4;        ///< persistent memory
inline constexpr int iores_desc_persistent_memory_legacy = 5; ///< legacy persistent memory
inline constexpr int iores_desc_device_private_memory = 6;    ///< device-private memory
inline constexpr int iores_desc_reserved = 7;                 ///< reserved
inline constexpr int iores_desc_soft_reserved = 8;            ///< soft reserved
inline constexpr int iores_desc_cxl = 9;                      ///< a CXL window
/// @}

/// Traits of a resource tree: value traits (or the node traits of a C
/// struct, which is then its own value) plus start, end (inclusive,
/// 64-bit), flags, descriptor and name accessors on a `const` value. A name
/// whose `data()` is null is absent (the kernel's NULL name, printed
/// `<BAD>`).
template <class R>
concept resource_traits =
    value_traits<R> && requires(const typename value_traits_of<R>::value_type* n) {
      { R::get_start(n) } -> std::convertible_to<std::uint64_t>;
      { R::get_end(n) } -> std::convertible_to<std::uint64_t>;
      { R::get_flags(n) } -> std::convertible_to<std::uint64_t>;
      { R::get_desc(n) } -> std::convertible_to<int>;
      { R::get_name(n) } -> std::convertible_to<std::string_view>;
    };

template <class Hook>
struct resource_value_traits;

/// kin's own resource, linked by `Hook` (`kin::singly_hook<>`,
/// `kin::list_hook<>` or `kin::compact_hook<>`), so the same resource code
/// runs on every layout. Not copyable (its hook is not). The name does not
/// own its characters.
template <class Hook>
struct resource : Hook {
  /// The resource traits of this type (walks yield `resource&`).
  using traits = resource_value_traits<Hook>;

  std::uint64_t start = 0;           ///< first address
  std::uint64_t end = 0;             ///< last address (inclusive)
  std::uint64_t flags = 0;           ///< IORESOURCE_* bits
  int desc = iores_desc_none;        ///< IORES_DESC_* value
  std::string_view name{};           ///< the name; `data() == nullptr` when absent

  /// An empty, unlinked resource. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr resource() noexcept = default;
  /// An unlinked resource `[start, end]` named `name`.
  /// @requires the characters of `name` outlive the resource (it does not
  /// copy them). @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr resource(std::uint64_t s, std::uint64_t e, std::string_view n, std::uint64_t f = ioresource_mem,
                     int d = iores_desc_none) noexcept
      : start(s), end(e), flags(f), desc(d), name(n) {}
};

/// The traits of kin::resource: its value traits (kin::base_hook) plus the
/// resource accessors.
template <class Hook>
struct resource_value_traits : base_hook<resource<Hook>, Hook> {
  /// Pointer to a const resource.
  using const_resource_ptr = const resource<Hook>*;
  /// First address.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr std::uint64_t get_start(const_resource_ptr n) noexcept { return n->start; }
  /// Last address (inclusive).
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr std::uint64_t get_end(const_resource_ptr n) noexcept { return n->end; }
  /// IORESOURCE_* flags.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr std::uint64_t get_flags(const_resource_ptr n) noexcept { return n->flags; }
  /// IORES_DESC_* descriptor.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr int get_desc(const_resource_ptr n) noexcept { return n->desc; }
  /// Sets the range of `n` (for the operations that move or resize a
  /// resource: kin/adapters/resource_ops.hpp). @requires `n` is not null.
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void set_range(resource<Hook>* n, std::uint64_t start, std::uint64_t end) noexcept {
    n->start = start;
    n->end = end;
  }
  /// Sets the IORESOURCE_* flags of `n` (for the region operations).
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void set_flags(resource<Hook>* n, std::uint64_t flags) noexcept { n->flags = flags; }
  /// Sets the IORES_DESC_* descriptor of `n` (for the region operations).
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void set_desc(resource<Hook>* n, int desc) noexcept { n->desc = desc; }
  /// The name (null data when absent).
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr std::string_view get_name(const_resource_ptr n) noexcept { return n->name; }
};

/// What a walk reports for each range: the match clipped to the window,
/// with its flags and descriptor, and the resource it came from. Copyable.
template <class ValuePtr>
struct resource_record {
  std::uint64_t start = 0; ///< first address, clipped to the window
  std::uint64_t end = 0;   ///< last address, clipped to the window
  std::uint64_t flags = 0; ///< the resource's flags
  int desc = 0;            ///< the resource's descriptor
  ValuePtr res = nullptr;  ///< the matching resource
};

namespace detail {
// Whether visiting a record of `R` cannot throw: the walks are noexcept
// exactly when their visitor is (a throwing visitor's exception propagates
// and the tree, which a walk only reads, is unchanged).
template <class R, class Visitor>
inline constexpr bool nothrow_visitor =
    std::is_nothrow_invocable_v<Visitor&, const resource_record<value_ptr<R>>&>;
} // namespace detail

/// The rule resource_check found broken.
enum class resource_error {
  none,             ///< well formed
  inverted,         ///< a node ends before it starts
  outside_parent,   ///< a node below the top level sticks out of its parent
  overlaps_previous ///< a node starts at or before its previous sibling's end
};

/// The outcome of resource_check: the first broken rule and its resource.
template <class ValuePtr>
struct resource_check_result {
  resource_error error = resource_error::none; ///< what broke
  ValuePtr res = nullptr;                      ///< where (null when nothing did)
  /// True when the tree is well formed. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr explicit operator bool() const noexcept { return error == resource_error::none; }
};

namespace detail {

// Node-level access for the walks: the resource accessors read the value.
template <class R>
struct resource_nodes {
  using V = value_traits_of<R>;
  using L = native_links<typename V::node_traits>;
  using node_ptr = typename L::node_ptr;
  using value_ptr = typename V::value_type*;
  KIN_HARDENING_ABI static constexpr value_ptr value(node_ptr n) noexcept { return V::to_value_ptr(n); }
  KIN_HARDENING_ABI static constexpr std::uint64_t start(node_ptr n) noexcept { return R::get_start(value(n)); }
  KIN_HARDENING_ABI static constexpr std::uint64_t end(node_ptr n) noexcept { return R::get_end(value(n)); }
  KIN_HARDENING_ABI static constexpr bool matches(node_ptr n, std::uint64_t flags, int desc) noexcept {
    const value_ptr v = value(n);
    return (static_cast<std::uint64_t>(R::get_flags(v)) & flags) == flags &&
           (desc == iores_desc_none || static_cast<int>(R::get_desc(v)) == desc);
  }
  KIN_HARDENING_ABI static constexpr resource_record<value_ptr> clip(node_ptr n, std::uint64_t start, std::uint64_t end) noexcept {
    const value_ptr v = value(n);
    const std::uint64_t s = R::get_start(v), e = R::get_end(v);
    return {s > start ? s : start, e < end ? e : end, static_cast<std::uint64_t>(R::get_flags(v)),
            static_cast<int>(R::get_desc(v)), v};
  }
  KIN_HARDENING_ABI static constexpr node_ptr next(node_ptr n, node_ptr root) noexcept {
    no_depth d;
    return preorder_next<L>(n, root, d);
  }
  KIN_HARDENING_ABI static constexpr node_ptr next_skip_children(node_ptr n, node_ptr root) noexcept {
    no_depth d;
    return climb_to_next<L>(n, root, d);
  }
};

} // namespace detail

/// Checks that `root`'s descendants are well formed: every resource has
/// start <= end, every resource below the top level lies inside its parent,
/// and every sibling starts after the previous sibling ends. (The top level
/// need not lie inside the root.) The walks' one-pass shortcut relies on it.
/// @requires `root` is not null; the tree is well formed as kin::verify
/// checks it (resource_check checks the addresses, not the links).
/// @returns a kin::resource_check_result: true, or the first broken rule
/// and its resource, in pre-order.
/// @throws_ Nothing.
/// @complexity O(size), no allocation, no recursion.
template <resource_traits R>
KIN_HARDENING_ABI constexpr resource_check_result<value_ptr<R>> resource_check(const_value_ptr<R> root) noexcept {
  using N = detail::resource_nodes<R>;
  using T = node_traits_of<R>;
  const typename N::node_ptr r = detail::node_of<value_traits_of<R>>(root);
  for (typename N::node_ptr n = T::get_first_child(r); n; n = N::next(n, r)) {
    if (N::start(n) > N::end(n)) {
      return {resource_error::inverted, N::value(n)};
    }
    typename N::node_ptr p = T::get_parent(n);
    if (p != r && (N::start(n) < N::start(p) || N::end(n) > N::end(p))) {
      return {resource_error::outside_parent, N::value(n)};
    }
    if (typename N::node_ptr s = T::get_next_sibling(n); s && N::start(s) <= N::end(n)) {
      return {resource_error::overlaps_previous, N::value(s)};
    }
  }
  return {};
}

/// Tag: run resource_check first and take the one-pass walk only when it
/// passes (the default).
struct checked_t {};
/// Tag value of kin::checked_t.
inline constexpr checked_t checked{};
/// Tag: the caller promises the tree is well formed (checked, at O(size), in
/// the `extensive` hardening mode).
struct assume_well_formed_t {};
/// Tag value of kin::assume_well_formed_t.
inline constexpr assume_well_formed_t assume_well_formed{};

/// Which kernel's "find next matching range" to model on anomalous trees
/// (on well-formed trees both give the same result).
enum class resource_walk_variant {
  /// Plain pre-order (kernels up to v6.18): a resource ending before the
  /// window is skipped but its children are still examined.
  v6_17,
  /// Upstream from about v6.19 (commit 6fb3acdebf65): a *top-level*
  /// resource ending before the window is skipped with its whole subtree.
  upstream,
};

/// The result of -EINVAL, which the forward walks return when they visit nothing.
inline constexpr int resource_walk_einval = -22;

/// A window of addresses, both ends included: what the kernel's walks
/// call `start` and `end`. A walk visits nothing unless `start < end` (the
/// kernel's loop condition). kin's own walk API takes a window, so two
/// addresses cannot be swapped with a flags word by accident; the
/// kernel-shaped functions keep the kernel's argument order.
struct window {
  std::uint64_t start = 0;          ///< first address
  std::uint64_t end = UINT64_MAX;   ///< last address (inclusive)
};

/// Which resources a walk reports: those with all of `flags` and, unless
/// `desc` is iores_desc_none, the descriptor `desc`.
struct resource_filter {
  std::uint64_t flags = 0;    ///< IORESOURCE_* bits that must all be set
  int desc = iores_desc_none; ///< the descriptor, or iores_desc_none for any
};

/// What walk_system_ram_res and walk_system_ram_res_rev report: busy System RAM.
inline constexpr resource_filter system_ram_filter{ioresource_system_ram | ioresource_busy, iores_desc_none};
/// What walk_mem_res reports: busy memory.
inline constexpr resource_filter mem_filter{ioresource_mem | ioresource_busy, iores_desc_none};

/// How a walk ended.
enum class walk_status {
  completed,         ///< at least one range was visited and every visit returned 0
  nothing_matched,   ///< no range matched (or the window was empty: start >= end)
  stopped,           ///< a visit returned non-zero: walk_result::value holds it
  storage_too_small, ///< kin::collect's buffer held fewer than walk_result::needed records; nothing visited
  out_of_memory,     ///< kin::collect_allocating could not allocate walk_result::needed records; nothing visited
};

/// The result of kin::walk_resources and kin::walk_resources_reverse: what
/// happened, told apart (the kernel-shaped functions fold it into one int).
template <class ValuePtr>
struct walk_result {
  walk_status status = walk_status::nothing_matched; ///< how the walk ended
  int value = 0;               ///< the non-zero visitor return (status stopped), else 0
  std::size_t visited = 0;     ///< how many ranges were passed to the visitor
  std::size_t needed = 0;      ///< records the collect path needed (storage_too_small, out_of_memory)
  ValuePtr stopped_at = nullptr; ///< the resource whose visit stopped the walk (status stopped)

  /// Whether the walk visited what it had to: completed or stopped by the
  /// visitor. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr explicit operator bool() const noexcept {
    return status == walk_status::completed || status == walk_status::stopped;
  }
};

namespace detail {

// Counts the visits and keeps the stopping one: the one place a walk's
// outcome is decided.
template <class ValuePtr>
struct walk_tally {
  walk_result<ValuePtr> result{};
  // Visits `r`; false when the walk must stop.
  template <class Visitor>
  KIN_HARDENING_ABI constexpr bool visit(Visitor& visitor, const resource_record<ValuePtr>& r) noexcept(
      std::is_nothrow_invocable_v<Visitor&, const resource_record<ValuePtr>&>) {
    ++result.visited;
    if (const int v = visitor(r); v != 0) {
      result.status = walk_status::stopped;
      result.value = v;
      result.stopped_at = r.res;
      return false;
    }
    result.status = walk_status::completed;
    return true;
  }
};

// The one forward walk. In pre-order from the root's first child: stop at
// the first resource that starts after the window; skip one that ends
// before the current start; report the first match, clipped, and go on one
// past its end. That is the kernel's loop, which rescans from the root
// after every report; it never needs to, since every resource before the
// one reported was ruled out for good (it did not match, or it ends before
// a start that only grows), so one pass gives the same reports in
// O(size). `well_formed` (children inside parents, siblings sorted and
// apart) adds one shortcut: a subtree that cannot reach the current start
// is skipped whole, which gives the same reports in O(visited subtrees).
// The upstream variant skips the subtree of a *top-level* resource that
// ends before the start; after a report the rescan would meet the report's
// top-level ancestor first, so the pass skips the rest of that subtree
// when the new start has passed it.
template <class R, class Visitor>
KIN_HARDENING_ABI constexpr walk_result<typename resource_nodes<R>::value_ptr> forward_walk(
    typename resource_nodes<R>::node_ptr root, window w, resource_filter f, Visitor& visit, bool well_formed,
    resource_walk_variant variant) noexcept(nothrow_visitor<R, Visitor>) {
  using N = resource_nodes<R>;
  using T = node_traits_of<R>;
  walk_tally<typename N::value_ptr> tally;
  std::uint64_t start = w.start;
  if (!(start < w.end)) {
    return tally.result;
  }
  const bool upstream = variant == resource_walk_variant::upstream && !well_formed;
  typename N::node_ptr top = nullptr; // upstream: the current top-level resource
  for (typename N::node_ptr p = T::get_first_child(root); p;) {
    if (upstream && T::get_parent(p) == root) {
      top = p;
    }
    if (N::start(p) > w.end) {
      break;
    }
    if (N::end(p) < start) {
      p = well_formed || p == top ? N::next_skip_children(p, root) : N::next(p, root);
      continue;
    }
    if (!N::matches(p, f.flags, f.desc)) {
      p = N::next(p, root);
      continue;
    }
    const auto record = N::clip(p, start, w.end);
    if (!tally.visit(visit, record) || record.end == UINT64_MAX) {
      break; // UINT64_MAX: the kernel's next start wraps to 0 and it loops; kin stops
    }
    start = record.end + 1;
    if (!(start < w.end)) {
      break;
    }
    if (upstream && N::end(top) < start) {
      p = N::next_skip_children(top, root); // the rescan would skip the rest of top's subtree
    } else {
      p = well_formed ? N::next_skip_children(p, root) : N::next(p, root);
    }
  }
  return tally.result;
}

// The forward walk mirrored, for a well-formed tree on a layout with
// previous-sibling links: the mirrored pre-order (kin::postorder_reverse)
// meets the outermost matches highest first; skipping each match's
// children and everything above the window, and stopping below it, gives
// the forward walk's reports in reverse, with one edge: the forward loop
// reports a match starting exactly at `end` (as one byte) only if the
// report below it does not end at end - 1, so the highest match waits for
// the next one down.
template <class R, class Visitor>
KIN_HARDENING_ABI constexpr walk_result<typename resource_nodes<R>::value_ptr> mirrored_walk(
    const_value_ptr<R> root, window w, resource_filter f, Visitor& visit) noexcept(nothrow_visitor<R, Visitor>) {
  using N = resource_nodes<R>;
  walk_tally<typename N::value_ptr> tally;
  if (!(w.start < w.end)) {
    return tally.result;
  }
  const auto walk = postorder_reverse<R>(root);
  auto it = walk.begin();
  ++it; // the root itself is not a range
  // The next report down, or a null `res`.
  auto next_match = [&]() noexcept -> resource_record<typename N::value_ptr> {
    while (it != walk.end()) {
      const typename N::node_ptr p = it.node();
      if (N::start(p) > w.end) {
        it.skip_children();
      } else if (N::end(p) < w.start) {
        break; // everything after p in mirrored pre-order lies below it
      } else if (!N::matches(p, f.flags, f.desc)) {
        ++it;
      } else {
        it.skip_children();
        return N::clip(p, w.start, w.end);
      }
    }
    return {};
  };
  auto r = next_match();
  if (r.res && r.start == w.end) { // the edge: decided by the report below
    const auto below = next_match();
    if ((below.res && below.end + 1 == w.end) || tally.visit(visit, r)) {
      r = below;
    } else {
      return tally.result;
    }
  }
  for (; r.res; r = next_match()) {
    if (!tally.visit(visit, r)) {
      break;
    }
  }
  return tally.result;
}

template <class R>
KIN_HARDENING_ABI constexpr bool well_formed(const_value_ptr<R> root, checked_t) noexcept {
  return static_cast<bool>(resource_check<R>(root));
}
template <class R>
KIN_HARDENING_ABI constexpr bool well_formed(const_value_ptr<R> root, assume_well_formed_t) noexcept {
  KIN_CHECK_EXTENSIVE(resource_check<R>(root), "a resource tree must keep the kernel's rules (resource_check)");
  (void)root;
  return true;
}

template <class Tag>
concept shape_tag = std::same_as<Tag, checked_t> || std::same_as<Tag, assume_well_formed_t>;

template <class S>
concept collecting = reverse_strategy<S> && !std::same_as<S, native_t> && !std::same_as<S, rescan_t>;

template <class R>
KIN_HARDENING_ABI constexpr typename resource_nodes<R>::node_ptr root_node(const_value_ptr<R> root) noexcept {
  return node_of<value_traits_of<R>>(root);
}

// The kernel's way backwards: the strategy records the forward walk's
// reports (kin/reverse.hpp's one mechanism), which are then visited last
// first.
template <class R, class Visitor, class Strategy>
KIN_HARDENING_ABI constexpr walk_result<value_ptr<R>> collected_walk(const_value_ptr<R> root, window w,
                                                                     resource_filter f, Visitor& visit,
                                                                     const Strategy& strategy, bool well_formed) noexcept(
    nothrow_visitor<R, Visitor>) {
  using record = resource_record<value_ptr<R>>;
  auto recorded = strategy.template record<record>([&](auto&& emit) {
    auto keep = [&](const record& r) noexcept {
      emit(r);
      return 0;
    };
    forward_walk<R>(root_node<R>(root), w, f, keep, well_formed, resource_walk_variant::v6_17);
  });
  walk_tally<value_ptr<R>> tally;
  if (!recorded.fits) {
    tally.result.status = Strategy::allocates ? walk_status::out_of_memory : walk_status::storage_too_small;
    tally.result.needed = recorded.needed;
    return tally.result;
  }
  for (std::size_t i = recorded.size; i-- > 0;) {
    if (!tally.visit(visit, recorded.data[i])) {
      break;
    }
  }
  return tally.result;
}

// The kernel-shaped ints: the first non-zero visitor return, else 0 after
// a visit, else `none` (-EINVAL forward, -1 backwards and when the records
// could not be kept).
template <class ValuePtr>
KIN_HARDENING_ABI constexpr int kernel_int(const walk_result<ValuePtr>& r, int none) noexcept {
  switch (r.status) {
  case walk_status::completed:
    return 0;
  case walk_status::stopped:
    return r.value;
  default:
    return none;
  }
}

} // namespace detail

/// Calls `visit(resource_record)` for each outermost resource under `root`
/// that passes `filter` and overlaps window `w`, in ascending order,
/// clipped to the window: the kernel's walk (walk_iomem_res_desc), with a
/// result that says what happened. A non-zero return from `visit` stops
/// the walk.
/// @requires `root` is not null. With kin::assume_well_formed, the tree
/// passes resource_check (checked in `extensive`; otherwise a broken tree
/// gives wrong reports). `visit` does not change the tree.
/// @effects calls `visit` once per reported range, in ascending order;
/// nothing when `w.start >= w.end`.
/// @returns completed, nothing_matched or stopped (with the visitor's value
/// and resource), and the number of visits.
/// @throws_ what `visit` throws; noexcept exactly when `visit` is.
/// @complexity one pre-order pass, O(size), on any tree (the kernel rescans
/// from the root after every report); on a well-formed tree only the
/// subtrees that reach the window (plus O(size) for the check with
/// kin::checked).
template <resource_traits R, class Visitor, detail::shape_tag Tag = checked_t>
KIN_HARDENING_ABI constexpr walk_result<value_ptr<R>> walk_resources(
    const_value_ptr<R> root, window w, resource_filter filter, Visitor&& visit, Tag tag = {},
    resource_walk_variant variant = resource_walk_variant::v6_17) noexcept(detail::nothrow_visitor<R, Visitor>) {
  return detail::forward_walk<R>(detail::root_node<R>(root), w, filter, visit, detail::well_formed<R>(root, tag),
                                 variant);
}

/// The reports of kin::walk_resources, highest first, stopping at the first
/// non-zero return (the kernel's walk_system_ram_res_rev, for any filter).
/// On the list_head and compact layouts a well-formed tree is walked
/// backwards natively, with no memory; on the singly layout, and on any
/// tree that fails resource_check, the forward walk is recorded with the
/// collecting `strategy` (`kin::collect(records)`, a buffer of
/// kin::resource_record, or `kin::collect_allocating`) and visited
/// backwards, as the kernel does.
/// @requires `root` is not null; with kin::assume_well_formed, the tree
/// passes resource_check (checked in `extensive`); a kin::collect buffer
/// outlives the call. `visit` does not change the tree.
/// @effects calls `visit` on the reports, highest first, until one returns
/// non-zero; nothing when `w.start >= w.end` or the records could not be
/// kept.
/// @returns completed, nothing_matched, stopped (value and resource),
/// storage_too_small or out_of_memory (with the records `needed`), and the
/// number of visits.
/// @throws_ what `visit` throws; noexcept exactly when `visit` is. A failed
/// allocation is a status, not an exception.
/// @complexity O(size) either way; memory O(matches) only on the collect
/// path (collect_allocating: two forward walks and one allocation).
template <resource_traits R, class Visitor, detail::collecting Strategy, detail::shape_tag Tag = checked_t>
KIN_HARDENING_ABI constexpr walk_result<value_ptr<R>> walk_resources_reverse(
    const_value_ptr<R> root, window w, resource_filter filter, Visitor&& visit, Strategy strategy,
    Tag tag = {}) noexcept(detail::nothrow_visitor<R, Visitor>) {
  const bool well_formed = detail::well_formed<R>(root, tag); // checked once, used by either path
  if constexpr (bidirectional_tree_traits<node_traits_of<R>>) {
    if (well_formed) {
      return detail::mirrored_walk<R>(root, w, filter, visit);
    }
  }
  return detail::collected_walk<R>(root, w, filter, visit, strategy, well_formed);
}

/// The kernel's walk_iomem_res_desc, argument for argument (with the tree's
/// root made explicit): kin::walk_resources with `flags` and `desc` as the
/// filter and `[start, end]` as the window.
/// @requires as kin::walk_resources.
/// @effects as kin::walk_resources.
/// @returns the first non-zero `visit` result, else 0 after a visit, else
/// -22 (-EINVAL, also for an empty window).
/// @throws_ what `visit` throws; noexcept exactly when `visit` is.
/// @complexity as kin::walk_resources.
template <resource_traits R, class Visitor, detail::shape_tag Tag = checked_t>
KIN_HARDENING_ABI constexpr int walk_iomem_res_desc(const_value_ptr<R> root, int desc, std::uint64_t flags,
                                                    std::uint64_t start, std::uint64_t end, Visitor&& visit,
                                                    Tag tag = {},
                                                    resource_walk_variant variant = resource_walk_variant::v6_17) noexcept(
    detail::nothrow_visitor<R, Visitor>) {
  return detail::kernel_int(walk_resources<R>(root, window{start, end}, resource_filter{flags, desc}, visit, tag, variant),
                            resource_walk_einval);
}

/// The kernel's walk_system_ram_res: walk_iomem_res_desc with
/// kin::system_ram_filter.
/// @requires as kin::walk_resources. @effects as kin::walk_resources.
/// @returns as walk_iomem_res_desc.
/// @throws_ what `visit` throws; noexcept exactly when `visit` is.
/// @complexity as kin::walk_resources.
template <resource_traits R, class Visitor, detail::shape_tag Tag = checked_t>
KIN_HARDENING_ABI constexpr int walk_system_ram_res(const_value_ptr<R> root, std::uint64_t start, std::uint64_t end,
                                                    Visitor&& visit, Tag tag = {}) noexcept(detail::nothrow_visitor<R, Visitor>) {
  return detail::kernel_int(walk_resources<R>(root, window{start, end}, system_ram_filter, visit, tag),
                            resource_walk_einval);
}

/// The kernel's walk_mem_res: walk_iomem_res_desc with kin::mem_filter.
/// @requires as kin::walk_resources. @effects as kin::walk_resources.
/// @returns as walk_iomem_res_desc.
/// @throws_ what `visit` throws; noexcept exactly when `visit` is.
/// @complexity as kin::walk_resources.
template <resource_traits R, class Visitor, detail::shape_tag Tag = checked_t>
KIN_HARDENING_ABI constexpr int walk_mem_res(const_value_ptr<R> root, std::uint64_t start, std::uint64_t end,
                                             Visitor&& visit, Tag tag = {}) noexcept(detail::nothrow_visitor<R, Visitor>) {
  return detail::kernel_int(walk_resources<R>(root, window{start, end}, mem_filter, visit, tag), resource_walk_einval);
}

/// walk_system_ram_res_rev by the kernel's method, on any layout and any
/// tree: the forward walk recorded with a collecting strategy, visited
/// backwards.
/// @requires as kin::walk_resources_reverse.
/// @effects records every report of the forward walk, then calls `visit`
/// on them, last first, until one returns non-zero.
/// @returns -1 when nothing matched or the records could not be kept (use
/// kin::walk_resources_reverse to tell those apart), else the last
/// visitor's return value.
/// @throws_ what `visit` throws; noexcept exactly when `visit` is.
/// @complexity the forward walk's, plus O(matches).
template <resource_traits R, class Visitor, detail::collecting Strategy, detail::shape_tag Tag = checked_t>
KIN_HARDENING_ABI constexpr int walk_system_ram_res_rev_collect(const_value_ptr<R> root, std::uint64_t start,
                                                                std::uint64_t end, Visitor&& visit, Strategy strategy,
                                                                Tag tag = {}) noexcept(detail::nothrow_visitor<R, Visitor>) {
  return detail::kernel_int(detail::collected_walk<R>(root, window{start, end}, system_ram_filter, visit, strategy,
                                                      detail::well_formed<R>(root, tag)),
                            -1);
}

/// walk_system_ram_res_rev natively, on a bidirectional layout and a
/// well-formed tree: no memory at all.
/// @requires `root` is not null; the tree passes resource_check (checked in
/// `extensive`; otherwise the reports are wrong). `visit` does not change
/// the tree.
/// @effects calls `visit` on the reports, highest first, until one returns
/// non-zero; nothing when `start >= end`.
/// @returns -1 when nothing matched, else the last visitor's return value.
/// @throws_ what `visit` throws; noexcept exactly when `visit` is.
/// @complexity O(resources visited until the walk passes below `start`).
template <resource_traits R, class Visitor>
  requires bidirectional_tree_traits<node_traits_of<R>>
KIN_HARDENING_ABI constexpr int walk_system_ram_res_rev_native(const_value_ptr<R> root, std::uint64_t start,
                                                               std::uint64_t end, Visitor&& visit) noexcept(
    detail::nothrow_visitor<R, Visitor>) {
  KIN_CHECK_EXTENSIVE(resource_check<R>(root), "a resource tree must keep the kernel's rules (resource_check)");
  return detail::kernel_int(detail::mirrored_walk<R>(root, window{start, end}, system_ram_filter, visit), -1);
}

/// The kernel's walk_system_ram_res_rev: kin::walk_resources_reverse with
/// kin::system_ram_filter and the kernel's int.
/// @requires as kin::walk_resources_reverse.
/// @effects as kin::walk_resources_reverse.
/// @returns -1 when nothing matched or the records could not be kept (use
/// kin::walk_resources_reverse to tell those apart), else the last
/// visitor's return value.
/// @throws_ what `visit` throws; noexcept exactly when `visit` is. A failed
/// allocation is not an exception: -1, no visit.
/// @complexity as kin::walk_resources_reverse.
template <resource_traits R, class Visitor, detail::collecting Strategy, detail::shape_tag Tag = checked_t>
KIN_HARDENING_ABI constexpr int walk_system_ram_res_rev(const_value_ptr<R> root, std::uint64_t start, std::uint64_t end,
                                                        Visitor&& visit, Strategy strategy, Tag tag = {}) noexcept(
    detail::nothrow_visitor<R, Visitor>) {
  return detail::kernel_int(walk_resources_reverse<R>(root, window{start, end}, system_ram_filter, visit, strategy, tag),
                            -1);
}

/// The kernel's walk_system_ram_range: the System RAM walk over the page
/// frames [start_pfn, start_pfn + nr_pages), calling `visit(first_pfn,
/// count)` with the whole pages of each report (pages of 2^`page_shift`
/// bytes, 4 KiB by default). The window is [start_pfn << page_shift,
/// ((start_pfn + nr_pages) << page_shift) - 1], modulo 2^64 as in the
/// kernel. The result starts as -22 (-EINVAL) and any non-zero value ends
/// the walk: a report with no whole page is skipped once a visit has
/// returned 0, but ends the walk with -22 before the first visit.
/// @requires `root` is not null; `page_shift` < 64. `visit(std::uint64_t,
/// std::uint64_t)` returns int and does not change the tree.
/// @effects calls `visit` once per report with at least one whole page, in
/// ascending order, until one returns non-zero.
/// @returns the last visit's value (non-zero stops), or -22 when nothing
/// was visited (also when a page-less report came first).
/// @throws_ what `visit` throws.
/// @complexity as kin::walk_resources.
template <resource_traits R, class Visitor, detail::shape_tag Tag = checked_t>
KIN_HARDENING_ABI constexpr int walk_system_ram_range(const_value_ptr<R> root, std::uint64_t start_pfn,
                                                      std::uint64_t nr_pages, Visitor&& visit, Tag tag = {},
                                                      unsigned page_shift = 12) {
  int ret = resource_walk_einval;
  const std::uint64_t page = std::uint64_t{1} << page_shift;
  auto pages = [&](const resource_record<value_ptr<R>>& r) {
    const std::uint64_t pfn = (r.start + page - 1) >> page_shift;
    const std::uint64_t end_pfn = (r.end + 1) >> page_shift; // 0 after 2^64 - 1: no whole page
    if (end_pfn > pfn) {
      ret = visit(pfn, end_pfn - pfn);
    }
    return ret; // non-zero stops, -22 included
  };
  const window w{start_pfn << page_shift, ((start_pfn + nr_pages) << page_shift) - 1};
  walk_resources<R>(root, w, system_ram_filter, pages, tag);
  return ret;
}

/// What region_intersects answers (the kernel's values).
enum class region_intersection {
  intersects = 0, ///< the region meets only resources of the type asked for (REGION_INTERSECTS)
  disjoint = 1,   ///< it meets none of that type (REGION_DISJOINT)
  mixed = 2,      ///< it meets resources of that type and others (REGION_MIXED)
};

/// The kernel's region_intersects (v6.13 rules): for each top-level
/// resource overlapping [start, start + size - 1] (modulo 2^64), one of the
/// type asked for (all of `flags`, and `desc` unless iores_desc_none)
/// counts as typed; any other is examined with its descendants that overlap
/// the region: each of the type counts as typed, and unless they cover the
/// resource's overlap with the region contiguously from its start to its
/// end, the resource also counts as "other". Gaps that belong to no
/// resource do not count.
/// @requires `root` is not null.
/// @effects none.
/// @returns disjoint when nothing is typed, intersects when nothing is
/// "other", mixed otherwise.
/// @throws_ Nothing.
/// @complexity O(top-level resources + the subtrees of those that overlap).
template <resource_traits R>
KIN_HARDENING_ABI constexpr region_intersection region_intersects(const_value_ptr<R> root, std::uint64_t start,
                                                                  std::uint64_t size, std::uint64_t flags,
                                                                  int desc) noexcept {
  const std::uint64_t end = start + size - 1;
  auto matches = [&](const_value_ptr<R> v) {
    return (static_cast<std::uint64_t>(R::get_flags(v)) & flags) == flags &&
           (desc == iores_desc_none || static_cast<int>(R::get_desc(v)) == desc);
  };
  auto overlaps = [&](const_value_ptr<R> v) { return R::get_start(v) <= end && R::get_end(v) >= start; };
  std::size_t typed = 0, other = 0;
  for (const auto& top : children<R>(root)) {
    if (!overlaps(&top)) {
      continue;
    }
    if (matches(&top)) {
      ++typed;
      continue;
    }
    // The overlap must be covered, without a gap, by matching descendants.
    std::uint64_t from = R::get_start(&top) > start ? R::get_start(&top) : start;
    const std::uint64_t to = R::get_end(&top) < end ? R::get_end(&top) : end;
    bool covered = false, gap = false;
    for (const auto& d : descendants<R>(&top)) {
      if (!overlaps(&d) || !matches(&d)) {
        continue;
      }
      ++typed;
      if (covered || gap) {
        continue;
      }
      if (R::get_start(&d) > from) {
        gap = true;
      } else if (R::get_end(&d) >= to) {
        covered = true;
      } else if (R::get_end(&d) >= from) {
        from = R::get_end(&d) + 1;
      }
    }
    if (!covered) {
      ++other;
    }
  }
  if (typed == 0) {
    return region_intersection::disjoint;
  }
  return other == 0 ? region_intersection::intersects : region_intersection::mixed;
}

/// The kernel's lookup_resource: the first direct child of `root` that
/// starts at `start` (deeper levels are not searched).
/// @requires `root` is not null.
/// @returns that resource, or null.
/// @throws_ Nothing.
/// @complexity O(children of the root).
template <resource_traits R>
KIN_HARDENING_ABI constexpr value_ptr<R> lookup_resource(value_ptr<R> root, std::uint64_t start) noexcept {
  for (auto& child : children<R>(root)) {
    if (R::get_start(&child) == start) {
      return &child;
    }
  }
  return nullptr;
}

} // namespace kin

#endif // KIN_ADAPTERS_RESOURCE_HPP
