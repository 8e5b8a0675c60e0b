// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief Queries on any layout, through value traits: the neighbours of a
/// value (`parent`, `first_child`, `next_sibling`, `last_child`,
/// `prev_sibling`), `child_count`, `depth`, `is_ancestor` and `is_linked`.
///
/// ```cpp
/// using VT = kin::base_hook<region, kin::singly_hook<>>;
/// region* last = kin::last_child<VT>(&root);   // O(children) on singly, O(1) elsewhere
/// if (kin::is_ancestor<VT>(&root, &ram)) ...
/// ```
///
/// Every query is safe on any value, linked or not (it uses the layout's
/// `get_` accessors, never the walker steps), returns null where there is no
/// such neighbour, allocates nothing and never recurses. A neighbour query
/// on a `const` value returns a pointer to `const`.
#ifndef KIN_QUERIES_HPP
#define KIN_QUERIES_HPP

#include <kin/config.hpp>
#include <kin/detail/siblings.hpp>
#include <kin/traits.hpp>
#include <kin/value_traits.hpp>

#include <cstddef>

namespace kin {

/// The parent of `n`, or null for a root or an unlinked value.
/// @complexity O(1)
template <value_traits VT, detail::value_pointer<VT> P>
KIN_HARDENING_ABI constexpr detail::like_ptr<VT, P> parent(P n) noexcept {
  using V = value_traits_of<VT>;
  return detail::value_or_null<V>(V::node_traits::get_parent(detail::node_of<V>(n)));
}

/// The first child of `n`, or null. @complexity O(1)
template <value_traits VT, detail::value_pointer<VT> P>
KIN_HARDENING_ABI constexpr detail::like_ptr<VT, P> first_child(P n) noexcept {
  using V = value_traits_of<VT>;
  return detail::value_or_null<V>(V::node_traits::get_first_child(detail::node_of<V>(n)));
}

/// The next sibling of `n`, or null. @complexity O(1)
template <value_traits VT, detail::value_pointer<VT> P>
KIN_HARDENING_ABI constexpr detail::like_ptr<VT, P> next_sibling(P n) noexcept {
  using V = value_traits_of<VT>;
  return detail::value_or_null<V>(V::node_traits::get_next_sibling(detail::node_of<V>(n)));
}

/// The last child of `n`, or null.
/// @complexity O(1) on bidirectional layouts, O(children) on singly linked ones.
template <value_traits VT, detail::value_pointer<VT> P>
KIN_HARDENING_ABI constexpr detail::like_ptr<VT, P> last_child(P n) noexcept {
  using V = value_traits_of<VT>;
  using T = typename V::node_traits;
  if constexpr (bidirectional_tree_traits<T>) {
    return detail::value_or_null<V>(T::get_last_child(detail::node_of<V>(n)));
  } else {
    return detail::value_or_null<V>(detail::scan_last_child<T>(detail::node_of<V>(n)));
  }
}

/// The previous sibling of `n`, or null (also for a root).
/// @complexity O(1) on bidirectional layouts, O(siblings before `n`) on
/// singly linked ones.
template <value_traits VT, detail::value_pointer<VT> P>
KIN_HARDENING_ABI constexpr detail::like_ptr<VT, P> prev_sibling(P n) noexcept {
  using V = value_traits_of<VT>;
  using T = typename V::node_traits;
  const auto node = detail::node_of<V>(n);
  if constexpr (bidirectional_tree_traits<T>) {
    return detail::value_or_null<V>(T::get_prev_sibling(node));
  } else {
    const auto p = T::get_parent(node);
    return p ? detail::value_or_null<V>(detail::scan_prev_sibling<T>(node, p)) : nullptr;
  }
}

/// The number of children of `n`. @complexity O(children)
template <value_traits VT>
KIN_HARDENING_ABI constexpr std::size_t child_count(const_value_ptr<VT> n) noexcept {
  using T = node_traits_of<VT>;
  const auto node = detail::node_of<value_traits_of<VT>>(n);
  std::size_t count = 0;
  for (auto c = T::get_first_child(node); c; c = T::get_next_sibling(c)) {
    ++count;
  }
  return count;
}

/// The number of ancestors of `n` (0 for a root). @complexity O(depth)
template <value_traits VT>
KIN_HARDENING_ABI constexpr std::size_t depth(const_value_ptr<VT> n) noexcept {
  using T = node_traits_of<VT>;
  std::size_t d = 0;
  for (auto p = T::get_parent(detail::node_of<value_traits_of<VT>>(n)); p; p = T::get_parent(p)) {
    ++d;
  }
  return d;
}

/// Whether `a` is a proper ancestor of `n` (a value is not its own ancestor).
/// @complexity O(depth of `n`)
template <value_traits VT>
KIN_HARDENING_ABI constexpr bool is_ancestor(const_value_ptr<VT> a, const_value_ptr<VT> n) noexcept {
  using V = value_traits_of<VT>;
  using T = typename V::node_traits;
  const typename T::const_node_ptr target = detail::node_of<V>(a);
  for (auto p = T::get_parent(detail::node_of<V>(n)); p; p = T::get_parent(p)) {
    if (p == target) {
      return true;
    }
  }
  return false;
}

/// Whether `n` is in a tree. Only on layouts whose traits can tell
/// (`is_linked`: kin's hooks, kin::list_policy, and foreign traits that
/// provide it): a foreign struct may be uninitialised memory.
/// @complexity O(1)
template <value_traits VT>
  requires detail::has_is_linked<node_traits_of<VT>>
KIN_HARDENING_ABI constexpr bool is_linked(const_value_ptr<VT> n) noexcept {
  using V = value_traits_of<VT>;
  return V::node_traits::is_linked(detail::node_of<V>(n));
}

} // namespace kin

#endif // KIN_QUERIES_HPP
