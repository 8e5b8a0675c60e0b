// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief The singly linked layout (3 pointers: parent, first child, next
/// sibling), the shape of Linux's `struct resource`, `struct device_node` and
/// ACPICA's namespace node, and kin::singly_policy, the sibling-list policy
/// that any such struct gets from plain setters.
///
/// ```cpp
/// struct region : kin::singly_hook<> { unsigned long start, end; };
/// using VT = kin::base_hook<region, kin::singly_hook<>>;   // walks yield region&
/// ```
///
/// Costs: first child, next sibling and parent are O(1); last child,
/// previous sibling, unlink and link_before scan the sibling list
/// (O(siblings)). Reverse walks need an explicit strategy (kin/reverse.hpp).
/// Iterators survive every operation except unlinking or moving the node
/// they stand on.
#ifndef KIN_LAYOUTS_SINGLY_HPP
#define KIN_LAYOUTS_SINGLY_HPP

#include <kin/config.hpp>
#include <kin/detail/siblings.hpp>
#include <kin/traits.hpp>

namespace kin {

/// Sibling-list policy for any singly linked layout, built from the raw
/// accessors and setters of `Access` (which it inherits): `using node`,
/// `node_ptr`, `const_node_ptr`,
/// `get_parent`, `get_first_child`, `get_next_sibling` and
/// `set_parent`, `set_first_child`, `set_next_sibling`.
///
/// A foreign C struct with `parent`, `child`, `sibling` fields becomes a
/// kin::mutable_tree_traits by deriving its traits from
/// `singly_policy<its_accessors>`.
///
/// The policy's members check nothing: their **Requires** are checked, per
/// hardening mode, by kin's algorithms (kin/algorithms.hpp), which call them.
/// No member throws.
/// @complexity link_first and link_after O(1); link_before and unlink
/// O(siblings before the node); transfer O(siblings + run length).
template <class Access>
struct singly_policy : Access {
  /// Pointer to a node.
  using node_ptr = typename Access::node_ptr;
  /// Pointer to a const node.
  using const_node_ptr = typename Access::const_node_ptr;

  /// Makes unlinked `n` the first child of `p`.
  /// @requires `n` is unlinked and not `p` or an ancestor of `p` (unchecked).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void link_first(node_ptr p, node_ptr n) noexcept {
    Access::set_next_sibling(n, Access::get_first_child(p));
    Access::set_first_child(p, n);
    Access::set_parent(n, p);
  }

  /// Makes unlinked `n` the next sibling of `pos` (`pos` has a parent).
  /// @requires `n` is unlinked; `pos` has a parent, not in `n`'s subtree
  /// (unchecked).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void link_after(node_ptr pos, node_ptr n) noexcept {
    Access::set_next_sibling(n, Access::get_next_sibling(pos));
    Access::set_next_sibling(pos, n);
    Access::set_parent(n, Access::get_parent(pos));
  }

  /// Makes unlinked `n` the previous sibling of `pos` (`pos` has a parent).
  /// @requires `n` is unlinked; `pos` has a parent, not in `n`'s subtree
  /// (unchecked).
  /// @throws_ Nothing. @complexity O(siblings before `pos`)
  KIN_HARDENING_ABI static constexpr void link_before(node_ptr pos, node_ptr n) noexcept {
    node_ptr p = Access::get_parent(pos);
    if (node_ptr pred = detail::scan_prev_sibling<Access>(pos, p)) {
      link_after(pred, n);
    } else {
      link_first(p, n);
    }
  }

  /// Removes `n` (with its subtree) from its parent's child list and clears
  /// its parent and sibling links.
  /// @requires `n` has a parent (unchecked).
  /// @throws_ Nothing. @complexity O(siblings before `n`)
  KIN_HARDENING_ABI static constexpr void unlink(node_ptr n) noexcept {
    node_ptr p = Access::get_parent(n);
    replace_link_to(p, detail::scan_prev_sibling<Access>(n, p), Access::get_next_sibling(n));
    Access::set_next_sibling(n, nullptr);
    Access::set_parent(n, nullptr);
  }

  /// Moves the siblings `first`..`last` before `pos` among `p`'s children
  /// (`pos == nullptr`: at the end); a no-op when they already sit there.
  /// @requires `first`..`last` are consecutive siblings, in order, with a
  /// parent; `pos` is null or a child of `p` outside the run; `p` is not in
  /// the run's subtrees (unchecked).
  /// @throws_ Nothing.
  /// @complexity O(siblings of the run + children of `p` + run length)
  KIN_HARDENING_ABI static constexpr void transfer(node_ptr p, node_ptr pos, node_ptr first, node_ptr last) noexcept {
    node_ptr old_parent = Access::get_parent(first);
    node_ptr after_run = Access::get_next_sibling(last);
    // Inserting a run before itself or before its own successor would cut it
    // out and lose it: the same trap as Boost 1.74's transfer.
    if (old_parent == p && (pos == first || pos == after_run)) {
      return;
    }
    replace_link_to(old_parent, detail::scan_prev_sibling<Access>(first, old_parent), after_run);
    node_ptr insert_after = pos ? detail::scan_prev_sibling<Access>(pos, p) : detail::scan_last_child<Access>(p);
    Access::set_next_sibling(last, pos);
    replace_link_to(p, insert_after, first);
    for (node_ptr x = first;; x = Access::get_next_sibling(x)) {
      Access::set_parent(x, p);
      if (x == last) {
        break;
      }
    }
  }

private:
  // Points the link that follows `pred` (or `p`'s first-child link when
  // `pred` is null) at `target`.
  KIN_HARDENING_ABI static constexpr void replace_link_to(node_ptr p, node_ptr pred, node_ptr target) noexcept {
    if (pred) {
      Access::set_next_sibling(pred, target);
    } else {
      Access::set_first_child(p, target);
    }
  }
};

struct singly_access;

/// The links of the singly linked layout: parent, first child, next sibling.
/// What kin::singly_traits reads and writes; embed it through
/// kin::singly_hook. Neither copyable nor movable: a copy would not be in
/// the tree its links name. An unlinked node has all three links null; kin
/// clears every link it detaches.
class singly_node {
public:
  /// An unlinked, childless node. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr singly_node() noexcept = default;
  singly_node(const singly_node&) = delete; // kin: a hook never moves; keep values in place (not in a std::vector)
  singly_node& operator=(const singly_node&) = delete; // kin: a hook never copies or moves; keep values in place

private:
  friend struct singly_access;
  singly_node* parent_ = nullptr;
  singly_node* first_child_ = nullptr;
  singly_node* next_sibling_ = nullptr;
};

static_assert(sizeof(singly_node) == 3 * sizeof(void*));

/// Raw accessors and setters of kin::singly_node (no invariants kept:
/// setters are for policies and tests that corrupt trees on purpose).
struct singly_access {
  /// The node type.
  using node = singly_node;
  /// Pointer to a node.
  using node_ptr = singly_node*;
  /// Pointer to a const node.
  using const_node_ptr = const singly_node*;

  /// The parent, or null for a root or an unlinked node.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr get_parent(const_node_ptr n) noexcept { return n->parent_; }
  /// The first child, or null.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr get_first_child(const_node_ptr n) noexcept { return n->first_child_; }
  /// The next sibling, or null.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr get_next_sibling(const_node_ptr n) noexcept { return n->next_sibling_; }
  /// Stores the parent link (no other link changes).
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void set_parent(node_ptr n, node_ptr v) noexcept { n->parent_ = v; }
  /// Stores the first-child link (no other link changes).
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void set_first_child(node_ptr n, node_ptr v) noexcept { n->first_child_ = v; }
  /// Stores the next-sibling link (no other link changes).
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void set_next_sibling(node_ptr n, node_ptr v) noexcept { n->next_sibling_ = v; }
  /// Whether `n` is in a tree, i.e. has a parent.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr bool is_linked(const_node_ptr n) noexcept { return n->parent_ != nullptr; }
};

/// Node traits of kin::singly_node: forward and mutable (kin::singly_policy).
struct singly_traits : singly_policy<singly_access> {};

static_assert(mutable_tree_traits<singly_traits>);

/// The 3-pointer hook: a kin::singly_node to embed in your class, as a base
/// (kin::base_hook) or a member (kin::member_hook). `Tag` tells several
/// singly hooks of one class apart.
template <class Tag = default_tag>
class singly_hook : public singly_node {
public:
  /// The node traits of this hook.
  using node_traits = singly_traits;
  /// The hook's tag.
  using tag = Tag;
};

static_assert(sizeof(singly_hook<>) == 3 * sizeof(void*));

} // namespace kin

#endif // KIN_LAYOUTS_SINGLY_HPP
