// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief kin::collect_allocating: the *collect* reverse strategy with
/// storage kin allocates (`new (std::nothrow)`), for callers that have a
/// heap and no buffer at hand. The only core header that allocates.
///
/// ```cpp
/// auto r = kin::preorder_reverse<VT>(&root, kin::collect_allocating);
/// if (!r.fits()) return -ENOMEM;               // nothing is visited
/// for (region& n : r) ...
/// ```
///
/// Like the kernel's walk_system_ram_res_rev, which allocates an array and
/// reports failure without calling its visitor, a failed allocation gives an
/// empty result whose `fits()` is false (and whose `needed()` says how many
/// entries were asked for). The result owns its storage: it is move-only.
#ifndef KIN_ALLOCATING_HPP
#define KIN_ALLOCATING_HPP

#include <kin/config.hpp>
#include <kin/reverse.hpp>

#include <cstddef>
#include <new>

namespace kin {

namespace detail {

// Frees a recording's storage with delete[]; move-only.
template <class Elem>
struct owned_array {
  Elem* data = nullptr;
  KIN_HARDENING_ABI owned_array() noexcept = default;
  KIN_HARDENING_ABI explicit owned_array(Elem* d) noexcept : data(d) {}
  owned_array(const owned_array&) = delete;
  owned_array& operator=(const owned_array&) = delete;
  KIN_HARDENING_ABI owned_array(owned_array&& o) noexcept : data(o.data) { o.data = nullptr; }
  KIN_HARDENING_ABI owned_array& operator=(owned_array&& o) noexcept {
    if (this != &o) {
      delete[] data;
      data = o.data;
      o.data = nullptr;
    }
    return *this;
  }
  KIN_HARDENING_ABI ~owned_array() { delete[] data; }
};

} // namespace detail

/// Tag type of kin::collect_allocating.
struct collect_allocating_t {
  /// Marks a collecting strategy.
  static constexpr bool collects = true;
  /// It allocates: a recording that does not fit means "out of memory".
  static constexpr bool allocates = true;

  /// Counts what `produce(emit)` emits, allocates that many elements with
  /// `new (std::nothrow)`, and records it (`produce` runs twice). An empty
  /// walk allocates nothing. For the reverse walks' own use.
  /// @requires `produce` emits the same elements both times: the tree does
  /// not change during the call.
  /// @returns the recording, which owns its storage (move-only); when the
  /// allocation fails it holds nothing, `fits` is false and `needed` says
  /// how many elements were asked for.
  /// @throws_ Nothing: an allocation failure is reported through `fits`.
  /// @complexity two passes, one allocation.
  template <class E, class Produce>
  KIN_HARDENING_ABI detail::recording<E, detail::owned_array<E>> record(Produce&& produce) const noexcept {
    detail::recording<E, detail::owned_array<E>> r;
    produce([&](const E&) { ++r.needed; });
    if (r.needed == 0) {
      return r;
    }
    r.owner = detail::owned_array<E>(new (std::nothrow) E[r.needed]);
    if (!r.owner.data) {
      r.fits = false;
      return r;
    }
    r.data = r.owner.data;
    // The same walk again: it yields exactly `needed` elements (the tree
    // may not change during a walk), so the fill needs no bound test.
    produce([&](const E& e) { r.data[r.size++] = e; });
    return r;
  }
};

/// The *collect* strategy with storage from `new (std::nothrow)`: the
/// result owns it (move-only) and frees it with `delete[]`; an allocation
/// failure gives a result whose fits() is false, never an exception.
inline constexpr collect_allocating_t collect_allocating{};

} // namespace kin

#endif // KIN_ALLOCATING_HPP
