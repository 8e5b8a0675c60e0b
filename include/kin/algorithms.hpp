/// @file
/// @brief Queries and link surgery on any tree, through its traits.
///
/// ```cpp
/// using T = kin::list_traits;
/// kin::link_last_child<T>(&root, &a);     // root: a
/// kin::link_last_child<T>(&root, &b);     // root: a b
/// kin::adopt_siblings<T>(&bus, &a, &b);   // root: bus(a b)   (insert_resource)
/// kin::hoist_children<T>(&bus);           // root: a b        (remove_resource)
/// ```
///
/// Every function is `noexcept`, allocates nothing and never recurses (a
/// 100 000-deep chain is fine). Every link kin detaches is cleared: an
/// unlinked node never keeps pointers into its old tree. Misuse (linking a
/// linked node, unlinking an unlinked one, moving a node under its own
/// descendant) is caught with `KIN_ASSERT` in safe mode on layouts whose
/// traits provide `is_linked`.
///
/// Iterators: an operation invalidates iterators standing on the nodes it
/// moves or unlinks (their bound may no longer be an ancestor); iterators on
/// other nodes stay valid on every layout.
#ifndef KIN_ALGORITHMS_HPP
#define KIN_ALGORITHMS_HPP

#include <kin/config.hpp>
#include <kin/traits.hpp>

#include <cstddef>

namespace kin {

namespace detail {

template <forward_tree_traits T>
constexpr bool linked_or_unknown(typename T::const_node_ptr n) noexcept {
  if constexpr (has_is_linked<T>) {
    return T::is_linked(n);
  } else {
    (void)n;
    return true;
  }
}

template <forward_tree_traits T>
constexpr bool unlinked_or_unknown(typename T::const_node_ptr n) noexcept {
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
constexpr bool would_cycle(typename T::const_node_ptr p, typename T::const_node_ptr n) noexcept {
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

// Whether `last` is `first` or one of its next siblings.
template <forward_tree_traits T>
constexpr bool is_run(typename T::const_node_ptr first, typename T::const_node_ptr last) noexcept {
  for (typename T::const_node_ptr n = first; n; n = T::get_next_sibling(n)) {
    if (n == last) {
      return true;
    }
  }
  return false;
}

} // namespace detail

/// The last child of `n`, or null.
/// @complexity O(1) on bidirectional layouts, O(children) on singly linked ones.
template <forward_tree_traits T>
constexpr typename T::node_ptr last_child(typename T::const_node_ptr n) noexcept {
  if constexpr (bidirectional_tree_traits<T>) {
    return T::get_last_child(n);
  } else {
    typename T::node_ptr c = T::get_first_child(n);
    if (c) {
      while (typename T::node_ptr s = T::get_next_sibling(c)) {
        c = s;
      }
    }
    return c;
  }
}

/// The previous sibling of `n`, or null.
/// @complexity O(1) on bidirectional layouts, O(siblings before `n`) on
/// singly linked ones.
template <forward_tree_traits T>
constexpr typename T::node_ptr prev_sibling(typename T::const_node_ptr n) noexcept {
  if constexpr (bidirectional_tree_traits<T>) {
    return T::get_prev_sibling(n);
  } else {
    typename T::node_ptr p = T::get_parent(n);
    if (!p) {
      return nullptr;
    }
    typename T::node_ptr c = T::get_first_child(p);
    if (c == n) {
      return nullptr;
    }
    while (T::get_next_sibling(c) != n) {
      c = T::get_next_sibling(c);
    }
    return c;
  }
}

/// The number of children of `n`.
/// @complexity O(children)
template <forward_tree_traits T>
constexpr std::size_t child_count(typename T::const_node_ptr n) noexcept {
  std::size_t count = 0;
  for (typename T::node_ptr c = T::get_first_child(n); c; c = detail::next_in<T>(c, n)) {
    ++count;
  }
  return count;
}

/// The number of ancestors of `n` (0 for a root).
/// @complexity O(depth)
template <forward_tree_traits T>
constexpr std::size_t depth(typename T::const_node_ptr n) noexcept {
  std::size_t d = 0;
  for (typename T::node_ptr p = T::get_parent(n); p; p = T::get_parent(p)) {
    ++d;
  }
  return d;
}

/// Whether `a` is a proper ancestor of `n` (a node is not its own ancestor).
/// @complexity O(depth of `n`)
template <forward_tree_traits T>
constexpr bool is_ancestor(typename T::const_node_ptr a, typename T::const_node_ptr n) noexcept {
  for (typename T::node_ptr p = T::get_parent(n); p; p = T::get_parent(p)) {
    if (p == a) {
      return true;
    }
  }
  return false;
}

/// Makes `n` the first child of `p`.
/// @pre `n` is unlinked; `n` is neither `p` nor an ancestor of `p`.
/// @post `T::get_first_child(p) == n`, `T::get_parent(n) == p`.
/// @complexity O(1)
template <mutable_tree_traits T>
constexpr void link_first_child(typename T::node_ptr p, typename T::node_ptr n) noexcept {
  KIN_SAFE_ASSERT(detail::unlinked_or_unknown<T>(n));
  KIN_SAFE_ASSERT(!detail::would_cycle<T>(p, n));
  T::link_first(p, n);
}

/// Makes `n` the last child of `p`.
/// @pre `n` is unlinked; `n` is neither `p` nor an ancestor of `p`.
/// @post `last_child<T>(p) == n`, `T::get_parent(n) == p`.
/// @complexity O(1) on bidirectional layouts, O(children of `p`) otherwise.
template <mutable_tree_traits T>
constexpr void link_last_child(typename T::node_ptr p, typename T::node_ptr n) noexcept {
  KIN_SAFE_ASSERT(detail::unlinked_or_unknown<T>(n));
  KIN_SAFE_ASSERT(!detail::would_cycle<T>(p, n));
  if (typename T::node_ptr last = last_child<T>(p)) {
    T::link_after(last, n);
  } else {
    T::link_first(p, n);
  }
}

/// Makes `n` the next sibling of `pos`.
/// @pre `n` is unlinked; `pos` has a parent, which is not in `n`'s subtree.
/// @complexity O(1)
template <mutable_tree_traits T>
constexpr void link_after(typename T::node_ptr pos, typename T::node_ptr n) noexcept {
  KIN_SAFE_ASSERT(detail::unlinked_or_unknown<T>(n));
  KIN_SAFE_ASSERT(T::get_parent(pos) != nullptr && !detail::would_cycle<T>(T::get_parent(pos), n));
  T::link_after(pos, n);
}

/// Makes `n` the previous sibling of `pos`.
/// @pre `n` is unlinked; `pos` has a parent, which is not in `n`'s subtree.
/// @complexity O(1) on bidirectional layouts, O(siblings before `pos`) otherwise.
template <mutable_tree_traits T>
constexpr void link_before(typename T::node_ptr pos, typename T::node_ptr n) noexcept {
  KIN_SAFE_ASSERT(detail::unlinked_or_unknown<T>(n));
  KIN_SAFE_ASSERT(T::get_parent(pos) != nullptr && !detail::would_cycle<T>(T::get_parent(pos), n));
  T::link_before(pos, n);
}

/// Detaches `n` together with its subtree (the kernel's release_resource).
/// @pre `n` is linked (has a parent).
/// @post `n` has no parent and no siblings; its children are untouched.
/// @complexity O(1) on bidirectional layouts, O(siblings before `n`) otherwise.
template <mutable_tree_traits T>
constexpr void unlink(typename T::node_ptr n) noexcept {
  KIN_SAFE_ASSERT(detail::linked_or_unknown<T>(n) && T::get_parent(n) != nullptr);
  T::unlink(n);
}

/// Moves the children of `from` to the end of `to`'s children, in order.
/// @pre `to` is neither `from` nor a descendant of `from`.
/// @post `from` has no children; every moved child has parent `to`.
/// @complexity O(moved children), plus O(children of `to`) on singly linked layouts.
template <mutable_tree_traits T>
constexpr void splice_children(typename T::node_ptr to, typename T::node_ptr from) noexcept {
  KIN_SAFE_ASSERT(to != from && !is_ancestor<T>(from, to));
  if (typename T::node_ptr first = T::get_first_child(from)) {
    T::transfer(to, nullptr, first, last_child<T>(from));
  }
}

/// Puts `new_node` in `old_node`'s place and gives it `old_node`'s children.
/// `old_node` may be a root (then only the children move).
/// @pre `new_node` is unlinked and childless, and not in `old_node`'s subtree.
/// @post `old_node` is unlinked and childless; `new_node` has its position
/// and its children, in order.
/// @complexity O(children of `old_node`), plus O(siblings) on singly linked layouts.
template <mutable_tree_traits T>
constexpr void replace(typename T::node_ptr old_node, typename T::node_ptr new_node) noexcept {
  KIN_SAFE_ASSERT(detail::unlinked_or_unknown<T>(new_node) && !T::get_first_child(new_node));
  KIN_SAFE_ASSERT(old_node != new_node);
  splice_children<T>(new_node, old_node);
  if (T::get_parent(old_node)) {
    T::link_after(old_node, new_node);
    T::unlink(old_node);
  }
}

/// Moves `n` with its subtree to the end of `new_parent`'s children. `n` may
/// be linked elsewhere or be a root.
/// @pre `new_parent` is neither `n` nor a descendant of `n` (checked with
/// `KIN_ASSERT` in safe mode; see try_reparent for a checked variant).
/// @complexity O(1) on bidirectional layouts, O(siblings) on singly linked
/// ones; in safe mode plus O(depth of `new_parent`) when `n` has children.
template <mutable_tree_traits T>
constexpr void reparent(typename T::node_ptr n, typename T::node_ptr new_parent) noexcept {
  KIN_SAFE_ASSERT(!detail::would_cycle<T>(new_parent, n));
  if (T::get_parent(n)) {
    T::unlink(n);
  }
  if (typename T::node_ptr last = last_child<T>(new_parent)) {
    T::link_after(last, n);
  } else {
    T::link_first(new_parent, n);
  }
}

/// Like reparent, but refuses (returns false, changes nothing) when
/// `new_parent` is `n` or one of its descendants.
/// @complexity O(depth of `new_parent`) when `n` has children, plus
/// reparent's cost.
template <mutable_tree_traits T>
constexpr bool try_reparent(typename T::node_ptr n, typename T::node_ptr new_parent) noexcept {
  if (detail::would_cycle<T>(new_parent, n)) {
    return false;
  }
  reparent<T>(n, new_parent);
  return true;
}

/// `new_node` takes the place of the run of siblings `first`..`last`, and the
/// run becomes its children, in order (the kernel's insert_resource).
/// @pre `new_node` is unlinked and childless; `first`..`last` are consecutive
/// siblings in that order (`first` may equal `last`) with a parent (checked
/// in safe mode, at O(run length)).
/// @complexity O(run length), plus O(siblings) on singly linked layouts.
template <mutable_tree_traits T>
constexpr void adopt_siblings(typename T::node_ptr new_node, typename T::node_ptr first,
                              typename T::node_ptr last) noexcept {
  KIN_SAFE_ASSERT(detail::unlinked_or_unknown<T>(new_node) && !T::get_first_child(new_node));
  KIN_SAFE_ASSERT(T::get_parent(first) != nullptr && detail::is_run<T>(first, last));
  T::link_before(first, new_node);
  T::transfer(new_node, nullptr, first, last);
}

/// `n`'s children take `n`'s place, in order, and `n` is unlinked (the
/// kernel's remove_resource; the inverse of adopt_siblings).
/// @pre `n` is linked.
/// @post `n` is unlinked and childless.
/// @complexity O(children of `n`), plus O(siblings) on singly linked layouts.
template <mutable_tree_traits T>
constexpr void hoist_children(typename T::node_ptr n) noexcept {
  KIN_SAFE_ASSERT(detail::linked_or_unknown<T>(n) && T::get_parent(n) != nullptr);
  if (typename T::node_ptr first = T::get_first_child(n)) {
    T::transfer(T::get_parent(n), n, first, last_child<T>(n));
  }
  T::unlink(n);
}

} // namespace kin

#endif // KIN_ALGORITHMS_HPP
