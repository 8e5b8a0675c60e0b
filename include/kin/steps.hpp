/// @file
/// @brief Successor and predecessor steps of the tree orders, bounded to a
/// subtree: the building blocks of every walker.
///
/// A step takes the current node and the *bound* (the root of the walk) and
/// returns the next node, or null when the walk leaves the bound's subtree.
/// The kernel's `next_resource(p, skip_children)` is preorder_next /
/// preorder_next_skip_children bounded to the whole tree; ACPICA's
/// `acpi_ps_get_depth_next` is preorder_next bounded to a parse op.
///
/// ```cpp
/// for (auto n = root; n; n = kin::preorder_next<T>(n, root)) visit(n);
/// ```
///
/// No step allocates or recurses; each is `constexpr` where the traits are.
/// Predecessor steps need kin::bidirectional_tree_traits.
#ifndef KIN_STEPS_HPP
#define KIN_STEPS_HPP

#include <kin/traits.hpp>

#include <cstddef>

namespace kin {

namespace detail {

// Depth bookkeeping for steps: walkers that report depth pass a counter,
// the public steps pass this no-op one.
struct no_depth {
  constexpr void operator+=(std::ptrdiff_t) noexcept {}
  constexpr void operator-=(std::ptrdiff_t) noexcept {}
};

template <forward_tree_traits T, class Depth>
constexpr typename T::node_ptr leftmost_leaf(typename T::node_ptr n, Depth& depth) noexcept {
  while (typename T::node_ptr c = T::get_first_child(n)) {
    n = c;
    depth += 1;
  }
  return n;
}

template <bidirectional_tree_traits T, class Depth>
constexpr typename T::node_ptr rightmost_leaf(typename T::node_ptr n, Depth& depth) noexcept {
  while (typename T::node_ptr c = last_in<T>(n)) {
    n = c;
    depth += 1;
  }
  return n;
}

// Climbs from n (n != bound, or returns null) to the first node, n included,
// that has a next sibling, and returns that sibling.
template <forward_tree_traits T, class Depth>
constexpr typename T::node_ptr climb_to_next(typename T::node_ptr n, typename T::const_node_ptr bound,
                                             Depth& depth) noexcept {
  while (n != bound) {
    typename T::node_ptr p = T::get_parent(n);
    if (typename T::node_ptr s = next_in<T>(n, p)) {
      return s;
    }
    n = p;
    depth -= 1;
  }
  return nullptr;
}

// Mirror image of climb_to_next: the first previous sibling on the way up.
template <bidirectional_tree_traits T, class Depth>
constexpr typename T::node_ptr climb_to_prev(typename T::node_ptr n, typename T::const_node_ptr bound,
                                             Depth& depth) noexcept {
  while (n != bound) {
    typename T::node_ptr p = T::get_parent(n);
    if (typename T::node_ptr s = prev_in<T>(n, p)) {
      return s;
    }
    n = p;
    depth -= 1;
  }
  return nullptr;
}

template <forward_tree_traits T, class Depth>
constexpr typename T::node_ptr preorder_next(typename T::node_ptr n, typename T::const_node_ptr bound,
                                             Depth& depth) noexcept {
  if (typename T::node_ptr c = T::get_first_child(n)) {
    depth += 1;
    return c;
  }
  return climb_to_next<T>(n, bound, depth);
}

template <bidirectional_tree_traits T, class Depth>
constexpr typename T::node_ptr preorder_prev(typename T::node_ptr n, typename T::const_node_ptr bound,
                                             Depth& depth) noexcept {
  if (n == bound) {
    return nullptr;
  }
  typename T::node_ptr p = T::get_parent(n);
  if (typename T::node_ptr s = prev_in<T>(n, p)) {
    return rightmost_leaf<T>(s, depth);
  }
  depth -= 1;
  return p;
}

template <forward_tree_traits T, class Depth>
constexpr typename T::node_ptr postorder_next(typename T::node_ptr n, typename T::const_node_ptr bound,
                                              Depth& depth) noexcept {
  if (n == bound) {
    return nullptr;
  }
  typename T::node_ptr p = T::get_parent(n);
  if (typename T::node_ptr s = next_in<T>(n, p)) {
    return leftmost_leaf<T>(s, depth);
  }
  depth -= 1;
  return p;
}

template <bidirectional_tree_traits T, class Depth>
constexpr typename T::node_ptr postorder_prev(typename T::node_ptr n, typename T::const_node_ptr bound,
                                              Depth& depth) noexcept {
  if (typename T::node_ptr c = last_in<T>(n)) {
    depth += 1;
    return c;
  }
  return climb_to_prev<T>(n, bound, depth);
}

} // namespace detail

/// The first node of `n`'s subtree in post-order (and the first leaf): the
/// leaf reached by following first children from `n`.
/// @complexity O(height of `n`'s subtree)
template <forward_tree_traits T>
constexpr typename T::node_ptr leftmost_leaf(typename T::node_ptr n) noexcept {
  detail::no_depth d;
  return detail::leftmost_leaf<T>(n, d);
}

/// The last node of `n`'s subtree in pre-order (and the last leaf): the leaf
/// reached by following last children from `n`. Only on bidirectional layouts.
/// @complexity O(height of `n`'s subtree)
template <bidirectional_tree_traits T>
constexpr typename T::node_ptr rightmost_leaf(typename T::node_ptr n) noexcept {
  detail::no_depth d;
  return detail::rightmost_leaf<T>(n, d);
}

/// The pre-order successor of `n` within `bound`'s subtree (parent before
/// children, children first to last), or null after the last node.
/// @pre `n` is `bound` or a descendant of it.
/// @complexity O(1) to descend; O(levels climbed) otherwise; a whole walk is
/// O(size of the subtree).
template <forward_tree_traits T>
constexpr typename T::node_ptr preorder_next(typename T::node_ptr n, typename T::const_node_ptr bound) noexcept {
  detail::no_depth d;
  return detail::preorder_next<T>(n, bound, d);
}

/// The pre-order successor of `n` within `bound` that is not a descendant of
/// `n` (the kernel's `next_resource(n, true)`), or null.
/// @pre `n` is `bound` or a descendant of it.
/// @complexity O(levels climbed)
template <forward_tree_traits T>
constexpr typename T::node_ptr preorder_next_skip_children(typename T::node_ptr n,
                                                           typename T::const_node_ptr bound) noexcept {
  detail::no_depth d;
  return detail::climb_to_next<T>(n, bound, d);
}

/// The pre-order predecessor of `n` within `bound`, or null for `bound`.
/// Only on bidirectional layouts.
/// @pre `n` is `bound` or a descendant of it.
/// @complexity O(levels descended)
template <bidirectional_tree_traits T>
constexpr typename T::node_ptr preorder_prev(typename T::node_ptr n, typename T::const_node_ptr bound) noexcept {
  detail::no_depth d;
  return detail::preorder_prev<T>(n, bound, d);
}

/// The post-order successor of `n` within `bound` (children before parent),
/// or null after `bound`.
/// @pre `n` is `bound` or a descendant of it.
/// @complexity O(levels descended); a whole walk is O(size of the subtree).
template <forward_tree_traits T>
constexpr typename T::node_ptr postorder_next(typename T::node_ptr n, typename T::const_node_ptr bound) noexcept {
  detail::no_depth d;
  return detail::postorder_next<T>(n, bound, d);
}

/// The post-order predecessor of `n` within `bound`, or null before the first
/// node. This is also the successor in *mirrored pre-order* (parent before
/// children, children last to first). Only on bidirectional layouts.
/// @pre `n` is `bound` or a descendant of it.
/// @complexity O(1) to descend; O(levels climbed) otherwise.
template <bidirectional_tree_traits T>
constexpr typename T::node_ptr postorder_prev(typename T::node_ptr n, typename T::const_node_ptr bound) noexcept {
  detail::no_depth d;
  return detail::postorder_prev<T>(n, bound, d);
}

/// The mirrored pre-order successor of `n` within `bound` that is not a
/// descendant of `n`, or null. Only on bidirectional layouts.
/// @complexity O(levels climbed)
template <bidirectional_tree_traits T>
constexpr typename T::node_ptr postorder_prev_skip_children(typename T::node_ptr n,
                                                            typename T::const_node_ptr bound) noexcept {
  detail::no_depth d;
  return detail::climb_to_prev<T>(n, bound, d);
}

} // namespace kin

#endif // KIN_STEPS_HPP
