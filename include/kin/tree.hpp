// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief kin::tree: the small typed facade. A view of one user-owned root
/// value (like the kernel's `iomem_resource`, the device tree's `/`, ACPI's
/// `\`), with no hidden header node, whose mutations take values by
/// reference.
///
/// ```cpp
/// struct region {
///   unsigned long start, end;
///   kin::compact_hook<> hook;               // a member hook ...
/// };
/// using tree = kin::tree<kin::member_hook<&region::hook>>;
///
/// region root{0, ~0UL, {}}, ram{0x1000, 0x9ffff, {}};
/// tree t(root);
/// t.link_last_child(root, ram);
/// for (region& r : kin::descendants(t)) ...        // every walk takes the tree
/// for (region& r : kin::children_reverse(t)) ...   // native on compact
/// t.clear_and_dispose([](region& r) { /* free r if it was allocated */ });
///
/// struct node : kin::list_hook<> { int id; };      // ... or a base hook
/// using list_tree = kin::tree<kin::base_hook<node, kin::list_hook<>>>;
/// ```
///
/// The walks are not members: every walker, reverse walk, kin::traverse,
/// kin::verify, kin::print_tree and kin::write_dot takes a kin::tree where it
/// takes a starting value, and starts at its root. To walk below another
/// value of the tree, name the value traits: `kin::children<tree::value_traits>(&n)`.
///
/// The tree owns nothing: it holds a pointer to the root, and every value is
/// the caller's. Copying a kin::tree copies that pointer. The hardening
/// checks (kin/config.hpp) apply as in the algorithms the facade calls:
/// linking a linked value and unlinking an unlinked one in the default
/// `fast` mode, moving a value under its own descendant in `extensive`.
#ifndef KIN_TREE_HPP
#define KIN_TREE_HPP

#include <kin/config.hpp>
#include <kin/algorithms.hpp>
#include <kin/value_traits.hpp>
#include <kin/verify.hpp>
#include <kin/walkers.hpp>

namespace kin {

/// The typed facade over one user-owned root. `VT` is any value traits:
/// kin::base_hook, kin::member_hook, or the node traits of a C struct.
template <value_traits VT>
class tree {
  using V = value_traits_of<VT>;

public:
  /// The value traits (what the walkers deduce from a tree).
  using value_traits = VT;
  /// The user's type.
  using value_type = typename V::value_type;

  /// A view of the tree rooted at `root` (which stays the caller's).
  KIN_HARDENING_ABI constexpr explicit tree(value_type& root) noexcept : root_(&root) {}

  /// The root. @complexity O(1)
  KIN_HARDENING_ABI constexpr value_type& root() const noexcept { return *root_; }
  /// Whether the root has no children. @complexity O(1)
  KIN_HARDENING_ABI constexpr bool empty() const noexcept {
    return V::node_traits::get_first_child(V::to_node_ptr(root_)) == nullptr;
  }
  /// kin::verify over the whole tree. @complexity O(size)
  KIN_HARDENING_ABI constexpr auto verify() const noexcept { return kin::verify<VT>(root_); }

  /// Makes unlinked `n` the first child of `p`. @complexity O(1)
  KIN_HARDENING_ABI constexpr void link_first_child(value_type& p, value_type& n) const noexcept
    requires mutable_value_traits<VT>
  {
    kin::link_first_child<VT>(&p, &n);
  }
  /// Makes unlinked `n` the last child of `p`.
  /// @complexity O(1), O(children) on singly linked layouts.
  KIN_HARDENING_ABI constexpr void link_last_child(value_type& p, value_type& n) const noexcept
    requires mutable_value_traits<VT>
  {
    kin::link_last_child<VT>(&p, &n);
  }
  /// Makes unlinked `n` the next sibling of `pos`. @complexity O(1)
  KIN_HARDENING_ABI constexpr void link_after(value_type& pos, value_type& n) const noexcept
    requires mutable_value_traits<VT>
  {
    kin::link_after<VT>(&pos, &n);
  }
  /// Makes unlinked `n` the previous sibling of `pos`.
  /// @complexity O(1), O(siblings) on singly linked layouts.
  KIN_HARDENING_ABI constexpr void link_before(value_type& pos, value_type& n) const noexcept
    requires mutable_value_traits<VT>
  {
    kin::link_before<VT>(&pos, &n);
  }
  /// Detaches `n` with its subtree. @complexity O(1), O(siblings) on singly linked layouts.
  KIN_HARDENING_ABI constexpr void unlink(value_type& n) const noexcept
    requires mutable_value_traits<VT>
  {
    kin::unlink<VT>(&n);
  }
  /// Detaches `n` with its subtree, then passes it to `dispose(value_type&)`:
  /// first the descendants of `n`, children first (each unlinked), then `n`.
  /// @throws What `dispose` throws (noexcept exactly when `dispose` is):
  /// every value is unlinked before it is passed, so a throw leaves the
  /// tree valid, with the values not yet disposed still below `n`.
  /// @complexity O(size of `n`'s subtree), plus unlink's cost.
  template <class Disposer>
  KIN_HARDENING_ABI constexpr void unlink_and_dispose(value_type& n, Disposer&& dispose) const
      noexcept(std::is_nothrow_invocable_v<Disposer&, value_type&>)
    requires mutable_value_traits<VT>
  {
    kin::unlink<VT>(&n);
    dispose_below(n, dispose);
    dispose(n);
  }
  /// `nw` takes `old`'s place and children. If `old` is this tree's root,
  /// only the children move and the view still shows `old`: make a new
  /// kin::tree over `nw`. @complexity as kin::replace
  KIN_HARDENING_ABI constexpr void replace(value_type& old, value_type& nw) const noexcept
    requires mutable_value_traits<VT>
  {
    kin::replace<VT>(&old, &nw);
  }
  /// Moves `n` with its subtree to the end of `new_parent`'s children.
  /// @pre `new_parent` is not in `n`'s subtree. @complexity as kin::reparent
  KIN_HARDENING_ABI constexpr void reparent(value_type& n, value_type& new_parent) const noexcept
    requires mutable_value_traits<VT>
  {
    kin::reparent<VT>(&n, &new_parent);
  }
  /// reparent, or false (nothing changed) if `new_parent` is in `n`'s subtree.
  /// @complexity as kin::try_reparent
  KIN_HARDENING_ABI constexpr bool try_reparent(value_type& n, value_type& new_parent) const noexcept
    requires mutable_value_traits<VT>
  {
    return kin::try_reparent<VT>(&n, &new_parent);
  }
  /// Moves all children of `from` to the end of `to`'s. @complexity as kin::splice_children
  KIN_HARDENING_ABI constexpr void splice_children(value_type& to, value_type& from) const noexcept
    requires mutable_value_traits<VT>
  {
    kin::splice_children<VT>(&to, &from);
  }
  /// `nw` takes the place of siblings `first`..`last`, which become its
  /// children. @complexity as kin::adopt_siblings
  KIN_HARDENING_ABI constexpr void adopt_siblings(value_type& nw, value_type& first, value_type& last) const noexcept
    requires mutable_value_traits<VT>
  {
    kin::adopt_siblings<VT>(&nw, &first, &last);
  }
  /// `n`'s children take its place; `n` is unlinked. @complexity as kin::hoist_children
  KIN_HARDENING_ABI constexpr void hoist_children(value_type& n) const noexcept
    requires mutable_value_traits<VT>
  {
    kin::hoist_children<VT>(&n);
  }

  /// Unlinks every descendant of the root and passes each to
  /// `dispose(value_type&)`, children before parents (post-order,
  /// iterative). The root is left childless and is not disposed.
  /// @throws What `dispose` throws (noexcept exactly when `dispose` is); the
  /// tree stays valid, holding the values not yet disposed.
  /// @post empty()
  /// @complexity O(size): each value is its parent's first child when it is
  /// unlinked, so this is linear on every layout.
  template <class Disposer>
  KIN_HARDENING_ABI constexpr void clear_and_dispose(Disposer&& dispose) const
      noexcept(std::is_nothrow_invocable_v<Disposer&, value_type&>)
    requires mutable_value_traits<VT>
  {
    dispose_below(*root_, dispose);
  }

private:
  template <class Disposer>
  KIN_HARDENING_ABI static constexpr void dispose_below(value_type& top, Disposer& dispose)
      noexcept(std::is_nothrow_invocable_v<Disposer&, value_type&>) {
    for (value_type& v : kin::postorder_safe<VT>(&top)) {
      if (&v != &top) {
        kin::unlink<VT>(&v);
        dispose(v);
      }
    }
  }

  value_type* root_;
};

} // namespace kin

#endif // KIN_TREE_HPP
