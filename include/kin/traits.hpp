// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief Node traits: the concepts that tell kin how to read and change the
/// links of a node.
///
/// A *node traits* type is a struct of static functions, in the spirit of
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
/// layout's "first child's prev is the last child" rule. kin::singly_policy,
/// kin::compact_policy and kin::list_policy build that policy from a few raw
/// accessors of a foreign struct.
///
/// ## Optional members
///
/// Node traits may also provide these; kin detects each one and uses it:
///
/// | member | used by | contract |
/// |---|---|---|
/// | `static bool is_linked(const_node_ptr n)` | the hardening checks of the algorithms | whether `n` is in a tree (safe on any node, linked or not) |
/// | `static node_ptr step_next_sibling(const_node_ptr n, const_node_ptr parent)` | walkers | the next sibling of `n`, or null |
/// | `static node_ptr step_prev_sibling(const_node_ptr n, const_node_ptr parent)` | reverse walkers | the previous sibling of `n`, or null |
/// | `static node_ptr step_last_child(const_node_ptr n)` | reverse walkers | the last child of `n`, or null |
///
/// The three `step_` members are *walker steps*: kin calls them only on a
/// node it reached by walking a tree, so they may assume what a well-formed
/// tree guarantees — `n` is linked, `parent` is its parent, a ring pointer is
/// not null — and skip the tests that the `get_` accessors make to be safe
/// on any node (kin::verify uses only the `get_` accessors). The parent
/// argument saves a load where the layout needs the parent to answer (the
/// list_head layout compares against the parent's ring header; the compact
/// layout tells the first child by it). A layout without them gets the
/// `get_` accessors.
///
/// Ring layouts (a circular sibling list headed in the parent, like the
/// kernel's `list_head`) may further let children walks step along the ring
/// and turn a ring element into a node only when it is dereferenced, which is
/// what a hand-written `list_for_each_entry` does: `using ring_ptr`, and
/// static `child_ring(n)` (the header of `n`'s children), `sibling_ring(n)`
/// (`n`'s own element), `ring_next(r)`, `ring_prev(r)` and
/// `from_sibling_ring(r)`. kin::list_policy provides them.
#ifndef KIN_TRAITS_HPP
#define KIN_TRAITS_HPP

#include <concepts>
#include <type_traits>

namespace kin {

/// Read-only forward traits: parent, first child and next sibling.
///
/// `node_ptr` and `const_node_ptr` are raw pointers; every accessor returns
/// null where there is no such node and is safe on any node, linked or not.
/// `node_ptr` may itself point to const (a read-only view of a `constexpr`
/// tree).
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

/// The tag of a hook that is its class's only hook of that layout. Give a
/// hook another tag (any type) to put one object in two trees of the same
/// layout: `struct task : kin::list_hook<by_pid>, kin::list_hook<by_parent>`.
struct default_tag {};

namespace detail {

// Detection of the optional members listed in this file's documentation.
template <class T>
concept has_is_linked = requires(typename T::const_node_ptr c) {
  { T::is_linked(c) } -> std::same_as<bool>;
};
template <class T>
concept has_step_next_sibling = requires(typename T::const_node_ptr c) {
  { T::step_next_sibling(c, c) } -> std::same_as<typename T::node_ptr>;
};
template <class T>
concept has_step_prev_sibling = requires(typename T::const_node_ptr c) {
  { T::step_prev_sibling(c, c) } -> std::same_as<typename T::node_ptr>;
};
template <class T>
concept has_step_last_child = requires(typename T::const_node_ptr c) {
  { T::step_last_child(c) } -> std::same_as<typename T::node_ptr>;
};
template <class T>
concept has_ring = requires(typename T::const_node_ptr c, typename T::ring_ptr r) {
  { T::child_ring(c) } -> std::same_as<typename T::ring_ptr>;
  { T::sibling_ring(c) } -> std::same_as<typename T::ring_ptr>;
  { T::ring_next(r) } -> std::same_as<typename T::ring_ptr>;
  { T::ring_prev(r) } -> std::same_as<typename T::ring_ptr>;
  { T::from_sibling_ring(r) } -> std::same_as<typename T::node_ptr>;
};

} // namespace detail
} // namespace kin

#endif // KIN_TRAITS_HPP
