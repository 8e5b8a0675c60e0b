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
/// kin::walk_system_ram_res_rev<R>(&root, 0, ~0ULL, visit, kin::collect_allocating);
/// ```
///
/// The walks reproduce the kernel's loop (kernel/resource.c, v6.17): find the
/// next matching range in pre-order from the root, report it clipped to the
/// window, continue one past its end, while start < end. On a tree that
/// passes resource_check they take one pre-order pass instead of a rescan per
/// match, with identical results; on an anomalous tree they run the kernel's
/// loop itself. One deliberate deviation: after a range ending at 2^64 - 1
/// the kernel's next start wraps to 0 and it loops for ever; kin stops.
///
/// The semantics come from the behavioural description in kin's reference
/// notes; no kernel code was used.
#ifndef KIN_ADAPTERS_RESOURCE_HPP
#define KIN_ADAPTERS_RESOURCE_HPP

#include <kin/config.hpp>
#include <kin/reverse.hpp>
#include <kin/steps.hpp>
#include <kin/traits.hpp>
#include <kin/value_traits.hpp>

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
inline constexpr std::uint64_t ioresource_sysram = 0x01000000;                ///< "is System RAM" modifier
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

  /// An empty, unlinked resource.
  KIN_HARDENING_ABI constexpr resource() noexcept = default;
  /// An unlinked resource `[start, end]` named `name`.
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
  /// First address. @complexity O(1)
  KIN_HARDENING_ABI static constexpr std::uint64_t get_start(const_resource_ptr n) noexcept { return n->start; }
  /// Last address (inclusive). @complexity O(1)
  KIN_HARDENING_ABI static constexpr std::uint64_t get_end(const_resource_ptr n) noexcept { return n->end; }
  /// IORESOURCE_* flags. @complexity O(1)
  KIN_HARDENING_ABI static constexpr std::uint64_t get_flags(const_resource_ptr n) noexcept { return n->flags; }
  /// IORES_DESC_* descriptor. @complexity O(1)
  KIN_HARDENING_ABI static constexpr int get_desc(const_resource_ptr n) noexcept { return n->desc; }
  /// The name (null data when absent). @complexity O(1)
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
  /// True when the tree is well formed.
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

namespace detail {

// The kernel's "find next matching range", literally: a pre-order scan from
// the root, for any tree.
template <class R>
KIN_HARDENING_ABI constexpr typename resource_nodes<R>::node_ptr find_next_resource(typename resource_nodes<R>::node_ptr root,
                                                                  std::uint64_t start, std::uint64_t end,
                                                                  std::uint64_t flags, int desc,
                                                                  resource_walk_variant variant) noexcept {
  using N = resource_nodes<R>;
  using T = node_traits_of<R>;
  typename N::node_ptr p = T::get_first_child(root);
  while (p) {
    if (N::start(p) > end) {
      return nullptr;
    }
    if (N::end(p) < start) {
      const bool skip_subtree = variant == resource_walk_variant::upstream && T::get_parent(p) == root;
      p = skip_subtree ? N::next_skip_children(p, root) : N::next(p, root);
      continue;
    }
    if (N::matches(p, flags, desc)) {
      return p;
    }
    p = N::next(p, root);
  }
  return nullptr;
}

// The forward walk. `well_formed` selects the one-pass shortcut.
template <class R, class Visitor>
KIN_HARDENING_ABI constexpr int walk_resources(typename resource_nodes<R>::node_ptr root, std::uint64_t start, std::uint64_t end,
                             std::uint64_t flags, int desc, Visitor& visit, bool well_formed,
                             resource_walk_variant variant) noexcept(detail::nothrow_visitor<R, Visitor>) {
  using N = resource_nodes<R>;
  int ret = resource_walk_einval;
  if (!well_formed) {
    while (start < end) {
      typename N::node_ptr p = find_next_resource<R>(root, start, end, flags, desc, variant);
      if (!p) {
        break;
      }
      const auto record = N::clip(p, start, end);
      if ((ret = visit(record)) != 0 || record.end == UINT64_MAX) {
        break; // UINT64_MAX: the kernel wraps to 0 here and loops; kin stops
      }
      start = record.end + 1;
    }
    return ret;
  }
  // Well formed: pre-order visits ranges in ascending order and a match's
  // subtree lies inside it, so one pass that skips what the kernel's rescans
  // would skip gives the same reports.
  if (!(start < end)) {
    return ret;
  }
  typename N::node_ptr p = node_traits_of<R>::get_first_child(root);
  while (p) {
    if (N::start(p) > end) {
      break;
    }
    if (N::end(p) < start) {
      p = N::next_skip_children(p, root);
      continue;
    }
    if (!N::matches(p, flags, desc)) {
      p = N::next(p, root);
      continue;
    }
    const auto record = N::clip(p, start, end);
    if ((ret = visit(record)) != 0 || record.end == UINT64_MAX) {
      break;
    }
    start = record.end + 1;
    if (!(start < end)) {
      break;
    }
    p = N::next_skip_children(p, root);
  }
  return ret;
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

template <class R>
KIN_HARDENING_ABI constexpr typename resource_nodes<R>::node_ptr root_node(const_value_ptr<R> root) noexcept {
  return node_of<value_traits_of<R>>(root);
}

} // namespace detail

/// Calls `visit(resource_record)` for each outermost range under `root`
/// that has all of `flags` and (unless `desc` is iores_desc_none) the
/// descriptor `desc`, overlapping `[start, end]`, in ascending order and
/// clipped to the window (the kernel's walk_iomem_res_desc, with the tree's
/// root made explicit). A non-zero return from `visit` stops the walk and is
/// returned; with no visit at all the result is -22 (-EINVAL).
/// @pre `start < end`, or nothing is visited.
/// @complexity O(size) on a well-formed tree (plus O(size) for the check
/// with kin::checked); O(size x matches) on an anomalous one, as in the kernel.
template <resource_traits R, class Visitor, detail::shape_tag Tag = checked_t>
KIN_HARDENING_ABI constexpr int walk_iomem_res_desc(const_value_ptr<R> root, int desc, std::uint64_t flags, std::uint64_t start,
                                  std::uint64_t end, Visitor&& visit, Tag tag = {},
                                  resource_walk_variant variant = resource_walk_variant::v6_17) noexcept(detail::nothrow_visitor<R, Visitor>) {
  return detail::walk_resources<R>(detail::root_node<R>(root), start, end, flags, desc, visit,
                                   detail::well_formed<R>(root, tag), variant);
}

/// The System RAM ranges (SYSTEM_RAM and BUSY, any descriptor) overlapping
/// `[start, end]`, ascending, clipped: the kernel's walk_system_ram_res.
/// @complexity as walk_iomem_res_desc.
template <resource_traits R, class Visitor, detail::shape_tag Tag = checked_t>
KIN_HARDENING_ABI constexpr int walk_system_ram_res(const_value_ptr<R> root, std::uint64_t start, std::uint64_t end, Visitor&& visit,
                                  Tag tag = {}) noexcept(detail::nothrow_visitor<R, Visitor>) {
  return walk_iomem_res_desc<R>(root, iores_desc_none, ioresource_system_ram | ioresource_busy, start, end, visit,
                                tag);
}

/// The memory ranges (MEM and BUSY, any descriptor) overlapping
/// `[start, end]`, ascending, clipped: the kernel's walk_mem_res.
/// @complexity as walk_iomem_res_desc.
template <resource_traits R, class Visitor, detail::shape_tag Tag = checked_t>
KIN_HARDENING_ABI constexpr int walk_mem_res(const_value_ptr<R> root, std::uint64_t start, std::uint64_t end, Visitor&& visit,
                           Tag tag = {}) noexcept(detail::nothrow_visitor<R, Visitor>) {
  return walk_iomem_res_desc<R>(root, iores_desc_none, ioresource_mem | ioresource_busy, start, end, visit, tag);
}

namespace detail {

// The collect path with the tree's shape already decided, so that no caller
// runs resource_check twice: the strategy records the forward walk's
// reports (kin/reverse.hpp's one mechanism), then they are visited backwards.
template <class R, class Visitor, class Strategy>
KIN_HARDENING_ABI constexpr int rev_collect(const_value_ptr<R> root, std::uint64_t start, std::uint64_t end, Visitor& visit,
                          const Strategy& strategy, bool well_formed) noexcept(detail::nothrow_visitor<R, Visitor>) {
  using record = resource_record<value_ptr<R>>;
  constexpr std::uint64_t ram = ioresource_system_ram | ioresource_busy;
  auto recorded = strategy.template record<record>([&](auto&& emit) {
    auto keep = [&](const record& r) {
      emit(r);
      return 0;
    };
    walk_resources<R>(root_node<R>(root), start, end, ram, iores_desc_none, keep, well_formed,
                      resource_walk_variant::v6_17);
  });
  int ret = -1;
  if (!recorded.fits) {
    return ret;
  }
  for (std::size_t i = recorded.size; i-- > 0;) {
    if ((ret = visit(recorded.data[i])) != 0) {
      break;
    }
  }
  return ret;
}

template <class S>
concept collecting = reverse_strategy<S> && !std::same_as<S, native_t> && !std::same_as<S, rescan_t>;

} // namespace detail

/// walk_system_ram_res_rev by the kernel's method, on any layout and any
/// tree: record the forward walk's reports with a collecting strategy
/// (`kin::collect(records)`, a buffer of `kin::resource_record`s, or
/// `kin::collect_allocating`), then visit them backwards, stopping at the
/// first non-zero return. Storage too small, or the allocation failed:
/// returns -1 and calls nothing (to size a buffer, count the forward walk).
/// @return -1 when nothing matched (or the records could not be kept), else
/// the last visitor's return value.
/// @complexity the forward walk's, plus O(matches) (collect_allocating: two
/// forward walks and one allocation).
template <resource_traits R, class Visitor, detail::collecting Strategy, detail::shape_tag Tag = checked_t>
KIN_HARDENING_ABI constexpr int walk_system_ram_res_rev_collect(const_value_ptr<R> root, std::uint64_t start, std::uint64_t end,
                                              Visitor&& visit, Strategy strategy, Tag tag = {}) noexcept(detail::nothrow_visitor<R, Visitor>) {
  return detail::rev_collect<R>(root, start, end, visit, strategy, detail::well_formed<R>(root, tag));
}

/// walk_system_ram_res_rev natively, on a bidirectional layout and a
/// well-formed tree: kin::postorder_reverse (the mirrored pre-order),
/// skipping the children of each match, reports the outermost System RAM
/// ranges in descending order, clipped, with the forward walk's window-edge
/// rule; no memory at all.
/// @pre the tree is well formed (checked in the `extensive` hardening mode).
/// @return -1 when nothing matched, else the last visitor's return value.
/// @complexity O(values visited until the walk passes below `start`).
template <resource_traits R, class Visitor>
  requires bidirectional_tree_traits<node_traits_of<R>>
KIN_HARDENING_ABI constexpr int walk_system_ram_res_rev_native(const_value_ptr<R> root, std::uint64_t start, std::uint64_t end,
                                             Visitor&& visit) noexcept(detail::nothrow_visitor<R, Visitor>) {
  KIN_CHECK_EXTENSIVE(resource_check<R>(root), "a resource tree must keep the kernel's rules (resource_check)");
  using N = detail::resource_nodes<R>;
  constexpr std::uint64_t flags = ioresource_system_ram | ioresource_busy;
  int ret = -1;
  if (!(start < end)) {
    return ret;
  }
  // The forward walk reports a match starting exactly at `end` as one byte,
  // unless the report before it ended at end - 1 (then it has stopped): the
  // highest match is held back until the next one down decides.
  resource_record<typename N::value_ptr> held{};
  bool holding = false;
  const auto walk = postorder_reverse<R>(root);
  auto it = walk.begin();
  for (++it; it != walk.end();) { // the root itself is not a range
    const typename N::node_ptr p = it.node();
    if (N::start(p) > end) {
      it.skip_children();
      continue;
    }
    if (N::end(p) < start) {
      break; // everything after p in mirrored pre-order lies below it
    }
    if (!N::matches(p, flags, iores_desc_none)) {
      ++it;
      continue;
    }
    const auto record = N::clip(p, start, end);
    if (holding) {
      holding = false;
      if (record.end + 1 != end && (ret = visit(held)) != 0) {
        return ret;
      }
    }
    if (record.start == end) {
      held = record;
      holding = true;
    } else if ((ret = visit(record)) != 0) {
      return ret;
    }
    it.skip_children();
  }
  if (holding) {
    ret = visit(held);
  }
  return ret;
}

/// The kernel's walk_system_ram_res_rev: the System RAM ranges of
/// walk_system_ram_res, visited in reverse order, stopping at the first
/// non-zero return. On the list_head and compact layouts a well-formed tree
/// is walked backwards natively, with no memory; on the singly layout, and
/// on any tree that fails resource_check, the forward walk is recorded with
/// the collecting `strategy` (`kin::collect(records)` or
/// `kin::collect_allocating`) and visited backwards, as the kernel does;
/// storage too small or an allocation failure gives -1 without a visit.
/// @return -1 when nothing matched, else the last visitor's return value.
/// @complexity O(size) either way; memory O(matches) only on the collect path.
template <resource_traits R, class Visitor, detail::collecting Strategy, detail::shape_tag Tag = checked_t>
KIN_HARDENING_ABI constexpr int walk_system_ram_res_rev(const_value_ptr<R> root, std::uint64_t start, std::uint64_t end,
                                      Visitor&& visit, Strategy strategy, Tag tag = {}) noexcept(detail::nothrow_visitor<R, Visitor>) {
  const bool well_formed = detail::well_formed<R>(root, tag); // checked once, used by either path
  if constexpr (bidirectional_tree_traits<node_traits_of<R>>) {
    if (well_formed) {
      return walk_system_ram_res_rev_native<R>(root, start, end, visit);
    }
  }
  return detail::rev_collect<R>(root, start, end, visit, strategy, well_formed);
}

} // namespace kin

#endif // KIN_ADAPTERS_RESOURCE_HPP
