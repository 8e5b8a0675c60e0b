// SPDX-License-Identifier: BSL-1.0
// Sibling-list steps shared by the layouts, the steps, the queries and the
// rescan reverse walks: the next sibling through the walker step where the
// traits have one, and the scans that stand in for the links a singly linked
// list does not have (last child, previous sibling), written once.
// `A` is node traits or a layout's raw access (static get_first_child and
// get_next_sibling). Not public: may change without notice.
#ifndef KIN_DETAIL_SIBLINGS_HPP
#define KIN_DETAIL_SIBLINGS_HPP

#include <kin/config.hpp>
#include <kin/traits.hpp>

namespace kin::detail {

// The next sibling of `n`, a linked child of `parent` in a well-formed tree:
// the walker step where `A` has one (it may use `parent`), else the accessor.
template <class A>
KIN_HARDENING_ABI constexpr typename A::node_ptr next_sibling_of(typename A::const_node_ptr n,
                                               [[maybe_unused]] typename A::const_node_ptr parent) noexcept {
  if constexpr (has_step_next_sibling<A>) {
    return A::step_next_sibling(n, parent);
  } else {
    return A::get_next_sibling(n);
  }
}

// The last child of `n`, or null, by walking its child list. O(children).
// On a ring layout the walk follows ring elements and converts only the
// one it returns (as a hand-written list_head scan does).
template <class A>
KIN_HARDENING_ABI constexpr typename A::node_ptr scan_last_child(typename A::const_node_ptr n) noexcept {
  if constexpr (has_ring<A>) {
    const typename A::ring_ptr header = A::child_ring(n);
    typename A::ring_ptr l = A::ring_next(header);
    if (l == header) {
      return nullptr;
    }
    typename A::ring_ptr next = A::ring_next(l);
    while (next != header) {
      l = next;
      next = A::ring_next(l);
    }
    return A::from_sibling_ring(l);
  } else {
    typename A::node_ptr c = A::get_first_child(n);
    if (c) {
      while (typename A::node_ptr s = next_sibling_of<A>(c, n)) {
        c = s;
      }
    }
    return c;
  }
}

// The sibling before `n` under `parent` (which must be `n`'s parent), or
// null when `n` is the first child, by walking the list from the first
// child. O(siblings before `n`).
template <class A>
KIN_HARDENING_ABI constexpr typename A::node_ptr scan_prev_sibling(typename A::const_node_ptr n,
                                                 typename A::const_node_ptr parent) noexcept {
  if constexpr (has_ring<A>) {
    const typename A::ring_ptr target = A::sibling_ring(n);
    typename A::ring_ptr l = A::ring_next(A::child_ring(parent));
    if (l == target) {
      return nullptr;
    }
    typename A::ring_ptr next = A::ring_next(l);
    while (next != target) {
      l = next;
      next = A::ring_next(l);
    }
    return A::from_sibling_ring(l);
  } else {
    typename A::node_ptr c = A::get_first_child(parent);
    if (c == n) {
      return nullptr;
    }
    for (;;) {
      typename A::node_ptr s = next_sibling_of<A>(c, parent);
      if (s == n) {
        return c;
      }
      c = s;
    }
  }
}

} // namespace kin::detail

#endif // KIN_DETAIL_SIBLINGS_HPP
