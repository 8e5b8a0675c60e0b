/// @file
/// @brief kin::walk: the callback walk with descend/ascend callbacks, a depth
/// limit and continue / skip-children / stop results (the shape of ACPICA's
/// walk_namespace).
///
/// The walk visits the *descendants* of `root`, not `root` itself; `root`'s
/// children are at depth 1, and `max_depth` N visits depths 1..N. For the
/// tree `root(a(c) b)`:
///
/// ```
/// descend(a,1)  continue
///   descend(c,2)  continue
///   ascend(c,2)
/// ascend(a,1)
/// descend(b,1)  skip_children     (b's children are not visited)
/// ascend(b,1)
/// ```
///
/// `ascend` is called once for every node whose `descend` returned
/// `continue_walk` or `skip_children`, after its subtree; it may return
/// `stop`. `stop` from either callback ends the walk at once, without the
/// pending ascends. Iterative and allocation-free.
#ifndef KIN_WALK_HPP
#define KIN_WALK_HPP

#include <kin/traits.hpp>

#include <cstddef>
#include <limits>

namespace kin {

/// What a walk callback asks for next.
enum class walk_action {
  continue_walk, ///< go on (descend into the node's children, from descend)
  skip_children, ///< do not visit this node's children (from descend)
  stop,          ///< end the walk now, without the pending ascends
};

/// `max_depth` value for a walk without a depth limit.
inline constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();

/// An `ascend` callback that does nothing (always `continue_walk`).
struct no_ascend {
  /// Returns `walk_action::continue_walk`.
  template <class Node>
  constexpr walk_action operator()(Node&&, std::size_t) const noexcept {
    return walk_action::continue_walk;
  }
};

/// How a callback walk ended.
template <class NodePtr>
struct walk_result {
  bool completed = true;     ///< false when a callback returned stop
  NodePtr stopped_at = nullptr; ///< the node whose callback stopped the walk
  std::size_t depth = 0;     ///< that node's depth (root's children are 1)
};

/// Walks `root`'s descendants in pre-order, calling `descend(node, depth)`
/// on the way down and `ascend(node, depth)` after a node's subtree; both
/// return a kin::walk_action. Visits depths 1..`max_depth`.
/// @pre the callbacks do not unlink or move nodes the walk has yet to leave.
/// @complexity O(visited nodes), no allocation, no recursion.
template <forward_tree_traits T, class Descend, class Ascend = no_ascend>
constexpr walk_result<typename T::node_ptr> walk(typename T::node_ptr root, Descend&& descend, Ascend&& ascend = {},
                                                 std::size_t max_depth = unlimited) noexcept {
  using node_ptr = typename T::node_ptr;
  node_ptr n = T::get_first_child(root);
  if (!n || max_depth == 0) {
    return {};
  }
  std::size_t depth = 1;
  for (;;) {
    walk_action down = descend(n, depth);
    if (down == walk_action::stop) {
      return {false, n, depth};
    }
    if (down == walk_action::continue_walk && depth < max_depth) {
      if (node_ptr c = T::get_first_child(n)) {
        n = c;
        ++depth;
        continue;
      }
    }
    // n's subtree is done: ascend it and every parent whose last child it
    // was, until a next sibling turns up or the walk climbs back to root.
    for (;;) {
      if (ascend(n, depth) == walk_action::stop) {
        return {false, n, depth};
      }
      node_ptr p = T::get_parent(n);
      if (node_ptr s = detail::next_in<T>(n, p)) {
        n = s;
        break;
      }
      n = p;
      if (--depth == 0) {
        return {};
      }
    }
  }
}

} // namespace kin

#endif // KIN_WALK_HPP
