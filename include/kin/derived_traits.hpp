/// @file
/// @brief kin::derived_traits: the traits of a hook, retyped for a class
/// that derives from the hook, so walks yield `Derived*` instead of hook
/// pointers. Every call forwards to the hook's traits; the casts are
/// `static_cast`s at offset zero when the hook is the first base, so they
/// cost nothing and stay `constexpr`.
///
/// ```cpp
/// struct region : kin::compact_hook { unsigned long start, end; };
/// using T = kin::derived_traits<kin::compact_traits, region>;
/// for (region* r : kin::preorder<T>(&root)) ...
/// ```
#ifndef KIN_DERIVED_TRAITS_HPP
#define KIN_DERIVED_TRAITS_HPP

#include <kin/traits.hpp>

#include <type_traits>

namespace kin {

/// `Traits` (the traits of a hook) retyped for `Derived`, a class derived
/// from the hook. Bidirectional, mutable and safe-mode aware exactly when
/// `Traits` is.
template <forward_tree_traits Traits, class Derived>
  requires std::is_base_of_v<typename Traits::node, Derived>
struct derived_traits {
  /// The derived node type.
  using node = Derived;
  /// Pointer to a derived node.
  using node_ptr = Derived*;
  /// Pointer to a const derived node.
  using const_node_ptr = const Derived*;
  /// The hook's own traits.
  using hook_traits = Traits;

  /// The derived node of a hook pointer (null stays null). @complexity O(1)
  static constexpr node_ptr down(typename Traits::node_ptr h) noexcept { return static_cast<node_ptr>(h); }

  /// The parent, or null. @complexity as `Traits`'
  static constexpr node_ptr get_parent(const_node_ptr n) noexcept { return down(Traits::get_parent(n)); }
  /// The first child, or null. @complexity as `Traits`'
  static constexpr node_ptr get_first_child(const_node_ptr n) noexcept { return down(Traits::get_first_child(n)); }
  /// The next sibling, or null. @complexity as `Traits`'
  static constexpr node_ptr get_next_sibling(const_node_ptr n) noexcept {
    return down(Traits::get_next_sibling(n));
  }
  /// The last child, or null. Only on bidirectional layouts. @complexity as `Traits`'
  static constexpr node_ptr get_last_child(const_node_ptr n) noexcept
    requires bidirectional_tree_traits<Traits>
  {
    return down(Traits::get_last_child(n));
  }
  /// The previous sibling, or null. Only on bidirectional layouts. @complexity as `Traits`'
  static constexpr node_ptr get_prev_sibling(const_node_ptr n) noexcept
    requires bidirectional_tree_traits<Traits>
  {
    return down(Traits::get_prev_sibling(n));
  }
  /// The last child on a well-formed tree, where `Traits` has it.
  static constexpr node_ptr last_child_in(const_node_ptr n) noexcept
    requires requires(typename Traits::const_node_ptr c) { Traits::last_child_in(c); }
  {
    return down(Traits::last_child_in(n));
  }
  /// The next sibling of `n` under `parent`, where `Traits` has it.
  static constexpr node_ptr next_sibling_in(const_node_ptr n, const_node_ptr parent) noexcept
    requires detail::has_next_sibling_in_<Traits>
  {
    return down(Traits::next_sibling_in(n, parent));
  }
  /// The previous sibling of `n` under `parent`, where `Traits` has it.
  static constexpr node_ptr prev_sibling_in(const_node_ptr n, const_node_ptr parent) noexcept
    requires detail::has_prev_sibling_in_<Traits>
  {
    return down(Traits::prev_sibling_in(n, parent));
  }
  /// Whether `n` is linked, where `Traits` can tell.
  static constexpr bool is_linked(const_node_ptr n) noexcept
    requires requires(typename Traits::const_node_ptr c) { Traits::is_linked(c); }
  {
    return Traits::is_linked(n);
  }
  /// The layout's link_first. Only on mutable layouts.
  static constexpr void link_first(node_ptr p, node_ptr n) noexcept
    requires mutable_tree_traits<Traits>
  {
    Traits::link_first(p, n);
  }
  /// The layout's link_after. Only on mutable layouts.
  static constexpr void link_after(node_ptr pos, node_ptr n) noexcept
    requires mutable_tree_traits<Traits>
  {
    Traits::link_after(pos, n);
  }
  /// The layout's link_before. Only on mutable layouts.
  static constexpr void link_before(node_ptr pos, node_ptr n) noexcept
    requires mutable_tree_traits<Traits>
  {
    Traits::link_before(pos, n);
  }
  /// The layout's unlink. Only on mutable layouts.
  static constexpr void unlink(node_ptr n) noexcept
    requires mutable_tree_traits<Traits>
  {
    Traits::unlink(n);
  }
  /// The layout's transfer. Only on mutable layouts.
  static constexpr void transfer(node_ptr p, node_ptr pos, node_ptr first, node_ptr last) noexcept
    requires mutable_tree_traits<Traits>
  {
    Traits::transfer(p, pos, first, last);
  }
};

} // namespace kin

#endif // KIN_DERIVED_TRAITS_HPP
