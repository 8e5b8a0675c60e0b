// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief Reverse walks: every forward order walked backwards, with the
/// strategy named — one generic mechanism, complete by construction.
///
/// ```cpp
/// using VT = kin::base_hook<region, kin::singly_hook<>>;
/// region* buf[64];
/// auto r = kin::preorder_reverse<VT>(&root, kin::collect(buf));
/// if (!r.fits()) return r.needed();                      // too small: nothing visited
/// for (region& n : r) ...                              // last pre-order value first
/// for (region& c : kin::children_reverse<VT>(&root, kin::rescan)) ...   // no memory
/// for (region& c : kin::children_reverse(compact_tree)) ...             // native
/// ```
///
/// | order | kin::native (the default) | kin::collect(buffer) | kin::collect_allocating | kin::rescan |
/// |---|---|---|---|---|
/// | children_reverse, preorder_reverse, descendants_reverse, postorder_reverse (= mirrored pre-order), leaves_reverse | list_head and compact layouts; a compile error on singly ones | every layout | every layout | every layout |
/// | ancestors_reverse (root first) | a compile error (no link points down the path) | every layout | every layout | a compile error |
///
/// The costs differ, and that is the point (see docs/benchmarks.md):
/// - *native* follows previous-sibling and last-child links: O(1) amortised
///   per step, no memory, the same pointer hops as the forward walk.
/// - *collect* walks forward once, storing a pointer to each value, then
///   iterates the storage backwards: O(n) time and O(n) memory, the
///   caller's (the kernel's walk_system_ram_res_rev does the same with a
///   heap array); kin::collect_allocating (kin/allocating.hpp) allocates it.
/// - *rescan* keeps no memory and finds each predecessor by scanning its
///   sibling list from the parent's first child: O(siblings) per step, so
///   quadratic on wide trees.
///
/// One result protocol for every strategy: the result is a range of values
/// with `fits()` (false only when a collecting strategy could not hold the
/// walk: the buffer was too small, or the allocation failed; then it visits
/// nothing) and `needed()` (the storage entries the walk needed; 0 for
/// native and rescan). Native and rescan results are kin::walk_view (so they
/// offer `with_depth()`, `from()`, `after()` and, on postorder_reverse,
/// `skip_children()`); collected results are kin::collected_walk snapshots.
///
/// Contract of every reverse walk: `from` is not null. Native and rescan
/// results are walks over the tree, with the walkers' contract
/// (kin/walkers.hpp): `from` stays alive and where it is while the view or
/// an iterator from it is used, and an iterator is invalidated when the
/// value it stands on (or an ancestor below `from`) is unlinked, moved or
/// freed (@ref iterators). Collected results read only their storage: the
/// storage must outlive them, the values they point to must stay alive, and
/// iterating one that did not fit is a checked error (`fast`). No reverse
/// walk throws: kin::collect_allocating reports an allocation failure as
/// `fits() == false`.
#ifndef KIN_REVERSE_HPP
#define KIN_REVERSE_HPP

#include <kin/config.hpp>
#include <kin/steps.hpp>
#include <kin/traits.hpp>
#include <kin/value_traits.hpp>
#include <kin/walkers.hpp>

#include <concepts>
#include <cstddef>
#include <ranges>
#include <span>
#include <type_traits>
#include <utility>

namespace kin {

/// Tag type of kin::native.
struct native_t {};
/// The *native* strategy: follow the layout's own backward links (list_head
/// and compact layouts). The default.
inline constexpr native_t native{};

/// Tag type of kin::rescan.
struct rescan_t {};
/// The *rescan* strategy: no memory, O(siblings) per step.
inline constexpr rescan_t rescan{};

namespace detail {

// A collecting strategy's record of a forward walk: `size` elements at
// `data` when `ok`, else none; `needed` is how many the walk produced.
// `Owner` frees the storage when the strategy allocated it.
struct no_owner {};

template <class Elem, class Owner = no_owner>
struct recording {
  Elem* data = nullptr;
  std::size_t size = 0;
  std::size_t needed = 0;
  bool fits = true;
  [[no_unique_address]] Owner owner{};
};

} // namespace detail

/// The *collect* strategy: caller-provided storage for one walk's value
/// pointers (or, for the resource walks, records). A buffer of `const T*`
/// serves any walk, whose result then yields `const T&`.
template <class Elem>
struct collect_into {
  std::span<Elem> storage; ///< where the forward walk is recorded
  /// Marks a collecting strategy.
  static constexpr bool collects = true;
  /// It never allocates: a recording that does not fit means "too small".
  static constexpr bool allocates = false;

  /// Records what `produce(emit)` emits, as far as it fits, and counts it
  /// (for the reverse walks' own use).
  /// @requires `storage` outlives the recording.
  /// @effects stores the first `storage.size()` elements emitted; when more
  /// were emitted, the recording does not fit and holds none.
  /// @returns the recording: fits, size and needed.
  /// @throws_ Nothing (`produce` is kin's own walk; the function is
  /// noexcept).
  /// @complexity one pass.
  template <class E, class Produce>
  KIN_HARDENING_ABI constexpr detail::recording<E> record(Produce&& produce) const noexcept {
    static_assert(std::is_same_v<E, Elem>,
                  "kin::collect: the buffer's element type must be the walk's value pointer "
                  "(T* or const T*; a walk over const values needs const T*)");
    detail::recording<E> r{};
    if constexpr (std::is_same_v<E, Elem>) {
      r.data = storage.data();
      produce([&](const E& e) {
        if (r.needed < storage.size()) {
          storage[r.needed] = e;
        }
        ++r.needed;
      });
      r.fits = r.needed <= storage.size();
      r.size = r.fits ? r.needed : 0;
    }
    return r;
  }
};

/// Makes the *collect* strategy from any contiguous range (a C array,
/// `std::array`, `std::vector`, a `std::span`) of value pointers. The
/// storage must outlive the walk's result, so a temporary container is
/// refused (a temporary `std::span` over live storage is fine).
/// @requires `storage` outlives every result made with the strategy; its
/// elements are `T*` or `const T*` for the walk's value type `T`.
/// @returns the strategy, a view of `storage`.
/// @throws_ Nothing. @complexity O(1)
template <std::ranges::contiguous_range R>
  requires std::ranges::borrowed_range<R>
KIN_HARDENING_ABI constexpr auto collect(R&& storage) noexcept {
  using elem = std::ranges::range_value_t<R>;
  return collect_into<elem>{std::span<elem>(storage)};
}

/// A reverse strategy: kin::native, kin::rescan, or a collecting one
/// (kin::collect(buffer), kin::collect_allocating).
template <class S>
concept reverse_strategy = std::same_as<S, native_t> || std::same_as<S, rescan_t> || S::collects;

namespace detail {

// A collected walk's storage, read backwards: the cursor is one past the
// element it stands on, so the end is the storage's start.
template <class Elem>
struct collected_order {
  using anchor = Elem*;
  using node_ptr = Elem*;
  using cursor = Elem*;
  using state = no_depth;
  static constexpr bool bidirectional = true;
  KIN_HARDENING_ABI static constexpr cursor end(anchor a) noexcept { return a; }
  KIN_HARDENING_ABI static constexpr cursor last(anchor a, state&) noexcept { return a + 1; }
  KIN_HARDENING_ABI static constexpr cursor next(cursor c, anchor, state&) noexcept { return c - 1; }
  KIN_HARDENING_ABI static constexpr cursor prev(cursor c, anchor, state&) noexcept { return c + 1; }
  KIN_HARDENING_ABI static constexpr Elem value(cursor c) noexcept { return *(c - 1); }
};

} // namespace detail

namespace detail {
// The checked error of iterating a collected walk that did not fit. Out of
// line and without arguments, so the test in begin() costs its caller's
// inliner next to nothing.
[[noreturn, gnu::cold, gnu::noinline]] KIN_HARDENING_ABI inline void iterating_an_unfit_walk() noexcept {
  ::kin::detail::check_failed(__FILE__, __LINE__,
                              "a collected walk must fit its storage before it is iterated (check fits() first)");
}
} // namespace detail

/// The result of a reverse walk with a collecting strategy: the values
/// recorded by the forward walk, last first. A snapshot: later changes to
/// the tree do not show. Move-only when it owns its storage
/// (kin::collect_allocating).
template <class VT, bool Const, class Recording>
class collected_walk : public std::ranges::view_interface<collected_walk<VT, Const, Recording>> {
  using elem = std::remove_pointer_t<decltype(Recording::data)>;

public:
  /// The iterator: kin's walk iterator over the storage.
  using iterator = walk_iterator<VT, detail::collected_order<elem>, Const>;

  /// An empty result (it fits). @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr collected_walk() noexcept = default;
  /// The result over a recording (for the strategies' own use).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr explicit collected_walk(Recording r) noexcept : rec_(std::move(r)) {}

  /// The last recorded value.
  /// @requires fits() (checked in `fast`: iterating a walk that did not fit
  /// would silently visit nothing; in `none` the walk is empty). The storage
  /// is still alive.
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr iterator begin() const noexcept {
#if KIN_HARDENING_MODE != KIN_HARDENING_MODE_NONE
    if (!rec_.fits) {
      detail::iterating_an_unfit_walk(); // no arguments: keeps begin() small enough to inline
    }
#endif
    return iterator(rec_.data + rec_.size, rec_.data, {});
  }
  /// Past the first recorded value. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr iterator end() const noexcept { return iterator(rec_.data, rec_.data, {}); }
  /// Whether the walk visits nothing: also true, and free to ask, when it
  /// did not fit. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr bool empty() const noexcept { return rec_.size == 0; }
  /// Whether the storage held the whole walk (when false, nothing was
  /// recorded and begin() is a checked error).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr bool fits() const noexcept { return rec_.fits; }
  /// How many storage entries the walk needed. @throws_ Nothing.
  /// @complexity O(1)
  KIN_HARDENING_ABI constexpr std::size_t needed() const noexcept { return rec_.needed; }

private:
  Recording rec_{};
};

namespace detail {

template <class T>
inline constexpr bool is_ancestors_order = false;
template <class L>
inline constexpr bool is_ancestors_order<ancestors_order<L>> = true;

// The one reverse mechanism: order `OrderOf` from `from`, walked backwards
// with strategy `S`.
// Whether strategy S records into const value pointers (a read-only
// buffer for any walk: the result then yields const values).
template <class S, class V>
inline constexpr bool records_const = false;
template <class V>
inline constexpr bool records_const<collect_into<const typename V::value_type*>, V> = true;

template <template <class> class OrderOf, class VT, class From, class S>
KIN_HARDENING_ABI constexpr auto reverse_walk(const From& from, const S& strategy) noexcept {
  using start = start_t<VT, From>;
  using V = typename start::traits;
  using T = typename V::node_traits;
  constexpr bool c = start::is_const || records_const<S, V>;
  constexpr bool ancestors = is_ancestors_order<OrderOf<native_links<T>>>;
  // A walk that must not exist stops at its static_assert; the empty
  // forward walk it returns keeps the caller's code from adding errors.
  using refused = walk_view<V, OrderOf<native_links<T>>, c>;
  if constexpr (std::is_same_v<S, native_t>) {
    static_assert(!ancestors, "kin: a root-first ancestors walk needs storage (no link points down the path "
                              "from the root): use kin::collect(buffer) or kin::collect_allocating");
    static_assert(ancestors || bidirectional_tree_traits<T>,
                  "kin: this layout has no previous-sibling link, so a native reverse walk does not exist; "
                  "name a strategy: kin::collect(buffer), kin::collect_allocating or kin::rescan");
    if constexpr (!ancestors && bidirectional_tree_traits<T>) {
      return walk_view<V, reversed<OrderOf<native_links<T>>>, c>(start::node(from));
    } else {
      return refused{};
    }
  } else if constexpr (std::is_same_v<S, rescan_t>) {
    static_assert(!ancestors, "kin: a root-first ancestors walk needs storage (no link points down the path "
                              "from the root): use kin::collect(buffer) or kin::collect_allocating");
    if constexpr (!ancestors) {
      return walk_view<V, reversed<OrderOf<rescan_links<T>>>, c>(start::node(from));
    } else {
      return refused{};
    }
  } else {
    using elem = std::conditional_t<c, const typename V::value_type*, typename V::value_type*>;
    const walk_view<V, OrderOf<native_links<T>>, c> forward(start::node(from));
    auto rec = strategy.template record<elem>([&](auto&& emit) {
      for (auto& v : forward) {
        emit(&v);
      }
    });
    return collected_walk<V, c, decltype(rec)>(std::move(rec));
  }
}

} // namespace detail

/// The children of `from`, last to first.
/// @requires `from` (a value pointer) is not null; native: a bidirectional
/// layout (else a compile error). Native and rescan: the walkers' contract
/// (`from` alive and in place while used; an iterator is invalidated when
/// its child is unlinked, moved or freed, @ref iterators). Collect: the
/// storage outlives the result, which is iterated only if it fits (checked
/// in `fast`).
/// @returns a kin::walk_view (native, rescan) or a kin::collected_walk
/// snapshot (collecting strategies).
/// @throws_ Nothing; a failed collect_allocating gives `fits() == false`.
/// @complexity O(1) per step (native), O(children) in all (collect), or
/// O(children) per step (rescan).
template <class VT = detail::deduce, class From, class S = native_t>
  requires detail::startable<VT, From> && reverse_strategy<S>
KIN_HARDENING_ABI constexpr auto children_reverse(From&& from, S strategy = {}) noexcept {
  return detail::reverse_walk<detail::children_order_of, VT>(from, strategy);
}

/// preorder(from) backwards: the last value of the pre-order first, `from`
/// last.
/// @requires `from` (a value pointer) is not null; native: a bidirectional
/// layout (else a compile error). Native and rescan: the walkers' contract
/// (`from` alive and in place while used; an iterator is invalidated when
/// its value, or an ancestor below `from`, is unlinked, moved or freed,
/// @ref iterators). Collect: the storage outlives the result, which is
/// iterated only if it fits (checked in `fast`).
/// @returns a kin::walk_view (native, rescan) or a kin::collected_walk
/// snapshot (collecting strategies).
/// @throws_ Nothing; a failed collect_allocating gives `fits() == false`.
/// @complexity O(size) for the whole walk (native, collect); O(siblings +
/// height descended) per step (rescan).
template <class VT = detail::deduce, class From, class S = native_t>
  requires detail::startable<VT, From> && reverse_strategy<S>
KIN_HARDENING_ABI constexpr auto preorder_reverse(From&& from, S strategy = {}) noexcept {
  return detail::reverse_walk<detail::preorder_order_of, VT>(from, strategy);
}

/// descendants(from) backwards (`from` itself is not visited).
/// @requires as preorder_reverse: `from` is not null; native needs a
/// bidirectional layout; native and rescan views follow the walkers'
/// contract (@ref iterators); collected results need their storage alive
/// and are iterated only if they fit (checked in `fast`).
/// @returns a kin::walk_view (native, rescan) or a kin::collected_walk.
/// @throws_ Nothing; a failed collect_allocating gives `fits() == false`.
/// @complexity as preorder_reverse.
template <class VT = detail::deduce, class From, class S = native_t>
  requires detail::startable<VT, From> && reverse_strategy<S>
KIN_HARDENING_ABI constexpr auto descendants_reverse(From&& from, S strategy = {}) noexcept {
  return detail::reverse_walk<detail::descendants_order_of, VT>(from, strategy);
}

/// postorder(from) backwards, which is the *mirrored pre-order*: each parent
/// before its children, children last to first (`from` first). Native and
/// rescan iterators offer `skip_children()`.
/// @requires as preorder_reverse: `from` is not null; native needs a
/// bidirectional layout; native and rescan views follow the walkers'
/// contract (@ref iterators); collected results need their storage alive
/// and are iterated only if they fit (checked in `fast`).
/// @returns a kin::walk_view (native, rescan) or a kin::collected_walk.
/// @throws_ Nothing; a failed collect_allocating gives `fits() == false`.
/// @complexity O(size) for the whole walk (native, collect); O(siblings) per
/// step (rescan).
template <class VT = detail::deduce, class From, class S = native_t>
  requires detail::startable<VT, From> && reverse_strategy<S>
KIN_HARDENING_ABI constexpr auto postorder_reverse(From&& from, S strategy = {}) noexcept {
  return detail::reverse_walk<detail::postorder_order_of, VT>(from, strategy);
}

/// The leaves of `from`'s subtree, last to first.
/// @requires as preorder_reverse: `from` is not null; native needs a
/// bidirectional layout; native and rescan views follow the walkers'
/// contract (@ref iterators); collected results need their storage alive
/// and are iterated only if they fit (checked in `fast`).
/// @returns a kin::walk_view (native, rescan) or a kin::collected_walk.
/// @throws_ Nothing; a failed collect_allocating gives `fits() == false`.
/// @complexity as preorder_reverse.
template <class VT = detail::deduce, class From, class S = native_t>
  requires detail::startable<VT, From> && reverse_strategy<S>
KIN_HARDENING_ABI constexpr auto leaves_reverse(From&& from, S strategy = {}) noexcept {
  return detail::reverse_walk<detail::leaves_order, VT>(from, strategy);
}

/// The ancestors of `from`, root first. Only with a collecting strategy, on
/// every layout: no parent-to-child link says which child leads to `from`.
/// @requires `from` (a value pointer) is not null; a collecting strategy
/// (native and rescan are compile errors); the storage outlives the result,
/// which is iterated only if it fits (checked in `fast`).
/// @returns a kin::collected_walk snapshot.
/// @throws_ Nothing; a failed collect_allocating gives `fits() == false`.
/// @complexity O(depth) time; O(depth) storage.
template <class VT = detail::deduce, class From, class S = native_t>
  requires detail::startable<VT, From> && reverse_strategy<S>
KIN_HARDENING_ABI constexpr auto ancestors_reverse(From&& from, S strategy = {}) noexcept {
  return detail::reverse_walk<detail::ancestors_order, VT>(from, strategy);
}

} // namespace kin

/// @cond
template <class VT, bool Const, class Elem>
inline constexpr bool
    std::ranges::enable_borrowed_range<kin::collected_walk<VT, Const, kin::detail::recording<Elem>>> = true;
/// @endcond

#endif // KIN_REVERSE_HPP
