// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief allocate_resource: find free space of a size among a parent's
/// children, within [min, max] and aligned, and claim it there; bottom-up
/// as the kernel does, or top-down (kin's extension); re-allocation of a
/// placed resource.
///
/// ```cpp
/// res bar(0, 0, "BAR 0", kin::ioresource_mem);
/// kin::resource_constraint c{.min = 0xc0000000, .max = 0xfebfffff, .align = 0x100000};
/// if (kin::allocate_resource<R>(&bridge, &bar, 0x4000000, c) == 0) { /* bar placed */ }
/// ```
///
/// The rules come from kin's reference notes (linux-resource-and-kexec.md,
/// section 2, "Find free space"); no kernel code was used. The kernel also
/// lets an architecture hook trim each gap (x86 keeps the legacy BIOS area
/// and firmware-reserved ranges out): kin has no such hook, so a caller who
/// needs it narrows [min, max] or chooses the start in the callback.
#ifndef KIN_ADAPTERS_RESOURCE_ALLOC_HPP
#define KIN_ADAPTERS_RESOURCE_ALLOC_HPP

#include <kin/config.hpp>
#include <kin/adapters/resource.hpp>
#include <kin/adapters/resource_ops.hpp>
#include <kin/algorithms.hpp>
#include <kin/queries.hpp>
#include <kin/traits.hpp>
#include <kin/value_traits.hpp>

#include <concepts>
#include <cstdint>
#include <type_traits>

namespace kin {

/// Which free gap allocate_resource takes when several fit.
enum class allocation_order {
  bottom_up, ///< the lowest, trying gaps upwards (the kernel's only order)
  top_down,  ///< the highest, trying gaps downwards (kin's extension)
};

/// Where allocate_resource may place a resource: inside [min, max], at a
/// multiple of `align` (a power of two; 0 means 1), in `order`.
struct resource_constraint {
  std::uint64_t min = 0;                              ///< lowest first address
  std::uint64_t max = UINT64_MAX;                     ///< highest last address
  std::uint64_t align = 1;                            ///< alignment of the start
  allocation_order order = allocation_order::bottom_up; ///< which gap wins
};

/// allocate_resource's default alignment callback: the lowest aligned start
/// of the gap bottom-up (`avail.start`, already aligned: the kernel's
/// default), the highest aligned start that still fits top-down.
struct no_alignment_callback {};

namespace detail {

// Free gaps of `root` from the bottom up, exactly as the kernel enumerates
// them: `old`'s own space counts as free (a re-allocation), and the gap
// that runs into `old` is tried once ending at `old`'s end and once more
// ending before the next child. Stops when `try_gap(lo, hi, below)`
// returns true; `below` is the child (other than `old`) just before the
// gap, null when the gap starts the list.
template <class R, class F>
KIN_HARDENING_ABI constexpr void gaps_bottom_up(value_ptr<R> root, value_ptr<R> old, F& try_gap) {
  const std::uint64_t rs = R::get_start(root), re = R::get_end(root);
  std::uint64_t lo = rs;
  value_ptr<R> below = nullptr;
  value_ptr<R> c = first_child<R>(root);
  if (c && R::get_start(c) == rs) {
    if (c != old) {
      if (R::get_end(c) >= re) {
        return;
      }
      lo = R::get_end(c) + 1;
      below = c;
    }
    c = next_sibling<R>(c);
  }
  for (;;) {
    const std::uint64_t hi = !c ? re : c == old ? R::get_end(c) : R::get_start(c) - 1;
    if (hi >= lo && try_gap(lo, hi, below)) {
      return;
    }
    if (!c || R::get_end(c) >= re) {
      return;
    }
    if (c != old) {
      lo = R::get_end(c) + 1;
      below = c;
    }
    c = next_sibling<R>(c);
  }
}

// Free gaps of `root` (children other than `old` taken) from the top down:
// backwards on a bidirectional layout (stops at the first fit); on a singly
// linked one, every gap upwards (`try_gap` keeps the last fit).
template <class R, class F>
KIN_HARDENING_ABI constexpr void gaps_top_down(value_ptr<R> root, value_ptr<R> old, F& try_gap) {
  const std::uint64_t rs = R::get_start(root), re = R::get_end(root);
  if constexpr (bidirectional_tree_traits<node_traits_of<R>>) {
    std::uint64_t hi = re;
    for (value_ptr<R> c = last_child<R>(root);; c = prev_sibling<R>(c)) {
      while (c && c == old) {
        c = prev_sibling<R>(c);
      }
      if (!c) {
        try_gap(rs, hi, c);
        return;
      }
      if (R::get_end(c) < hi && try_gap(R::get_end(c) + 1, hi, c)) {
        return;
      }
      if (R::get_start(c) <= rs) {
        return;
      }
      hi = R::get_start(c) - 1;
    }
  } else {
    std::uint64_t lo = rs;
    value_ptr<R> below = nullptr;
    for (value_ptr<R> c = first_child<R>(root); c; c = next_sibling<R>(c)) {
      if (c == old) {
        continue;
      }
      if (R::get_start(c) > lo) {
        try_gap(lo, R::get_start(c) - 1, below);
      }
      if (R::get_end(c) >= re) {
        return;
      }
      lo = R::get_end(c) + 1;
      below = c;
    }
    try_gap(lo, re, below);
  }
}

// Where a free range goes: its start, and the child it follows (null: first).
template <class R>
struct resource_space {
  std::uint64_t start = 0;
  value_ptr<R> below = nullptr;
};

// The kernel's find step: the first gap (in `c.order`) where the callback's
// start, for `size` bytes, lies in the gap clipped to [min, max] with its
// start aligned up. Fills `out` and returns true when one fits.
template <class R, class AlignF>
KIN_HARDENING_ABI constexpr bool find_resource_space(value_ptr<R> root, value_ptr<R> old, std::uint64_t size,
                                                     const resource_constraint& c, AlignF& alignf,
                                                     resource_space<R>& out) {
  const std::uint64_t align = c.align ? c.align : 1;
  bool found = false;
  auto try_gap = [&](std::uint64_t lo, std::uint64_t hi, value_ptr<R> below) {
    lo = lo < c.min ? c.min : lo;
    hi = hi > c.max ? c.max : hi;
    const std::uint64_t aligned = (lo + align - 1) & ~(align - 1);
    if (aligned < lo) {
      return false; // aligning wrapped past 2^64
    }
    const window avail{aligned, hi};
    std::uint64_t s = 0;
    if constexpr (std::same_as<AlignF, no_alignment_callback>) {
      s = c.order == allocation_order::bottom_up ? avail.start : (avail.end - (size - 1)) & ~(align - 1);
    } else {
      s = static_cast<std::uint64_t>(alignf(avail, size, align));
    }
    const std::uint64_t e = s + size - 1;
    if (s > e || s < avail.start || e > avail.end) {
      return false;
    }
    out = {s, below};
    found = true;
    return true;
  };
  if (c.order == allocation_order::bottom_up) {
    gaps_bottom_up<R>(root, old, try_gap);
  } else {
    gaps_top_down<R>(root, old, try_gap);
  }
  return found;
}

template <class R, class AlignF>
inline constexpr bool alignf_noexcept =
    std::same_as<AlignF, no_alignment_callback> ||
    std::is_nothrow_invocable_v<AlignF&, window, std::uint64_t, std::uint64_t>;

} // namespace detail

/// The kernel's allocate_resource: finds `size` bytes of free space among
/// `root`'s direct children and claims it there for `n`. The gaps are
/// tried in `c.order` (bottom-up, the lowest first, is the kernel's;
/// top-down is kin's extension); each is clipped to [c.min, c.max] and its
/// start aligned up to `c.align` (skipped if that wraps past 2^64); the
/// callback, if any, chooses the start: `alignf(kin::window avail,
/// std::uint64_t size, std::uint64_t align) -> std::uint64_t`, where
/// `avail` is that clipped, aligned gap; the first gap where [start, start
/// + size - 1] lies inside `avail` wins (top-down on a singly linked
/// layout tries every gap upwards and keeps the highest fit, so the order
/// and number of callback calls is unspecified). There is no architecture hook
/// (x86's arch_remove_reservations): narrow [min, max] or use the callback.
///
/// If `n` is already placed (under `root`), it is re-allocated with its own
/// space counted as free (bottom-up, in the kernel's order: the gap that
/// runs into `n` is offered first ending at `n`'s end, then again up to the
/// next child; top-down, as one gap): grown in place when the new range covers the old
/// one; otherwise refused when `n` has children; shrunk in place when the
/// new range lies inside the old one; otherwise moved.
/// @requires `root` and `n` are not null; `n` is not linked elsewhere than
/// under `root`; the tree keeps the kernel's rules; `alignf` returns
/// without side effects on the tree.
/// @effects on success sets `n`'s range and links it (or keeps it) under
/// `root`; on failure changes nothing.
/// @returns 0; -16 (-EBUSY) when no gap fits (size 0 never fits: the
/// kernel's could take all of an empty [0, 2^64 - 1] root) or a
/// placed `n` with children would have to move; -22 (-EINVAL) when
/// `c.align` is not a power of two (0 means 1), or `n` is linked under another
/// parent than `root` (the kernel searches `root` regardless).
/// @throws_ What `alignf` throws.
/// @complexity O(children of `root` scanned); top-down on a bidirectional
/// layout scans from the top and stops at the first fit, so a fit in the
/// top gap is O(1) there.
template <resizable_resource_traits R, class AlignF = no_alignment_callback>
KIN_HARDENING_ABI constexpr int allocate_resource(value_ptr<R> root, value_ptr<R> n, std::uint64_t size,
                                                  const resource_constraint& c, AlignF alignf = {})
    noexcept(detail::alignf_noexcept<R, AlignF>) {
  if (c.align & (c.align - 1)) {
    return resource_walk_einval;
  }
  const value_ptr<R> p = parent<R>(n);
  if (p && p != root) {
    return resource_walk_einval;
  }
  detail::resource_space<R> space;
  if (size == 0 || !detail::find_resource_space<R>(root, p ? n : nullptr, size, c, alignf, space)) {
    return resource_ebusy;
  }
  const std::uint64_t start = space.start, end = start + size - 1;
  if (p) {
    const std::uint64_t os = R::get_start(n), oe = R::get_end(n);
    const bool grows = start <= os && end >= oe, shrinks = start >= os && end <= oe;
    if (!grows && first_child<R>(n)) {
      return resource_ebusy;
    }
    if (grows || shrinks) {
      R::set_range(n, start, end);
      return 0;
    }
    unlink<R>(n);
  }
  R::set_range(n, start, end);
  // The gap was free: the claim is a link beside the child below it (the
  // kernel claims it again from the first child, which cannot conflict on
  // a well-formed tree).
  if (space.below) {
    link_after<R>(space.below, n);
  } else {
    link_first_child<R>(root, n);
  }
  return 0;
}

} // namespace kin

#endif // KIN_ADAPTERS_RESOURCE_ALLOC_HPP
