// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief The resource tree's claim and release operations with the
/// kernel's rules: request_resource, insert_resource (adopting the covered
/// run), release_resource and remove_resource, with their conflict forms.
///
/// ```cpp
/// res bus(0x100000, 0x1fffff, "PCI Bus", kin::ioresource_mem);
/// if (res* c = kin::insert_resource_conflict<R>(&root, &bus)) { /* c blocked it */ }
/// kin::remove_resource<R>(&bus);                   // its children take its place again
/// ```
///
/// The rules come from kin's reference notes (linux-resource-and-kexec.md,
/// section 2); no kernel code was used. Deviation: where the kernel's
/// release leaves the released node's sibling link stale, kin clears every
/// link it detaches (as all of kin's algorithms do); docs/resource.md lists
/// every deviation. allocate_resource is in resource_alloc.hpp, the busy
/// regions in resource_region.hpp.
#ifndef KIN_ADAPTERS_RESOURCE_OPS_HPP
#define KIN_ADAPTERS_RESOURCE_OPS_HPP

#include <kin/config.hpp>
#include <kin/adapters/resource.hpp>
#include <kin/algorithms.hpp>
#include <kin/queries.hpp>
#include <kin/value_traits.hpp>
#include <kin/walkers.hpp>

#include <cstdint>

namespace kin {

/// A resource traits type whose layout can be changed.
template <class R>
concept mutable_resource_traits = resource_traits<R> && mutable_value_traits<R>;

/// Resource traits that can also change a resource's range, with
/// `static void set_range(value_ptr, std::uint64_t start, std::uint64_t end)`
/// (kin::resource's traits have it; a C struct's traits opt in).
template <class R>
concept resizable_resource_traits = mutable_resource_traits<R> && requires(value_ptr<R> n, std::uint64_t a) {
  R::set_range(n, a, a);
};

/// -EBUSY, what the int-valued claims return on a conflict.
inline constexpr int resource_ebusy = -16;

/// The kernel's request_resource_conflict: claims [n.start, n.end] as a
/// direct child of `parent`, looking at `parent`'s children only.
/// @requires `parent` and `n` are not null; `n` is not linked elsewhere
/// (checked in `fast` when it gets linked).
/// @effects when there is no conflict, links `n` before the first child
/// that starts after `n`'s end, or last; otherwise changes nothing.
/// @returns null on success; `parent` when `n` is inverted or sticks out of
/// it; otherwise the first child that overlaps `n` (`n` itself when it is
/// already a child: a double request).
/// @throws_ Nothing.
/// @complexity O(children of `parent` before the place).
template <mutable_resource_traits R>
KIN_HARDENING_ABI constexpr value_ptr<R> request_resource_conflict(value_ptr<R> parent, value_ptr<R> n) noexcept {
  const std::uint64_t start = R::get_start(n), end = R::get_end(n);
  if (start > end || start < R::get_start(parent) || end > R::get_end(parent)) {
    return parent;
  }
  value_ptr<R> prev = nullptr;
  for (value_ptr<R> c = first_child<R>(parent); c; c = next_sibling<R>(c)) {
    if (R::get_start(c) > end) {
      break;
    }
    if (R::get_end(c) >= start) {
      return c;
    }
    prev = c;
  }
  if (prev) {
    link_after<R>(prev, n);
  } else {
    link_first_child<R>(parent, n);
  }
  return nullptr;
}

/// The kernel's request_resource: request_resource_conflict as an int.
/// @requires as request_resource_conflict. @effects as request_resource_conflict.
/// @returns 0, or -16 (-EBUSY) on a conflict.
/// @throws_ Nothing. @complexity as request_resource_conflict.
template <mutable_resource_traits R>
KIN_HARDENING_ABI constexpr int request_resource(value_ptr<R> parent, value_ptr<R> n) noexcept {
  return request_resource_conflict<R>(parent, n) ? resource_ebusy : 0;
}

/// The kernel's insert_resource_conflict: claims `n` under `parent`, one
/// level down into a child that strictly encloses it, and otherwise makes
/// the run of consecutive children that `n` covers its children (in order),
/// `n` taking the run's place (kin::adopt_siblings). An existing resource
/// with exactly `n`'s range becomes `n`'s child.
/// @requires `parent` and `n` are not null; `n` is childless and not linked
/// elsewhere (checked in `fast`); the tree keeps the kernel's rules (sorted,
/// disjoint siblings inside their parents).
/// @effects on success links `n` (adopting the covered run); on failure
/// changes nothing.
/// @returns null on success; else the resource that blocked it: the parent
/// when `n` does not fit in it, `n` itself for a double insert, or a child
/// of the run that sticks out of `n`.
/// @throws_ Nothing.
/// @complexity O(depth + siblings scanned + run length).
template <mutable_resource_traits R>
KIN_HARDENING_ABI constexpr value_ptr<R> insert_resource_conflict(value_ptr<R> parent, value_ptr<R> n) noexcept {
  const std::uint64_t start = R::get_start(n), end = R::get_end(n);
  value_ptr<R> first = nullptr;
  for (;;) {
    first = request_resource_conflict<R>(parent, n);
    if (!first) {
      return nullptr;
    }
    if (first == parent || first == n) {
      return first;
    }
    const std::uint64_t fs = R::get_start(first), fe = R::get_end(first);
    if (fs <= start && fe >= end && !(fs == start && fe == end)) {
      parent = first; // strictly encloses n: one level down
      continue;
    }
    break;
  }
  value_ptr<R> last = first;
  for (value_ptr<R> s = first; s && R::get_start(s) <= end; s = next_sibling<R>(s)) {
    if (R::get_start(s) < start || R::get_end(s) > end) {
      return s; // sticks out of n
    }
    last = s;
  }
  adopt_siblings<R>(n, first, last);
  return nullptr;
}

/// The kernel's insert_resource: insert_resource_conflict as an int.
/// @requires as insert_resource_conflict. @effects as insert_resource_conflict.
/// @returns 0, or -16 (-EBUSY) on a conflict.
/// @throws_ Nothing. @complexity as insert_resource_conflict.
template <mutable_resource_traits R>
KIN_HARDENING_ABI constexpr int insert_resource(value_ptr<R> parent, value_ptr<R> n) noexcept {
  return insert_resource_conflict<R>(parent, n) ? resource_ebusy : 0;
}

/// The kernel's release_resource: detaches `n` with its subtree (its
/// descendants stay attached to it).
/// @requires `n` is not null.
/// @effects unlinks `n` when it is linked; all its own links to the old
/// tree are cleared.
/// @returns 0, or -22 (-EINVAL) when `n` is not in a tree.
/// @throws_ Nothing.
/// @complexity O(1) on bidirectional layouts, O(siblings) on singly.
template <mutable_resource_traits R>
KIN_HARDENING_ABI constexpr int release_resource(value_ptr<R> n) noexcept {
  if (!parent<R>(n)) {
    return resource_walk_einval;
  }
  unlink<R>(n);
  return 0;
}

/// The kernel's remove_resource, the inverse of insert_resource: `n`'s
/// children take its place, in order, and `n` is unlinked.
/// @requires `n` is not null.
/// @effects as kin::hoist_children when `n` is linked; nothing otherwise.
/// @returns 0, or -22 (-EINVAL) when `n` is not in a tree.
/// @throws_ Nothing.
/// @complexity O(children of `n`), plus O(siblings) on singly.
template <mutable_resource_traits R>
KIN_HARDENING_ABI constexpr int remove_resource(value_ptr<R> n) noexcept {
  if (!parent<R>(n)) {
    return resource_walk_einval;
  }
  hoist_children<R>(n);
  return 0;
}

/// The kernel's insert_resource_expand_to_fit: insert_resource_conflict
/// under `root`, and while a resource other than `root` blocks it, widen
/// `n` to cover that resource and try again (the kernel logs "Expanded
/// resource"). The kernel returns nothing; kin says what happened.
/// @requires `root` and `n` are not null; `n` is childless; the tree keeps
/// the kernel's rules.
/// @effects nothing when `n` is already in a tree; otherwise widens `n` as
/// needed and inserts it, or gives up (leaving `n` widened but unlinked)
/// when `root` itself is the conflict.
/// @returns 0 when inserted, -22 (-EINVAL) when `n` was already in a tree,
/// -16 (-EBUSY) when it gave up.
/// @throws_ Nothing.
/// @complexity O(widenings x insert_resource_conflict).
template <resizable_resource_traits R>
KIN_HARDENING_ABI constexpr int insert_resource_expand_to_fit(value_ptr<R> root, value_ptr<R> n) noexcept {
  if (parent<R>(n)) {
    return resource_walk_einval;
  }
  for (;;) {
    const value_ptr<R> c = insert_resource_conflict<R>(root, n);
    if (!c) {
      return 0;
    }
    if (c == root) {
      return resource_ebusy;
    }
    const std::uint64_t start = R::get_start(c) < R::get_start(n) ? R::get_start(c) : R::get_start(n);
    const std::uint64_t end = R::get_end(c) > R::get_end(n) ? R::get_end(c) : R::get_end(n);
    R::set_range(n, start, end);
  }
}

/// The kernel's release_child_resources: detaches every descendant of `r`,
/// each keeping its size and flags but renumbered to start at 0.
/// Iterative (the kernel recurses), children before parents.
/// @requires `r` is not null.
/// @effects every descendant of `r` is unlinked (and childless) with range
/// [0, its size - 1]; `r` is left childless.
/// @throws_ Nothing.
/// @complexity O(size of `r`'s subtree): each is its parent's first child
/// when it is unlinked.
template <resizable_resource_traits R>
KIN_HARDENING_ABI constexpr void release_child_resources(value_ptr<R> r) noexcept {
  for (auto& d : postorder_safe<R>(r)) {
    if (&d != r) {
      unlink<R>(&d);
      R::set_range(&d, 0, R::get_end(&d) - R::get_start(&d));
    }
  }
}

/// The kernel's adjust_resource: moves or resizes `n` in place to
/// [new_start, new_start + new_size - 1], when that range is not inverted
/// (size 0, or an end past 2^64: the kernel would accept it), lies inside the parent (not checked for a root), ends before the next
/// sibling begins, begins after the previous sibling ends and still
/// contains every child of `n`.
/// @requires `n` is not null; the tree keeps the kernel's rules (the
/// children are checked through the first and the last, where the kernel
/// looks at each).
/// @effects sets the new range, or changes nothing; `n`'s position in the
/// list never changes.
/// @returns 0, or -16 (-EBUSY).
/// @throws_ Nothing.
/// @complexity O(1) on bidirectional layouts; on singly, O(siblings before
/// `n` + children of `n`) (the previous sibling, the last child).
template <resizable_resource_traits R>
KIN_HARDENING_ABI constexpr int adjust_resource(value_ptr<R> n, std::uint64_t new_start, std::uint64_t new_size) noexcept {
  const std::uint64_t new_end = new_start + new_size - 1;
  if (new_end < new_start) {
    return resource_ebusy; // size 0, or past 2^64: the kernel would invert the node
  }
  if (const value_ptr<R> p = parent<R>(n)) {
    if (new_start < R::get_start(p) || new_end > R::get_end(p)) {
      return resource_ebusy;
    }
    if (const value_ptr<R> next = next_sibling<R>(n); next && new_end >= R::get_start(next)) {
      return resource_ebusy;
    }
    if (const value_ptr<R> prev = prev_sibling<R>(n); prev && new_start <= R::get_end(prev)) {
      return resource_ebusy;
    }
  }
  // Sorted, disjoint children: the first and the last bound them all.
  if (const value_ptr<R> first = first_child<R>(n)) {
    if (R::get_start(first) < new_start || R::get_end(last_child<R>(n)) > new_end) {
      return resource_ebusy;
    }
  }
  R::set_range(n, new_start, new_end);
  return 0;
}

} // namespace kin

#endif // KIN_ADAPTERS_RESOURCE_OPS_HPP
