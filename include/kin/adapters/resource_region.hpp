// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief Busy regions, the path a driver takes: request_region (nesting
/// under non-busy containers, inheriting their type and descriptor),
/// release_region, and the boot-time reserve_region_with_split.
///
/// ```cpp
/// res regs;                                         // storage the caller owns
/// regs.name = "0000:00:02.0";
/// if (res* c = kin::request_region_conflict<R>(&root, &regs, 0xfebf0000, 0x1000, 0)) { /* busy: c */ }
/// res* gone = kin::release_region<R>(&root, 0xfebf0000, 0x1000); // == &regs
/// ```
///
/// kin allocates nothing: the caller passes the node (request_region) or a
/// function that makes one (reserve_region_with_split), and gets released
/// nodes back. The rules come from kin's reference notes
/// (linux-resource-and-kexec.md, section 2, "Busy regions" and "Reserve
/// with split"); no kernel code was used.
#ifndef KIN_ADAPTERS_RESOURCE_REGION_HPP
#define KIN_ADAPTERS_RESOURCE_REGION_HPP

#include <kin/config.hpp>
#include <kin/adapters/resource.hpp>
#include <kin/adapters/resource_ops.hpp>
#include <kin/algorithms.hpp>
#include <kin/queries.hpp>
#include <kin/value_traits.hpp>

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace kin {

/// Resource traits that can also set a resource's flags and descriptor,
/// with `static void set_flags(value_ptr, std::uint64_t)` and
/// `static void set_desc(value_ptr, int)` (kin::resource's traits have
/// them): what the region functions need, since they decide both.
template <class R>
concept region_resource_traits = resizable_resource_traits<R> && requires(value_ptr<R> n, std::uint64_t f, int d) {
  R::set_flags(n, f);
  R::set_desc(n, d);
};

/// -ENOMEM, what reserve_region_with_split reports when `make` fails.
inline constexpr int resource_enomem = -12;

/// The kernel's __request_region, returning what blocked it: claims
/// [start, start + size - 1] (modulo 2^64) for `n` as a BUSY region under
/// `parent`. Where a child that is not BUSY overlaps it, the claim moves
/// down into that child and tries again there; so it nests under
/// containers automatically. `n`'s flags are those of the parent it lands
/// under, masked to the type and extended-type bits (so a region inside
/// System RAM is System RAM too), plus BUSY, plus `flags`; its descriptor
/// is that parent's.
/// @requires `parent` and `n` are not null; `n` is unlinked (checked in
/// `fast` when it gets linked); the tree keeps the kernel's rules.
/// @effects sets `n`'s range, flags and descriptor (also on failure, as
/// the kernel fills its new node before trying); on success links it.
/// @returns null on success; else the blocking resource: a BUSY child that
/// overlaps, or the parent (the original or a container it went down
/// into) that the range is inverted in or sticks out of. Two MUXED regions
/// (`flags` and the blocking one both have kin::ioresource_muxed) make
/// the kernel wait for the holder; kin never waits and returns the holder.
/// @throws_ Nothing.
/// @complexity O(depth x children scanned per level).
template <region_resource_traits R>
KIN_HARDENING_ABI constexpr value_ptr<R> request_region_conflict(value_ptr<R> parent, value_ptr<R> n, std::uint64_t start,
                                                                 std::uint64_t size, std::uint64_t flags) noexcept {
  R::set_range(n, start, start + size - 1);
  for (;;) {
    const std::uint64_t inherited = static_cast<std::uint64_t>(R::get_flags(parent)) &
                                    (ioresource_type_bits | ioresource_ext_type_bits);
    R::set_flags(n, inherited | ioresource_busy | flags);
    R::set_desc(n, static_cast<int>(R::get_desc(parent)));
    const value_ptr<R> conflict = request_resource_conflict<R>(parent, n);
    if (!conflict) {
      return nullptr;
    }
    if (conflict == parent || (static_cast<std::uint64_t>(R::get_flags(conflict)) & ioresource_busy)) {
      return conflict;
    }
    parent = conflict; // a container: try again inside it
  }
}

/// The kernel's request_region (request_mem_region): request_region_conflict
/// as an int. @requires as request_region_conflict.
/// @effects as request_region_conflict. @returns 0, or -16 (-EBUSY).
/// @throws_ Nothing. @complexity as request_region_conflict.
template <region_resource_traits R>
KIN_HARDENING_ABI constexpr int request_region(value_ptr<R> parent, value_ptr<R> n, std::uint64_t start, std::uint64_t size,
                                               std::uint64_t flags) noexcept {
  return request_region_conflict<R>(parent, n, start, size, flags) ? resource_ebusy : 0;
}

/// The kernel's __release_region (release_mem_region): goes down through
/// the non-BUSY resources under `parent` that contain [start, start + size
/// - 1] and unlinks the BUSY one there whose range is exactly that. Its
/// descendants, if any, stay attached to it (the kernel frees the node and
/// leaves them behind).
/// @requires `parent` is not null; the tree keeps the kernel's rules.
/// @effects unlinks the region found, clearing its links to the tree.
/// @returns the unlinked region (the caller's to free), or null where the
/// kernel warns "Trying to free nonexistent resource": the containing BUSY
/// resource's range differs, or nothing contains the range.
/// @throws_ Nothing.
/// @complexity O(depth x children scanned per level).
template <mutable_resource_traits R>
KIN_HARDENING_ABI constexpr value_ptr<R> release_region(value_ptr<R> parent, std::uint64_t start, std::uint64_t size) noexcept {
  const std::uint64_t end = start + size - 1;
  value_ptr<R> c = first_child<R>(parent);
  while (c && R::get_start(c) <= end) { // sorted siblings: none later can contain it
    if (R::get_start(c) <= start && R::get_end(c) >= end) {
      if (!(static_cast<std::uint64_t>(R::get_flags(c)) & ioresource_busy)) {
        c = first_child<R>(c);
        continue;
      }
      if (R::get_start(c) != start || R::get_end(c) != end) {
        return nullptr;
      }
      unlink<R>(c);
      return c;
    }
    c = next_sibling<R>(c);
  }
  return nullptr;
}

/// What reserve_region_with_split did.
struct split_reservation {
  int error = 0;           ///< 0; -22 (-EINVAL): wholly outside the root; -12 (-ENOMEM): `make` returned null
  bool clipped = false;    ///< the range stuck out of the root and was clipped to it (the kernel logs an error)
  std::size_t placed = 0;  ///< how many pieces were linked under the root
};

/// The kernel's reserve_region_with_split: reserves [start, end] as BUSY
/// pieces directly under `root` (never deeper), around what is already
/// there. The range is first clipped to the root, or abandoned when wholly
/// outside it. Each piece is claimed under `root`; when a child blocks it,
/// a child covering the piece drops it, a child starting inside the piece
/// shortens it to end before the child (what lies beyond the child becomes
/// the next piece), and a child starting at or before the piece's start
/// makes it start after the child. `make(std::uint64_t start,
/// std::uint64_t end) -> value_ptr` provides each piece's node (unlinked,
/// named by the caller); kin sets its range, its flags (the root's type
/// bits plus BUSY) and its descriptor (none), and links it or, when the
/// piece is dropped, hands it back as `drop(value_ptr)`.
/// @requires `root` is not null; the tree keeps the kernel's rules; `make`
/// returns an unlinked node or null.
/// @effects links the pieces in address order; an inverted range
/// reserves nothing.
/// @returns what happened (kin::split_reservation); the kernel returns
/// nothing.
/// @throws_ What `make` or `drop` throws.
/// @complexity O(pieces x children of `root` scanned).
template <region_resource_traits R, class Make, class Drop>
KIN_HARDENING_ABI constexpr split_reservation reserve_region_with_split(value_ptr<R> root, std::uint64_t start,
                                                                        std::uint64_t end, Make make, Drop drop)
    noexcept(std::is_nothrow_invocable_v<Make&, std::uint64_t, std::uint64_t> &&
             std::is_nothrow_invocable_v<Drop&, value_ptr<R>>) {
  split_reservation out;
  const std::uint64_t rs = R::get_start(root), re = R::get_end(root);
  if (start < rs || end > re) {
    out.clipped = true;
    if (start > re || end < rs) {
      out.error = resource_walk_einval;
      return out;
    }
    start = start < rs ? rs : start;
    end = end > re ? re : end;
  }
  const std::uint64_t flags = (static_cast<std::uint64_t>(R::get_flags(root)) & ioresource_type_bits) | ioresource_busy;
  auto piece = [&](std::uint64_t s, std::uint64_t e) -> value_ptr<R> {
    const value_ptr<R> p = make(s, e);
    if (p) {
      R::set_range(p, s, e);
      R::set_flags(p, flags);
      R::set_desc(p, iores_desc_none);
    }
    return p;
  };
  value_ptr<R> cur = piece(start, end);
  value_ptr<R> queued = nullptr; // at most one: what lies beyond the conflict
  if (!cur) {
    out.error = resource_enomem;
    return out;
  }
  for (;;) {
    const value_ptr<R> conflict = request_resource_conflict<R>(root, cur);
    if (!conflict) {
      ++out.placed;
      if (!queued) {
        return out;
      }
      cur = queued;
      queued = nullptr;
      continue;
    }
    const std::uint64_t cs = R::get_start(conflict), ce = R::get_end(conflict);
    const std::uint64_t ps = R::get_start(cur), pe = R::get_end(cur);
    if (cs <= ps && ce >= pe) { // covers the piece: drop it
      drop(cur);
      if (!queued) {
        return out;
      }
      cur = queued; // cannot happen on a well-formed tree (the kernel warns)
      queued = nullptr;
      continue;
    }
    if (cs > ps) {
      R::set_range(cur, ps, cs - 1);
      if (ce < pe) {
        if (queued) {
          drop(queued); // only on a tree out of order: never lose a node
        }
        queued = piece(ce + 1, pe);
        if (!queued) {
          drop(cur);
          out.error = resource_enomem;
          return out;
        }
      }
    } else {
      R::set_range(cur, ce + 1, pe);
    }
  }
}

} // namespace kin

#endif // KIN_ADAPTERS_RESOURCE_REGION_HPP
