// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief Link surgery on any mutable layout, through value traits.
///
/// ```cpp
/// using VT = kin::base_hook<region, kin::list_hook<>>;
/// kin::link_last_child<VT>(&root, &a);     // root: a
/// kin::link_last_child<VT>(&root, &b);     // root: a b
/// kin::adopt_siblings<VT>(&bus, &a, &b);   // root: bus(a b)   (insert_resource)
/// kin::hoist_children<VT>(&bus);           // root: a b        (remove_resource)
/// ```
///
/// Every function is `noexcept`, allocates nothing and never recurses (a
/// 100 000-deep chain is fine). Every link kin detaches is cleared: an
/// unlinked value never keeps pointers into its old tree. Misuse (linking a
/// linked value, unlinking an unlinked one, moving a value under its own
/// descendant, a corrupted neighbour) is caught by the hardening checks
/// (kin/config.hpp, docs/safe-mode.md): the `fast` mode, the default, checks
/// in O(1) before any link is written; `extensive` adds the O(depth) and
/// O(siblings) checks.
///
/// Iterators: an operation invalidates iterators standing on the values it
/// moves or unlinks (their bound may no longer be an ancestor); iterators on
/// other values stay valid on every layout.
#ifndef KIN_ALGORITHMS_HPP
#define KIN_ALGORITHMS_HPP

#include <kin/config.hpp>
#include <kin/detail/siblings.hpp>
#include <kin/traits.hpp>
#include <kin/value_traits.hpp>

namespace kin {

namespace detail {

template <forward_tree_traits T>
KIN_HARDENING_ABI constexpr bool linked_or_unknown(typename T::const_node_ptr n) noexcept {
  if constexpr (has_is_linked<T>) {
    return T::is_linked(n);
  } else {
    (void)n;
    return true;
  }
}

template <forward_tree_traits T>
KIN_HARDENING_ABI constexpr bool unlinked_or_unknown(typename T::const_node_ptr n) noexcept {
  if constexpr (has_is_linked<T>) {
    return !T::is_linked(n);
  } else {
    (void)n;
    return true;
  }
}

// Whether linking `n` under `p` would close a cycle: `p` is `n` or inside
// `n`'s subtree. A childless `n` has no subtree, so the usual case (a fresh
// node) costs O(1); otherwise O(depth of p).
template <forward_tree_traits T>
KIN_HARDENING_ABI constexpr bool would_cycle(typename T::const_node_ptr p, typename T::const_node_ptr n) noexcept {
  if (p == n) {
    return true;
  }
  if (!T::get_first_child(n)) {
    return false;
  }
  for (typename T::const_node_ptr a = T::get_parent(p); a; a = T::get_parent(a)) {
    if (a == n) {
      return true;
    }
  }
  return false;
}

// Whether `a` is a proper ancestor of `n`.
template <forward_tree_traits T>
KIN_HARDENING_ABI constexpr bool node_is_ancestor(typename T::const_node_ptr a, typename T::const_node_ptr n) noexcept {
  for (typename T::const_node_ptr p = T::get_parent(n); p; p = T::get_parent(p)) {
    if (p == a) {
      return true;
    }
  }
  return false;
}

// Whether `last` is `first` or one of its next siblings.
template <forward_tree_traits T>
KIN_HARDENING_ABI constexpr bool is_run(typename T::const_node_ptr first, typename T::const_node_ptr last) noexcept {
  for (typename T::const_node_ptr n = first; n; n = T::get_next_sibling(n)) {
    if (n == last) {
      return true;
    }
  }
  return false;
}

// Whether linked `n`'s neighbours point back at it (the kernel's
// CONFIG_DEBUG_LIST checks), O(1). Ring layouts check the ring element;
// other bidirectional layouts the sibling and first/last-child links; a
// singly linked layout has no backward link to compare.
template <forward_tree_traits T>
KIN_HARDENING_ABI constexpr bool neighbours_point_back(typename T::const_node_ptr n) noexcept {
  if (!T::get_parent(n)) {
    return true; // a root: no neighbours
  }
  if constexpr (has_ring<T>) {
    const auto e = T::sibling_ring(n);
    const auto next = T::ring_next(e), prev = T::ring_prev(e);
    return next && prev && T::ring_prev(next) == e && T::ring_next(prev) == e;
  } else if constexpr (bidirectional_tree_traits<T>) {
    const auto p = T::get_parent(n);
    const auto prev = T::get_prev_sibling(n), next = T::get_next_sibling(n);
    return (prev ? T::get_next_sibling(prev) == n : T::get_first_child(p) == n) &&
           (next ? T::get_prev_sibling(next) == n : T::get_last_child(p) == n);
  } else {
    (void)n;
    return true;
  }
}

// Whether `p`'s child list has consistent ends, O(1): the child ring's
// header on ring layouts; the first child's back link to the last child,
// which must end the list, on other bidirectional layouts (compact).
template <forward_tree_traits T>
KIN_HARDENING_ABI constexpr bool child_ends_consistent(typename T::const_node_ptr p) noexcept {
  if constexpr (has_ring<T>) {
    const auto h = T::child_ring(p);
    const auto next = T::ring_next(h), prev = T::ring_prev(h);
    return next && prev && T::ring_prev(next) == h && T::ring_next(prev) == h;
  } else if constexpr (bidirectional_tree_traits<T>) {
    if (!T::get_first_child(p)) {
      return true;
    }
    const auto last = T::get_last_child(p);
    return last && T::get_parent(last) == p && !T::get_next_sibling(last);
  } else {
    (void)p;
    return true;
  }
}

// The rules the checks enforce, as the assertion handler reports them.
inline constexpr const char* rule_link_unlinked = "a node being linked must not be linked already";
inline constexpr const char* rule_unlink_linked = "a node being unlinked must be linked (have a parent)";
inline constexpr const char* rule_not_self = "a node cannot be linked under, beside or in place of itself";
inline constexpr const char* rule_no_cycle = "a node cannot move into its own subtree";
inline constexpr const char* rule_pos_linked = "the position to link beside must have a parent";
inline constexpr const char* rule_neighbours = "the neighbours' links must point back at the node (corrupted list)";
inline constexpr const char* rule_child_ends =
    "the parent's first and last child links must agree (corrupted list)";
inline constexpr const char* rule_fresh = "the new node must be unlinked and childless";
inline constexpr const char* rule_run_parent = "a run's first and last node must share a parent";
inline constexpr const char* rule_run = "a run's last node must be its first node or one of its next siblings";

template <forward_tree_traits T>
KIN_HARDENING_ABI constexpr typename T::node_ptr last_child_node(typename T::const_node_ptr n) noexcept {
  if constexpr (bidirectional_tree_traits<T>) {
    return T::get_last_child(n);
  } else {
    return scan_last_child<T>(n);
  }
}

template <mutable_tree_traits T>
KIN_HARDENING_ABI constexpr void append_child(typename T::node_ptr p, typename T::node_ptr n) noexcept {
  if (typename T::node_ptr last = last_child_node<T>(p)) {
    T::link_after(last, n);
  } else {
    T::link_first(p, n);
  }
}

template <mutable_tree_traits T>
KIN_HARDENING_ABI constexpr void splice_nodes(typename T::node_ptr to, typename T::node_ptr from) noexcept {
  if (typename T::node_ptr first = T::get_first_child(from)) {
    T::transfer(to, nullptr, first, last_child_node<T>(from));
  }
}

} // namespace detail

/// Value traits whose layout can be changed: kin::mutable_tree_traits
/// underneath.
template <class VT>
concept mutable_value_traits = value_traits<VT> && mutable_tree_traits<node_traits_of<VT>>;

/// Makes `n` the first child of `p`.
/// @pre `n` is unlinked; `n` is neither `p` nor an ancestor of `p`.
/// @post `kin::first_child<VT>(p) == n`, `kin::parent<VT>(n) == p`.
/// @complexity O(1)
template <mutable_value_traits VT>
KIN_HARDENING_ABI constexpr void link_first_child(value_ptr<VT> p, value_ptr<VT> n) noexcept {
  using V = value_traits_of<VT>;
  using T = typename V::node_traits;
  const auto pn = V::to_node_ptr(p), nn = V::to_node_ptr(n);
  KIN_CHECK(detail::unlinked_or_unknown<T>(nn), detail::rule_link_unlinked);
  KIN_CHECK(pn != nn, detail::rule_not_self);
  KIN_CHECK(detail::child_ends_consistent<T>(pn), detail::rule_child_ends);
  KIN_CHECK_EXTENSIVE(!detail::would_cycle<T>(pn, nn), detail::rule_no_cycle);
  T::link_first(pn, nn);
}

/// Makes `n` the last child of `p`.
/// @pre `n` is unlinked; `n` is neither `p` nor an ancestor of `p`.
/// @post `kin::last_child<VT>(p) == n`, `kin::parent<VT>(n) == p`.
/// @complexity O(1) on bidirectional layouts, O(children of `p`) otherwise.
template <mutable_value_traits VT>
KIN_HARDENING_ABI constexpr void link_last_child(value_ptr<VT> p, value_ptr<VT> n) noexcept {
  using V = value_traits_of<VT>;
  using T = typename V::node_traits;
  const auto pn = V::to_node_ptr(p), nn = V::to_node_ptr(n);
  KIN_CHECK(detail::unlinked_or_unknown<T>(nn), detail::rule_link_unlinked);
  KIN_CHECK(pn != nn, detail::rule_not_self);
  KIN_CHECK(detail::child_ends_consistent<T>(pn), detail::rule_child_ends);
  KIN_CHECK_EXTENSIVE(!detail::would_cycle<T>(pn, nn), detail::rule_no_cycle);
  detail::append_child<T>(pn, nn);
}

/// Makes `n` the next sibling of `pos`.
/// @pre `n` is unlinked; `pos` has a parent, which is not in `n`'s subtree.
/// @complexity O(1)
template <mutable_value_traits VT>
KIN_HARDENING_ABI constexpr void link_after(value_ptr<VT> pos, value_ptr<VT> n) noexcept {
  using V = value_traits_of<VT>;
  using T = typename V::node_traits;
  const auto posn = V::to_node_ptr(pos), nn = V::to_node_ptr(n);
  KIN_CHECK(detail::unlinked_or_unknown<T>(nn), detail::rule_link_unlinked);
  KIN_CHECK(posn != nn, detail::rule_not_self);
  KIN_CHECK(T::get_parent(posn) != nullptr, detail::rule_pos_linked);
  KIN_CHECK(detail::neighbours_point_back<T>(posn), detail::rule_neighbours);
  KIN_CHECK_EXTENSIVE(!detail::would_cycle<T>(T::get_parent(posn), nn), detail::rule_no_cycle);
  T::link_after(posn, nn);
}

/// Makes `n` the previous sibling of `pos`.
/// @pre `n` is unlinked; `pos` has a parent, which is not in `n`'s subtree.
/// @complexity O(1) on bidirectional layouts, O(siblings before `pos`) otherwise.
template <mutable_value_traits VT>
KIN_HARDENING_ABI constexpr void link_before(value_ptr<VT> pos, value_ptr<VT> n) noexcept {
  using V = value_traits_of<VT>;
  using T = typename V::node_traits;
  const auto posn = V::to_node_ptr(pos), nn = V::to_node_ptr(n);
  KIN_CHECK(detail::unlinked_or_unknown<T>(nn), detail::rule_link_unlinked);
  KIN_CHECK(posn != nn, detail::rule_not_self);
  KIN_CHECK(T::get_parent(posn) != nullptr, detail::rule_pos_linked);
  KIN_CHECK(detail::neighbours_point_back<T>(posn), detail::rule_neighbours);
  KIN_CHECK_EXTENSIVE(!detail::would_cycle<T>(T::get_parent(posn), nn), detail::rule_no_cycle);
  T::link_before(posn, nn);
}

/// Detaches `n` together with its subtree (the kernel's release_resource).
/// @pre `n` is linked (has a parent).
/// @post `n` has no parent and no siblings; its children are untouched.
/// @complexity O(1) on bidirectional layouts, O(siblings before `n`) otherwise.
template <mutable_value_traits VT>
KIN_HARDENING_ABI constexpr void unlink(value_ptr<VT> n) noexcept {
  using V = value_traits_of<VT>;
  using T = typename V::node_traits;
  const auto nn = V::to_node_ptr(n);
  KIN_CHECK(detail::linked_or_unknown<T>(nn) && T::get_parent(nn) != nullptr, detail::rule_unlink_linked);
  KIN_CHECK(detail::neighbours_point_back<T>(nn), detail::rule_neighbours);
  KIN_CHECK(detail::child_ends_consistent<T>(T::get_parent(nn)), detail::rule_child_ends);
  T::unlink(nn);
}

/// Moves the children of `from` to the end of `to`'s children, in order.
/// @pre `to` is neither `from` nor a descendant of `from`.
/// @post `from` has no children; every moved child has parent `to`.
/// @complexity O(moved children), plus O(children of `to`) on singly linked layouts.
template <mutable_value_traits VT>
KIN_HARDENING_ABI constexpr void splice_children(value_ptr<VT> to, value_ptr<VT> from) noexcept {
  using V = value_traits_of<VT>;
  using T = typename V::node_traits;
  const auto ton = V::to_node_ptr(to), fromn = V::to_node_ptr(from);
  KIN_CHECK(ton != fromn, detail::rule_not_self);
  KIN_CHECK(detail::child_ends_consistent<T>(ton) && detail::child_ends_consistent<T>(fromn),
            detail::rule_child_ends);
  KIN_CHECK_EXTENSIVE(!detail::node_is_ancestor<T>(fromn, ton), detail::rule_no_cycle);
  detail::splice_nodes<T>(ton, fromn);
}

/// Puts `new_value` in `old_value`'s place and gives it `old_value`'s
/// children. `old_value` may be a root (then only the children move).
/// @pre `new_value` is unlinked and childless, and not in `old_value`'s subtree.
/// @post `old_value` is unlinked and childless; `new_value` has its position
/// and its children, in order.
/// @complexity O(children of `old_value`), plus O(siblings) on singly linked layouts.
template <mutable_value_traits VT>
KIN_HARDENING_ABI constexpr void replace(value_ptr<VT> old_value, value_ptr<VT> new_value) noexcept {
  using V = value_traits_of<VT>;
  using T = typename V::node_traits;
  const auto old_node = V::to_node_ptr(old_value), new_node = V::to_node_ptr(new_value);
  KIN_CHECK(old_node != new_node, detail::rule_not_self);
  KIN_CHECK(detail::unlinked_or_unknown<T>(new_node) && !T::get_first_child(new_node), detail::rule_fresh);
  KIN_CHECK(detail::neighbours_point_back<T>(old_node), detail::rule_neighbours);
  KIN_CHECK(detail::child_ends_consistent<T>(old_node), detail::rule_child_ends);
  detail::splice_nodes<T>(new_node, old_node);
  if (T::get_parent(old_node)) {
    T::link_after(old_node, new_node);
    T::unlink(old_node);
  }
}

/// Moves `n` with its subtree to the end of `new_parent`'s children. `n` may
/// be linked elsewhere or be a root.
/// @pre `new_parent` is neither `n` (checked in the `fast` mode) nor a
/// descendant of `n` (checked in `extensive`; see try_reparent for a
/// variant that refuses instead).
/// @complexity O(1) on bidirectional layouts, O(siblings) on singly linked
/// ones; in the `extensive` mode plus O(depth of `new_parent`) when `n`
/// has children.
template <mutable_value_traits VT>
KIN_HARDENING_ABI constexpr void reparent(value_ptr<VT> n, value_ptr<VT> new_parent) noexcept {
  using V = value_traits_of<VT>;
  using T = typename V::node_traits;
  const auto nn = V::to_node_ptr(n), pn = V::to_node_ptr(new_parent);
  KIN_CHECK(pn != nn, detail::rule_not_self);
  KIN_CHECK(detail::neighbours_point_back<T>(nn), detail::rule_neighbours);
  KIN_CHECK(detail::child_ends_consistent<T>(pn), detail::rule_child_ends);
  KIN_CHECK_EXTENSIVE(!detail::would_cycle<T>(pn, nn), detail::rule_no_cycle);
  if (T::get_parent(nn)) {
    T::unlink(nn);
  }
  detail::append_child<T>(pn, nn);
}

/// Like reparent, but refuses (returns false, changes nothing) when
/// `new_parent` is `n` or one of its descendants.
/// @complexity O(depth of `new_parent`) when `n` has children, plus
/// reparent's cost.
template <mutable_value_traits VT>
KIN_HARDENING_ABI constexpr bool try_reparent(value_ptr<VT> n, value_ptr<VT> new_parent) noexcept {
  using V = value_traits_of<VT>;
  if (detail::would_cycle<typename V::node_traits>(V::to_node_ptr(new_parent), V::to_node_ptr(n))) {
    return false;
  }
  reparent<VT>(n, new_parent);
  return true;
}

/// `new_value` takes the place of the run of siblings `first`..`last`, and
/// the run becomes its children, in order (the kernel's insert_resource).
/// @pre `new_value` is unlinked and childless; `first`..`last` are
/// consecutive siblings in that order (`first` may equal `last`) with a
/// parent (the shared parent is checked in the `fast` mode, the order in
/// `extensive`, at O(run length)).
/// @complexity O(run length), plus O(siblings) on singly linked layouts.
template <mutable_value_traits VT>
KIN_HARDENING_ABI constexpr void adopt_siblings(value_ptr<VT> new_value, value_ptr<VT> first, value_ptr<VT> last) noexcept {
  using V = value_traits_of<VT>;
  using T = typename V::node_traits;
  const auto nn = V::to_node_ptr(new_value), fn = V::to_node_ptr(first), ln = V::to_node_ptr(last);
  KIN_CHECK(detail::unlinked_or_unknown<T>(nn) && !T::get_first_child(nn), detail::rule_fresh);
  KIN_CHECK(nn != fn && nn != ln, detail::rule_not_self);
  KIN_CHECK(T::get_parent(fn) != nullptr, detail::rule_pos_linked);
  KIN_CHECK(T::get_parent(fn) == T::get_parent(ln), detail::rule_run_parent);
  KIN_CHECK(detail::neighbours_point_back<T>(fn) && detail::neighbours_point_back<T>(ln), detail::rule_neighbours);
  KIN_CHECK_EXTENSIVE(detail::is_run<T>(fn, ln), detail::rule_run);
  T::link_before(fn, nn);
  T::transfer(nn, nullptr, fn, ln);
}

/// `n`'s children take `n`'s place, in order, and `n` is unlinked (the
/// kernel's remove_resource; the inverse of adopt_siblings).
/// @pre `n` is linked.
/// @post `n` is unlinked and childless.
/// @complexity O(children of `n`), plus O(siblings) on singly linked layouts.
template <mutable_value_traits VT>
KIN_HARDENING_ABI constexpr void hoist_children(value_ptr<VT> n) noexcept {
  using V = value_traits_of<VT>;
  using T = typename V::node_traits;
  const auto nn = V::to_node_ptr(n);
  KIN_CHECK(detail::linked_or_unknown<T>(nn) && T::get_parent(nn) != nullptr, detail::rule_unlink_linked);
  KIN_CHECK(detail::neighbours_point_back<T>(nn), detail::rule_neighbours);
  KIN_CHECK(detail::child_ends_consistent<T>(nn), detail::rule_child_ends);
  if (typename T::node_ptr first = T::get_first_child(nn)) {
    T::transfer(T::get_parent(nn), nn, first, detail::last_child_node<T>(nn));
  }
  T::unlink(nn);
}

} // namespace kin

#endif // KIN_ALGORITHMS_HPP
