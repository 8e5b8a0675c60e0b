/// @file
/// @brief The *collect* reverse walks with storage allocated by kin
/// (`new (std::nothrow)`), for callers that have a heap and no buffer at
/// hand. The only kin header besides the adapters' loaders that allocates.
///
/// ```cpp
/// auto r = kin::preorder_reverse<kin::singly_traits>(root, kin::collect_allocating);
/// if (!r.ok()) return -ENOMEM;               // nothing was visited
/// for (auto* n : r) ...
/// ```
///
/// Like the kernel's walk_system_ram_res_rev, which allocates an array and
/// reports failure without calling its visitor, a failed allocation gives an
/// empty result whose ok() is false.
#ifndef KIN_ALLOCATING_HPP
#define KIN_ALLOCATING_HPP

#include <kin/reverse.hpp>
#include <kin/walkers.hpp>

#include <cstddef>
#include <iterator>
#include <new>
#include <ranges>
#include <span>

namespace kin {

/// Tag type of kin::collect_allocating.
struct collect_allocating_t {};
/// Tag value: the *collect* strategy with storage from `new (std::nothrow)`.
inline constexpr collect_allocating_t collect_allocating{};

/// A collected walk that owns its storage. Move-only. Iterates the recorded
/// nodes last first; empty, with ok() false, when the allocation failed.
template <class NodePtr>
class owned_collected_walk : public std::ranges::view_interface<owned_collected_walk<NodePtr>> {
public:
  /// An empty, successful result.
  owned_collected_walk() noexcept = default;
  owned_collected_walk(const owned_collected_walk&) = delete;
  owned_collected_walk& operator=(const owned_collected_walk&) = delete;
  /// Takes over `other`'s storage; `other` becomes empty.
  owned_collected_walk(owned_collected_walk&& other) noexcept
      : data_(other.data_), size_(other.size_), ok_(other.ok_) {
    other.data_ = nullptr;
    other.size_ = 0;
  }
  /// Takes over `other`'s storage, freeing this one's.
  owned_collected_walk& operator=(owned_collected_walk&& other) noexcept {
    if (this != &other) {
      delete[] data_;
      data_ = other.data_;
      size_ = other.size_;
      ok_ = other.ok_;
      other.data_ = nullptr;
      other.size_ = 0;
    }
    return *this;
  }
  /// Frees the storage.
  ~owned_collected_walk() { delete[] data_; }

  /// False when the storage could not be allocated (nothing is visited).
  /// @complexity O(1)
  bool ok() const noexcept { return ok_; }
  /// The last recorded node. @complexity O(1)
  auto begin() const noexcept { return std::make_reverse_iterator(data_ + size_); }
  /// Past the first recorded node. @complexity O(1)
  auto end() const noexcept { return std::make_reverse_iterator(data_); }

  /// Counts `walk`, allocates, records it. Used by the `collect_allocating`
  /// overloads; public so that other walks can be collected the same way.
  /// @complexity two forward passes over the walk, one allocation.
  template <class Range>
  static owned_collected_walk record(Range&& walk) noexcept {
    owned_collected_walk out;
    std::size_t count = 0;
    for (auto it = std::ranges::begin(walk); it != std::ranges::end(walk); ++it) {
      ++count;
    }
    if (count == 0) {
      return out;
    }
    out.data_ = new (std::nothrow) NodePtr[count];
    if (!out.data_) {
      out.ok_ = false;
      return out;
    }
    for (NodePtr n : walk) {
      out.data_[out.size_++] = n;
    }
    return out;
  }

private:
  NodePtr* data_ = nullptr;
  std::size_t size_ = 0;
  bool ok_ = true;
};

/// The children of `n`, last to first, in storage kin allocates.
/// @complexity O(children) time and memory.
template <forward_tree_traits T>
owned_collected_walk<typename T::node_ptr> children_reverse(typename T::node_ptr n, collect_allocating_t) noexcept {
  return owned_collected_walk<typename T::node_ptr>::record(children<T>(n));
}

/// preorder(n) backwards, in storage kin allocates.
/// @complexity O(size) time and memory.
template <forward_tree_traits T>
owned_collected_walk<typename T::node_ptr> preorder_reverse(typename T::node_ptr n, collect_allocating_t) noexcept {
  return owned_collected_walk<typename T::node_ptr>::record(preorder<T>(n));
}

/// Mirrored pre-order (post-order backwards), in storage kin allocates.
/// @complexity O(size) time and memory.
template <forward_tree_traits T>
owned_collected_walk<typename T::node_ptr> mirrored_preorder(typename T::node_ptr n, collect_allocating_t) noexcept {
  return owned_collected_walk<typename T::node_ptr>::record(postorder<T>(n));
}

/// The ancestors of `n`, root first, in storage kin allocates.
/// @complexity O(depth) time and memory.
template <forward_tree_traits T>
owned_collected_walk<typename T::node_ptr> ancestors_reverse(typename T::node_ptr n, collect_allocating_t) noexcept {
  return owned_collected_walk<typename T::node_ptr>::record(ancestors<T>(n));
}

} // namespace kin

#endif // KIN_ALLOCATING_HPP
