/// @file
/// @brief Reverse walks with an explicit strategy, for layouts without
/// previous-sibling links (and available on every layout, for comparison):
/// *collect* into caller storage, or *rescan* for predecessors. Also the
/// root-first ancestors walk, which needs storage on every layout.
///
/// ```cpp
/// using T = kin::singly_traits;
/// kin::singly_hook* buf[64];
/// auto r = kin::preorder_reverse<T>(root, kin::collect(buf));
/// if (!r.fits()) return r.needed();           // too small: nothing visited
/// for (auto* n : r) ...                       // last pre-order node first
/// for (auto* c : kin::children_reverse<T>(root, kin::rescan)) ...  // no memory
/// ```
///
/// The costs differ, and that is the point (see the benchmarks):
/// - *collect* walks forward once, storing each node, then iterates the
///   storage backwards: O(n) time, O(n) memory supplied by the caller (the
///   kernel's walk_system_ram_res_rev does the same with a heap array);
///   kin/allocating.hpp offers the same walks allocating with `new(nothrow)`.
/// - *rescan* keeps no memory and finds each predecessor by scanning its
///   sibling list from the parent's first child: O(siblings) per step, so
///   quadratic on wide trees.
/// On bidirectional layouts prefer the native `_reverse` walks of
/// kin/walkers.hpp: O(1) per step and no memory.
#ifndef KIN_REVERSE_HPP
#define KIN_REVERSE_HPP

#include <kin/algorithms.hpp>
#include <kin/steps.hpp>
#include <kin/traits.hpp>
#include <kin/walkers.hpp>

#include <cstddef>
#include <iterator>
#include <ranges>
#include <span>

namespace kin {

/// The *collect* strategy: caller-provided storage for one walk's nodes.
template <class NodePtr>
struct collect_into {
  std::span<NodePtr> storage; ///< where the forward walk is recorded
};

/// Makes the *collect* strategy from any contiguous range of node pointers
/// (a C array, `std::array`, `std::vector`, a `std::span`). The storage must
/// outlive the walk's result, so a temporary container is refused (a
/// temporary `std::span` over live storage is fine).
/// @complexity O(1)
template <std::ranges::contiguous_range R>
  requires std::ranges::borrowed_range<R>
constexpr auto collect(R&& storage) noexcept {
  return collect_into<std::ranges::range_value_t<R>>{std::span<std::ranges::range_value_t<R>>(storage)};
}

/// The *rescan* strategy: no memory, O(siblings) per step.
struct rescan_t {};
/// Tag value selecting the *rescan* strategy.
inline constexpr rescan_t rescan{};

/// The result of a collected walk: a random-access view of the recorded
/// nodes, last recorded first. When the storage was too small it is empty
/// and needed() says how many entries the walk requires.
template <class NodePtr>
class collected_walk : public std::ranges::view_interface<collected_walk<NodePtr>> {
public:
  /// An empty result.
  constexpr collected_walk() noexcept = default;
  /// The walk recorded `needed` nodes into `storage` (or would have, when
  /// `needed > storage.size()`).
  constexpr collected_walk(std::span<NodePtr> storage, std::size_t needed) noexcept
      : nodes_(needed <= storage.size() ? storage.first(needed) : storage.first(0)), needed_(needed) {}
  /// Whether the storage was large enough (and the walk visits anything).
  /// @complexity O(1)
  constexpr bool fits() const noexcept { return needed_ == nodes_.size(); }
  /// How many entries the walk needs.
  /// @complexity O(1)
  constexpr std::size_t needed() const noexcept { return needed_; }
  /// The last recorded node. @complexity O(1)
  constexpr auto begin() const noexcept { return std::make_reverse_iterator(nodes_.end()); }
  /// Past the first recorded node. @complexity O(1)
  constexpr auto end() const noexcept { return std::make_reverse_iterator(nodes_.begin()); }

private:
  std::span<NodePtr> nodes_;
  std::size_t needed_ = 0;
};

namespace detail {

// Records a forward walk into storage (as far as it fits) and counts it.
template <class NodePtr, class Range>
constexpr collected_walk<NodePtr> record(Range&& walk, std::span<NodePtr> storage) noexcept {
  std::size_t count = 0;
  for (NodePtr n : walk) {
    if (count < storage.size()) {
      storage[count] = n;
    }
    ++count;
  }
  return collected_walk<NodePtr>(storage, count);
}

// The sibling before n under p, by scanning from p's first child.
template <forward_tree_traits T>
constexpr typename T::node_ptr scan_prev(typename T::const_node_ptr n, typename T::const_node_ptr p) noexcept {
  typename T::node_ptr c = T::get_first_child(p);
  if (c == n) {
    return nullptr;
  }
  for (;;) {
    typename T::node_ptr s = next_in<T>(c, p);
    if (s == n) {
      return c;
    }
    c = s;
  }
}

// The last node of n's subtree in pre-order, scanning each level's list.
template <forward_tree_traits T>
constexpr typename T::node_ptr scan_rightmost(typename T::node_ptr n) noexcept {
  while (typename T::node_ptr c = last_child<T>(n)) {
    n = c;
  }
  return n;
}

template <forward_tree_traits T>
struct rescan_children_walk {
  using node_ptr = typename T::node_ptr;
  using state = no_depth;
  static constexpr bool bidirectional = true; // -- is the cheap forward step
  static constexpr node_ptr first(node_ptr b, state&) noexcept { return last_child<T>(b); }
  static constexpr node_ptr last(node_ptr b, state&) noexcept { return T::get_first_child(b); }
  static constexpr node_ptr next(node_ptr n, node_ptr b, state&) noexcept { return scan_prev<T>(n, b); }
  static constexpr node_ptr prev(node_ptr n, node_ptr b, state&) noexcept { return next_in<T>(n, b); }
};

template <forward_tree_traits T>
struct rescan_preorder_walk {
  using node_ptr = typename T::node_ptr;
  using state = no_depth;
  static constexpr bool bidirectional = true;
  static constexpr node_ptr first(node_ptr b, state&) noexcept { return scan_rightmost<T>(b); }
  static constexpr node_ptr last(node_ptr b, state&) noexcept { return b; }
  static constexpr node_ptr next(node_ptr n, node_ptr b, state&) noexcept {
    if (n == b) {
      return nullptr;
    }
    node_ptr p = T::get_parent(n);
    node_ptr s = scan_prev<T>(n, p);
    return s ? scan_rightmost<T>(s) : p;
  }
  static constexpr node_ptr prev(node_ptr n, node_ptr b, state& d) noexcept {
    return detail::preorder_next<T>(n, b, d);
  }
};

} // namespace detail

/// The children of `n`, last to first, collected into `s.storage` (one
/// entry per child). Too small: visits nothing, `needed()` tells the size.
/// @complexity O(children) time; the storage is the caller's.
template <forward_tree_traits T>
constexpr collected_walk<typename T::node_ptr> children_reverse(typename T::node_ptr n,
                                                               collect_into<typename T::node_ptr> s) noexcept {
  return detail::record(children<T>(n), s.storage);
}

/// The children of `n`, last to first, found by rescanning the sibling list
/// for each predecessor. No memory. `--` steps forward in O(1).
/// @complexity O(children) per step: O(children²) for the whole walk.
template <forward_tree_traits T>
constexpr auto children_reverse(typename T::node_ptr n, rescan_t) noexcept {
  return walk_view<T, detail::rescan_children_walk<T>>(n);
}

/// preorder(n) backwards (`n` last), collected into `s.storage` (one entry
/// per node of the subtree). Too small: visits nothing; see needed().
/// @complexity O(size) time; the storage is the caller's.
template <forward_tree_traits T>
constexpr collected_walk<typename T::node_ptr> preorder_reverse(typename T::node_ptr n,
                                                               collect_into<typename T::node_ptr> s) noexcept {
  return detail::record(preorder<T>(n), s.storage);
}

/// preorder(n) backwards, each predecessor found by rescanning sibling
/// lists (and last children). No memory. `--` steps forward in O(1).
/// @complexity O(siblings + the height descended) per step; quadratic on
/// wide trees.
template <forward_tree_traits T>
constexpr auto preorder_reverse(typename T::node_ptr n, rescan_t) noexcept {
  return walk_view<T, detail::rescan_preorder_walk<T>>(n);
}

/// Mirrored pre-order (each parent before its children, children last to
/// first), collected into `s.storage`: the post-order, recorded and read
/// backwards. Too small: visits nothing; see needed().
/// @complexity O(size) time; the storage is the caller's.
template <forward_tree_traits T>
constexpr collected_walk<typename T::node_ptr> mirrored_preorder(typename T::node_ptr n,
                                                                collect_into<typename T::node_ptr> s) noexcept {
  return detail::record(postorder<T>(n), s.storage);
}

/// postorder(n) backwards, collected; the same as mirrored_preorder(n, s).
/// @complexity O(size) time; the storage is the caller's.
template <forward_tree_traits T>
constexpr collected_walk<typename T::node_ptr> postorder_reverse(typename T::node_ptr n,
                                                                collect_into<typename T::node_ptr> s) noexcept {
  return mirrored_preorder<T>(n, s);
}

/// The ancestors of `n`, root first, collected into `s.storage` (one entry
/// per ancestor). On every layout: no parent-to-child link says which child
/// leads to `n`, so an O(1)-per-step root-first walk does not exist.
/// Too small: visits nothing; see needed().
/// @complexity O(depth) time; the storage is the caller's.
template <forward_tree_traits T>
constexpr collected_walk<typename T::node_ptr> ancestors_reverse(typename T::node_ptr n,
                                                                collect_into<typename T::node_ptr> s) noexcept {
  return detail::record(ancestors<T>(n), s.storage);
}

} // namespace kin

/// @cond
template <class NodePtr>
inline constexpr bool std::ranges::enable_borrowed_range<kin::collected_walk<NodePtr>> = true;
/// @endcond

#endif // KIN_REVERSE_HPP
