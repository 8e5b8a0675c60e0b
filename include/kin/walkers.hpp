/// @file
/// @brief Walkers: iterators and ranges over the tree orders, for range-for
/// and `std::ranges`.
///
/// ```cpp
/// using T = kin::compact_traits;
/// for (auto* c : kin::children<T>(&root)) ...          // first to last child
/// for (auto it = kin::preorder<T>(&root).begin(); it != end;)  // skip a subtree
///   if (boring(*it)) it.skip_children(); else { use(*it, it.depth()); ++it; }
/// for (auto* n : kin::postorder_safe<T>(&root)) dispose(n);  // may free *it
/// for (auto* c : kin::children_reverse<T>(&root)) ...  // bidirectional layouts
/// ```
///
/// An iterator is `{node, bound}`: the bound is the walk's root (the parent,
/// for children), so `end()` is `{nullptr, bound}` and can be decremented on
/// bidirectional layouts. Every range is a common, borrowed view whose
/// `begin()` is O(1) (post-order and leaves find their first node once, when
/// the view is made). Iterators dereference to `node_ptr`.
///
/// Iterator validity: an iterator stays valid while the node it stands on
/// stays in the bound's subtree; linking or unlinking *other* nodes is fine
/// on every layout (a walk then sees the tree as it is when it gets there).
/// postorder_safe also survives unlinking or disposing the node it stands on.
/// Views computed their first node when made: re-make a view after mutating.
///
/// Reverse walks are native on bidirectional layouts: the `_reverse` ranges'
/// `++` is the predecessor step, so they cost the same pointer hops as the
/// forward walk (`std::views::reverse` costs twice as many).
#ifndef KIN_WALKERS_HPP
#define KIN_WALKERS_HPP

#include <kin/steps.hpp>
#include <kin/traits.hpp>

#include <cstddef>
#include <iterator>
#include <ranges>
#include <type_traits>

namespace kin {

namespace detail {

// A walk is a set of static steps over (node, bound, state). `first`/`last`
// give the ends; `next`/`prev` step (never called with a null node).

template <forward_tree_traits T>
struct children_walk {
  using node_ptr = typename T::node_ptr;
  using state = no_depth;
  static constexpr bool bidirectional = bidirectional_tree_traits<T>;
  static constexpr node_ptr first(node_ptr b, state&) noexcept { return T::get_first_child(b); }
  static constexpr node_ptr last(node_ptr b, state&) noexcept { return last_in<T>(b); }
  static constexpr node_ptr next(node_ptr n, node_ptr b, state&) noexcept { return next_in<T>(n, b); }
  static constexpr node_ptr prev(node_ptr n, node_ptr b, state&) noexcept { return prev_in<T>(n, b); }
};

// Depth = std::ptrdiff_t tracks the depth below the bound (preorder,
// descendants); Depth = no_depth skips that bookkeeping (their reverse
// ranges, which offer no depth()).
template <forward_tree_traits T, class Depth = std::ptrdiff_t>
struct preorder_walk {
  using node_ptr = typename T::node_ptr;
  using state = Depth;
  static constexpr bool bidirectional = bidirectional_tree_traits<T>;
  static constexpr node_ptr first(node_ptr b, state& d) noexcept {
    d = state{};
    return b;
  }
  static constexpr node_ptr last(node_ptr b, state& d) noexcept {
    d = state{};
    return detail::rightmost_leaf<T>(b, d);
  }
  static constexpr node_ptr next(node_ptr n, node_ptr b, state& d) noexcept {
    return detail::preorder_next<T>(n, b, d);
  }
  static constexpr node_ptr prev(node_ptr n, node_ptr b, state& d) noexcept {
    return detail::preorder_prev<T>(n, b, d);
  }
  static constexpr node_ptr skip(node_ptr n, node_ptr b, state& d) noexcept {
    return detail::climb_to_next<T>(n, b, d);
  }
};

// Pre-order without the bound itself.
template <forward_tree_traits T, class Depth = std::ptrdiff_t>
struct descendants_walk : preorder_walk<T, Depth> {
  using node_ptr = typename T::node_ptr;
  using state = Depth;
  static constexpr node_ptr first(node_ptr b, state& d) noexcept {
    d = state{};
    d += 1;
    return T::get_first_child(b);
  }
  static constexpr node_ptr last(node_ptr b, state& d) noexcept {
    node_ptr c = last_in<T>(b);
    d = state{};
    d += 1;
    return c ? detail::rightmost_leaf<T>(c, d) : nullptr;
  }
  // Stepping back from the first child must end the walk, not reach b.
  static constexpr node_ptr prev(node_ptr n, node_ptr b, state& d) noexcept {
    node_ptr p = detail::preorder_prev<T>(n, b, d);
    return p == b ? nullptr : p;
  }
};

template <forward_tree_traits T>
struct postorder_walk {
  using node_ptr = typename T::node_ptr;
  using state = no_depth;
  static constexpr bool bidirectional = bidirectional_tree_traits<T>;
  static constexpr node_ptr first(node_ptr b, state& d) noexcept { return detail::leftmost_leaf<T>(b, d); }
  static constexpr node_ptr last(node_ptr b, state&) noexcept { return b; }
  static constexpr node_ptr next(node_ptr n, node_ptr b, state& d) noexcept {
    return detail::postorder_next<T>(n, b, d);
  }
  static constexpr node_ptr prev(node_ptr n, node_ptr b, state& d) noexcept {
    return detail::postorder_prev<T>(n, b, d);
  }
};

// Parent first, children last to first: post-order backwards.
template <bidirectional_tree_traits T>
struct mirrored_preorder_walk {
  using node_ptr = typename T::node_ptr;
  using state = std::ptrdiff_t;
  static constexpr bool bidirectional = true;
  static constexpr node_ptr first(node_ptr b, state& d) noexcept {
    d = 0;
    return b;
  }
  static constexpr node_ptr last(node_ptr b, state& d) noexcept {
    d = 0;
    return detail::leftmost_leaf<T>(b, d);
  }
  static constexpr node_ptr next(node_ptr n, node_ptr b, state& d) noexcept {
    return detail::postorder_prev<T>(n, b, d);
  }
  static constexpr node_ptr prev(node_ptr n, node_ptr b, state& d) noexcept {
    return detail::postorder_next<T>(n, b, d);
  }
  static constexpr node_ptr skip(node_ptr n, node_ptr b, state& d) noexcept {
    return detail::climb_to_prev<T>(n, b, d);
  }
};

template <forward_tree_traits T>
struct leaves_walk {
  using node_ptr = typename T::node_ptr;
  using state = no_depth;
  static constexpr bool bidirectional = bidirectional_tree_traits<T>;
  static constexpr node_ptr first(node_ptr b, state& d) noexcept { return detail::leftmost_leaf<T>(b, d); }
  static constexpr node_ptr last(node_ptr b, state& d) noexcept { return detail::rightmost_leaf<T>(b, d); }
  static constexpr node_ptr next(node_ptr n, node_ptr b, state& d) noexcept {
    node_ptr s = detail::climb_to_next<T>(n, b, d);
    return s ? detail::leftmost_leaf<T>(s, d) : nullptr;
  }
  static constexpr node_ptr prev(node_ptr n, node_ptr b, state& d) noexcept {
    node_ptr s = detail::climb_to_prev<T>(n, b, d);
    return s ? detail::rightmost_leaf<T>(s, d) : nullptr;
  }
};

template <forward_tree_traits T>
struct ancestors_walk {
  using node_ptr = typename T::node_ptr;
  using state = no_depth;
  static constexpr bool bidirectional = false;
  static constexpr node_ptr first(node_ptr b, state&) noexcept { return T::get_parent(b); }
  static constexpr node_ptr next(node_ptr n, node_ptr, state&) noexcept { return T::get_parent(n); }
};

// The same walk backwards: ++ is the predecessor step.
template <class Walk>
struct reversed_walk {
  using node_ptr = typename Walk::node_ptr;
  using state = typename Walk::state;
  static constexpr bool bidirectional = true;
  static constexpr node_ptr first(node_ptr b, state& d) noexcept { return Walk::last(b, d); }
  static constexpr node_ptr last(node_ptr b, state& d) noexcept { return Walk::first(b, d); }
  static constexpr node_ptr next(node_ptr n, node_ptr b, state& d) noexcept { return Walk::prev(n, b, d); }
  static constexpr node_ptr prev(node_ptr n, node_ptr b, state& d) noexcept { return Walk::next(n, b, d); }
};

template <class Walk>
concept walk_with_depth = std::same_as<typename Walk::state, std::ptrdiff_t>;
template <class Walk>
concept walk_with_skip = requires(typename Walk::node_ptr n, typename Walk::state s) { Walk::skip(n, n, s); };

} // namespace detail

/// Iterator of a kin walk: `{node, bound}` plus the walk's depth where it has
/// one. Forward on singly linked layouts, bidirectional on the others; `end()`
/// is `{nullptr, bound}` and decrementing it reaches the walk's last node.
template <forward_tree_traits T, class Walk>
class walk_iterator {
public:
  /// Pointer to a node.
  using node_ptr = typename T::node_ptr;
  /// Bidirectional where the walk can step back in O(1), else forward.
  using iterator_concept =
      std::conditional_t<Walk::bidirectional, std::bidirectional_iterator_tag, std::forward_iterator_tag>;
  /// Same as iterator_concept (libstdc++'s reverse_iterator reads it).
  using iterator_category = iterator_concept;
  /// Walks yield node pointers.
  using value_type = node_ptr;
  /// Dereferencing yields a node pointer by value.
  using reference = node_ptr;
  /// Signed distance type.
  using difference_type = std::ptrdiff_t;

  /// A singular iterator (equal to any end()).
  constexpr walk_iterator() noexcept = default;
  /// An iterator on `node` (null: the end) of the walk bounded by `bound`.
  constexpr walk_iterator(node_ptr node, node_ptr bound, typename Walk::state state) noexcept
      : node_(node), bound_(bound), state_(state) {}

  /// The node the iterator stands on. @complexity O(1)
  constexpr node_ptr operator*() const noexcept { return node_; }
  /// The node the iterator stands on (null at the end). @complexity O(1)
  constexpr node_ptr node() const noexcept { return node_; }
  /// The walk's root (the parent, for a children walk). @complexity O(1)
  constexpr node_ptr bound() const noexcept { return bound_; }

  /// Steps to the next node of the walk.
  /// @complexity amortised O(1) over a whole walk.
  constexpr walk_iterator& operator++() noexcept {
    node_ = Walk::next(node_, bound_, state_);
    return *this;
  }
  /// Steps to the next node, returning the old position.
  constexpr walk_iterator operator++(int) noexcept {
    walk_iterator old = *this;
    ++*this;
    return old;
  }
  /// Steps back (from end(): to the walk's last node). Only on bidirectional
  /// layouts. Decrementing begin() is undefined.
  /// @complexity amortised O(1) over a whole walk.
  constexpr walk_iterator& operator--() noexcept
    requires Walk::bidirectional
  {
    node_ = node_ ? Walk::prev(node_, bound_, state_) : Walk::last(bound_, state_);
    return *this;
  }
  /// Steps back, returning the old position. Only on bidirectional layouts.
  constexpr walk_iterator operator--(int) noexcept
    requires Walk::bidirectional
  {
    walk_iterator old = *this;
    --*this;
    return old;
  }

  /// Depth of the current node below the walk's root (the root is 0). Only on
  /// pre-order, descendants and mirrored pre-order walks.
  /// @complexity O(1)
  constexpr std::ptrdiff_t depth() const noexcept
    requires detail::walk_with_depth<Walk>
  {
    return state_;
  }

  /// Advances to the next node of the walk that is not a descendant of the
  /// current one (the kernel's `next_resource(p, true)`). Only on pre-order,
  /// descendants and mirrored pre-order walks.
  /// @complexity O(levels climbed)
  constexpr walk_iterator& skip_children() noexcept
    requires detail::walk_with_skip<Walk>
  {
    node_ = Walk::skip(node_, bound_, state_);
    return *this;
  }

  /// Iterators of one walk are equal when they stand on the same node.
  friend constexpr bool operator==(const walk_iterator& a, const walk_iterator& b) noexcept {
    return a.node_ == b.node_;
  }

private:
  /// @cond
  node_ptr node_ = nullptr;
  node_ptr bound_ = nullptr;
  [[no_unique_address]] typename Walk::state state_ = {};
  /// @endcond
};

/// A walk as a common, borrowed view: `[begin(), end())` with O(1) begin().
template <forward_tree_traits T, class Walk>
class walk_view : public std::ranges::view_interface<walk_view<T, Walk>> {
public:
  /// The view's iterator.
  using iterator = walk_iterator<T, Walk>;

  /// An empty view.
  constexpr walk_view() noexcept = default;
  /// The walk bounded by `bound`; finds its first node now.
  /// @complexity O(1), or O(height) for post-order and leaves walks.
  constexpr explicit walk_view(typename T::node_ptr bound) noexcept : begin_(make_begin(bound)) {}

  /// The first node of the walk. @complexity O(1)
  constexpr iterator begin() const noexcept { return begin_; }
  /// The end: `{nullptr, bound}`. @complexity O(1)
  constexpr iterator end() const noexcept { return iterator(nullptr, begin_.bound(), {}); }

private:
  static constexpr iterator make_begin(typename T::node_ptr bound) noexcept {
    typename Walk::state state{};
    typename T::node_ptr first = Walk::first(bound, state);
    return iterator(first, bound, state);
  }
  iterator begin_;
};

/// Iterator of postorder_safe: it finds the next node when it arrives at a
/// node, so the current node may be unlinked or disposed before `++`.
template <forward_tree_traits T>
class postorder_safe_iterator {
public:
  /// Pointer to a node.
  using node_ptr = typename T::node_ptr;
  /// Forward only.
  using iterator_concept = std::forward_iterator_tag;
  /// Forward only.
  using iterator_category = std::forward_iterator_tag;
  /// Walks yield node pointers.
  using value_type = node_ptr;
  /// Dereferencing yields a node pointer by value.
  using reference = node_ptr;
  /// Signed distance type.
  using difference_type = std::ptrdiff_t;

  /// A singular iterator (equal to any end()).
  constexpr postorder_safe_iterator() noexcept = default;
  /// An iterator on `node` (null: the end) of the post-order walk of `bound`.
  constexpr postorder_safe_iterator(node_ptr node, node_ptr bound) noexcept
      : node_(node), next_(node ? postorder_next<T>(node, bound) : nullptr), bound_(bound) {}

  /// The node the iterator stands on. @complexity O(1)
  constexpr node_ptr operator*() const noexcept { return node_; }
  /// Steps to the node found on arrival, then looks one node further.
  /// @complexity amortised O(1) over a whole walk.
  constexpr postorder_safe_iterator& operator++() noexcept {
    node_ = next_;
    next_ = node_ ? postorder_next<T>(node_, bound_) : nullptr;
    return *this;
  }
  /// Steps, returning the old position.
  constexpr postorder_safe_iterator operator++(int) noexcept {
    postorder_safe_iterator old = *this;
    ++*this;
    return old;
  }
  /// Equal when standing on the same node.
  friend constexpr bool operator==(const postorder_safe_iterator& a, const postorder_safe_iterator& b) noexcept {
    return a.node_ == b.node_;
  }

private:
  node_ptr node_ = nullptr;
  node_ptr next_ = nullptr;
  node_ptr bound_ = nullptr;
};

/// The view returned by postorder_safe.
template <forward_tree_traits T>
class postorder_safe_view : public std::ranges::view_interface<postorder_safe_view<T>> {
public:
  /// The view's iterator.
  using iterator = postorder_safe_iterator<T>;
  /// An empty view.
  constexpr postorder_safe_view() noexcept = default;
  /// The post-order walk of `bound`. @complexity O(height)
  constexpr explicit postorder_safe_view(typename T::node_ptr bound) noexcept
      : bound_(bound), first_(leftmost_leaf<T>(bound)) {}
  /// A fresh iterator on the first node. @complexity O(1)
  constexpr iterator begin() const noexcept { return iterator(first_, bound_); }
  /// The end. @complexity O(1)
  constexpr iterator end() const noexcept { return iterator(); }

private:
  typename T::node_ptr bound_ = nullptr;
  typename T::node_ptr first_ = nullptr;
};

/// The children of `n`, first to last.
/// @complexity O(1) per step.
template <forward_tree_traits T>
constexpr auto children(typename T::node_ptr n) noexcept {
  return walk_view<T, detail::children_walk<T>>(n);
}

/// `n` and its descendants in pre-order (parent first, children first to
/// last). The iterator offers `depth()` (0 for `n`) and `skip_children()`.
/// @complexity O(size) for the whole walk.
template <forward_tree_traits T>
constexpr auto preorder(typename T::node_ptr n) noexcept {
  return walk_view<T, detail::preorder_walk<T>>(n);
}

/// `n`'s descendants in pre-order, without `n` (the kernel's
/// `for_each_resource(n)`). `depth()` is 1 for `n`'s children.
/// @complexity O(size) for the whole walk.
template <forward_tree_traits T>
constexpr auto descendants(typename T::node_ptr n) noexcept {
  return walk_view<T, detail::descendants_walk<T>>(n);
}

/// `n` and its descendants in post-order (children first to last, then the
/// parent). The first node is found when the view is made.
/// @complexity O(height) to make; O(size) for the whole walk.
template <forward_tree_traits T>
constexpr auto postorder(typename T::node_ptr n) noexcept {
  return walk_view<T, detail::postorder_walk<T>>(n);
}

/// Post-order that tolerates unlinking or disposing the node it stands on
/// (each step is taken on arrival). Forward only. Use it to tear a tree down.
/// @complexity O(height) to make; O(size) for the whole walk.
template <forward_tree_traits T>
constexpr auto postorder_safe(typename T::node_ptr n) noexcept {
  return postorder_safe_view<T>(n);
}

/// The leaves of `n`'s subtree, first to last (`n` itself when childless).
/// @complexity O(height) to make; O(size) for the whole walk.
template <forward_tree_traits T>
constexpr auto leaves(typename T::node_ptr n) noexcept {
  return walk_view<T, detail::leaves_walk<T>>(n);
}

/// The ancestors of `n`, parent first, up to the root. Forward only on every
/// layout: a root-first walk needs storage (see ancestors_reverse).
/// @complexity O(1) per step.
template <forward_tree_traits T>
constexpr auto ancestors(typename T::node_ptr n) noexcept {
  return walk_view<T, detail::ancestors_walk<T>>(n);
}

/// The children of `n`, last to first. Only on bidirectional layouts.
/// @complexity O(1) per step.
template <bidirectional_tree_traits T>
constexpr auto children_reverse(typename T::node_ptr n) noexcept {
  return walk_view<T, detail::reversed_walk<detail::children_walk<T>>>(n);
}

/// preorder(n) backwards: the last node of the pre-order first, `n` last.
/// Only on bidirectional layouts.
/// @complexity O(height) to make; O(size) for the whole walk.
template <bidirectional_tree_traits T>
constexpr auto preorder_reverse(typename T::node_ptr n) noexcept {
  return walk_view<T, detail::reversed_walk<detail::preorder_walk<T, detail::no_depth>>>(n);
}

/// descendants(n) backwards. Only on bidirectional layouts.
/// @complexity O(height) to make; O(size) for the whole walk.
template <bidirectional_tree_traits T>
constexpr auto descendants_reverse(typename T::node_ptr n) noexcept {
  return walk_view<T, detail::reversed_walk<detail::descendants_walk<T, detail::no_depth>>>(n);
}

/// Mirrored pre-order: each parent before its children, children last to
/// first. The iterator offers `depth()` and `skip_children()`. The same
/// sequence as postorder_reverse. Only on bidirectional layouts.
/// @complexity O(size) for the whole walk.
template <bidirectional_tree_traits T>
constexpr auto mirrored_preorder(typename T::node_ptr n) noexcept {
  return walk_view<T, detail::mirrored_preorder_walk<T>>(n);
}

/// postorder(n) backwards; the same range as mirrored_preorder(n). Only on
/// bidirectional layouts.
/// @complexity O(size) for the whole walk.
template <bidirectional_tree_traits T>
constexpr auto postorder_reverse(typename T::node_ptr n) noexcept {
  return mirrored_preorder<T>(n);
}

/// The leaves of `n`'s subtree, last to first. Only on bidirectional layouts.
/// @complexity O(height) to make; O(size) for the whole walk.
template <bidirectional_tree_traits T>
constexpr auto leaves_reverse(typename T::node_ptr n) noexcept {
  return walk_view<T, detail::reversed_walk<detail::leaves_walk<T>>>(n);
}

} // namespace kin

/// @cond
template <class T, class Walk>
inline constexpr bool std::ranges::enable_borrowed_range<kin::walk_view<T, Walk>> = true;
template <class T>
inline constexpr bool std::ranges::enable_borrowed_range<kin::postorder_safe_view<T>> = true;
/// @endcond

#endif // KIN_WALKERS_HPP
