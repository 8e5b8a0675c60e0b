// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief Walkers: iterators and ranges over the tree orders, for range-for
/// and `std::ranges`. Every walk dereferences to the user's value.
///
/// ```cpp
/// using VT = kin::member_hook<&region::hook>;
/// for (region& c : kin::children<VT>(&root)) ...        // first to last child
/// auto walk = kin::preorder<VT>(&root).with_depth();     // depth() where asked
/// for (auto it = walk.begin(); it != walk.end();)        // skip a subtree
///   if (boring(*it)) it.skip_children(); else { use(*it, it.depth()); ++it; }
/// for (region& r : kin::postorder_safe<VT>(&root)) dispose(r);  // may free r
/// for (region& r : kin::preorder<VT>(&root).from(&ram)) ...     // resume at ram
/// ```
///
/// Every function takes where the walk starts: a value pointer, with the
/// value traits named (`kin::preorder<VT>(&root)`), or a kin::tree, whose
/// value traits are its own (`kin::preorder(t)`). A walk started from a
/// `const` value yields `const` values.
///
/// An iterator is `{position, bound}` (plus the depth, where asked): the
/// bound is the walk's root (the parent, for children), so `end()` can be
/// decremented on bidirectional layouts, and the ranges are common, borrowed
/// views whose `begin()` is O(1) (post-order and leaves find their first
/// value once, when the view is made). `*it` is the value, `it.node()` the
/// node under it. The position is a node, except in a children walk over a
/// ring layout, which steps along ring elements and turns one into a value
/// only when it is dereferenced.
///
/// Iterator validity: an iterator stays valid while the value it stands on
/// stays in the bound's subtree; linking or unlinking *other* values is
/// fine on every layout (a walk then sees the tree as it is when it gets
/// there). postorder_safe also survives unlinking or disposing the value it
/// stands on. Views computed their first value when made: re-make a view
/// after mutating.
///
/// Reverse walks — native on bidirectional layouts, or with a named
/// strategy on any layout — are in kin/reverse.hpp.
#ifndef KIN_WALKERS_HPP
#define KIN_WALKERS_HPP

#include <kin/config.hpp>
#include <kin/steps.hpp>
#include <kin/traits.hpp>
#include <kin/value_traits.hpp>

#include <cstddef>
#include <iterator>
#include <ranges>
#include <type_traits>

namespace kin {

namespace detail {

// An *order* is a set of static steps over (cursor, bound, state):
//   cursor first(b, s), last(b, s), end(b); next(c, b, s), prev(c, b, s);
//   node_ptr node(c); cursor at(n, b, s) (the cursor of node n, for resuming);
//   optionally skip(c, b, s) (past the current node's descendants).
// `bidirectional` says whether prev/last exist. The cursor is a node_ptr
// except in ring children walks; `end(b)` is the cursor past the last node.

template <class D, class L>
KIN_HARDENING_ABI constexpr D depth_below(typename L::const_node_ptr n, typename L::const_node_ptr bound) noexcept {
  D d{};
  if constexpr (!std::is_same_v<D, no_depth>) {
    for (; n != bound; n = L::parent(n)) {
      d += 1;
    }
  }
  return d;
}

template <class L>
struct node_order_base {
  using links = L;
  using node_ptr = typename L::node_ptr;
  using anchor = node_ptr;
  using cursor = node_ptr;
  KIN_HARDENING_ABI static constexpr cursor end(node_ptr) noexcept { return nullptr; }
  KIN_HARDENING_ABI static constexpr node_ptr node(cursor c) noexcept { return c; }
};

template <class L>
struct children_order : node_order_base<L> {
  using typename node_order_base<L>::node_ptr;
  using state = no_depth;
  static constexpr bool bidirectional = L::backward;
  KIN_HARDENING_ABI static constexpr node_ptr first(node_ptr b, state&) noexcept { return L::first_child(b); }
  KIN_HARDENING_ABI static constexpr node_ptr last(node_ptr b, state&) noexcept { return L::last_child(b); }
  KIN_HARDENING_ABI static constexpr node_ptr next(node_ptr n, node_ptr b, state&) noexcept { return L::next_sibling(n, b); }
  KIN_HARDENING_ABI static constexpr node_ptr prev(node_ptr n, node_ptr b, state&) noexcept { return L::prev_sibling(n, b); }
  KIN_HARDENING_ABI static constexpr node_ptr at(node_ptr n, node_ptr, state&) noexcept { return n; }
};

// Children of a ring layout: the cursor is a ring element and the end is
// the parent's ring header, exactly the hand-written list_for_each loop.
template <class T>
struct ring_children_order {
  using links = native_links<T>;
  using node_ptr = typename T::node_ptr;
  using anchor = node_ptr;
  using cursor = typename T::ring_ptr;
  using state = no_depth;
  static constexpr bool bidirectional = true;
  KIN_HARDENING_ABI static constexpr cursor end(node_ptr b) noexcept { return T::child_ring(b); }
  KIN_HARDENING_ABI static constexpr node_ptr node(cursor c) noexcept { return T::from_sibling_ring(c); }
  KIN_HARDENING_ABI static constexpr cursor first(node_ptr b, state&) noexcept { return T::ring_next(T::child_ring(b)); }
  KIN_HARDENING_ABI static constexpr cursor last(node_ptr b, state&) noexcept { return T::ring_prev(T::child_ring(b)); }
  KIN_HARDENING_ABI static constexpr cursor next(cursor c, node_ptr, state&) noexcept { return T::ring_next(c); }
  KIN_HARDENING_ABI static constexpr cursor prev(cursor c, node_ptr, state&) noexcept { return T::ring_prev(c); }
  KIN_HARDENING_ABI static constexpr cursor at(node_ptr n, node_ptr, state&) noexcept { return T::sibling_ring(n); }
};

template <class L, class D = no_depth>
struct preorder_order : node_order_base<L> {
  using typename node_order_base<L>::node_ptr;
  using state = D;
  template <class D2>
  using with_state = preorder_order<L, D2>;
  static constexpr bool bidirectional = L::backward;
  KIN_HARDENING_ABI static constexpr node_ptr first(node_ptr b, state&) noexcept { return b; }
  KIN_HARDENING_ABI static constexpr node_ptr last(node_ptr b, state& d) noexcept { return rightmost_leaf<L>(b, d); }
  KIN_HARDENING_ABI static constexpr node_ptr next(node_ptr n, node_ptr b, state& d) noexcept { return preorder_next<L>(n, b, d); }
  KIN_HARDENING_ABI static constexpr node_ptr prev(node_ptr n, node_ptr b, state& d) noexcept { return preorder_prev<L>(n, b, d); }
  KIN_HARDENING_ABI static constexpr node_ptr skip(node_ptr n, node_ptr b, state& d) noexcept { return climb_to_next<L>(n, b, d); }
  KIN_HARDENING_ABI static constexpr node_ptr at(node_ptr n, node_ptr b, state& d) noexcept {
    d = depth_below<D, L>(n, b);
    return n;
  }
};

// Pre-order without the bound itself. Its end is the bound: every node it
// stands on is strictly below the bound, so stepping needs no test of the
// node itself, and a climb (or a step back) that reaches the bound is the end.
template <class L, class D = no_depth>
struct descendants_order : preorder_order<L, D> {
  using typename node_order_base<L>::node_ptr;
  using state = D;
  template <class D2>
  using with_state = descendants_order<L, D2>;
  KIN_HARDENING_ABI static constexpr node_ptr end(node_ptr b) noexcept { return b; }
  KIN_HARDENING_ABI static constexpr node_ptr first(node_ptr b, state& d) noexcept {
    node_ptr c = L::first_child(b);
    if (!c) {
      return b;
    }
    d += 1;
    return c;
  }
  KIN_HARDENING_ABI static constexpr node_ptr last(node_ptr b, state& d) noexcept { return rightmost_leaf<L>(b, d); }
  // A child or a sibling is never the bound: saying so lets the compiler
  // drop the end test after a step down or across, as the hand loop does.
  KIN_HARDENING_ABI static constexpr node_ptr next(node_ptr n, node_ptr b, state& d) noexcept {
    if (node_ptr c = L::first_child(n)) {
      KIN_ASSUME(c != b);
      d += 1;
      return c;
    }
    return climb_below<L>(n, b, d);
  }
  KIN_HARDENING_ABI static constexpr node_ptr prev(node_ptr n, node_ptr, state& d) noexcept {
    node_ptr p = L::parent(n);
    KIN_ASSUME(p != nullptr);
    if (node_ptr s = L::prev_sibling(n, p)) {
      return rightmost_leaf<L>(s, d);
    }
    d -= 1;
    return p;
  }
  KIN_HARDENING_ABI static constexpr node_ptr skip(node_ptr n, node_ptr b, state& d) noexcept { return climb_below<L>(n, b, d); }
};

template <class L, class D = no_depth>
struct postorder_order : node_order_base<L> {
  using typename node_order_base<L>::node_ptr;
  using state = D;
  template <class D2>
  using with_state = postorder_order<L, D2>;
  static constexpr bool bidirectional = L::backward;
  KIN_HARDENING_ABI static constexpr node_ptr first(node_ptr b, state& d) noexcept { return leftmost_leaf<L>(b, d); }
  KIN_HARDENING_ABI static constexpr node_ptr last(node_ptr b, state&) noexcept { return b; }
  KIN_HARDENING_ABI static constexpr node_ptr next(node_ptr n, node_ptr b, state& d) noexcept { return postorder_next<L>(n, b, d); }
  KIN_HARDENING_ABI static constexpr node_ptr prev(node_ptr n, node_ptr b, state& d) noexcept { return postorder_prev<L>(n, b, d); }
  // Backwards, post-order is the mirrored pre-order: skipping a node's
  // descendants there is a step to the previous sibling up the path.
  KIN_HARDENING_ABI static constexpr node_ptr skip_back(node_ptr n, node_ptr b, state& d) noexcept {
    return climb_to_prev<L>(n, b, d);
  }
  KIN_HARDENING_ABI static constexpr node_ptr at(node_ptr n, node_ptr b, state& d) noexcept {
    d = depth_below<D, L>(n, b);
    return n;
  }
};

template <class L>
struct leaves_order : node_order_base<L> {
  using typename node_order_base<L>::node_ptr;
  using state = no_depth;
  static constexpr bool bidirectional = L::backward;
  KIN_HARDENING_ABI static constexpr node_ptr first(node_ptr b, state& d) noexcept { return leftmost_leaf<L>(b, d); }
  KIN_HARDENING_ABI static constexpr node_ptr last(node_ptr b, state& d) noexcept { return rightmost_leaf<L>(b, d); }
  KIN_HARDENING_ABI static constexpr node_ptr next(node_ptr n, node_ptr b, state& d) noexcept {
    node_ptr s = climb_to_next<L>(n, b, d);
    return s ? leftmost_leaf<L>(s, d) : nullptr;
  }
  KIN_HARDENING_ABI static constexpr node_ptr prev(node_ptr n, node_ptr b, state& d) noexcept {
    node_ptr s = climb_to_prev<L>(n, b, d);
    return s ? rightmost_leaf<L>(s, d) : nullptr;
  }
  KIN_HARDENING_ABI static constexpr node_ptr at(node_ptr n, node_ptr, state&) noexcept { return n; }
};

template <class L>
struct ancestors_order : node_order_base<L> {
  using typename node_order_base<L>::node_ptr;
  using state = no_depth;
  static constexpr bool bidirectional = false;
  KIN_HARDENING_ABI static constexpr node_ptr first(node_ptr b, state&) noexcept { return L::parent(b); }
  KIN_HARDENING_ABI static constexpr node_ptr next(node_ptr n, node_ptr, state&) noexcept { return L::parent(n); }
  KIN_HARDENING_ABI static constexpr node_ptr at(node_ptr n, node_ptr, state&) noexcept { return n; }
};

// Post-order that takes each step on arrival, so the current node may be
// unlinked or disposed before ++.
template <class L>
struct postorder_safe_order {
  using links = L;
  using node_ptr = typename L::node_ptr;
  using anchor = node_ptr;
  struct cursor {
    node_ptr current = nullptr;
    node_ptr next = nullptr;
    KIN_HARDENING_ABI friend constexpr bool operator==(const cursor& a, const cursor& b) noexcept { return a.current == b.current; }
  };
  using state = no_depth;
  static constexpr bool bidirectional = false;
  KIN_HARDENING_ABI static constexpr cursor end(node_ptr) noexcept { return {}; }
  KIN_HARDENING_ABI static constexpr node_ptr node(cursor c) noexcept { return c.current; }
  KIN_HARDENING_ABI static constexpr cursor at(node_ptr n, node_ptr b, state& d) noexcept {
    return {n, n ? postorder_next<L>(n, b, d) : nullptr};
  }
  KIN_HARDENING_ABI static constexpr cursor first(node_ptr b, state& d) noexcept { return at(leftmost_leaf<L>(b, d), b, d); }
  KIN_HARDENING_ABI static constexpr cursor next(cursor c, node_ptr b, state& d) noexcept { return at(c.next, b, d); }
};

template <class O>
struct reversed;

// reversed<O>::with_state<D2>, for orders that can track depth only.
template <class O, class D2>
struct reversed_with_state {};
template <class O, class D2>
  requires requires { typename O::template with_state<D2>; }
struct reversed_with_state<O, D2> {
  using type = reversed<typename O::template with_state<D2>>;
};

// An order backwards: ++ is the predecessor step.
template <class O>
struct reversed {
  using links = typename O::links;
  using node_ptr = typename O::node_ptr;
  using anchor = typename O::anchor;
  using cursor = typename O::cursor;
  using state = typename O::state;
  static constexpr bool bidirectional = true;
  KIN_HARDENING_ABI static constexpr cursor end(node_ptr b) noexcept { return O::end(b); }
  KIN_HARDENING_ABI static constexpr node_ptr node(cursor c) noexcept { return O::node(c); }
  KIN_HARDENING_ABI static constexpr cursor first(node_ptr b, state& d) noexcept { return O::last(b, d); }
  KIN_HARDENING_ABI static constexpr cursor last(node_ptr b, state& d) noexcept { return O::first(b, d); }
  KIN_HARDENING_ABI static constexpr cursor next(cursor c, node_ptr b, state& d) noexcept { return O::prev(c, b, d); }
  KIN_HARDENING_ABI static constexpr cursor prev(cursor c, node_ptr b, state& d) noexcept { return O::next(c, b, d); }
  KIN_HARDENING_ABI static constexpr cursor at(node_ptr n, node_ptr b, state& d) noexcept { return O::at(n, b, d); }
  KIN_HARDENING_ABI static constexpr cursor skip(cursor c, node_ptr b, state& d) noexcept
    requires requires { O::skip_back(c, b, d); }
  {
    return O::skip_back(c, b, d);
  }
  template <class D2>
  using with_state = typename reversed_with_state<O, D2>::type;
};

// The children order of traits T over links L: along the ring where the
// layout has one and the links are its own.
template <class T, class L>
struct children_order_for {
  using type = children_order<L>;
};
template <class T>
  requires has_ring<T>
struct children_order_for<T, native_links<T>> {
  using type = ring_children_order<T>;
};

template <class O>
concept order_with_depth = std::same_as<typename O::state, std::ptrdiff_t>;
template <class O>
concept order_with_skip = requires(typename O::cursor c, typename O::node_ptr b, typename O::state s) {
  O::skip(c, b, s);
};
template <class O>
concept order_can_track_depth = requires { typename O::template with_state<std::ptrdiff_t>; };
template <class O>
concept order_over_values = requires(typename O::cursor c) { O::value(c); };

} // namespace detail

/// Iterator of every kin walk: `{position, bound}` plus the walk's depth
/// where it was asked for. Dereferences to the value (`const` in a walk
/// started from a `const` value). Forward on singly linked layouts,
/// bidirectional on the others; `end()` is `{end position, bound}` and
/// decrementing it reaches the walk's last value.
template <class VT, class Order, bool Const>
class walk_iterator {
  using V = value_traits_of<VT>;
  using T = typename V::node_traits;
  using cursor = typename Order::cursor;
  using anchor = typename Order::anchor;

public:
  /// The value type (never const).
  using value_type = std::remove_const_t<typename V::value_type>;
  /// What dereferencing yields.
  using reference = std::conditional_t<Const, const typename V::value_type&, typename V::value_type&>;
  /// Pointer to the value.
  using pointer = std::conditional_t<Const, const typename V::value_type*, typename V::value_type*>;
  /// Bidirectional where the walk can step back in O(1) (or by rescanning), else forward.
  using iterator_concept =
      std::conditional_t<Order::bidirectional, std::bidirectional_iterator_tag, std::forward_iterator_tag>;
  /// Same as iterator_concept (libstdc++'s reverse_iterator reads it).
  using iterator_category = iterator_concept;
  /// Signed distance type.
  using difference_type = std::ptrdiff_t;

  /// A singular iterator.
  KIN_HARDENING_ABI constexpr walk_iterator() noexcept = default;
  /// An iterator at `position` of the walk bounded by `bound` (for the
  /// walkers' own use).
  KIN_HARDENING_ABI constexpr walk_iterator(cursor position, anchor bound, typename Order::state state) noexcept
      : cursor_(position), bound_(bound), state_(state) {}

  /// The value the iterator stands on. @complexity O(1)
  KIN_HARDENING_ABI constexpr reference operator*() const noexcept { return *get(); }
  /// The value the iterator stands on. @complexity O(1)
  KIN_HARDENING_ABI constexpr pointer operator->() const noexcept { return get(); }
  /// The node under the value the iterator stands on (null at the end).
  /// @complexity O(1)
  KIN_HARDENING_ABI constexpr typename T::node_ptr node() const noexcept {
    if (cursor_ == Order::end(bound_)) {
      return nullptr;
    }
    if constexpr (detail::order_over_values<Order>) {
      return detail::node_of<V>(Order::value(cursor_));
    } else {
      return Order::node(cursor_);
    }
  }
  /// The raw position (a node, or a ring element). @complexity O(1)
  KIN_HARDENING_ABI constexpr cursor position() const noexcept { return cursor_; }

  /// Steps to the next value of the walk.
  /// @complexity amortised O(1) over a whole walk (O(siblings) per step
  /// for *rescan* reverse walks).
  KIN_HARDENING_ABI constexpr walk_iterator& operator++() noexcept {
    cursor_ = Order::next(cursor_, bound_, state_);
    return *this;
  }
  /// Steps to the next value, returning the old position.
  KIN_HARDENING_ABI constexpr walk_iterator operator++(int) noexcept {
    walk_iterator old = *this;
    ++*this;
    return old;
  }
  /// Steps back (from end(): to the walk's last value). Only on
  /// bidirectional walks. Decrementing begin() is undefined.
  /// @complexity amortised O(1) over a whole walk.
  KIN_HARDENING_ABI constexpr walk_iterator& operator--() noexcept
    requires Order::bidirectional
  {
    cursor_ = cursor_ == Order::end(bound_) ? Order::last(bound_, state_) : Order::prev(cursor_, bound_, state_);
    return *this;
  }
  /// Steps back, returning the old position. Only on bidirectional walks.
  KIN_HARDENING_ABI constexpr walk_iterator operator--(int) noexcept
    requires Order::bidirectional
  {
    walk_iterator old = *this;
    --*this;
    return old;
  }

  /// Depth of the current value below the walk's root (the root is 0, its
  /// children 1). Only on walks made with_depth().
  /// @complexity O(1)
  KIN_HARDENING_ABI constexpr std::ptrdiff_t depth() const noexcept
    requires detail::order_with_depth<Order>
  {
    return state_;
  }

  /// Advances to the next value of the walk that is not a descendant of the
  /// current one (the kernel's `next_resource(p, true)`). Only on pre-order,
  /// descendants and post-order-reverse (mirrored pre-order) walks.
  /// @complexity O(levels climbed)
  KIN_HARDENING_ABI constexpr walk_iterator& skip_children() noexcept
    requires detail::order_with_skip<Order>
  {
    cursor_ = Order::skip(cursor_, bound_, state_);
    return *this;
  }

  /// Iterators of one walk are equal when they stand on the same position.
  KIN_HARDENING_ABI friend constexpr bool operator==(const walk_iterator& a, const walk_iterator& b) noexcept {
    return a.cursor_ == b.cursor_;
  }

private:
  KIN_HARDENING_ABI constexpr pointer get() const noexcept {
    if constexpr (detail::order_over_values<Order>) {
      return Order::value(cursor_);
    } else {
      typename T::node_ptr n = Order::node(cursor_);
      KIN_ASSUME(n != nullptr);
      return V::to_value_ptr(n);
    }
  }

  /// @cond
  cursor cursor_{};
  anchor bound_{};
  [[no_unique_address]] typename Order::state state_{};
  /// @endcond
};

/// A walk as a common, borrowed view: `[begin(), end())` with O(1)
/// `begin()`. Returned by every walker function.
template <class VT, class Order, bool Const>
class walk_view : public std::ranges::view_interface<walk_view<VT, Order, Const>> {
  using V = value_traits_of<VT>;
  using node_ptr = typename Order::node_ptr;

public:
  /// The view's iterator.
  using iterator = walk_iterator<VT, Order, Const>;

  /// An empty view.
  KIN_HARDENING_ABI constexpr walk_view() noexcept = default;
  /// The walk bounded by `bound`; finds its first value now (for the
  /// walkers' own use).
  /// @complexity O(1), or O(height) for post-order and leaves walks.
  KIN_HARDENING_ABI constexpr explicit walk_view(node_ptr bound) noexcept : bound_(bound), begin_(make_begin(bound)) {}

  /// The first value of the walk. @complexity O(1)
  KIN_HARDENING_ABI constexpr iterator begin() const noexcept { return begin_; }
  /// The end. @complexity O(1)
  KIN_HARDENING_ABI constexpr iterator end() const noexcept { return iterator(Order::end(bound()), bound(), {}); }

  /// True: a walk over the tree needs no storage, so it always visits
  /// everything (the result protocol every reverse strategy shares).
  /// @complexity O(1)
  KIN_HARDENING_ABI constexpr bool fits() const noexcept { return true; }
  /// 0: the storage entries this walk needed (see kin::collect).
  /// @complexity O(1)
  KIN_HARDENING_ABI constexpr std::size_t needed() const noexcept { return 0; }

  /// The same walk, resumed at `n` (list.h's `_from`): from `n` to the
  /// walk's end. @pre `n` is a value this walk visits.
  /// @complexity O(1), or O(depth of `n`) when the walk tracks depth.
  KIN_HARDENING_ABI constexpr walk_view from(const typename V::value_type* n) const noexcept {
    walk_view v = *this;
    typename Order::state s{};
    const auto position = Order::at(detail::node_of<V>(n), bound(), s); // sets s: before the copy below
    v.begin_ = iterator(position, bound(), s);
    return v;
  }
  /// The same walk, resumed after `n` (list.h's `_continue`).
  /// @pre `n` is a value this walk visits.
  /// @complexity as from(), plus one step.
  KIN_HARDENING_ABI constexpr walk_view after(const typename V::value_type* n) const noexcept {
    walk_view v = from(n);
    ++v.begin_;
    return v;
  }

  /// The same walk, tracking the depth of each value (`it.depth()`), which
  /// costs a counter update per level. Only on pre-order, descendants and
  /// post-order walks and their reverses.
  /// @complexity O(1), or O(depth) for a resumed view.
  KIN_HARDENING_ABI constexpr auto with_depth() const noexcept
    requires detail::order_can_track_depth<Order>
  {
    using O2 = typename Order::template with_state<std::ptrdiff_t>;
    walk_view<VT, O2, Const> v(bound());
    if (begin_ != end()) {
      v = v.from(V::to_value_ptr(begin_.node()));
    } else {
      v.begin_ = v.end(); // a resumed view past its last value stays empty
    }
    return v;
  }

private:
  template <class, class, bool>
  friend class walk_view;

  KIN_HARDENING_ABI constexpr node_ptr bound() const noexcept { return bound_; }
  KIN_HARDENING_ABI static constexpr iterator make_begin(node_ptr b) noexcept {
    typename Order::state state{};
    const auto position = Order::first(b, state); // sets state: before the copy below
    return iterator(position, b, state);
  }
  node_ptr bound_ = nullptr;
  iterator begin_;
};

namespace detail {

// The view of order `O<links>` over the walk's start.
template <class VT, template <class> class OrderOf, class From>
KIN_HARDENING_ABI constexpr auto make_walk(const From& from) noexcept {
  using S = start_t<VT, From>;
  using V = typename S::traits;
  using O = OrderOf<native_links<typename V::node_traits>>;
  return walk_view<V, O, S::is_const>(S::node(from));
}

template <class L>
using children_order_of = typename children_order_for<typename L::traits, L>::type;
template <class L>
using preorder_order_of = preorder_order<L>;
template <class L>
using descendants_order_of = descendants_order<L>;
template <class L>
using postorder_order_of = postorder_order<L>;

} // namespace detail

/// The children of `from`, first to last.
/// @complexity O(1) per step.
template <class VT = detail::deduce, class From>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI constexpr auto children(From&& from) noexcept {
  return detail::make_walk<VT, detail::children_order_of>(from);
}

/// `from` and its descendants in pre-order (parent first, children first to
/// last). The iterator offers `skip_children()`; `.with_depth()` adds
/// `depth()` (0 for `from`).
/// @complexity O(size) for the whole walk.
template <class VT = detail::deduce, class From>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI constexpr auto preorder(From&& from) noexcept {
  return detail::make_walk<VT, detail::preorder_order_of>(from);
}

/// `from`'s descendants in pre-order, without `from` (the kernel's
/// `for_each_resource`). `skip_children()` as in preorder; with
/// `.with_depth()`, `depth()` is 1 for `from`'s children.
/// @complexity O(size) for the whole walk.
template <class VT = detail::deduce, class From>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI constexpr auto descendants(From&& from) noexcept {
  return detail::make_walk<VT, detail::descendants_order_of>(from);
}

/// `from` and its descendants in post-order (children first to last, then
/// the parent). The first value is found when the view is made.
/// @complexity O(height) to make; O(size) for the whole walk.
template <class VT = detail::deduce, class From>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI constexpr auto postorder(From&& from) noexcept {
  return detail::make_walk<VT, detail::postorder_order_of>(from);
}

/// Post-order that tolerates unlinking or disposing the value it stands on
/// (each step is taken on arrival). Forward only. Use it to tear a tree down.
/// @complexity O(height) to make; O(size) for the whole walk.
template <class VT = detail::deduce, class From>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI constexpr auto postorder_safe(From&& from) noexcept {
  return detail::make_walk<VT, detail::postorder_safe_order>(from);
}

/// The leaves of `from`'s subtree, first to last (`from` itself when
/// childless).
/// @complexity O(height) to make; O(size) for the whole walk.
template <class VT = detail::deduce, class From>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI constexpr auto leaves(From&& from) noexcept {
  return detail::make_walk<VT, detail::leaves_order>(from);
}

/// The ancestors of `from`, parent first, up to the root. Forward only on
/// every layout: a root-first walk needs storage (kin::ancestors_reverse).
/// @complexity O(1) per step.
template <class VT = detail::deduce, class From>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI constexpr auto ancestors(From&& from) noexcept {
  return detail::make_walk<VT, detail::ancestors_order>(from);
}

} // namespace kin

/// @cond
template <class VT, class Order, bool Const>
inline constexpr bool std::ranges::enable_borrowed_range<kin::walk_view<VT, Order, Const>> = true;
/// @endcond

#endif // KIN_WALKERS_HPP
