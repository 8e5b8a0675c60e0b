/// @file
/// @brief Tree traits: the concepts that tell kin how to read and change the
/// links of a node.
///
/// A *traits type* is a struct of static functions, in the spirit of
/// Boost.Intrusive's NodeTraits. kin never touches a node except through it,
/// so the same walkers and algorithms serve kin's own hooks and a C struct
/// kin did not define:
///
/// ```cpp
/// struct c_node { c_node *parent, *sibling, *child; int value; };
///
/// struct c_node_traits {              // read-only: enough for every forward walk
///   using node = c_node;
///   using node_ptr = c_node*;
///   using const_node_ptr = const c_node*;
///   static constexpr node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
///   static constexpr node_ptr get_first_child(const_node_ptr n) noexcept { return n->child; }
///   static constexpr node_ptr get_next_sibling(const_node_ptr n) noexcept { return n->sibling; }
/// };
/// static_assert(kin::forward_tree_traits<c_node_traits>);
/// ```
///
/// Mutation is a separate concept, mutable_tree_traits: each layout supplies a
/// *sibling-list policy* (link first, link after, link before, unlink, transfer
/// a run) because generic `set_*` calls cannot keep a ring or the compact
/// layout's "first child's prev is the last child" rule. For a foreign singly
/// linked struct, kin::singly_policy builds that policy from plain setters.
#ifndef KIN_TRAITS_HPP
#define KIN_TRAITS_HPP

#include <concepts>
#include <type_traits>

namespace kin {

/// Read-only forward traits: parent, first child and next sibling.
///
/// `node_ptr` and `const_node_ptr` are raw pointers; every accessor returns
/// null where there is no such node. `node_ptr` may itself point to const
/// (a read-only view of a `constexpr` tree).
template <class T>
concept forward_tree_traits =
    std::is_pointer_v<typename T::node_ptr> && std::is_pointer_v<typename T::const_node_ptr> &&
    std::convertible_to<typename T::node_ptr, typename T::const_node_ptr> &&
    requires(typename T::const_node_ptr c) {
      { T::get_parent(c) } -> std::same_as<typename T::node_ptr>;
      { T::get_first_child(c) } -> std::same_as<typename T::node_ptr>;
      { T::get_next_sibling(c) } -> std::same_as<typename T::node_ptr>;
    };

/// Bidirectional traits: forward traits plus last child and previous sibling,
/// both expected in O(1). Reverse walks are native on such layouts.
template <class T>
concept bidirectional_tree_traits =
    forward_tree_traits<T> && requires(typename T::const_node_ptr c) {
      { T::get_last_child(c) } -> std::same_as<typename T::node_ptr>;
      { T::get_prev_sibling(c) } -> std::same_as<typename T::node_ptr>;
    };

/// Mutable traits: forward traits plus the layout's sibling-list policy.
///
/// With `p`, `pos`, `n`, `first`, `last` of type `node_ptr`:
/// - `T::link_first(p, n)`: unlinked `n` becomes `p`'s first child;
/// - `T::link_after(pos, n)` / `T::link_before(pos, n)`: unlinked `n` becomes
///   `pos`'s next / previous sibling (`pos` has a parent);
/// - `T::unlink(n)`: `n` leaves its parent's child list with its subtree; its
///   parent and sibling links are cleared, its children stay;
/// - `T::transfer(p, pos, first, last)`: the run of consecutive siblings
///   `first`..`last` (inclusive) moves before `pos` among `p`'s children
///   (`pos == nullptr`: at the end), each moved node getting `p` as parent.
///   When the run already sits there (`pos == first`, or `pos` is the node
///   after `last` under the same parent) it is a no-op.
template <class T>
concept mutable_tree_traits =
    forward_tree_traits<T> && !std::is_const_v<typename T::node> &&
    std::same_as<typename T::node_ptr, typename T::node*> &&
    requires(typename T::node_ptr n) {
      T::link_first(n, n);
      T::link_after(n, n);
      T::link_before(n, n);
      T::unlink(n);
      T::transfer(n, n, n, n);
    };

namespace detail {
template <class T>
concept has_next_sibling_in_ = requires(typename T::const_node_ptr c) { T::next_sibling_in(c, c); };
template <class T>
concept has_prev_sibling_in_ = requires(typename T::const_node_ptr c) { T::prev_sibling_in(c, c); };
} // namespace detail

/// Read-only traits over `const` nodes, from any traits `T` whose
/// `const_node_ptr` is `const node*`: walks and verify over a `const` tree
/// (a `constexpr` memory map in static storage, say) without a cast.
/// Bidirectional exactly when `T` is.
template <forward_tree_traits T>
struct const_traits {
  /// The node type, const.
  using node = const typename T::node;
  /// Pointer to a const node.
  using node_ptr = const typename T::node*;
  /// Pointer to a const node.
  using const_node_ptr = node_ptr;
  /// The parent, or null. @complexity as `T`'s
  static constexpr node_ptr get_parent(const_node_ptr n) noexcept { return T::get_parent(n); }
  /// The first child, or null. @complexity as `T`'s
  static constexpr node_ptr get_first_child(const_node_ptr n) noexcept { return T::get_first_child(n); }
  /// The next sibling, or null. @complexity as `T`'s
  static constexpr node_ptr get_next_sibling(const_node_ptr n) noexcept { return T::get_next_sibling(n); }
  /// The last child, or null. Only when `T` is bidirectional. @complexity as `T`'s
  static constexpr node_ptr get_last_child(const_node_ptr n) noexcept
    requires bidirectional_tree_traits<T>
  {
    return T::get_last_child(n);
  }
  /// The previous sibling, or null. Only when `T` is bidirectional. @complexity as `T`'s
  static constexpr node_ptr get_prev_sibling(const_node_ptr n) noexcept
    requires bidirectional_tree_traits<T>
  {
    return T::get_prev_sibling(n);
  }
  /// The last child on a well-formed tree. Only when `T` has it. @complexity as `T`'s
  static constexpr node_ptr last_child_in(const_node_ptr n) noexcept
    requires requires(typename T::const_node_ptr c) { T::last_child_in(c); }
  {
    return T::last_child_in(n);
  }
  /// The next sibling of `n` under `parent`. Only when `T` has it. @complexity as `T`'s
  static constexpr node_ptr next_sibling_in(const_node_ptr n, const_node_ptr parent) noexcept
    requires detail::has_next_sibling_in_<T>
  {
    return T::next_sibling_in(n, parent);
  }
  /// The previous sibling of `n` under `parent`. Only when `T` has it. @complexity as `T`'s
  static constexpr node_ptr prev_sibling_in(const_node_ptr n, const_node_ptr parent) noexcept
    requires detail::has_prev_sibling_in_<T>
  {
    return T::prev_sibling_in(n, parent);
  }
};

namespace detail {

template <class T>
concept has_next_sibling_in = requires(typename T::const_node_ptr c) {
  { T::next_sibling_in(c, c) } -> std::same_as<typename T::node_ptr>;
};
template <class T>
concept has_prev_sibling_in = requires(typename T::const_node_ptr c) {
  { T::prev_sibling_in(c, c) } -> std::same_as<typename T::node_ptr>;
};
template <class T>
concept has_last_child_in = requires(typename T::const_node_ptr c) {
  { T::last_child_in(c) } -> std::same_as<typename T::node_ptr>;
};
template <class T>
concept has_is_linked = requires(typename T::const_node_ptr c) {
  { T::is_linked(c) } -> std::same_as<bool>;
};

// Walkers always know the parent of the node they stand on; layouts whose
// sibling accessor would otherwise reload it (list_head: to find the ring's
// header; compact: to tell the first child) may provide the cheaper
// `next_sibling_in(n, parent)` / `prev_sibling_in(n, parent)`. These may
// assume a well-formed tree (KIN_ASSUME); verify uses get_* only.
template <forward_tree_traits T>
constexpr typename T::node_ptr next_in(typename T::const_node_ptr n,
                                       typename T::const_node_ptr parent) noexcept {
  if constexpr (has_next_sibling_in<T>) {
    return T::next_sibling_in(n, parent);
  } else {
    (void)parent;
    return T::get_next_sibling(n);
  }
}

template <bidirectional_tree_traits T>
constexpr typename T::node_ptr prev_in(typename T::const_node_ptr n,
                                       typename T::const_node_ptr parent) noexcept {
  if constexpr (has_prev_sibling_in<T>) {
    return T::prev_sibling_in(n, parent);
  } else {
    (void)parent;
    return T::get_prev_sibling(n);
  }
}

// The last child, through the layout's walker step when it has one (which
// may assume a well-formed tree, like next_sibling_in).
template <bidirectional_tree_traits T>
constexpr typename T::node_ptr last_in(typename T::const_node_ptr n) noexcept {
  if constexpr (has_last_child_in<T>) {
    return T::last_child_in(n);
  } else {
    return T::get_last_child(n);
  }
}

} // namespace detail
} // namespace kin

#endif // KIN_TRAITS_HPP
