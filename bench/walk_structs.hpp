// SPDX-License-Identifier: BSL-1.0
// The structs the walk matrix (walk_matrix.cpp) measures, as a C programmer
// declares them: the payload first, the links after it (as in the kernel's
// struct resource), so that no link sits at offset 0 and every conversion
// from a link to its node is paid for. Each layout has kin's traits, a few
// lines of access code through kin::singly_policy, kin::compact_policy and
// kin::list_policy, and the hand-written C side: the loops and link
// operations a C programmer writes over the same struct, with no kin in
// them. The two comparators a C++ user might pick instead of kin are here
// too: a tree whose children are a boost::intrusive::list, and a tree whose
// children are a std::vector of std::unique_ptr.
#ifndef KIN_BENCH_WALK_STRUCTS_HPP
#define KIN_BENCH_WALK_STRUCTS_HPP

#include <kin/kin.hpp>

#include <boost/intrusive/list.hpp>

#include <cstddef>
#include <memory>
#include <vector>

namespace walk_structs {

// ---- the structs -------------------------------------------------------------

struct s_node { // singly: the links of struct resource
  long value;
  s_node *parent, *sibling, *child;
};
struct c_node { // compact: the first child's prev is the last child, the last child's next is null
  long value;
  c_node *parent, *child, *next, *prev;
};
struct list_head { // a kernel-style ring element
  list_head *next, *prev;
};
struct l_node { // list_head: a sibling ring element and the head of the child ring
  long value;
  l_node* parent;
  list_head sibling;
  list_head child;
};
// What every node carries besides its links.
inline constexpr std::size_t payload_bytes = sizeof(long);

inline l_node* l_entry(const list_head* l) noexcept { // container_of(l, l_node, sibling)
  return reinterpret_cast<l_node*>(reinterpret_cast<char*>(const_cast<list_head*>(l)) - offsetof(l_node, sibling));
}

// ---- kin's traits for them ------------------------------------------------------

struct s_access {
  using node = s_node;
  using node_ptr = s_node*;
  using const_node_ptr = const s_node*;
  static node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static node_ptr get_first_child(const_node_ptr n) noexcept { return n->child; }
  static node_ptr get_next_sibling(const_node_ptr n) noexcept { return n->sibling; }
  static void set_parent(node_ptr n, node_ptr v) noexcept { n->parent = v; }
  static void set_first_child(node_ptr n, node_ptr v) noexcept { n->child = v; }
  static void set_next_sibling(node_ptr n, node_ptr v) noexcept { n->sibling = v; }
};
struct s_traits : kin::singly_policy<s_access> {};

struct c_access {
  using node = c_node;
  using node_ptr = c_node*;
  using const_node_ptr = const c_node*;
  static node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static node_ptr get_first_child(const_node_ptr n) noexcept { return n->child; }
  static node_ptr get_next_sibling(const_node_ptr n) noexcept { return n->next; }
  static node_ptr get_raw_prev(const_node_ptr n) noexcept { return n->prev; }
  static void set_parent(node_ptr n, node_ptr v) noexcept { n->parent = v; }
  static void set_first_child(node_ptr n, node_ptr v) noexcept { n->child = v; }
  static void set_next_sibling(node_ptr n, node_ptr v) noexcept { n->next = v; }
  static void set_raw_prev(node_ptr n, node_ptr v) noexcept { n->prev = v; }
};
struct c_traits : kin::compact_policy<c_access> {};

struct l_access {
  using node = l_node;
  using node_ptr = l_node*;
  using const_node_ptr = const l_node*;
  using link = list_head;
  static constexpr bool unlinked_is_self_linked = true; // list_del_init's convention
  static node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static void set_parent(node_ptr n, node_ptr v) noexcept { n->parent = v; }
  static link* sibling_link(node_ptr n) noexcept { return &n->sibling; }
  static link* child_link(node_ptr n) noexcept { return &n->child; }
  static node_ptr from_sibling_link(link* l) noexcept { return l_entry(l); }
};
struct l_traits : kin::list_policy<l_access> {};

// One descriptor per layout: the struct, kin's traits, the names.
struct singly {
  using node = s_node;
  using traits = s_traits;
  static constexpr const char* name = "singly";
  static constexpr bool doubly = false;
};
struct compact {
  using node = c_node;
  using traits = c_traits;
  static constexpr const char* name = "compact";
  static constexpr bool doubly = true;
};
struct list {
  using node = l_node;
  using traits = l_traits;
  static constexpr const char* name = "list_head";
  static constexpr bool doubly = true;
};

// A fresh, unlinked node (list_head: both rings self-linked, INIT_LIST_HEAD).
inline void init_node(s_node& n, long v) noexcept { n = s_node{v, nullptr, nullptr, nullptr}; }
inline void init_node(c_node& n, long v) noexcept { n = c_node{v, nullptr, nullptr, nullptr, nullptr}; }
inline void init_node(l_node& n, long v) noexcept {
  n.value = v;
  n.parent = nullptr;
  n.sibling.next = n.sibling.prev = &n.sibling;
  n.child.next = n.child.prev = &n.child;
}

// ---- the hand-written C side -------------------------------------------------------
//
// Plain loops over the struct's own pointers, one function per walk and
// layout, each calling `emit(value)` per visited node. Pre-order is the
// kernel's next_resource step (child, else sibling, else climb the parents
// until one has a sibling), bounded by the walk's root. The doubly linked
// layouts walk backwards through their prev and last-child links; the
// singly layout collects into an array and reads it backwards (or, for the
// rescan comparison, finds each predecessor by scanning from the first
// child).
namespace hand {

// -- singly --
template <class E>
inline void preorder(s_node* root, E&& emit) {
  s_node* n = root;
  for (;;) {
    emit(n->value);
    if (n->child) {
      n = n->child;
      continue;
    }
    while (n != root && !n->sibling) n = n->parent;
    if (n == root) return;
    n = n->sibling;
  }
}
template <class E>
inline void postorder(s_node* root, E&& emit) {
  s_node* n = root;
  while (n->child) n = n->child;
  for (;;) {
    emit(n->value);
    if (n == root) return;
    if (n->sibling) {
      n = n->sibling;
      while (n->child) n = n->child;
    } else {
      n = n->parent;
    }
  }
}
template <class E>
inline void children(s_node* p, E&& emit) {
  for (s_node* c = p->child; c; c = c->sibling) emit(c->value);
}
inline s_node* last_child(s_node* p) {
  s_node* c = p->child;
  if (c)
    while (c->sibling) c = c->sibling;
  return c;
}
// Collected reverse walks: into the caller's array of `cap` entries, with
// the bound test a C caller needs; a walk that does not fit visits nothing.
template <class E>
inline void preorder_reverse(s_node* root, s_node** buf, std::size_t cap, E&& emit) {
  std::size_t k = 0;
  s_node* n = root;
  for (;;) {
    if (k < cap) buf[k] = n;
    ++k;
    if (n->child) {
      n = n->child;
      continue;
    }
    while (n != root && !n->sibling) n = n->parent;
    if (n == root) break;
    n = n->sibling;
  }
  if (k > cap) return;
  while (k) emit(buf[--k]->value);
}
template <class E>
inline void children_reverse(s_node* p, s_node** buf, std::size_t cap, E&& emit) {
  std::size_t k = 0;
  for (s_node* c = p->child; c; c = c->sibling) {
    if (k < cap) buf[k] = c;
    ++k;
  }
  if (k > cap) return;
  while (k) emit(buf[--k]->value);
}
// Rescanning reverse walks: no memory, each predecessor found by a scan.
inline s_node* prev_by_scan(s_node* n, s_node* p) {
  s_node* c = p->child;
  if (c == n) return nullptr;
  while (c->sibling != n) c = c->sibling;
  return c;
}
template <class E>
inline void preorder_reverse_rescan(s_node* root, E&& emit) {
  s_node* n = root;
  while (s_node* c = last_child(n)) n = c;
  for (;;) {
    emit(n->value);
    if (n == root) return;
    s_node* p = n->parent;
    if (s_node* s = prev_by_scan(n, p)) {
      n = s;
      while (s_node* c = last_child(n)) n = c;
    } else {
      n = p;
    }
  }
}
template <class E>
inline void children_reverse_rescan(s_node* p, E&& emit) {
  for (s_node* c = last_child(p); c; c = prev_by_scan(c, p)) emit(c->value);
}
// Link operations.
inline void unlink(s_node* n) {
  s_node** pp = &n->parent->child;
  while (*pp != n) pp = &(*pp)->sibling;
  *pp = n->sibling;
  n->parent = n->sibling = nullptr;
}
inline void link_first(s_node* p, s_node* n) {
  n->parent = p;
  n->sibling = p->child;
  p->child = n;
}
inline void link_last(s_node* p, s_node* n) {
  s_node** pp = &p->child;
  while (*pp) pp = &(*pp)->sibling;
  *pp = n;
  n->parent = p;
  n->sibling = nullptr;
}
inline void link_before(s_node* pos, s_node* n) {
  s_node* p = pos->parent;
  s_node** pp = &p->child;
  while (*pp != pos) pp = &(*pp)->sibling;
  *pp = n;
  n->sibling = pos;
  n->parent = p;
}

// -- compact --
inline c_node* last_child(c_node* p) { return p->child ? p->child->prev : nullptr; }
template <class E>
inline void preorder(c_node* root, E&& emit) {
  c_node* n = root;
  for (;;) {
    emit(n->value);
    if (n->child) {
      n = n->child;
      continue;
    }
    while (n != root && !n->next) n = n->parent;
    if (n == root) return;
    n = n->next;
  }
}
template <class E>
inline void preorder_reverse(c_node* root, E&& emit) {
  c_node* n = root;
  while (n->child) n = n->child->prev;
  for (;;) {
    emit(n->value);
    if (n == root) return;
    c_node* p = n->parent;
    if (p->child != n) { // not the first child: prev is the previous sibling
      n = n->prev;
      while (n->child) n = n->child->prev;
    } else {
      n = p;
    }
  }
}
template <class E>
inline void postorder(c_node* root, E&& emit) {
  c_node* n = root;
  while (n->child) n = n->child;
  for (;;) {
    emit(n->value);
    if (n == root) return;
    if (n->next) {
      n = n->next;
      while (n->child) n = n->child;
    } else {
      n = n->parent;
    }
  }
}
template <class E>
inline void children(c_node* p, E&& emit) {
  for (c_node* c = p->child; c; c = c->next) emit(c->value);
}
template <class E>
inline void children_reverse(c_node* p, E&& emit) {
  c_node* first = p->child;
  if (!first) return;
  for (c_node* c = first->prev;; c = c->prev) {
    emit(c->value);
    if (c == first) break;
  }
}
inline void unlink(c_node* n) {
  c_node *p = n->parent, *next = n->next, *prev = n->prev;
  if (p->child == n) {
    p->child = next;
    if (next) next->prev = prev; // the last child stays the first one's prev
  } else {
    prev->next = next;
    if (next)
      next->prev = prev;
    else
      p->child->prev = prev; // n was the last child
  }
  n->parent = n->next = n->prev = nullptr;
}
inline void link_first(c_node* p, c_node* n) {
  c_node* first = p->child;
  n->parent = p;
  n->next = first;
  if (first) {
    n->prev = first->prev;
    first->prev = n;
  } else {
    n->prev = n;
  }
  p->child = n;
}
inline void link_last(c_node* p, c_node* n) {
  c_node* first = p->child;
  n->parent = p;
  n->next = nullptr;
  if (first) {
    c_node* last = first->prev;
    last->next = n;
    n->prev = last;
    first->prev = n;
  } else {
    n->prev = n;
    p->child = n;
  }
}
inline void link_before(c_node* pos, c_node* n) {
  c_node* p = pos->parent;
  if (p->child == pos) {
    link_first(p, n);
    return;
  }
  c_node* prev = pos->prev;
  prev->next = n;
  n->prev = prev;
  n->next = pos;
  pos->prev = n;
  n->parent = p;
}

// -- list_head --
inline l_node* last_child(l_node* p) { return p->child.prev == &p->child ? nullptr : l_entry(p->child.prev); }
template <class E>
inline void preorder(l_node* root, E&& emit) {
  l_node* n = root;
  for (;;) {
    emit(n->value);
    if (n->child.next != &n->child) {
      n = l_entry(n->child.next);
      continue;
    }
    for (;;) {
      if (n == root) return;
      l_node* p = n->parent;
      if (n->sibling.next != &p->child) {
        n = l_entry(n->sibling.next);
        break;
      }
      n = p;
    }
  }
}
template <class E>
inline void preorder_reverse(l_node* root, E&& emit) {
  l_node* n = root;
  while (n->child.prev != &n->child) n = l_entry(n->child.prev);
  for (;;) {
    emit(n->value);
    if (n == root) return;
    l_node* p = n->parent;
    if (n->sibling.prev != &p->child) {
      n = l_entry(n->sibling.prev);
      while (n->child.prev != &n->child) n = l_entry(n->child.prev);
    } else {
      n = p;
    }
  }
}
template <class E>
inline void postorder(l_node* root, E&& emit) {
  l_node* n = root;
  while (n->child.next != &n->child) n = l_entry(n->child.next);
  for (;;) {
    emit(n->value);
    if (n == root) return;
    l_node* p = n->parent;
    if (n->sibling.next != &p->child) {
      n = l_entry(n->sibling.next);
      while (n->child.next != &n->child) n = l_entry(n->child.next);
    } else {
      n = p;
    }
  }
}
template <class E>
inline void children(l_node* p, E&& emit) { // list_for_each_entry
  for (list_head* l = p->child.next; l != &p->child; l = l->next) emit(l_entry(l)->value);
}
template <class E>
inline void children_reverse(l_node* p, E&& emit) { // list_for_each_entry_reverse
  for (list_head* l = p->child.prev; l != &p->child; l = l->prev) emit(l_entry(l)->value);
}
// The ring operations read and write ring elements only through
// list_head pointers, as the kernel's list.h does. (With link_first written
// as ring_insert(&n->sibling, &p->child, p->child.next), GCC 12.2 at -O2
// miscompiled the unlink + link-first loop of the mutation cases: loop
// invariant motion kept the head's `next` in a register across a store to
// it made through the unlinked element's `prev`, and the ring broke;
// -fno-strict-aliasing or -fno-tree-loop-im hide it, clang-16 compiles it
// right. The same loop through kin::unlink and kin::link_first_child on
// this struct does not meet it.)
inline void ring_insert(list_head* e, list_head* prev, list_head* next) {
  next->prev = e;
  e->next = next;
  e->prev = prev;
  prev->next = e;
}
inline void ring_add(list_head* e, list_head* head) { ring_insert(e, head, head->next); }      // after head
inline void ring_add_tail(list_head* e, list_head* head) { ring_insert(e, head->prev, head); } // before head
inline void ring_del_init(list_head* e) {
  list_head *prev = e->prev, *next = e->next;
  next->prev = prev;
  prev->next = next;
  e->next = e->prev = e;
}
inline void unlink(l_node* n) {
  ring_del_init(&n->sibling);
  n->parent = nullptr;
}
inline void link_first(l_node* p, l_node* n) {
  ring_add(&n->sibling, &p->child);
  n->parent = p;
}
inline void link_last(l_node* p, l_node* n) {
  ring_add_tail(&n->sibling, &p->child);
  n->parent = p;
}
inline void link_before(l_node* pos, l_node* n) {
  ring_add_tail(&n->sibling, &pos->sibling);
  n->parent = pos->parent;
}

} // namespace hand

// ---- the comparators a C++ user might pick instead ------------------------------

namespace bi = boost::intrusive;

// Children in a boost::intrusive::list (no size member, no safe-mode
// hooks: the lightest list Boost offers), a parent pointer: the same 48
// bytes as l_node, and the same rings.
struct b_node {
  using hook_type = bi::list_member_hook<bi::link_mode<bi::normal_link>>;
  long value = 0;
  b_node* parent = nullptr;
  hook_type hook;
  using child_list = bi::list<b_node, bi::member_hook<b_node, hook_type, &b_node::hook>, bi::constant_time_size<false>>;
  child_list children;
};

namespace boost_walk {
// Pre-order as a Boost.Intrusive user writes it without recursion: the
// first child, else the next sibling through iterator_to, else climb.
template <class E>
inline void preorder(b_node* root, E&& emit) {
  b_node* n = root;
  for (;;) {
    emit(n->value);
    if (!n->children.empty()) {
      n = &n->children.front();
      continue;
    }
    for (;;) {
      if (n == root) return;
      b_node* p = n->parent;
      auto it = b_node::child_list::s_iterator_to(*n);
      if (++it != p->children.end()) {
        n = &*it;
        break;
      }
      n = p;
    }
  }
}
template <class E>
inline void children(b_node* p, E&& emit) {
  for (b_node& c : p->children) emit(c.value);
}
template <class E>
inline void children_reverse(b_node* p, E&& emit) {
  for (auto it = p->children.rbegin(); it != p->children.rend(); ++it) emit(it->value);
}
} // namespace boost_walk

// Children owned by a std::vector of std::unique_ptr (the tree a C++ user
// writes without an intrusive library); no parent pointer.
struct v_node {
  long value = 0;
  std::vector<std::unique_ptr<v_node>> children;
};

namespace vector_walk {
// Pre-order with an explicit stack (children pushed last to first), the
// non-recursive form; the stack is the caller's, kept between walks.
template <class E>
inline void preorder(v_node* root, std::vector<v_node*>& stack, E&& emit) {
  stack.clear();
  stack.push_back(root);
  while (!stack.empty()) {
    v_node* n = stack.back();
    stack.pop_back();
    emit(n->value);
    for (auto it = n->children.rbegin(); it != n->children.rend(); ++it) stack.push_back(it->get());
  }
}
template <class E>
inline void children(v_node* p, E&& emit) {
  for (const auto& c : p->children) emit(c->value);
}
template <class E>
inline void children_reverse(v_node* p, E&& emit) {
  for (auto it = p->children.rbegin(); it != p->children.rend(); ++it) emit((*it)->value);
}
} // namespace vector_walk

} // namespace walk_structs

#endif // KIN_BENCH_WALK_STRUCTS_HPP
