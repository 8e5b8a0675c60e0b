// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief kin::traverse: the callback walk with descend/ascend callbacks, a
/// depth limit and proceed / skip-children / stop results (the shape of
/// ACPICA's walk_namespace).
///
/// The traversal visits the *descendants* of its start, not the start
/// itself; the start's children are at depth 1, and `max_depth` N visits
/// depths 1..N. For the tree `root(a(c) b)`:
///
/// ```
/// descend(a,1)  proceed
///   descend(c,2)  proceed
///   ascend(c,2)
/// ascend(a,1)
/// descend(b,1)  skip_children     (b's children are not visited)
/// ascend(b,1)
/// ```
///
/// ```cpp
/// kin::traverse<VT>(&root, [](region& r, std::size_t depth) {
///   return r.busy ? kin::traverse_action::skip_children : kin::traverse_action::proceed;
/// });
/// ```
///
/// `ascend` is called once for every value whose `descend` returned
/// `proceed` or `skip_children`, after its subtree; it may return `stop`.
/// `stop` from either callback ends the traversal at once, without the
/// pending ascends. Iterative and allocation-free.
#ifndef KIN_TRAVERSE_HPP
#define KIN_TRAVERSE_HPP

#include <kin/config.hpp>
#include <kin/steps.hpp>
#include <kin/traits.hpp>
#include <kin/value_traits.hpp>

#include <cstddef>
#include <limits>
#include <type_traits>

namespace kin {

/// What a traversal callback asks for next.
enum class traverse_action {
  proceed,       ///< go on (from descend: into the value's children)
  skip_children, ///< do not visit this value's children (from descend)
  stop,          ///< end the traversal now, without the pending ascends
};

/// `max_depth` value for a traversal without a depth limit.
inline constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();

/// An `ascend` callback that does nothing (always `proceed`).
struct no_ascend {
  /// Returns `traverse_action::proceed`.
  template <class Value>
  KIN_HARDENING_ABI constexpr traverse_action operator()(Value&&, std::size_t) const noexcept {
    return traverse_action::proceed;
  }
};

/// How a traversal ended.
template <class ValuePtr>
struct traverse_result {
  bool completed = true;          ///< false when a callback returned stop
  ValuePtr stopped_at = nullptr;  ///< the value whose callback stopped it
  std::size_t depth = 0;          ///< that value's depth (the start's children are 1)
};

namespace detail {
// Whether traverse's callbacks cannot throw: traverse is noexcept exactly
// when they are.
template <class VT, class From, class Descend, class Ascend>
consteval bool traverse_nothrow() {
  using S = start_t<VT, From>;
  using value = std::conditional_t<S::is_const, const typename S::traits::value_type, typename S::traits::value_type>;
  return std::is_nothrow_invocable_v<Descend&, value&, std::size_t> &&
         std::is_nothrow_invocable_v<Ascend&, value&, std::size_t>;
}
} // namespace detail

/// Traverses the descendants of `from` (a value pointer with `VT` named, or
/// a kin::tree) in pre-order, calling `descend(value, depth)` on the way
/// down and `ascend(value, depth)` after a value's subtree; both return a
/// kin::traverse_action. Visits depths 1..`max_depth`.
/// @pre the callbacks do not unlink or move values the traversal has yet to leave.
/// @complexity O(visited values), no allocation, no recursion.
/// @throws What a callback throws (noexcept exactly when both callbacks
/// are); the tree, which traverse only reads, is unchanged.
template <class VT = detail::deduce, class From, class Descend, class Ascend = no_ascend>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI constexpr auto traverse(From&& from, Descend&& descend, Ascend&& ascend = {},
                                          std::size_t max_depth = unlimited)
    noexcept(detail::traverse_nothrow<VT, From, Descend, Ascend>()) {
  using S = detail::start_t<VT, From>;
  using V = typename S::traits;
  using L = detail::native_links<typename V::node_traits>;
  using node_ptr = typename L::node_ptr;
  using value_ptr = std::conditional_t<S::is_const, const typename V::value_type*, typename V::value_type*>;
  using result = traverse_result<value_ptr>;
  node_ptr n = L::first_child(S::node(from));
  if (!n || max_depth == 0) {
    return result{};
  }
  std::size_t depth = 1;
  for (;;) {
    const value_ptr v = V::to_value_ptr(n);
    traverse_action down = descend(*v, depth);
    if (down == traverse_action::stop) {
      return result{false, v, depth};
    }
    if (down == traverse_action::proceed && depth < max_depth) {
      if (node_ptr c = L::first_child(n)) {
        n = c;
        ++depth;
        continue;
      }
    }
    // n's subtree is done: ascend it and every parent whose last child it
    // was, until a next sibling turns up or the traversal climbs back up.
    for (;;) {
      const value_ptr w = V::to_value_ptr(n);
      if (ascend(*w, depth) == traverse_action::stop) {
        return result{false, w, depth};
      }
      node_ptr p = L::parent(n);
      if (node_ptr s = L::next_sibling(n, p)) {
        n = s;
        break;
      }
      n = p;
      if (--depth == 0) {
        return result{};
      }
    }
  }
}

} // namespace kin

#endif // KIN_TRAVERSE_HPP
