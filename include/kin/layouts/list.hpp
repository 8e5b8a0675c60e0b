// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief The list_head layout (5 pointers): a parent pointer, a circular
/// sibling ring and a circular child ring headed in the parent, the layout of
/// Baoquan He's 2018 series and of U-Boot's driver model; and
/// kin::list_policy, which gives the same operations to any struct built from
/// a kernel-style `list_head`.
///
/// ```cpp
/// struct region : kin::list_hook<> { unsigned long start, end; };
/// using VT = kin::base_hook<region, kin::list_hook<>>;   // bidirectional and mutable
/// ```
///
/// All ring surgery goes through Boost.Intrusive's
/// `circular_list_algorithms` (the parent's child ring is the ring's header),
/// with the two Boost 1.74 traps handled here: `unlink` leaves the node's own
/// ring pointers stale (kin resets them) and `transfer` corrupts the ring
/// when the insertion point is the run's end or first node (kin treats both
/// as the no-ops they are).
///
/// Costs: every link, unlink, first/last child and next/previous sibling is
/// O(1). A node is unlinked when its sibling ring element is null-linked
/// (kin's convention) or self-linked (the kernel's `INIT_LIST_HEAD`); a
/// childless node's child ring is self-linked. Iterators survive every
/// operation except unlinking or moving the node they stand on. Children
/// walks step along the ring and turn an element into a node only when it is
/// dereferenced, as `list_for_each_entry` does.
///
/// This is the only kin header that includes Boost. Its surgery is Boost's,
/// which is not `constexpr`, so a list tree cannot be built at compile time.
#ifndef KIN_LAYOUTS_LIST_HPP
#define KIN_LAYOUTS_LIST_HPP

#include <kin/config.hpp>
#include <kin/traits.hpp>

#include <boost/intrusive/circular_list_algorithms.hpp>

namespace kin {

namespace detail {

template <class A>
concept ring_has_accessors = requires(typename A::link* l, const typename A::link* c) {
  { A::link_next(c) } -> std::same_as<typename A::link*>;
  { A::link_prev(c) } -> std::same_as<typename A::link*>;
  A::set_link_next(l, l);
  A::set_link_prev(l, l);
};

// The ring element's next/prev: Access's four functions where it has them,
// else the element's own `next` and `prev` members (a kernel list_head).
template <class A>
struct ring_links {
  using link = typename A::link;
  KIN_HARDENING_ABI static constexpr link* next(const link* l) noexcept {
    if constexpr (ring_has_accessors<A>) {
      return A::link_next(l);
    } else {
      return l->next;
    }
  }
  KIN_HARDENING_ABI static constexpr link* prev(const link* l) noexcept {
    if constexpr (ring_has_accessors<A>) {
      return A::link_prev(l);
    } else {
      return l->prev;
    }
  }
  KIN_HARDENING_ABI static constexpr void set_next(link* l, link* v) noexcept {
    if constexpr (ring_has_accessors<A>) {
      A::set_link_next(l, v);
    } else {
      l->next = v;
    }
  }
  KIN_HARDENING_ABI static constexpr void set_prev(link* l, link* v) noexcept {
    if constexpr (ring_has_accessors<A>) {
      A::set_link_prev(l, v);
    } else {
      l->prev = v;
    }
  }
};

// Boost.Intrusive NodeTraits over the ring elements.
template <class A>
struct boost_ring_traits {
  using node = typename A::link;
  using node_ptr = node*;
  using const_node_ptr = const node*;
  KIN_HARDENING_ABI static node_ptr get_next(const_node_ptr n) noexcept { return ring_links<A>::next(n); }
  KIN_HARDENING_ABI static void set_next(node_ptr n, node_ptr v) noexcept { ring_links<A>::set_next(n, v); }
  KIN_HARDENING_ABI static node_ptr get_previous(const_node_ptr n) noexcept { return ring_links<A>::prev(n); }
  KIN_HARDENING_ABI static void set_previous(node_ptr n, node_ptr v) noexcept { ring_links<A>::set_prev(n, v); }
};

template <class A>
KIN_HARDENING_ABI constexpr bool unlinked_is_self_linked() noexcept {
  if constexpr (requires { A::unlinked_is_self_linked; }) {
    return A::unlinked_is_self_linked;
  } else {
    return false;
  }
}

} // namespace detail

/// Sibling-list policy and bidirectional accessors for any list_head
/// layout, built from the raw accessors of `Access` (which it inherits):
///
/// - `using node`, `using node_ptr` (`node*`), `using const_node_ptr`;
/// - `using link` — the ring element type (a kernel `struct list_head`);
///   its `next` and `prev` members are used, unless `Access` provides
///   `link_next(const link*)`, `link_prev(const link*)`,
///   `set_link_next(link*, link*)` and `set_link_prev(link*, link*)`;
/// - `get_parent(const_node_ptr)`, `set_parent(node_ptr, node_ptr)`;
/// - `sibling_link(node_ptr)` and `child_link(node_ptr)`: the node's two
///   ring elements, as `link*` (the child ring is headed in the node);
/// - `from_sibling_link(link*)`: the node whose sibling element that is (the
///   kernel's `container_of`);
/// - optionally `static constexpr bool unlinked_is_self_linked = true` for
///   the kernel's convention that an unlinked node's sibling element points
///   to itself (`list_del_init`); by default kin leaves it null-linked. A
///   node counts as unlinked either way.
///
/// Every node's child ring must be initialised (self-linked, as
/// `INIT_LIST_HEAD` does) before it is used. The policy also provides the
/// walker steps and the ring members described in kin/traits.hpp.
///
/// The policy's members check nothing: the link operations' **Requires**
/// are checked, per hardening mode, by kin's algorithms
/// (kin/algorithms.hpp), which call them. No member throws.
/// @complexity every operation O(1), except transfer: O(run length).
template <class Access>
struct list_policy : Access {
  /// Pointer to a node.
  using node_ptr = typename Access::node_ptr;
  /// Pointer to a const node.
  using const_node_ptr = typename Access::const_node_ptr;
  /// Pointer to a ring element.
  using ring_ptr = typename Access::link*;

  /// The header of `n`'s child ring.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr ring_ptr child_ring(const_node_ptr n) noexcept {
    return Access::child_link(const_cast<node_ptr>(n));
  }
  /// `n`'s own element of its parent's child ring.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr ring_ptr sibling_ring(const_node_ptr n) noexcept {
    return Access::sibling_link(const_cast<node_ptr>(n));
  }
  /// The next element of a ring.
  /// @requires `r` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr ring_ptr ring_next(ring_ptr r) noexcept { return ring::next(r); }
  /// The previous element of a ring.
  /// @requires `r` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr ring_ptr ring_prev(ring_ptr r) noexcept { return ring::prev(r); }
  /// The node whose sibling element `r` is.
  /// @requires `r` is a node's sibling element, not a ring header.
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr from_sibling_ring(ring_ptr r) noexcept { return Access::from_sibling_link(r); }

  /// The first child, or null.
  /// @requires `n` is not null; its child ring is initialised.
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr get_first_child(const_node_ptr n) noexcept {
    return from_ring(ring::next(child_ring(n)), child_ring(n));
  }
  /// The last child, or null.
  /// @requires `n` is not null; its child ring is initialised.
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr get_last_child(const_node_ptr n) noexcept {
    return from_ring(ring::prev(child_ring(n)), child_ring(n));
  }
  /// The next sibling, or null (also for a root or an unlinked node).
  /// Safe on any node. @requires `n` is not null. @throws_ Nothing.
  /// @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr get_next_sibling(const_node_ptr n) noexcept {
    node_ptr p = Access::get_parent(n);
    return p ? from_ring(ring::next(sibling_ring(n)), child_ring(p)) : nullptr;
  }
  /// The previous sibling, or null. Safe on any node.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr get_prev_sibling(const_node_ptr n) noexcept {
    node_ptr p = Access::get_parent(n);
    return p ? from_ring(ring::prev(sibling_ring(n)), child_ring(p)) : nullptr;
  }
  /// Walker step: the last child, or null, on a well-formed tree (a child
  /// ring's pointers are never null there).
  /// @requires `n` is not null, in a well-formed tree (a null ring pointer
  /// is checked in `extensive`). @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr step_last_child(const_node_ptr n) noexcept {
    ring_ptr last = ring::prev(child_ring(n));
    KIN_ASSUME(last != nullptr);
    return from_ring(last, child_ring(n));
  }
  /// Walker step: the next sibling of linked `n`, whose parent is `parent`
  /// (saves reloading it), on a well-formed tree.
  /// @requires `n` is a child of `parent` in a well-formed tree (a null ring
  /// pointer is checked in `extensive`). @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr step_next_sibling(const_node_ptr n, const_node_ptr parent) noexcept {
    ring_ptr next = ring::next(sibling_ring(n));
    KIN_ASSUME(next != nullptr);
    return from_ring(next, child_ring(parent));
  }
  /// Walker step: the previous sibling of linked `n`, whose parent is
  /// `parent`, on a well-formed tree.
  /// @requires `n` is a child of `parent` in a well-formed tree (a null ring
  /// pointer is checked in `extensive`). @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr step_prev_sibling(const_node_ptr n, const_node_ptr parent) noexcept {
    ring_ptr prev = ring::prev(sibling_ring(n));
    KIN_ASSUME(prev != nullptr);
    return from_ring(prev, child_ring(parent));
  }
  /// Whether `n` is in a tree: its sibling element is neither null-linked
  /// nor self-linked. @requires `n` is not null. @throws_ Nothing.
  /// @complexity O(1)
  KIN_HARDENING_ABI static constexpr bool is_linked(const_node_ptr n) noexcept {
    ring_ptr next = ring::next(sibling_ring(n));
    return next != nullptr && next != sibling_ring(n);
  }

  /// Makes unlinked `n` the first child of `p`.
  /// @requires `n` is unlinked and not `p` or an ancestor of `p`; `p`'s
  /// child ring is initialised (unchecked).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static void link_first(node_ptr p, node_ptr n) noexcept {
    algo::link_after(child_ring(p), sibling_ring(n));
    Access::set_parent(n, p);
  }
  /// Makes unlinked `n` the next sibling of `pos`.
  /// @requires `n` is unlinked; `pos` has a parent, not in `n`'s subtree
  /// (unchecked).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static void link_after(node_ptr pos, node_ptr n) noexcept {
    algo::link_after(sibling_ring(pos), sibling_ring(n));
    Access::set_parent(n, Access::get_parent(pos));
  }
  /// Makes unlinked `n` the previous sibling of `pos`.
  /// @requires `n` is unlinked; `pos` has a parent, not in `n`'s subtree
  /// (unchecked).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static void link_before(node_ptr pos, node_ptr n) noexcept {
    algo::link_before(sibling_ring(pos), sibling_ring(n));
    Access::set_parent(n, Access::get_parent(pos));
  }
  /// Removes `n` with its subtree and clears its parent; its sibling element
  /// is left null-linked, or self-linked under the kernel's convention.
  /// @requires `n` is linked (unchecked).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static void unlink(node_ptr n) noexcept {
    algo::unlink(sibling_ring(n));
    if constexpr (detail::unlinked_is_self_linked<Access>()) {
      algo::init_header(sibling_ring(n));
    } else {
      algo::init(sibling_ring(n)); // Boost 1.74 leaves them stale
    }
    Access::set_parent(n, nullptr);
  }
  /// Moves the siblings `first`..`last` before `pos` among `p`'s children
  /// (`pos == nullptr`: at the end); a no-op when they already sit there.
  /// @requires `first`..`last` are consecutive siblings, in order, with a
  /// parent; `pos` is null or a child of `p` outside the run; `p` is not in
  /// the run's subtrees (unchecked).
  /// @throws_ Nothing.
  /// @complexity O(run length) (parent pointers are rewritten)
  KIN_HARDENING_ABI static void transfer(node_ptr p, node_ptr pos, node_ptr first, node_ptr last) noexcept {
    ring_ptr at = pos ? sibling_ring(pos) : child_ring(p);
    ring_ptr begin = sibling_ring(first);
    ring_ptr end = ring::next(sibling_ring(last));
    // boostorg/intrusive#63: Boost 1.74 drops the run when at == end and
    // makes an endless ring when at == begin. Both are no-ops anyway.
    if (at == begin || at == end) {
      return;
    }
    for (node_ptr x = first;; x = from_sibling_ring(ring::next(sibling_ring(x)))) {
      Access::set_parent(x, p);
      if (x == last) {
        break;
      }
    }
    algo::transfer(at, begin, end);
  }

private:
  using ring = detail::ring_links<Access>;
  using algo = boost::intrusive::circular_list_algorithms<detail::boost_ring_traits<Access>>;
  // A ring element other than the header is some child's sibling element.
  KIN_HARDENING_ABI static constexpr node_ptr from_ring(ring_ptr r, ring_ptr header) noexcept {
    return r == header ? nullptr : from_sibling_ring(r);
  }
};

namespace detail {

// One ring element: both the sibling ring of a node and the child ring (the
// header) of its parent are made of these.
struct list_link {
  list_link* next = nullptr;
  list_link* prev = nullptr;
};
// Two distinct bases, so that ring element -> node is a static_cast (and
// constant evaluation can follow it).
struct list_sibling_link : list_link {};
struct list_child_link : list_link {};

} // namespace detail

struct list_access;

/// The links of the list_head layout: parent, sibling ring (next, prev) and
/// child ring (first, last) headed in this node. What kin::list_traits reads
/// and writes; embed it through kin::list_hook. Neither copyable nor
/// movable (the child ring points into the node itself).
class list_node : private detail::list_sibling_link, private detail::list_child_link {
public:
  /// An unlinked node with an empty (self-linked) child ring.
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr list_node() noexcept {
    detail::list_link& header = *static_cast<detail::list_child_link*>(this);
    header.next = &header;
    header.prev = &header;
  }
  list_node(const list_node&) = delete; // kin: a hook never moves; keep values in place (not in a std::vector)
  list_node& operator=(const list_node&) = delete; // kin: a hook never copies or moves; keep values in place

private:
  friend struct list_access;
  list_node* parent_ = nullptr;
};

static_assert(sizeof(list_node) == 5 * sizeof(void*));

/// Raw accessors of kin::list_node for kin::list_policy (no invariants kept:
/// for policies and for tests that corrupt trees on purpose).
struct list_access {
  /// The node type.
  using node = list_node;
  /// Pointer to a node.
  using node_ptr = list_node*;
  /// Pointer to a const node.
  using const_node_ptr = const list_node*;
  /// The ring element type.
  using link = detail::list_link;

  /// The parent, or null.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr get_parent(const_node_ptr n) noexcept { return n->parent_; }
  /// Stores the parent link (no other link changes).
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr void set_parent(node_ptr n, node_ptr v) noexcept { n->parent_ = v; }
  /// `n`'s sibling ring element.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr link* sibling_link(node_ptr n) noexcept { return static_cast<detail::list_sibling_link*>(n); }
  /// `n`'s child ring header.
  /// @requires `n` is not null. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr link* child_link(node_ptr n) noexcept { return static_cast<detail::list_child_link*>(n); }
  /// The node whose sibling ring element `l` is.
  /// @requires `l` is a list_node's sibling element (null gives null).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr node_ptr from_sibling_link(link* l) noexcept {
    return static_cast<node_ptr>(static_cast<detail::list_sibling_link*>(l));
  }
};

/// Node traits of kin::list_node: bidirectional and mutable, O(1) everywhere.
struct list_traits : list_policy<list_access> {};

static_assert(bidirectional_tree_traits<list_traits>);
static_assert(mutable_tree_traits<list_traits>);
static_assert(detail::has_ring<list_traits>);

/// The 5-pointer hook: a kin::list_node to embed in your class, as a base
/// (kin::base_hook) or a member (kin::member_hook). `Tag` tells several list
/// hooks of one class apart.
template <class Tag = default_tag>
class list_hook : public list_node {
public:
  /// The node traits of this hook.
  using node_traits = list_traits;
  /// The hook's tag.
  using tag = Tag;
};

static_assert(sizeof(list_hook<>) == 5 * sizeof(void*));

} // namespace kin

#endif // KIN_LAYOUTS_LIST_HPP
