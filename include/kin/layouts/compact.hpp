// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief The compact layout (4 pointers: parent, first child, next, prev),
/// where the first child's `prev` is the last child and the last child's
/// `next` is null, and kin::compact_policy, its sibling-list policy.
///
/// ```cpp
/// struct region { unsigned long start, end; kin::compact_hook<> hook; };
/// using VT = kin::member_hook<&region::hook>;   // bidirectional and mutable
/// ```
///
/// One pointer less than the list_head layout for the same O(1) both ways:
/// last child is `first->prev`, previous sibling is `prev` unless the node is
/// its parent's first child. A node is unlinked when it has no parent. Its
/// pointer stores are written by hand (it is neither of Boost's list shapes)
/// and tested differentially against the other layouts.
/// Iterators survive every operation except unlinking or moving the node
/// they stand on. Read-only walks are `constexpr`.
#ifndef KIN_LAYOUTS_COMPACT_HPP
#define KIN_LAYOUTS_COMPACT_HPP

#include <kin/config.hpp>
#include <kin/traits.hpp>

namespace kin {

/// Sibling-list policy and bidirectional accessors for any compact layout,
/// built from the raw accessors and setters of `Access` (which it inherits):
/// `using node`, `node_ptr`, `const_node_ptr`,
/// `get_parent`, `get_first_child`, `get_next_sibling`, `get_raw_prev` and
/// `set_parent`, `set_first_child`, `set_next_sibling`, `set_raw_prev`.
///
/// The policy's members check nothing: the link operations' **Requires**
/// are checked, per hardening mode, by kin's algorithms
/// (kin/algorithms.hpp), which call them. No member throws.
/// @complexity every operation O(1), except transfer: O(run length).
template <class Access>
struct compact_policy : Access {
  /// Pointer to a node.
  using node_ptr = typename Access::node_ptr;
  /// Pointer to a const node.
  using const_node_ptr = typename Access::const_node_ptr;

  /// The last child, or null. Safe on any pointer graph.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr get_last_child(const_node_ptr n) noexcept {
    node_ptr f = Access::get_first_child(n);
    return f ? Access::get_raw_prev(f) : nullptr;
  }
  /// Walker step: the last child, or null, on a well-formed tree (the first
  /// child's `prev` is never null there).
  /// @requires `n` is not null, in a well-formed tree (a null `prev` is
  /// checked in `extensive`). @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr step_last_child(const_node_ptr n) noexcept {
    node_ptr f = Access::get_first_child(n);
    if (!f) {
      return nullptr;
    }
    node_ptr last = Access::get_raw_prev(f);
    KIN_ASSUME(last != nullptr);
    return last;
  }
  /// The previous sibling, or null (also for a root or an unlinked node).
  /// Safe on any pointer graph (kin::verify uses it).
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr get_prev_sibling(const_node_ptr n) noexcept {
    node_ptr p = Access::get_parent(n);
    return !p || Access::get_first_child(p) == n ? nullptr : Access::get_raw_prev(n);
  }
  /// Walker step: the previous sibling of `n`, whose parent is `parent`, on
  /// a well-formed tree (a non-first child's `prev` is never null there).
  /// @requires `n` is a child of `parent` in a well-formed tree (a null
  /// `prev` is checked in `extensive`). @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr step_prev_sibling(const_node_ptr n, const_node_ptr parent) noexcept {
    if (Access::get_first_child(parent) == n) {
      return nullptr;
    }
    node_ptr prev = Access::get_raw_prev(n);
    KIN_ASSUME(prev != nullptr);
    return prev;
  }

  /// Makes unlinked `n` the first child of `p`.
  /// @requires `n` is unlinked and not `p` or an ancestor of `p` (unchecked).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void link_first(node_ptr p, node_ptr n) noexcept {
    node_ptr old_first = Access::get_first_child(p);
    if (old_first) {
      Access::set_raw_prev(n, Access::get_raw_prev(old_first));
      Access::set_raw_prev(old_first, n);
    } else {
      Access::set_raw_prev(n, n);
    }
    Access::set_next_sibling(n, old_first);
    Access::set_first_child(p, n);
    Access::set_parent(n, p);
  }
  /// Makes unlinked `n` the next sibling of `pos`.
  /// @requires `n` is unlinked; `pos` has a parent, not in `n`'s subtree
  /// (unchecked).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void link_after(node_ptr pos, node_ptr n) noexcept {
    node_ptr p = Access::get_parent(pos);
    node_ptr next = Access::get_next_sibling(pos);
    Access::set_raw_prev(n, pos);
    Access::set_next_sibling(n, next);
    Access::set_next_sibling(pos, n);
    // The node after n, or (n being last) the first child, points back at n.
    Access::set_raw_prev(next ? next : Access::get_first_child(p), n);
    Access::set_parent(n, p);
  }
  /// Makes unlinked `n` the previous sibling of `pos`.
  /// @requires `n` is unlinked; `pos` has a parent, not in `n`'s subtree
  /// (unchecked).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void link_before(node_ptr pos, node_ptr n) noexcept {
    node_ptr p = Access::get_parent(pos);
    if (Access::get_first_child(p) == pos) {
      link_first(p, n);
    } else {
      link_after(Access::get_raw_prev(pos), n);
    }
  }
  /// Removes `n` with its subtree and clears its parent and sibling links.
  /// @requires `n` has a parent (unchecked).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void unlink(node_ptr n) noexcept {
    cut(n, n);
    Access::set_next_sibling(n, nullptr);
    Access::set_raw_prev(n, nullptr);
    Access::set_parent(n, nullptr);
  }
  /// Moves the siblings `first`..`last` before `pos` among `p`'s children
  /// (`pos == nullptr`: at the end); a no-op when they already sit there.
  /// @requires `first`..`last` are consecutive siblings, in order, with a
  /// parent; `pos` is null or a child of `p` outside the run; `p` is not in
  /// the run's subtrees (unchecked).
  /// @throws_ Nothing.
  /// @complexity O(run length) (parent pointers are rewritten)
  KIN_HARDENING_ABI static constexpr void transfer(node_ptr p, node_ptr pos, node_ptr first, node_ptr last) noexcept {
    if (Access::get_parent(first) == p && (pos == first || pos == Access::get_next_sibling(last))) {
      return; // the run already sits there; cutting it first would lose it
    }
    cut(first, last);
    for (node_ptr x = first;; x = Access::get_next_sibling(x)) {
      Access::set_parent(x, p);
      if (x == last) {
        break;
      }
    }
    node_ptr p_first = Access::get_first_child(p);
    if (!p_first) { // empty list: the run is the whole list
      Access::set_raw_prev(first, last);
      Access::set_next_sibling(last, nullptr);
      Access::set_first_child(p, first);
    } else if (pos == p_first) { // new front
      Access::set_raw_prev(first, Access::get_raw_prev(p_first));
      Access::set_raw_prev(p_first, last);
      Access::set_next_sibling(last, p_first);
      Access::set_first_child(p, first);
    } else { // after some node `before`
      node_ptr before = pos ? Access::get_raw_prev(pos) : Access::get_raw_prev(p_first);
      Access::set_raw_prev(first, before);
      Access::set_next_sibling(before, first);
      Access::set_next_sibling(last, pos);
      Access::set_raw_prev(pos ? pos : p_first, last);
    }
  }

private:
  // Removes the run first..last from its parent's list, leaving the run's
  // own outer links (first's prev, last's next) stale.
  KIN_HARDENING_ABI static constexpr void cut(node_ptr first, node_ptr last) noexcept {
    node_ptr p = Access::get_parent(first);
    node_ptr p_first = Access::get_first_child(p);
    node_ptr after = Access::get_next_sibling(last);
    node_ptr before = Access::get_raw_prev(first); // the last child if first is the front
    if (first == p_first) {
      Access::set_first_child(p, after);
      if (after) {
        Access::set_raw_prev(after, before);
      }
    } else {
      Access::set_next_sibling(before, after);
      Access::set_raw_prev(after ? after : p_first, before);
    }
  }
};

struct compact_access;

/// The links of the compact layout: parent, first child, next sibling, and
/// `prev` (the previous sibling, or for a first child the last child). What
/// kin::compact_traits reads and writes; embed it through kin::compact_hook.
/// Neither copyable nor movable. An unlinked node has no parent.
class compact_node {
public:
  /// An unlinked, childless node. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr compact_node() noexcept = default;
  compact_node(const compact_node&) = delete; // kin: a hook never moves; keep values in place (not in a std::vector)
  compact_node& operator=(const compact_node&) = delete; // kin: a hook never copies or moves; keep values in place

private:
  friend struct compact_access;
  compact_node* parent_ = nullptr;
  compact_node* first_child_ = nullptr;
  compact_node* next_sibling_ = nullptr;
  compact_node* prev_ = nullptr;
};

static_assert(sizeof(compact_node) == 4 * sizeof(void*));

/// Raw accessors and setters of kin::compact_node (no invariants kept).
struct compact_access {
  /// The node type.
  using node = compact_node;
  /// Pointer to a node.
  using node_ptr = compact_node*;
  /// Pointer to a const node.
  using const_node_ptr = const compact_node*;

  /// The parent, or null.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr get_parent(const_node_ptr n) noexcept { return n->parent_; }
  /// The first child, or null.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr get_first_child(const_node_ptr n) noexcept { return n->first_child_; }
  /// The next sibling, or null.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr get_next_sibling(const_node_ptr n) noexcept { return n->next_sibling_; }
  /// The raw `prev` link: previous sibling, or the last child for a first child.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr get_raw_prev(const_node_ptr n) noexcept { return n->prev_; }
  /// Stores the parent link (no other link changes).
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void set_parent(node_ptr n, node_ptr v) noexcept { n->parent_ = v; }
  /// Stores the first-child link (no other link changes).
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void set_first_child(node_ptr n, node_ptr v) noexcept { n->first_child_ = v; }
  /// Stores the next-sibling link (no other link changes).
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void set_next_sibling(node_ptr n, node_ptr v) noexcept { n->next_sibling_ = v; }
  /// Stores the raw `prev` link (no other link changes).
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void set_raw_prev(node_ptr n, node_ptr v) noexcept { n->prev_ = v; }
  /// Whether `n` is in a tree, i.e. has a parent.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr bool is_linked(const_node_ptr n) noexcept { return n->parent_ != nullptr; }
};

/// Node traits of kin::compact_node: bidirectional and mutable (kin::compact_policy).
struct compact_traits : compact_policy<compact_access> {};

static_assert(bidirectional_tree_traits<compact_traits>);
static_assert(mutable_tree_traits<compact_traits>);

/// The 4-pointer hook: a kin::compact_node to embed in your class, as a
/// base (kin::base_hook) or a member (kin::member_hook). `Tag` tells several
/// compact hooks of one class apart.
template <class Tag = default_tag>
class compact_hook : public compact_node {
public:
  /// The node traits of this hook.
  using node_traits = compact_traits;
  /// The hook's tag.
  using tag = Tag;
};

static_assert(sizeof(compact_hook<>) == 4 * sizeof(void*));

} // namespace kin

#endif // KIN_LAYOUTS_COMPACT_HPP
