// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief kin::verify: the invariant checker every test runs after every
/// mutation.
///
/// ```cpp
/// auto r = kin::verify<VT>(&root);          // or kin::verify(tree)
/// if (!r) std::printf("%s at %p\n", kin::describe(r.error), (const void*)r.node);
/// ```
///
/// It terminates on *any* pointer graph reachable from the root: every
/// sibling list is checked for cycles (Brent's algorithm) before it is
/// followed, every child's parent link must name the node it was reached
/// from (so no node is entered twice), and a child or sibling link that leads
/// back to the root is an error of its own. On bidirectional layouts it also
/// checks the previous-sibling links and the last child. It cannot see a
/// node that fell out of the tree altogether (a dropped run of siblings
/// forms a consistent structure of its own): such losses need tests that
/// count nodes.
#ifndef KIN_VERIFY_HPP
#define KIN_VERIFY_HPP

#include <kin/config.hpp>
#include <kin/traits.hpp>
#include <kin/value_traits.hpp>

#include <cstddef>

namespace kin {

/// The invariant that verify found broken.
enum class verify_error {
  none,                ///< every invariant holds
  parent_mismatch,     ///< a node in `node`'s child list names another parent
  sibling_cycle,       ///< `node`'s child list never ends
  link_to_root,        ///< a child or sibling link of `node` leads back to the root
  prev_sibling_mismatch, ///< a previous-sibling link in `node`'s child list is wrong
  last_child_mismatch, ///< `node`'s last-child link is not the end of its child list
};

/// The outcome of verify: the first broken invariant and the value where it
/// broke (the parent whose child list is wrong), or `verify_error::none`.
template <class ConstValuePtr>
struct verify_result {
  verify_error error = verify_error::none; ///< what broke
  ConstValuePtr node = nullptr;             ///< where it broke (null when nothing did)
  /// True when every invariant holds.
  KIN_HARDENING_ABI constexpr explicit operator bool() const noexcept { return error == verify_error::none; }
};

/// A short English description of `e`, for failure messages.
/// @complexity O(1)
KIN_HARDENING_ABI constexpr const char* describe(verify_error e) noexcept {
  switch (e) {
  case verify_error::none:
    return "ok";
  case verify_error::parent_mismatch:
    return "a child's parent link names another node";
  case verify_error::sibling_cycle:
    return "a sibling list is cyclic";
  case verify_error::link_to_root:
    return "a child or sibling link leads back to the root";
  case verify_error::prev_sibling_mismatch:
    return "a previous-sibling link is wrong";
  case verify_error::last_child_mismatch:
    return "the last-child link is not the end of the child list";
  }
  return "unknown";
}

namespace detail {

// Checks the child list of n: parent links, no cycle (Brent), no link to the
// root, and on bidirectional layouts prev links and the last child.
template <forward_tree_traits T>
KIN_HARDENING_ABI constexpr verify_error check_children(typename T::const_node_ptr n, typename T::const_node_ptr root) noexcept {
  using node_ptr = typename T::node_ptr;
  node_ptr tortoise = nullptr;
  std::size_t power = 1;
  std::size_t steps = 0;
  node_ptr prev = nullptr;
  for (node_ptr c = T::get_first_child(n); c; c = T::get_next_sibling(c)) {
    if (c == root) {
      return verify_error::link_to_root;
    }
    if (T::get_parent(c) != n) {
      return verify_error::parent_mismatch;
    }
    if (c == tortoise) {
      return verify_error::sibling_cycle;
    }
    if constexpr (bidirectional_tree_traits<T>) {
      if (T::get_prev_sibling(c) != prev) {
        return verify_error::prev_sibling_mismatch;
      }
    }
    if (++steps == power) { // Brent: move the tortoise at powers of two
      tortoise = c;
      power *= 2;
      steps = 0;
    }
    prev = c;
  }
  if constexpr (bidirectional_tree_traits<T>) {
    if (T::get_last_child(n) != prev) {
      return verify_error::last_child_mismatch;
    }
  }
  return verify_error::none;
}

} // namespace detail

namespace detail {

template <forward_tree_traits T>
KIN_HARDENING_ABI constexpr verify_result<typename T::const_node_ptr> verify_nodes(typename T::const_node_ptr root) noexcept {
  using const_node_ptr = typename T::const_node_ptr;
  const_node_ptr n = root;
  // Pre-order, checking each child list before entering it: parents then
  // name the way back, so climbing is safe and no node is entered twice.
  for (;;) {
    if (verify_error e = check_children<T>(n, root); e != verify_error::none) {
      return {e, n};
    }
    if (const_node_ptr c = T::get_first_child(n)) {
      n = c;
      continue;
    }
    for (;;) {
      if (n == root) {
        return {};
      }
      if (const_node_ptr s = T::get_next_sibling(n)) {
        n = s;
        break;
      }
      n = T::get_parent(n);
    }
  }
}

} // namespace detail

/// Checks every parent/child/sibling invariant of the subtree of `from` (a
/// value pointer, with `VT` named, or a kin::tree) and returns the first one
/// broken, with the value where it broke.
///
/// The root's own parent and siblings are not checked, so any subtree can be
/// verified. Never recurses, never allocates, terminates on any pointer
/// graph; uses only the layout's `get_` accessors.
/// @complexity O(size of the subtree)
template <class VT = detail::deduce, class From>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI constexpr auto verify(From&& from) noexcept {
  using S = detail::start_t<VT, From>;
  using V = typename S::traits;
  using T = typename V::node_traits;
  const auto r = detail::verify_nodes<T>(S::node(from));
  using result = verify_result<const typename V::value_type*>;
  if (!r) {
    return result{r.error, V::to_value_ptr(const_cast<typename T::node_ptr>(r.node))};
  }
  return result{};
}

} // namespace kin

#endif // KIN_VERIFY_HPP
