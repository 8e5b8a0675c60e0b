// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief kin::device_tree: a whole device tree of kin::device_node in one
/// block of memory (nodes, property records, synthesised names and a
/// phandle index), with the kernel's find-by-phandle, attach and detach.
///
/// ```cpp
/// #include <kin/layouts/list.hpp>
/// #include <kin/adapters/dtb.hpp>        // the loader; it includes this header
/// auto loaded = kin::load_dtb<kin::list_hook<>>(blob, size);
/// if (!loaded) { report(loaded.error()); return 2; }    // offset, message
/// kin::device_tree<kin::list_hook<>>& dt = *loaded;
/// auto* intc = dt.find_by_phandle(0x8001);               // O(1)
/// dt.detach_node(intc);                                  // subtree and handles gone
/// ```
///
/// The tree is filled by a loader (kin/adapters/dtb.hpp); this header has
/// no loader of its own and needs no libfdt. The rules follow kin's
/// reference notes (devicetree-and-acpi.md, sections 2.3 and 2.6); no
/// kernel code was used.
#ifndef KIN_ADAPTERS_DEVICE_TREE_HPP
#define KIN_ADAPTERS_DEVICE_TREE_HPP

#include <kin/config.hpp>
#include <kin/adapters/device_node.hpp>
#include <kin/algorithms.hpp>
#include <kin/queries.hpp>
#include <kin/steps.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace kin {

/// A warning of a loader: the blob was accepted, but something was left out
/// (a node deeper than 64 levels, with its subtree, as Linux does).
struct dt_warning {
  std::size_t offset = 0; ///< byte offset in the blob of what it is about
  std::string message;    ///< one sentence
};

template <class Hook>
class device_tree;

namespace detail {
template <class Hook>
struct device_tree_access;

// Where each part of a device tree's block lies, from the counts a loader
// measured. The parts, each aligned for its type: the nodes (the root
// first, then blob pre-order), the property records, the phandle index
// (a power of two of slots, at least twice the handles), the synthesised
// name strings, then `extra` bytes the loader may use (a copy of a
// misaligned blob).
struct dt_block_layout {
  std::size_t nodes = 0, properties = 0, phandles = 0, name_bytes = 0, extra = 0;
  std::size_t properties_at = 0, index_at = 0, index_slots = 0, names_at = 0, extra_at = 0, bytes = 0;
};

KIN_HARDENING_ABI constexpr std::size_t dt_align_up(std::size_t n, std::size_t a) noexcept {
  return (n + a - 1) / a * a;
}

KIN_HARDENING_ABI constexpr std::size_t dt_index_slots_for(std::size_t handles) noexcept {
  std::size_t slots = 8;
  while (slots < 2 * handles) {
    slots *= 2;
  }
  return slots;
}

// One slot of the phandle index: empty when `node` is null.
template <class Node>
struct dt_index_slot {
  std::uint32_t handle = 0;
  Node* node = nullptr;
};

KIN_HARDENING_ABI constexpr std::size_t dt_handle_home(std::uint32_t h, std::size_t slots) noexcept {
  std::uint32_t x = h;
  x ^= x >> 16;
  x *= 0x45d9f3bu;
  x ^= x >> 16;
  return static_cast<std::size_t>(x) & (slots - 1);
}
// A property's value as a string: up to its first NUL, or all of it.
KIN_HARDENING_ABI inline std::string_view dt_property_string(const dt_property& p) noexcept {
  std::size_t n = 0;
  while (n < p.length && p.value[n] != 0) {
    ++n;
  }
  return {reinterpret_cast<const char*>(p.value), n};
}

// The handle the kernel reads from a node's properties: `phandle` or
// `linux,phandle`, the first one wins; `ibm,phandle` overrides. Values
// shorter than a cell are ignored.
KIN_HARDENING_ABI constexpr std::uint32_t dt_handle_of(const dt_property* props, std::size_t count) noexcept {
  std::uint32_t h = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const dt_property& p = props[i];
    if (p.length < 4 || !p.value) {
      continue;
    }
    if ((p.name == "phandle" || p.name == "linux,phandle") && h == 0) {
      h = of::detail::be32(p.value);
    } else if (p.name == "ibm,phandle") {
      h = of::detail::be32(p.value);
    }
  }
  return h;
}

} // namespace detail

/// A device tree: kin::device_node<Hook> values and everything they view
/// but the blob's bytes, in one block of memory: either one allocation the
/// tree owns (kin::load_dtb) or storage the caller lends
/// (kin::load_dtb_into). The block holds, in order, the nodes (the root
/// first, then the blob's nodes in pre-order), the property records, the
/// phandle index (open addressing, linear probing, at most half full) and
/// the `name` strings the loader synthesised. Property values, node names
/// and property names view the blob: **the blob must outlive the tree**
/// (unless the loader copied it: kin::load_dtb does for a blob that is not
/// 8-byte aligned, into the same block).
///
/// Move-only; a move moves no node. When `Hook` has a destructor
/// (kin::checked_hook), every node of the block is unlinked before the
/// block is freed (also the nodes of a subtree the caller detached), then
/// destroyed. A node of the caller's own attached with attach_node must be
/// detached before the tree is destroyed, or outlive it and never be used
/// as linked again (its parent link would dangle).
///
/// The phandle index maps each handle of a node reachable from root() to
/// that node; a handle several reachable nodes share maps to the one
/// indexed first (the first in blob order for loaded nodes). The index
/// keys a node by the `phandle` it had when it was indexed: do not change
/// the `phandle` of a node in the tree (detach it, change it, attach it).
template <class Hook>
class device_tree {
public:
  /// The node type.
  using node = device_node<Hook>;
  /// The value traits of the nodes (walks yield `node&`).
  using traits = typename node::traits;
  /// The alignment of a block (of storage lent to kin::load_dtb_into):
  /// the strictest of the node's, the index's and std::max_align_t's.
  static constexpr std::size_t block_alignment =
      alignof(node) > alignof(std::max_align_t) ? alignof(node) : alignof(std::max_align_t);

  /// Move-constructs: `other` is left empty (no root: use it only to
  /// assign to or destroy). @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI device_tree(device_tree&& other) noexcept { take(other); }
  /// Move-assigns: this tree's block is released first (as the destructor
  /// does). @throws_ Nothing. @complexity O(size()) when `Hook` has a
  /// destructor, else O(1)
  KIN_HARDENING_ABI device_tree& operator=(device_tree&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  /// Not copyable: the nodes are linked to each other in place.
  device_tree(const device_tree&) = delete;
  /// Not copyable: the nodes are linked to each other in place.
  device_tree& operator=(const device_tree&) = delete;
  /// Releases the block (unlinking and destroying the nodes when `Hook`
  /// has a destructor); storage lent by the caller is not freed.
  /// @requires no node of the caller's is still linked to a node of the
  /// block (detach it first). @throws_ Nothing.
  /// @complexity O(size()) when `Hook` has a destructor, else O(1)
  KIN_HARDENING_ABI ~device_tree() { release(); }

  /// The root (the blob's first node; empty `full_name`).
  /// @requires the tree was not moved from (checked in `fast`).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI node& root() noexcept {
    KIN_CHECK(nodes_ != nullptr, "a moved-from device tree has no root");
    return nodes_[0];
  }
  /// The root. @requires the tree was not moved from (checked in `fast`).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI const node& root() const noexcept {
    KIN_CHECK(nodes_ != nullptr, "a moved-from device tree has no root");
    return nodes_[0];
  }
  /// The number of nodes in the block (those the loader built; nodes
  /// attached by the caller are not counted, detached ones still are).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI std::size_t size() const noexcept { return count_; }
  /// The `i`-th node of the block (0 is the root; then blob pre-order).
  /// @requires `i` < size() (checked in `fast`). @throws_ Nothing.
  /// @complexity O(1)
  KIN_HARDENING_ABI node& node_at(std::size_t i) noexcept {
    KIN_CHECK(i < count_, "a node index must be below size()");
    return nodes_[i];
  }
  /// The `i`-th node of the block. @requires `i` < size() (checked in
  /// `fast`). @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI const node& node_at(std::size_t i) const noexcept {
    KIN_CHECK(i < count_, "a node index must be below size()");
    return nodes_[i];
  }

  /// The kernel's of_find_node_by_phandle, without its linear scan: the
  /// node reachable from root() whose handle is `h`, through the index.
  /// @returns the node; null when `h` is 0, when no reachable node has it
  /// (a detached node and its subtree are never returned), or for a
  /// moved-from tree. @throws_ Nothing.
  /// @complexity O(1) expected (the index is at most half full)
  KIN_HARDENING_ABI node* find_by_phandle(std::uint32_t h) const noexcept {
    if (h == 0 || slots_ == 0) {
      return nullptr;
    }
    for (std::size_t i = detail::dt_handle_home(h, slots_);; i = (i + 1) & (slots_ - 1)) {
      if (!index_[i].node) {
        return nullptr;
      }
      if (index_[i].handle == h) {
        return index_[i].node;
      }
    }
  }

  /// The number of handles in the index (reachable nodes with a handle).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI std::size_t phandle_count() const noexcept { return indexed_; }

  /// The kernel's of_attach_node: refreshes `n->name` (the value of its
  /// `name` property up to its first NUL, or `"<NULL>"` as the kernel does
  /// when there is none) and `n->phandle` (its `phandle` or
  /// `linux,phandle` property, the first one with 4 bytes or more;
  /// `ibm,phandle` overrides), links `n` as the FIRST child of `parent`
  /// (kin::link_first_child: a dynamically attached node comes before its
  /// older siblings, as in Linux), clears kin::dt_detached, sets
  /// kin::dt_dynamic, and adds its handle to the index when `parent` is
  /// reachable from root().
  ///
  /// `n` may be a node of this tree's block that was detached (childless
  /// by then) or a node of the caller's: that one must outlive the tree or
  /// be detached before it is destroyed; its properties must outlive its
  /// time in the tree.
  /// @requires nothing checked by kin's assertions: misuse is an error code.
  /// @effects as above; nothing at all on an error.
  /// @returns 0; -22 (-EINVAL) when `parent` or `n` is null, `n` is
  /// `parent`, `n` has a parent or children, `n` is the root, or the tree
  /// was moved from; -12 (-ENOMEM) when the index had to grow and the
  /// allocation failed (the tree is unchanged).
  /// @throws_ Nothing.
  /// @complexity O(depth of `parent` + properties of `n`), plus O(handles)
  /// when the index grows (amortised O(1)).
  KIN_HARDENING_ABI int attach_node(node* parent, node* n) noexcept {
    if (!parent || !n || n == parent || !nodes_ || n == nodes_) {
      return of::einval;
    }
    if (kin::parent<traits>(n) || kin::first_child<traits>(n)) {
      return of::einval;
    }
    std::string_view name = "<NULL>";
    if (const dt_property* p = of::find_property(n, "name")) {
      name = detail::dt_property_string(*p);
    }
    const std::uint32_t handle = detail::dt_handle_of(n->properties, n->property_count);
    const bool reachable = top_of(parent) == nodes_;
    if (reachable && handle != 0 && !reserve(indexed_ + 1)) {
      return -12;
    }
    n->name = name;
    n->phandle = handle;
    kin::link_first_child<traits>(parent, n);
    n->flags = (n->flags & ~std::uint32_t{dt_detached}) | dt_dynamic;
    if (reachable && handle != 0) {
      insert(handle, n);
    }
    return 0;
  }

  /// The kernel's of_detach_node: unlinks `n` with its subtree
  /// (kin::unlink), sets kin::dt_detached on `n` (not on its descendants,
  /// as in Linux), and removes the handles of `n` and of its whole subtree
  /// from the index: find_by_phandle reaches none of them. The nodes stay
  /// in the block (attach_node may put `n` back once it is childless).
  /// @returns 0; -22 (-EINVAL) when `n` is null, the root, or not
  /// reachable from root() (already detached, in a detached subtree, or of
  /// another tree), or the tree was moved from.
  /// @throws_ Nothing.
  /// @complexity O(depth of `n` + size of its subtree), plus O(siblings
  /// before `n`) on singly linked layouts.
  KIN_HARDENING_ABI int detach_node(node* n) noexcept {
    if (!n || !nodes_ || n == nodes_ || !kin::parent<traits>(n) || top_of(n) != nodes_) {
      return of::einval;
    }
    for (node* d = n; d; d = kin::preorder_next<traits>(d, n)) {
      if (d->phandle != 0) {
        erase(d->phandle, d);
      }
    }
    kin::unlink<traits>(n);
    n->flags |= dt_detached;
    return 0;
  }

  /// The loader's warnings, in blob order (each with its byte offset).
  /// Empty for a tree built in caller storage (kin::load_dtb_into), which
  /// allocates nothing and only counts them: see warning_count().
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI const std::vector<dt_warning>& warnings() const noexcept { return warnings_; }
  /// How many warnings the loader had: warnings().size() for kin::load_dtb,
  /// the count of the warnings not stored for kin::load_dtb_into.
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI std::size_t warning_count() const noexcept { return warning_count_; }
  /// Whether the block is storage the caller lent (kin::load_dtb_into).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI bool uses_caller_storage() const noexcept { return block_ && !owned_; }

private:
  friend struct detail::device_tree_access<Hook>;
  using slot = detail::dt_index_slot<node>;

  KIN_HARDENING_ABI device_tree() noexcept = default;

  KIN_HARDENING_ABI void take(device_tree& o) noexcept {
    block_ = std::exchange(o.block_, nullptr);
    owned_ = std::exchange(o.owned_, false);
    nodes_ = std::exchange(o.nodes_, nullptr);
    count_ = std::exchange(o.count_, 0);
    index_ = std::exchange(o.index_, nullptr);
    slots_ = std::exchange(o.slots_, 0);
    indexed_ = std::exchange(o.indexed_, 0);
    grown_index_ = std::move(o.grown_index_);
    warnings_ = std::move(o.warnings_);
    o.warnings_.clear();
    warning_count_ = std::exchange(o.warning_count_, 0);
  }

  // Unlinks (in block order, which is pre-order: each node is its parent's
  // first child by then unless the caller attached one before it) and
  // destroys the nodes, then frees an owned block.
  KIN_HARDENING_ABI void release() noexcept {
    if (nodes_) {
      if constexpr (!std::is_trivially_destructible_v<node>) {
        for (std::size_t i = 1; i < count_; ++i) {
          if (kin::parent<traits>(&nodes_[i])) {
            kin::unlink<traits>(&nodes_[i]);
          }
        }
      }
      for (std::size_t i = 0; i < count_; ++i) {
        std::destroy_at(&nodes_[i]);
      }
    }
    if (owned_) {
      ::operator delete[](static_cast<void*>(block_), std::align_val_t{block_alignment});
    }
    block_ = nullptr;
    owned_ = false;
    nodes_ = nullptr;
    count_ = 0;
    index_ = nullptr;
    slots_ = 0;
    indexed_ = 0;
    grown_index_.reset();
  }

  KIN_HARDENING_ABI static node* top_of(node* n) noexcept {
    while (node* p = kin::parent<traits>(n)) {
      n = p;
    }
    return n;
  }

  // Makes room for `handles` entries (the index stays at most half full):
  // a new, larger array when needed. False when that allocation failed.
  KIN_HARDENING_ABI bool reserve(std::size_t handles) noexcept {
    if (2 * handles <= slots_) {
      return true;
    }
    const std::size_t slots = detail::dt_index_slots_for(handles);
    std::unique_ptr<slot[]> grown(new (std::nothrow) slot[slots]());
    if (!grown) {
      return false;
    }
    slot* old = index_;
    const std::size_t old_slots = slots_;
    index_ = grown.get();
    slots_ = slots;
    indexed_ = 0;
    // Reinserting in slot order from each cluster's start keeps same-handle
    // entries in their order: walk from an empty slot.
    std::size_t start = 0;
    while (start < old_slots && old[start].node) {
      ++start;
    }
    for (std::size_t k = 0; k < old_slots; ++k) {
      const slot& s = old[(start + k) % old_slots];
      if (s.node) {
        insert(s.handle, s.node);
      }
    }
    grown_index_ = std::move(grown);
    return true;
  }

  // Adds (h, n) after every entry already there for `h`.
  // Requires room (reserve).
  KIN_HARDENING_ABI void insert(std::uint32_t h, node* n) noexcept {
    std::size_t i = detail::dt_handle_home(h, slots_);
    while (index_[i].node) {
      i = (i + 1) & (slots_ - 1);
    }
    index_[i] = slot{h, n};
    ++indexed_;
  }

  // Removes the entry (h, n), if there is one, by shifting the rest of its
  // cluster back (no tombstones: lookups stay O(1) after any number of
  // detaches).
  KIN_HARDENING_ABI void erase(std::uint32_t h, node* n) noexcept {
    if (slots_ == 0) {
      return;
    }
    const std::size_t mask = slots_ - 1;
    std::size_t i = detail::dt_handle_home(h, slots_);
    while (index_[i].node && !(index_[i].handle == h && index_[i].node == n)) {
      i = (i + 1) & mask;
    }
    if (!index_[i].node) {
      return;
    }
    for (std::size_t j = (i + 1) & mask; index_[j].node; j = (j + 1) & mask) {
      const std::size_t home = detail::dt_handle_home(index_[j].handle, slots_);
      // The entry at j may fill the hole at i when its home is not in the
      // cyclic range (i, j].
      const bool home_in_range = i <= j ? (home > i && home <= j) : (home > i || home <= j);
      if (!home_in_range) {
        index_[i] = index_[j];
        i = j;
      }
    }
    index_[i] = slot{};
    --indexed_;
  }

  unsigned char* block_ = nullptr;
  bool owned_ = false;
  node* nodes_ = nullptr;
  std::size_t count_ = 0;
  slot* index_ = nullptr;
  std::size_t slots_ = 0;
  std::size_t indexed_ = 0;
  std::unique_ptr<slot[]> grown_index_;
  std::vector<dt_warning> warnings_;
  std::size_t warning_count_ = 0;
};

namespace detail {

// The loaders' access to a device tree's insides.
template <class Hook>
struct device_tree_access {
  using tree = device_tree<Hook>;
  using node = typename tree::node;
  using slot = typename tree::slot;

  // The layout of a block for these counts.
  KIN_HARDENING_ABI static constexpr dt_block_layout layout(std::size_t nodes, std::size_t properties,
                                                            std::size_t phandles, std::size_t name_bytes,
                                                            std::size_t extra) noexcept {
    dt_block_layout l;
    l.nodes = nodes;
    l.properties = properties;
    l.phandles = phandles;
    l.name_bytes = name_bytes;
    l.extra = extra;
    l.properties_at = dt_align_up(nodes * sizeof(node), alignof(dt_property));
    l.index_at = dt_align_up(l.properties_at + properties * sizeof(dt_property), alignof(slot));
    l.index_slots = dt_index_slots_for(phandles);
    l.names_at = l.index_at + l.index_slots * sizeof(slot);
    l.extra_at = dt_align_up(l.names_at + name_bytes, 8);
    l.bytes = l.extra_at + extra;
    return l;
  }

  // Starts a tree on `block` (owned or lent) with `l`'s parts: the nodes
  // constructed (empty and unlinked), the index empty.
  KIN_HARDENING_ABI static tree start(unsigned char* block, bool owned, const dt_block_layout& l) noexcept {
    tree t;
    t.block_ = block;
    t.owned_ = owned;
    t.nodes_ = reinterpret_cast<node*>(block);
    for (std::size_t i = 0; i < l.nodes; ++i) {
      ::new (static_cast<void*>(block + i * sizeof(node))) node();
    }
    t.count_ = l.nodes;
    t.index_ = reinterpret_cast<slot*>(block + l.index_at);
    for (std::size_t i = 0; i < l.index_slots; ++i) {
      ::new (static_cast<void*>(t.index_ + i)) slot();
    }
    t.slots_ = l.index_slots;
    return t;
  }

  KIN_HARDENING_ABI static dt_property* properties(tree& t, const dt_block_layout& l) noexcept {
    return reinterpret_cast<dt_property*>(t.block_ + l.properties_at);
  }
  KIN_HARDENING_ABI static char* names(tree& t, const dt_block_layout& l) noexcept {
    return reinterpret_cast<char*>(t.block_ + l.names_at);
  }
  KIN_HARDENING_ABI static unsigned char* extra(tree& t, const dt_block_layout& l) noexcept {
    return t.block_ + l.extra_at;
  }
  KIN_HARDENING_ABI static void index(tree& t, node* n) noexcept { t.insert(n->phandle, n); }
  KIN_HARDENING_ABI static std::vector<dt_warning>& warnings(tree& t) noexcept { return t.warnings_; }
  KIN_HARDENING_ABI static void count_warning(tree& t) noexcept { ++t.warning_count_; }
};

} // namespace detail
} // namespace kin

#endif // KIN_ADAPTERS_DEVICE_TREE_HPP
