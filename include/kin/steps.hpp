// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief Successor and predecessor steps of the tree orders, bounded to a
/// subtree: the building blocks of every walker.
///
/// A step takes the current value and the *bound* (the root of the walk) and
/// returns the next value, or null when the walk leaves the bound's subtree.
/// The kernel's `next_resource(p, skip_children)` is preorder_next /
/// preorder_next_skip_children bounded to the whole tree; ACPICA's
/// `acpi_ps_get_depth_next` is preorder_next bounded to a parse op.
///
/// ```cpp
/// for (auto* n = root; n; n = kin::preorder_next<VT>(n, root)) visit(*n);
/// ```
///
/// No step allocates or recurses; each is `constexpr` where the value traits
/// are. Predecessor steps need kin::bidirectional_tree_traits. The steps
/// assume a well-formed tree (kin::verify checks one).
#ifndef KIN_STEPS_HPP
#define KIN_STEPS_HPP

#include <kin/config.hpp>
#include <kin/detail/siblings.hpp>
#include <kin/traits.hpp>
#include <kin/value_traits.hpp>

#include <cstddef>

namespace kin {

namespace detail {

// How a walk moves between siblings and down to children. `native_links`
// follows the layout's own links (its walker steps where it has them);
// `rescan_links` has the same forward moves but finds the last child and
// the previous sibling by scanning, so that every backward step below works
// on a singly linked layout too (the *rescan* strategy). `next_uses_parent`
// and `prev_uses_parent` tell the steps whether loading the parent first is
// worth it: it is a wasted load on layouts whose sibling links do not need it.
template <forward_tree_traits T>
struct native_links {
  using traits = T;
  using node_ptr = typename T::node_ptr;
  using const_node_ptr = typename T::const_node_ptr;
  static constexpr bool backward = bidirectional_tree_traits<T>;
  static constexpr bool next_uses_parent = has_step_next_sibling<T>;
  static constexpr bool prev_uses_parent = has_step_prev_sibling<T>;

  KIN_HARDENING_ABI static constexpr node_ptr parent(const_node_ptr n) noexcept { return T::get_parent(n); }
  KIN_HARDENING_ABI static constexpr node_ptr first_child(const_node_ptr n) noexcept { return T::get_first_child(n); }
  KIN_HARDENING_ABI static constexpr node_ptr next_sibling(const_node_ptr n, const_node_ptr p) noexcept {
    return next_sibling_of<T>(n, p);
  }
  KIN_HARDENING_ABI static constexpr node_ptr last_child(const_node_ptr n) noexcept
    requires backward
  {
    if constexpr (has_step_last_child<T>) {
      return T::step_last_child(n);
    } else {
      return T::get_last_child(n);
    }
  }
  KIN_HARDENING_ABI static constexpr node_ptr prev_sibling(const_node_ptr n, [[maybe_unused]] const_node_ptr p) noexcept
    requires backward
  {
    if constexpr (has_step_prev_sibling<T>) {
      return T::step_prev_sibling(n, p);
    } else {
      return T::get_prev_sibling(n);
    }
  }
};

template <forward_tree_traits T>
struct rescan_links : native_links<T> {
  using typename native_links<T>::node_ptr;
  using typename native_links<T>::const_node_ptr;
  static constexpr bool backward = true;
  static constexpr bool prev_uses_parent = true;
  KIN_HARDENING_ABI static constexpr node_ptr last_child(const_node_ptr n) noexcept { return scan_last_child<T>(n); }
  KIN_HARDENING_ABI static constexpr node_ptr prev_sibling(const_node_ptr n, const_node_ptr p) noexcept {
    return scan_prev_sibling<T>(n, p);
  }
};

// Depth bookkeeping: walks that report depth pass a std::ptrdiff_t, the
// others this no-op.
struct no_depth {
  KIN_HARDENING_ABI constexpr void operator+=(std::ptrdiff_t) noexcept {}
  KIN_HARDENING_ABI constexpr void operator-=(std::ptrdiff_t) noexcept {}
};

// The steps proper, over links `L`. Each takes the walk's bound; none goes
// above it. Where `n != bound` the parent exists (n is inside the bound's
// subtree): the KIN_ASSUMEs say so, which lets the compiler drop a null test
// that the hand-written loop would not make.

template <class L, class Depth>
KIN_HARDENING_ABI constexpr typename L::node_ptr leftmost_leaf(typename L::node_ptr n, Depth& depth) noexcept {
  for (;;) {
    typename L::node_ptr c = L::first_child(n);
    if (!c) {
      return n;
    }
    n = c;
    depth += 1;
  }
}

template <class L, class Depth>
KIN_HARDENING_ABI constexpr typename L::node_ptr rightmost_leaf(typename L::node_ptr n, Depth& depth) noexcept {
  for (;;) {
    typename L::node_ptr c = L::last_child(n);
    if (!c) {
      return n;
    }
    n = c;
    depth += 1;
  }
}

// The next sibling of `n` (a node below the bound), or null with `parent`
// set to n's parent. The parent is loaded before the sibling is tested only
// where the layout's step needs it (list_head), since it costs a load per
// node elsewhere; either way it is not null, since n is below the bound.
template <class L>
KIN_HARDENING_ABI constexpr typename L::node_ptr next_or_parent(typename L::node_ptr n, typename L::node_ptr& parent) noexcept {
  if constexpr (L::next_uses_parent) {
    parent = L::parent(n);
    KIN_ASSUME(parent != nullptr);
    return L::next_sibling(n, parent);
  } else {
    if (typename L::node_ptr s = L::next_sibling(n, nullptr)) {
      return s;
    }
    parent = L::parent(n);
    KIN_ASSUME(parent != nullptr);
    return nullptr;
  }
}

// The same for the previous sibling.
template <class L>
KIN_HARDENING_ABI constexpr typename L::node_ptr prev_or_parent(typename L::node_ptr n, typename L::node_ptr& parent) noexcept {
  if constexpr (L::prev_uses_parent) {
    parent = L::parent(n);
    KIN_ASSUME(parent != nullptr);
    return L::prev_sibling(n, parent);
  } else {
    if (typename L::node_ptr s = L::prev_sibling(n, nullptr)) {
      return s;
    }
    parent = L::parent(n);
    KIN_ASSUME(parent != nullptr);
    return nullptr;
  }
}

// From n (or null when n is the bound), climbs to the first node, n
// included, that has a next sibling, and returns that sibling.
template <class L, class Depth>
KIN_HARDENING_ABI constexpr typename L::node_ptr climb_to_next(typename L::node_ptr n, typename L::const_node_ptr bound,
                                             Depth& depth) noexcept {
  while (n != bound) {
    typename L::node_ptr p;
    if (typename L::node_ptr s = next_or_parent<L>(n, p)) {
      return s;
    }
    n = p;
    depth -= 1;
  }
  return nullptr;
}

// climb_to_next for a node strictly below the bound (so the first test is
// not needed): returns the bound itself, not null, when the climb reaches it
// (a descendants walk ends at its bound).
template <class L, class Depth>
KIN_HARDENING_ABI constexpr typename L::node_ptr climb_below(typename L::node_ptr n, typename L::const_node_ptr bound,
                                           Depth& depth) noexcept {
  for (;;) {
    typename L::node_ptr p;
    if (typename L::node_ptr s = next_or_parent<L>(n, p)) {
      KIN_ASSUME(s != bound);
      return s;
    }
    depth -= 1;
    if (p == bound) {
      return p;
    }
    n = p;
  }
}

// Mirror image of climb_to_next: the first previous sibling on the way up.
template <class L, class Depth>
KIN_HARDENING_ABI constexpr typename L::node_ptr climb_to_prev(typename L::node_ptr n, typename L::const_node_ptr bound,
                                             Depth& depth) noexcept {
  while (n != bound) {
    typename L::node_ptr p;
    if (typename L::node_ptr s = prev_or_parent<L>(n, p)) {
      return s;
    }
    n = p;
    depth -= 1;
  }
  return nullptr;
}

template <class L, class Depth>
KIN_HARDENING_ABI constexpr typename L::node_ptr preorder_next(typename L::node_ptr n, typename L::const_node_ptr bound,
                                             Depth& depth) noexcept {
  if (typename L::node_ptr c = L::first_child(n)) {
    depth += 1;
    return c;
  }
  return climb_to_next<L>(n, bound, depth);
}

template <class L, class Depth>
KIN_HARDENING_ABI constexpr typename L::node_ptr preorder_prev(typename L::node_ptr n, typename L::const_node_ptr bound,
                                             Depth& depth) noexcept {
  if (n == bound) {
    return nullptr;
  }
  typename L::node_ptr p = L::parent(n);
  KIN_ASSUME(p != nullptr);
  if (typename L::node_ptr s = L::prev_sibling(n, p)) {
    return rightmost_leaf<L>(s, depth);
  }
  depth -= 1;
  return p;
}

template <class L, class Depth>
KIN_HARDENING_ABI constexpr typename L::node_ptr postorder_next(typename L::node_ptr n, typename L::const_node_ptr bound,
                                              Depth& depth) noexcept {
  if (n == bound) {
    return nullptr;
  }
  typename L::node_ptr p;
  if (typename L::node_ptr s = next_or_parent<L>(n, p)) {
    return leftmost_leaf<L>(s, depth);
  }
  depth -= 1;
  return p;
}

template <class L, class Depth>
KIN_HARDENING_ABI constexpr typename L::node_ptr postorder_prev(typename L::node_ptr n, typename L::const_node_ptr bound,
                                              Depth& depth) noexcept {
  if (typename L::node_ptr c = L::last_child(n)) {
    depth += 1;
    return c;
  }
  return climb_to_prev<L>(n, bound, depth);
}

// A public step: converts to nodes, steps with the native links, converts back.
template <class VT, class P, class Step>
KIN_HARDENING_ABI constexpr like_ptr<VT, P> value_step(P n, const_value_ptr<VT> bound, Step step) noexcept {
  using V = value_traits_of<VT>;
  no_depth d;
  return value_or_null<V>(step(node_of<V>(n), node_of<V>(bound), d));
}

} // namespace detail

/// The first value of `n`'s subtree in post-order (and its first leaf): the
/// leaf reached by following first children from `n`.
/// @complexity O(height of `n`'s subtree)
template <value_traits VT, detail::value_pointer<VT> P>
KIN_HARDENING_ABI constexpr detail::like_ptr<VT, P> leftmost_leaf(P n) noexcept {
  using V = value_traits_of<VT>;
  detail::no_depth d;
  return V::to_value_ptr(detail::leftmost_leaf<detail::native_links<typename V::node_traits>>(detail::node_of<V>(n), d));
}

/// The last value of `n`'s subtree in pre-order (and its last leaf): the
/// leaf reached by following last children from `n`. Only on bidirectional
/// layouts.
/// @complexity O(height of `n`'s subtree)
template <value_traits VT, detail::value_pointer<VT> P>
  requires bidirectional_tree_traits<node_traits_of<VT>>
KIN_HARDENING_ABI constexpr detail::like_ptr<VT, P> rightmost_leaf(P n) noexcept {
  using V = value_traits_of<VT>;
  detail::no_depth d;
  return V::to_value_ptr(detail::rightmost_leaf<detail::native_links<typename V::node_traits>>(detail::node_of<V>(n), d));
}

/// The pre-order successor of `n` within `bound`'s subtree (parent before
/// children, children first to last), or null after the last one.
/// @pre `n` is `bound` or a descendant of it.
/// @complexity O(1) to descend; O(levels climbed) otherwise; a whole walk is
/// O(size of the subtree).
template <value_traits VT, detail::value_pointer<VT> P>
KIN_HARDENING_ABI constexpr detail::like_ptr<VT, P> preorder_next(P n, const_value_ptr<VT> bound) noexcept {
  using L = detail::native_links<node_traits_of<VT>>;
  return detail::value_step<VT, P>(n, bound, [](auto x, auto b, auto& d) { return detail::preorder_next<L>(x, b, d); });
}

/// The pre-order successor of `n` within `bound` that is not a descendant of
/// `n` (the kernel's `next_resource(n, true)`), or null.
/// @pre `n` is `bound` or a descendant of it.
/// @complexity O(levels climbed)
template <value_traits VT, detail::value_pointer<VT> P>
KIN_HARDENING_ABI constexpr detail::like_ptr<VT, P> preorder_next_skip_children(P n, const_value_ptr<VT> bound) noexcept {
  using L = detail::native_links<node_traits_of<VT>>;
  return detail::value_step<VT, P>(n, bound, [](auto x, auto b, auto& d) { return detail::climb_to_next<L>(x, b, d); });
}

/// The pre-order predecessor of `n` within `bound`, or null for `bound`.
/// Only on bidirectional layouts.
/// @pre `n` is `bound` or a descendant of it.
/// @complexity O(levels descended)
template <value_traits VT, detail::value_pointer<VT> P>
  requires bidirectional_tree_traits<node_traits_of<VT>>
KIN_HARDENING_ABI constexpr detail::like_ptr<VT, P> preorder_prev(P n, const_value_ptr<VT> bound) noexcept {
  using L = detail::native_links<node_traits_of<VT>>;
  return detail::value_step<VT, P>(n, bound, [](auto x, auto b, auto& d) { return detail::preorder_prev<L>(x, b, d); });
}

/// The post-order successor of `n` within `bound` (children before parent),
/// or null after `bound`.
/// @pre `n` is `bound` or a descendant of it.
/// @complexity O(levels descended); a whole walk is O(size of the subtree).
template <value_traits VT, detail::value_pointer<VT> P>
KIN_HARDENING_ABI constexpr detail::like_ptr<VT, P> postorder_next(P n, const_value_ptr<VT> bound) noexcept {
  using L = detail::native_links<node_traits_of<VT>>;
  return detail::value_step<VT, P>(n, bound, [](auto x, auto b, auto& d) { return detail::postorder_next<L>(x, b, d); });
}

/// The post-order predecessor of `n` within `bound`, or null before the
/// first value. This is also the successor in *mirrored pre-order* (parent
/// before children, children last to first), the order of
/// kin::postorder_reverse. Only on bidirectional layouts.
/// @pre `n` is `bound` or a descendant of it.
/// @complexity O(1) to descend; O(levels climbed) otherwise.
template <value_traits VT, detail::value_pointer<VT> P>
  requires bidirectional_tree_traits<node_traits_of<VT>>
KIN_HARDENING_ABI constexpr detail::like_ptr<VT, P> postorder_prev(P n, const_value_ptr<VT> bound) noexcept {
  using L = detail::native_links<node_traits_of<VT>>;
  return detail::value_step<VT, P>(n, bound, [](auto x, auto b, auto& d) { return detail::postorder_prev<L>(x, b, d); });
}

/// The mirrored pre-order successor of `n` within `bound` that is not a
/// descendant of `n`, or null. Only on bidirectional layouts.
/// @pre `n` is `bound` or a descendant of it.
/// @complexity O(levels climbed)
template <value_traits VT, detail::value_pointer<VT> P>
  requires bidirectional_tree_traits<node_traits_of<VT>>
KIN_HARDENING_ABI constexpr detail::like_ptr<VT, P> postorder_prev_skip_children(P n, const_value_ptr<VT> bound) noexcept {
  using L = detail::native_links<node_traits_of<VT>>;
  return detail::value_step<VT, P>(n, bound, [](auto x, auto b, auto& d) { return detail::climb_to_prev<L>(x, b, d); });
}

} // namespace kin

#endif // KIN_STEPS_HPP
