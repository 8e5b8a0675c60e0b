// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief Value traits: the one layer between node traits and the user's
/// type, so that every walk yields the user's value and every algorithm takes
/// it (Boost.Intrusive's ValueTraits, as a concept).
///
/// Three models:
///
/// ```cpp
/// struct region : kin::list_hook<> { unsigned long start, end; };        // a base hook
/// using by_base = kin::base_hook<region, kin::list_hook<>>;
///
/// struct range { unsigned long start, end; kin::compact_hook<> hook; };  // a member hook
/// using by_member = kin::member_hook<&range::hook>;
///
/// struct c_node { c_node *parent, *sibling, *child; };                   // a C struct with
/// using by_itself = c_node_traits;                                       // node traits: its own value
///
/// for (region& r : kin::preorder<by_base>(&root)) ...                    // values, not hooks
/// ```
///
/// Any node traits type is also a value traits type whose value is the node
/// (kin::value_traits_of maps it), so every kin function takes either.
/// A class that carries several hooks of one layout tells them apart by the
/// hooks' tags: `kin::base_hook<task, kin::list_hook<by_pid>>`.
///
/// Only kin's hooks through kin::base_hook are usable in constant
/// expressions (a `static_cast` is); kin::member_hook is not, because going
/// from a member back to its object is pointer arithmetic that constant
/// evaluation forbids.
#ifndef KIN_VALUE_TRAITS_HPP
#define KIN_VALUE_TRAITS_HPP

#include <kin/config.hpp>
#include <kin/traits.hpp>

#include <bit>
#include <concepts>
#include <cstddef>
#include <type_traits>

namespace kin {

/// A value traits type proper: node traits plus the value type and the
/// conversions both ways.
///
/// Members: `node_traits` (a kin::forward_tree_traits), `value_type`, and
/// `static node_ptr to_node_ptr(value_type*)`, `static value_type*
/// to_value_ptr(node_ptr)`, both O(1), both for non-null arguments only.
/// kin converts `const` values itself (they are only read).
template <class V>
concept value_traits_model =
    forward_tree_traits<typename V::node_traits> && std::is_class_v<typename V::node_traits> &&
    requires(typename V::value_type* v, typename V::node_traits::node_ptr n) {
      { V::to_node_ptr(v) } -> std::same_as<typename V::node_traits::node_ptr>;
      { V::to_value_ptr(n) } -> std::same_as<typename V::value_type*>;
    };

/// Node traits used as value traits: the node is the value (a C struct
/// walked through its own traits). Conversions are the identity.
template <forward_tree_traits T>
struct node_value_traits {
  /// The node traits.
  using node_traits = T;
  /// The value: the node itself.
  using value_type = std::remove_pointer_t<typename T::node_ptr>;
  /// The node of `v`: `v`. @complexity O(1)
  KIN_HARDENING_ABI static constexpr typename T::node_ptr to_node_ptr(value_type* v) noexcept { return v; }
  /// The value of `n`: `n`. @complexity O(1)
  KIN_HARDENING_ABI static constexpr value_type* to_value_ptr(typename T::node_ptr n) noexcept { return n; }
};

namespace detail {
template <class X>
struct resolve_value_traits {
  using type = node_value_traits<X>;
};
template <value_traits_model X>
struct resolve_value_traits<X> {
  using type = X;
};
} // namespace detail

/// The value traits of `X`: `X` itself when it is a value traits type,
/// kin::node_value_traits<X> when it is node traits.
template <class X>
using value_traits_of = typename detail::resolve_value_traits<X>::type;

/// What every kin function that yields or takes values accepts: value
/// traits proper (kin::base_hook, kin::member_hook, your own) or node traits
/// (then the node is the value).
template <class X>
concept value_traits = value_traits_model<X> || forward_tree_traits<X>;

/// The node traits under `VT`.
template <value_traits VT>
using node_traits_of = typename value_traits_of<VT>::node_traits;

/// Pointer to the value of `VT` (what kin's functions take and return).
template <value_traits VT>
using value_ptr = typename value_traits_of<VT>::value_type*;

/// Pointer to the const value of `VT`.
template <value_traits VT>
using const_value_ptr = const typename value_traits_of<VT>::value_type*;

/// Value traits for a class `T` that derives from the kin hook `Hook`
/// (`kin::list_hook<>`, or `kin::list_hook<Tag>` when `T` has several list
/// hooks). Both conversions are `static_cast`s: free at offset 0, and
/// usable in constant expressions.
template <class T, class Hook>
  requires std::is_base_of_v<Hook, T> && forward_tree_traits<typename Hook::node_traits>
struct base_hook {
  /// The hook's node traits.
  using node_traits = typename Hook::node_traits;
  /// The user's type.
  using value_type = T;
  /// The hook, with its tag.
  using hook_type = Hook;
  /// The node inside `v`. @complexity O(1)
  KIN_HARDENING_ABI static constexpr typename node_traits::node_ptr to_node_ptr(T* v) noexcept { return static_cast<Hook*>(v); }
  /// The value whose node `n` is. @pre `n` is not null. @complexity O(1)
  KIN_HARDENING_ABI static constexpr T* to_value_ptr(typename node_traits::node_ptr n) noexcept {
    return static_cast<T*>(static_cast<Hook*>(n));
  }
};

/// Value traits for a class whose hook is the data member `Member`
/// (`kin::member_hook<&range::hook>`); a class may hold one such hook per
/// tree it belongs to.
///
/// Going from the hook back to its object subtracts the member's offset,
/// read from the pointer to member as the Itanium C++ ABI represents it (a
/// byte offset): supported on GCC and Clang on that ABI (x86-64, AArch64 and
/// the other Linux, BSD and macOS targets), a compile error elsewhere (use
/// kin::base_hook there). For a standard-layout class the result is exactly
/// `offsetof`'s container_of; for other classes it relies on the Itanium
/// layout that those compilers follow. Not usable in constant expressions.
template <auto Member>
struct member_hook;

/// @cond
template <class T, class Hook, Hook T::*Member>
  requires forward_tree_traits<typename Hook::node_traits>
struct member_hook<Member> {
  using node_traits = typename Hook::node_traits;
  using value_type = T;
  using hook_type = Hook;
  KIN_HARDENING_ABI static constexpr typename node_traits::node_ptr to_node_ptr(T* v) noexcept { return &(v->*Member); }
  KIN_HARDENING_ABI static T* to_value_ptr(typename node_traits::node_ptr n) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    static_assert(sizeof(Member) == sizeof(std::ptrdiff_t),
                  "kin::member_hook needs the Itanium C++ ABI (GCC or Clang); use kin::base_hook");
    const std::ptrdiff_t offset = std::bit_cast<std::ptrdiff_t>(Member);
    return reinterpret_cast<T*>(reinterpret_cast<char*>(static_cast<Hook*>(n)) - offset);
#else
    static_assert(sizeof(T) == 0, "kin::member_hook needs GCC or Clang (the Itanium C++ ABI); use kin::base_hook");
    return nullptr;
#endif
  }
};
/// @endcond

namespace detail {

// `n`'s value, or null for null (queries that may find nothing).
template <class V>
KIN_HARDENING_ABI constexpr typename V::value_type* value_or_null(typename V::node_traits::node_ptr n) noexcept {
  return n ? V::to_value_ptr(n) : nullptr;
}

// The node of a value, const or not: const values are only read, so the
// const_cast never leads to a write.
template <class V, class P>
KIN_HARDENING_ABI constexpr typename V::node_traits::node_ptr node_of(P* v) noexcept {
  return V::to_node_ptr(const_cast<typename V::value_type*>(v));
}

// A pointer to `VT`'s value, const or not; and the same constness for a
// result (a query on a const value gives a const value).
template <class P, class VT>
concept value_pointer = std::is_pointer_v<P> &&
                        std::same_as<std::remove_const_t<std::remove_pointer_t<P>>,
                                     std::remove_const_t<typename value_traits_of<VT>::value_type>>;
template <class VT, class P>
using like_ptr = std::conditional_t<std::is_const_v<std::remove_pointer_t<P>>,
                                    const typename value_traits_of<VT>::value_type*,
                                    typename value_traits_of<VT>::value_type*>;

// Template argument meaning "take the value traits from the argument".
struct deduce {};

// A kin::tree, or anything else with `value_traits` and a `root()`.
template <class R>
concept rooted = requires(const R& r) {
  typename R::value_traits;
  { &r.root() } -> std::convertible_to<const typename value_traits_of<typename R::value_traits>::value_type*>;
};

// Where a walk starts: a value pointer (with the value traits named), or a
// rooted object (its root; value traits deduced). `is_const`: the walk
// yields const values.
template <class VT, class From>
struct start;

template <class VT, class P>
  requires value_traits<VT> && std::convertible_to<P*, const typename value_traits_of<VT>::value_type*>
struct start<VT, P*> {
  using traits = value_traits_of<VT>;
  static constexpr bool is_const =
      std::is_const_v<P> || std::is_const_v<typename traits::value_type>;
  KIN_HARDENING_ABI static constexpr typename traits::node_traits::node_ptr node(P* p) noexcept {
    const typename traits::value_type* v = p;
    return node_of<traits>(v);
  }
};

template <class P>
struct start<deduce, P*> {
  static_assert(sizeof(P) == 0, "kin: name the value traits when a walk starts from a pointer: kin::preorder<VT>(p)");
  using traits = void;
  static constexpr bool is_const = false;
};

template <rooted R>
struct start<deduce, R> {
  using traits = value_traits_of<typename R::value_traits>;
  static constexpr bool is_const = std::is_const_v<std::remove_reference_t<decltype(std::declval<const R&>().root())>>;
  KIN_HARDENING_ABI static constexpr typename traits::node_traits::node_ptr node(const R& r) noexcept { return node_of<traits>(&r.root()); }
};

template <class VT, class From>
concept startable = requires { start<VT, std::remove_cvref_t<From>>::is_const; };

template <class VT, class From>
using start_t = start<VT, std::remove_cvref_t<From>>;

} // namespace detail
} // namespace kin

#endif // KIN_VALUE_TRAITS_HPP
