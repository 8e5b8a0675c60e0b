/// @file
/// @brief The list_head layout (5 pointers): a parent pointer, a circular
/// sibling ring and a circular child ring headed in the parent, the layout of
/// Baoquan He's 2018 series and of U-Boot's driver model.
///
/// ```cpp
/// struct region { kin::list_hook hook; unsigned long start, end; };
/// using T = kin::list_traits;              // bidirectional and mutable
/// ```
///
/// All ring surgery goes through Boost.Intrusive's
/// `circular_list_algorithms` (the parent's child ring is the ring's header),
/// with the two Boost 1.74 traps handled here: `unlink` leaves the node's own
/// ring pointers stale (kin resets them to null) and `transfer` corrupts the
/// ring when the insertion point is the run's end or first node (kin treats
/// both as the no-ops they are).
///
/// Costs: every link, unlink, first/last child and next/previous sibling is
/// O(1). A node is unlinked exactly when its sibling ring's `next` is null;
/// a childless node's child ring is self-linked from construction.
/// Iterators survive every operation except unlinking or moving the node they
/// stand on.
///
/// This is the only kin header that includes Boost. Its read-only walks are
/// not guaranteed `constexpr`: its surgery is Boost's, which is not.
#ifndef KIN_LAYOUTS_LIST_HPP
#define KIN_LAYOUTS_LIST_HPP

#include <kin/config.hpp>
#include <kin/traits.hpp>

#include <boost/intrusive/circular_list_algorithms.hpp>

namespace kin {

namespace detail {

// One ring element: both the sibling ring of a node and the child ring (the
// header) of its parent are made of these.
struct list_link {
  list_link* next = nullptr;
  list_link* prev = nullptr;
};
// Two distinct bases, so that ring element -> hook is a static_cast.
struct list_sibling_link : list_link {};
struct list_child_link : list_link {};

// Boost.Intrusive NodeTraits over list_link.
struct list_link_traits {
  using node = list_link;
  using node_ptr = list_link*;
  using const_node_ptr = const list_link*;
  static node_ptr get_next(const_node_ptr n) noexcept { return n->next; }
  static void set_next(node_ptr n, node_ptr v) noexcept { n->next = v; }
  static node_ptr get_previous(const_node_ptr n) noexcept { return n->prev; }
  static void set_previous(node_ptr n, node_ptr v) noexcept { n->prev = v; }
};

using list_algo = boost::intrusive::circular_list_algorithms<list_link_traits>;

} // namespace detail

struct list_traits;

/// The 5-pointer hook: parent, sibling ring (next, prev), child ring
/// (first, last) headed in this node.
///
/// Neither copyable nor movable (the child ring points into the hook itself).
class list_hook : private detail::list_sibling_link, private detail::list_child_link {
public:
  /// The traits kin uses for this hook.
  using traits = list_traits;
  /// An unlinked hook with an empty (self-linked) child ring.
  constexpr list_hook() noexcept {
    detail::list_link& header = *static_cast<detail::list_child_link*>(this);
    header.next = &header;
    header.prev = &header;
  }
  list_hook(const list_hook&) = delete;
  list_hook& operator=(const list_hook&) = delete;

private:
  friend struct list_traits;
  list_hook* parent_ = nullptr;
};

static_assert(sizeof(list_hook) == 5 * sizeof(void*));
static_assert(sizeof(list_hook) % sizeof(void*) == 0);

/// Traits of kin::list_hook: bidirectional and mutable, O(1) everywhere.
struct list_traits {
  /// The node type.
  using node = list_hook;
  /// Pointer to a node.
  using node_ptr = list_hook*;
  /// Pointer to a const node.
  using const_node_ptr = const list_hook*;

  /// The parent, or null. @complexity O(1)
  static constexpr node_ptr get_parent(const_node_ptr n) noexcept { return n->parent_; }
  /// The first child, or null. @complexity O(1)
  static constexpr node_ptr get_first_child(const_node_ptr n) noexcept {
    return from_ring(header(n)->next, header(n));
  }
  /// The last child, or null. @complexity O(1)
  static constexpr node_ptr get_last_child(const_node_ptr n) noexcept {
    return from_ring(header(n)->prev, header(n));
  }
  /// The last child, or null, on a well-formed tree (a walker's step: a
  /// child ring's pointers are never null). @complexity O(1)
  static constexpr node_ptr last_child_in(const_node_ptr n) noexcept {
    detail::list_link* last = header(n)->prev;
    KIN_ASSUME(last != nullptr);
    return from_ring(last, header(n));
  }
  /// The next sibling, or null (also for a root or an unlinked node).
  /// Safe on any pointer graph (kin::verify uses it). @complexity O(1)
  static constexpr node_ptr get_next_sibling(const_node_ptr n) noexcept {
    return n->parent_ ? from_ring(sibling(n)->next, header(n->parent_)) : nullptr;
  }
  /// The previous sibling, or null. Safe on any pointer graph. @complexity O(1)
  static constexpr node_ptr get_prev_sibling(const_node_ptr n) noexcept {
    return n->parent_ ? from_ring(sibling(n)->prev, header(n->parent_)) : nullptr;
  }
  /// The next sibling of `n`, whose parent the caller knows is `parent`
  /// (saves reloading it), on a well-formed tree (a walker's step: a linked
  /// node's ring pointers are never null). @complexity O(1)
  static constexpr node_ptr next_sibling_in(const_node_ptr n, const_node_ptr parent) noexcept {
    detail::list_link* next = sibling(n)->next;
    KIN_ASSUME(next != nullptr);
    return from_ring(next, header(parent));
  }
  /// The previous sibling of `n`, whose parent is `parent`, on a well-formed
  /// tree. @complexity O(1)
  static constexpr node_ptr prev_sibling_in(const_node_ptr n, const_node_ptr parent) noexcept {
    detail::list_link* prev = sibling(n)->prev;
    KIN_ASSUME(prev != nullptr);
    return from_ring(prev, header(parent));
  }
  /// Whether `n` is in a tree: its sibling ring's `next` is not null.
  /// @complexity O(1)
  static constexpr bool is_linked(const_node_ptr n) noexcept { return sibling(n)->next != nullptr; }

  /// Makes unlinked `n` the first child of `p`. @complexity O(1)
  static void link_first(node_ptr p, node_ptr n) noexcept {
    detail::list_algo::link_after(header(p), sibling(n));
    n->parent_ = p;
  }
  /// Makes unlinked `n` the next sibling of `pos`. @complexity O(1)
  static void link_after(node_ptr pos, node_ptr n) noexcept {
    detail::list_algo::link_after(sibling(pos), sibling(n));
    n->parent_ = pos->parent_;
  }
  /// Makes unlinked `n` the previous sibling of `pos`. @complexity O(1)
  static void link_before(node_ptr pos, node_ptr n) noexcept {
    detail::list_algo::link_before(sibling(pos), sibling(n));
    n->parent_ = pos->parent_;
  }
  /// Removes `n` with its subtree and clears its parent and ring pointers.
  /// @complexity O(1)
  static void unlink(node_ptr n) noexcept {
    detail::list_algo::unlink(sibling(n));
    detail::list_algo::init(sibling(n)); // Boost 1.74 leaves them stale
    n->parent_ = nullptr;
  }
  /// Moves the siblings `first`..`last` before `pos` among `p`'s children
  /// (`pos == nullptr`: at the end); a no-op when they already sit there.
  /// @complexity O(run length) (parent pointers are rewritten)
  static void transfer(node_ptr p, node_ptr pos, node_ptr first, node_ptr last) noexcept {
    detail::list_link* at = pos ? sibling(pos) : header(p);
    detail::list_link* begin = sibling(first);
    detail::list_link* end = sibling(last)->next;
    // boostorg/intrusive#63: Boost 1.74 drops the run when at == end and
    // makes an endless ring when at == begin. Both are no-ops anyway.
    if (at == begin || at == end) {
      return;
    }
    for (node_ptr x = first;; x = from_sibling(sibling(x)->next)) {
      x->parent_ = p;
      if (x == last) {
        break;
      }
    }
    detail::list_algo::transfer(at, begin, end);
  }

  /// Raw access to the sibling ring element of `n`, for tests that corrupt
  /// a tree on purpose and for layout-aware code. @complexity O(1)
  static constexpr detail::list_link* sibling(node_ptr n) noexcept {
    return static_cast<detail::list_sibling_link*>(n);
  }
  /// Raw access to the child ring header of `n`. @complexity O(1)
  static constexpr detail::list_link* header(node_ptr n) noexcept {
    return static_cast<detail::list_child_link*>(n);
  }
  /// Stores the parent link without touching the rings (tests only).
  /// @complexity O(1)
  static constexpr void set_parent(node_ptr n, node_ptr v) noexcept { n->parent_ = v; }

private:
  static constexpr const detail::list_link* sibling(const_node_ptr n) noexcept {
    return static_cast<const detail::list_sibling_link*>(n);
  }
  static constexpr const detail::list_link* header(const_node_ptr n) noexcept {
    return static_cast<const detail::list_child_link*>(n);
  }
  static constexpr node_ptr from_sibling(detail::list_link* l) noexcept {
    return static_cast<node_ptr>(static_cast<detail::list_sibling_link*>(l));
  }
  // A ring element other than the header is some child's sibling link.
  static constexpr node_ptr from_ring(detail::list_link* l, const detail::list_link* hdr) noexcept {
    return l == hdr ? nullptr : from_sibling(l);
  }
};

static_assert(bidirectional_tree_traits<list_traits>);
static_assert(mutable_tree_traits<list_traits>);

} // namespace kin

#endif // KIN_LAYOUTS_LIST_HPP
