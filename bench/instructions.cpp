// SPDX-License-Identifier: BSL-1.0
// kin's walkers against hand-written C loops, in instructions.
//
// Kernel-style C structs on the three layouts (data first, links after, so
// that no link sits at offset 0 and every conversion is paid for), four tree
// shapes, every walk with every reverse strategy. Each case is measured
// three ways on the same tree: kin's walker, and the hand-written loop in
// its two usual forms — a for-loop over a step function, and one inline
// loop. Run under callgrind, each measurement is dumped on its own
// (CALLGRIND_ZERO_STATS / CALLGRIND_DUMP_STATS_AT): exact instruction
// counts, whatever else the machine is doing. Run natively, it checks that
// the three agree on every sum and prints the case list.
//
//   valgrind --tool=callgrind --callgrind-out-file=cg.out ./kin_instructions [list_head/chain/children]
//   bench/instruction_table.py    (does both and writes docs/benchmarks.md)
#include <kin/kin.hpp>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(name) ((void)(name))
#endif

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

// ---- the structs, as a C programmer declares them -------------------------

struct s_node { // struct resource's links: parent, sibling, child
  long value;
  long pad;
  s_node *parent, *sibling, *child;
};
struct c_node { // the compact shape: the first child's prev is the last child
  long value;
  long pad;
  c_node *parent, *child, *next, *prev;
};
struct list_head {
  list_head *next, *prev;
};
struct l_node { // Baoquan He's list_head resource
  long value;
  l_node* parent;
  list_head sibling;
  list_head child;
};

// ---- kin's traits for them: a few lines of access each ---------------------

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

l_node* entry(const list_head* l) { // container_of(l, struct l_node, sibling)
  return reinterpret_cast<l_node*>(reinterpret_cast<char*>(const_cast<list_head*>(l)) - offsetof(l_node, sibling));
}
struct l_access {
  using node = l_node;
  using node_ptr = l_node*;
  using const_node_ptr = const l_node*;
  using link = list_head;
  static constexpr bool unlinked_is_self_linked = true;
  static node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static void set_parent(node_ptr n, node_ptr v) noexcept { n->parent = v; }
  static link* sibling_link(node_ptr n) noexcept { return &n->sibling; }
  static link* child_link(node_ptr n) noexcept { return &n->child; }
  static node_ptr from_sibling_link(link* l) noexcept { return entry(l); }
};
struct l_traits : kin::list_policy<l_access> {};

// ---- the hand-written side: C accessors, as inline helpers ---------------

// Forward links. `next(n, p)` gets the parent because list_head needs it.
struct s_hand {
  using node = s_node;
  static s_node* parent(s_node* n) { return n->parent; }
  static s_node* first(s_node* n) { return n->child; }
  static s_node* next(s_node* n, s_node*) { return n->sibling; }
  static constexpr bool next_needs_parent = false;
};
struct c_hand {
  using node = c_node;
  static c_node* parent(c_node* n) { return n->parent; }
  static c_node* first(c_node* n) { return n->child; }
  static c_node* next(c_node* n, c_node*) { return n->next; }
  static c_node* last(c_node* n) { return n->child ? n->child->prev : nullptr; }
  static c_node* prev(c_node* n, c_node* p) { return p->child == n ? nullptr : n->prev; }
  static constexpr bool next_needs_parent = false;
};
struct l_hand {
  using node = l_node;
  static l_node* parent(l_node* n) { return n->parent; }
  static l_node* first(l_node* n) { return n->child.next == &n->child ? nullptr : entry(n->child.next); }
  static l_node* next(l_node* n, l_node* p) { return n->sibling.next == &p->child ? nullptr : entry(n->sibling.next); }
  static l_node* last(l_node* n) { return n->child.prev == &n->child ? nullptr : entry(n->child.prev); }
  static l_node* prev(l_node* n, l_node* p) { return n->sibling.prev == &p->child ? nullptr : entry(n->sibling.prev); }
  static constexpr bool next_needs_parent = true;
};
// The same forward links, with last child and previous sibling found by
// scanning: the hand-written rescan.
template <class H>
struct rescan_hand : H {
  using node = typename H::node;
  static node* last(node* n) {
    node* c = H::first(n);
    if (c) {
      while (node* s = H::next(c, n)) c = s;
    }
    return c;
  }
  static node* prev(node* n, node* p) {
    node* c = H::first(p);
    if (c == n) return nullptr;
    for (;;) {
      node* s = H::next(c, p);
      if (s == n) return c;
      c = s;
    }
  }
};

// Forward steps (the step-function form uses these; the inline form
// writes the same moves in one loop).
template <class H>
typename H::node* climb_next(typename H::node* n, typename H::node* root) {
  while (n != root) {
    typename H::node* p = H::parent(n);
    if (typename H::node* s = H::next(n, p)) return s;
    n = p;
  }
  return nullptr;
}
template <class H>
typename H::node* pre_next(typename H::node* n, typename H::node* root) {
  if (typename H::node* c = H::first(n)) return c;
  return climb_next<H>(n, root);
}
template <class H>
typename H::node* leftmost(typename H::node* n) {
  while (typename H::node* c = H::first(n)) n = c;
  return n;
}
template <class H>
typename H::node* post_next(typename H::node* n, typename H::node* root) {
  if (n == root) return nullptr;
  typename H::node* p = H::parent(n);
  if (typename H::node* s = H::next(n, p)) return leftmost<H>(s);
  return p;
}
template <class H>
typename H::node* leaf_next(typename H::node* n, typename H::node* root) {
  typename H::node* s = climb_next<H>(n, root);
  return s ? leftmost<H>(s) : nullptr;
}
// Backward steps.
template <class H>
typename H::node* rightmost(typename H::node* n) {
  while (typename H::node* c = H::last(n)) n = c;
  return n;
}
template <class H>
typename H::node* climb_prev(typename H::node* n, typename H::node* root) {
  while (n != root) {
    typename H::node* p = H::parent(n);
    if (typename H::node* s = H::prev(n, p)) return s;
    n = p;
  }
  return nullptr;
}
template <class H>
typename H::node* pre_prev(typename H::node* n, typename H::node* root) {
  if (n == root) return nullptr;
  typename H::node* p = H::parent(n);
  if (typename H::node* s = H::prev(n, p)) return rightmost<H>(s);
  return p;
}
template <class H>
typename H::node* post_prev(typename H::node* n, typename H::node* root) {
  if (typename H::node* c = H::last(n)) return c;
  return climb_prev<H>(n, root);
}
template <class H>
typename H::node* leaf_prev(typename H::node* n, typename H::node* root) {
  typename H::node* s = climb_prev<H>(n, root);
  return s ? rightmost<H>(s) : nullptr;
}

// ---- the trees ------------------------------------------------------------

enum class shape { balanced, wide, random, chain };
const char* shape_name(shape s) {
  switch (s) {
  case shape::balanced: return "balanced-8";
  case shape::wide: return "wide";
  case shape::random: return "random";
  default: return "chain";
  }
}

// Parent index of each node (node 0 is the root).
std::vector<std::size_t> parents_of(shape s, std::size_t n) {
  std::vector<std::size_t> parent(n, 0);
  std::mt19937 rng(1);
  for (std::size_t i = 1; i < n; ++i) {
    switch (s) {
    case shape::balanced: parent[i] = (i - 1) / 8; break;
    case shape::wide: parent[i] = 0; break;
    case shape::random: parent[i] = rng() % i; break;
    case shape::chain: parent[i] = i - 1; break;
    }
  }
  return parent;
}

template <class N, class T>
struct tree {
  std::unique_ptr<N[]> nodes;
  std::vector<N*> all; // every node, in index order: the outer loop of children/ancestors cases
  N* root;
  tree(shape s, std::size_t n) : nodes(new N[n]()) {
    const auto parent = parents_of(s, n);
    for (std::size_t i = 0; i < n; ++i) {
      nodes[i].value = static_cast<long>(i * 7 + 1);
      if constexpr (std::is_same_v<N, l_node>) {
        nodes[i].sibling = {&nodes[i].sibling, &nodes[i].sibling};
        nodes[i].child = {&nodes[i].child, &nodes[i].child};
      }
      if (i > 0) kin::link_last_child<T>(&nodes[parent[i]], &nodes[i]);
      all.push_back(&nodes[i]);
    }
    root = &nodes[0];
    if (!kin::verify<T>(root)) std::abort();
  }
};

// ---- the cases --------------------------------------------------------------

template <class N>
using walk_fn = long (*)(const std::vector<N*>& all, N* root);

struct result_row {
  std::string name;
  long sums[3];
};

std::vector<result_row> results;
bool failed = false;
const char* filter = nullptr; // run only the cases whose name contains it

template <class N>
void measure(const std::string& name, const std::vector<N*>& all, N* root, walk_fn<N> kin_walk, walk_fn<N> step,
             walk_fn<N> inline_loop) {
  if (filter && name.find(filter) == std::string::npos) return;
  walk_fn<N> fns[3] = {kin_walk, step, inline_loop};
  const char* impl[3] = {"kin", "hand-step", "hand-inline"};
  result_row row{name, {}};
  for (int i = 0; i < 3; ++i) {
    fns[i](all, root); // warm up: lazy binding, first-touch
    const std::string label = name + "/" + impl[i];
    CALLGRIND_ZERO_STATS;
    row.sums[i] = fns[i](all, root);
    CALLGRIND_DUMP_STATS_AT(label.c_str());
  }
  if (row.sums[0] != row.sums[1] || row.sums[0] != row.sums[2]) {
    std::fprintf(stderr, "MISMATCH %s: %ld %ld %ld\n", name.c_str(), row.sums[0], row.sums[1], row.sums[2]);
    failed = true;
  }
  results.push_back(row);
}

// The hand loops of one layout. Forward orders are written as emitters, in
// both forms: `X_step(root, emit)` is a for-loop over a step function,
// `X_inline(root, emit)` one loop; the plain walks sum through `emit`, the
// collecting ones store. Backward loops use H's last/prev, native or rescan.
template <class H>
struct hand {
  using N = typename H::node;
  template <class E>
  static void children_step(N* p, E emit) {
    for (N* c = H::first(p); c; c = H::next(c, p)) emit(c);
  }
  template <class E>
  static void children_inline(N* p, E emit) {
    if constexpr (std::is_same_v<N, l_node>) { // list_for_each_entry
      for (list_head* l = p->child.next; l != &p->child; l = l->next) emit(entry(l));
    } else {
      for (N* c = p->child; c; c = c->*next_member()) emit(c);
    }
  }
  static constexpr auto next_member() {
    if constexpr (std::is_same_v<N, s_node>) return &s_node::sibling;
    else return &c_node::next;
  }
  template <class E>
  static void ancestors_step(N* n, E emit) {
    for (N* a = H::parent(n); a; a = H::parent(a)) emit(a);
  }
  template <class E>
  static void preorder_step(N* root, E emit) {
    for (N* n = root; n; n = pre_next<H>(n, root)) emit(n);
  }
  template <class E>
  static void preorder_inline(N* root, E emit, bool with_root = true) {
    N* n = root;
    for (;;) {
      if (with_root || n != root) emit(n);
      if (N* c = H::first(n)) {
        n = c;
        continue;
      }
      for (;;) {
        if (n == root) return;
        N* p = H::parent(n);
        if (N* sib = H::next(n, p)) {
          n = sib;
          break;
        }
        n = p;
      }
    }
  }
  template <class E>
  static void descendants_step(N* root, E emit) {
    for (N* n = H::first(root); n; n = pre_next<H>(n, root)) emit(n);
  }
  template <class E>
  static void descendants_inline(N* root, E emit) {
    N* n = H::first(root);
    if (!n) return;
    for (;;) {
      emit(n);
      if (N* c = H::first(n)) {
        n = c;
        continue;
      }
      for (;;) {
        N* p = H::parent(n);
        if (N* sib = H::next(n, p)) {
          n = sib;
          break;
        }
        if (p == root) return;
        n = p;
      }
    }
  }
  template <class E>
  static void postorder_step(N* root, E emit) {
    for (N* n = leftmost<H>(root); n; n = post_next<H>(n, root)) emit(n);
  }
  template <class E>
  static void postorder_inline(N* root, E emit) {
    N* n = root;
    while (N* c = H::first(n)) n = c;
    for (;;) {
      emit(n);
      if (n == root) return;
      N* p = H::parent(n);
      if (N* sib = H::next(n, p)) {
        n = sib;
        while (N* c = H::first(n)) n = c;
      } else {
        n = p;
      }
    }
  }
  template <class E>
  static void leaves_step(N* root, E emit) {
    for (N* n = leftmost<H>(root); n; n = leaf_next<H>(n, root)) emit(n);
  }
  template <class E>
  static void leaves_inline(N* root, E emit) {
    N* n = root;
    for (;;) {
      while (N* c = H::first(n)) n = c;
      emit(n);
      for (;;) {
        if (n == root) return;
        N* p = H::parent(n);
        if (N* sib = H::next(n, p)) {
          n = sib;
          break;
        }
        n = p;
      }
    }
  }
  // Backward.
  template <class E>
  static void children_rev_step(N* p, E emit) {
    for (N* c = H::last(p); c; c = H::prev(c, p)) emit(c);
  }
  template <class E>
  static void children_rev_inline(N* p, E emit) {
    if constexpr (std::is_same_v<H, l_hand>) { // list_for_each_entry_reverse
      for (list_head* l = p->child.prev; l != &p->child; l = l->prev) emit(entry(l));
    } else if constexpr (std::is_same_v<H, c_hand>) {
      N* first = p->child;
      if (!first) return;
      for (N* c = first->prev;; c = c->prev) {
        emit(c);
        if (c == first) break;
      }
    } else {
      children_rev_step(p, emit);
    }
  }
  template <class E>
  static void preorder_rev_step(N* root, E emit) {
    for (N* n = rightmost<H>(root); n; n = pre_prev<H>(n, root)) emit(n);
  }
  template <class E>
  static void preorder_rev_inline(N* root, E emit, bool with_root = true) {
    N* n = root;
    while (N* c = H::last(n)) n = c;
    for (;;) {
      if (n == root) {
        if (with_root) emit(n);
        return;
      }
      emit(n);
      N* p = H::parent(n);
      if (N* sib = H::prev(n, p)) {
        n = sib;
        while (N* c = H::last(n)) n = c;
      } else {
        n = p;
      }
    }
  }
  template <class E>
  static void descendants_rev_step(N* root, E emit) {
    for (N* n = rightmost<H>(root); n != root; n = pre_prev<H>(n, root)) emit(n);
  }
  template <class E>
  static void descendants_rev_inline(N* root, E emit) {
    preorder_rev_inline(root, emit, false);
  }
  template <class E>
  static void postorder_rev_step(N* root, E emit) {
    for (N* n = root; n; n = post_prev<H>(n, root)) emit(n);
  }
  template <class E>
  static void postorder_rev_inline(N* root, E emit) {
    N* n = root;
    for (;;) {
      emit(n);
      if (N* c = H::last(n)) {
        n = c;
        continue;
      }
      for (;;) {
        if (n == root) return;
        N* p = H::parent(n);
        if (N* sib = H::prev(n, p)) {
          n = sib;
          break;
        }
        n = p;
      }
    }
  }
  template <class E>
  static void leaves_rev_step(N* root, E emit) {
    for (N* n = rightmost<H>(root); n; n = leaf_prev<H>(n, root)) emit(n);
  }
  template <class E>
  static void leaves_rev_inline(N* root, E emit) {
    N* n = root;
    for (;;) {
      while (N* c = H::last(n)) n = c;
      emit(n);
      for (;;) {
        if (n == root) return;
        N* p = H::parent(n);
        if (N* sib = H::prev(n, p)) {
          n = sib;
          break;
        }
        n = p;
      }
    }
  }
};

// Collecting by hand: the forward loop into an array, read backwards. Into
// the caller's buffer, with the bound test any C caller needs (and counting
// on, so that a too-small buffer can say how much it needed, as
// kin::collect does); allocating: count, allocate, fill, as
// collect_allocating does.
template <class N>
struct collector {
  static inline std::vector<N*> buffer;
  template <class Each>
  static long run(Each each, bool allocate) {
    N** data = buffer.data();
    std::size_t count = 0;
    std::unique_ptr<N*[]> heap;
    if (allocate) {
      each([&](N*) { ++count; });
      if (count == 0) return 0;
      heap.reset(new N*[count]);
      data = heap.get();
      count = 0;
      each([&](N* n) { data[count++] = n; });
    } else {
      const std::size_t capacity = buffer.size();
      each([&](N* n) {
        if (count < capacity) data[count] = n;
        ++count;
      });
      if (count > capacity) return -1;
    }
    long s = 0;
    for (std::size_t i = count; i-- > 0;) s += data[i]->value;
    return s;
  }
};

using kin::collect;

// kin's side of one case: the range an order and strategy give, summed.
// Like the C loop's bound test, it asks fits() first, as kin's docs tell
// every caller of a collected walk to (for the other walks fits() is a
// constant true, and iterating an unfit walk is a checked error). Always
// inlined, as the hand-written side's loops are: in the `fast` mode the
// (cold, never taken) check in a collected walk's begin() made GCC stop
// inlining this helper, and the table would have measured a call to it.
template <class Range>
[[gnu::always_inline]] inline long sum_of(Range&& r) {
  if (!r.fits()) return -1;
  long s = 0;
  for (auto& n : r) s += n.value;
  return s;
}

// The cases of one layout and shape.
template <class N, class T, class H, class B>
void run_layout(const char* layout, shape sh, std::size_t size, std::size_t rescan_size) {
  using K = kin::node_value_traits<T>;
  using A = hand<H>;   // native links
  using R = hand<B>;   // rescanning links
  using C = collector<N>;
  using all_t = const std::vector<N*>&;
  tree<N, T> t(sh, size);
  tree<N, T> small(sh, rescan_size);
  C::buffer.assign(size, nullptr);
  const std::string prefix = std::string(layout) + "/" + shape_name(sh) + "/";

  // Rooted orders: (kin, hand step, hand inline) for one strategy, written once.
#define KIN_ROOTED(order, strategy, tree_, kin_expr, step_expr, inline_expr)                                   \
  measure<N>(prefix + #order "/" strategy, tree_.all, tree_.root, [](all_t, N* r) { return kin_expr; },        \
             [](all_t, N* r) { return step_expr; }, [](all_t, N* r) { return inline_expr; })
  // Per-node orders (children, ancestors): the same, over every node.
#define KIN_PER_NODE(order, strategy, tree_, kin_expr, step_expr, inline_expr)                                 \
  measure<N>(prefix + #order "/" strategy, tree_.all, tree_.root,                                              \
             [](all_t all, N*) { long s = 0; for (N* r : all) s += kin_expr; return s; },                       \
             [](all_t all, N*) { long s = 0; for (N* r : all) s += step_expr; return s; },                      \
             [](all_t all, N*) { long s = 0; for (N* r : all) s += inline_expr; return s; })
#define KIN_SUM(call) [&] { long s = 0; call(r, [&](N* n) { s += n->value; }); return s; }()
#define KIN_COLLECTED(call, allocate) C::run([&](auto emit) { call(r, emit); }, allocate)

  // Forward walks.
  KIN_PER_NODE(children, "forward", t, sum_of(kin::children<K>(r)), KIN_SUM(A::children_step), KIN_SUM(A::children_inline));
  KIN_ROOTED(preorder, "forward", t, sum_of(kin::preorder<K>(r)), KIN_SUM(A::preorder_step), KIN_SUM(A::preorder_inline));
  KIN_ROOTED(descendants, "forward", t, sum_of(kin::descendants<K>(r)), KIN_SUM(A::descendants_step), KIN_SUM(A::descendants_inline));
  KIN_ROOTED(postorder, "forward", t, sum_of(kin::postorder<K>(r)), KIN_SUM(A::postorder_step), KIN_SUM(A::postorder_inline));
  KIN_ROOTED(leaves, "forward", t, sum_of(kin::leaves<K>(r)), KIN_SUM(A::leaves_step), KIN_SUM(A::leaves_inline));
  KIN_PER_NODE(ancestors, "forward", small, sum_of(kin::ancestors<K>(r)), KIN_SUM(A::ancestors_step), KIN_SUM(A::ancestors_step));

  // Native reverse walks.
  if constexpr (kin::bidirectional_tree_traits<T>) {
    KIN_PER_NODE(children, "native", t, sum_of(kin::children_reverse<K>(r)), KIN_SUM(A::children_rev_step), KIN_SUM(A::children_rev_inline));
    KIN_ROOTED(preorder, "native", t, sum_of(kin::preorder_reverse<K>(r)), KIN_SUM(A::preorder_rev_step), KIN_SUM(A::preorder_rev_inline));
    KIN_ROOTED(descendants, "native", t, sum_of(kin::descendants_reverse<K>(r)), KIN_SUM(A::descendants_rev_step), KIN_SUM(A::descendants_rev_inline));
    KIN_ROOTED(postorder, "native", t, sum_of(kin::postorder_reverse<K>(r)), KIN_SUM(A::postorder_rev_step), KIN_SUM(A::postorder_rev_inline));
    KIN_ROOTED(leaves, "native", t, sum_of(kin::leaves_reverse<K>(r)), KIN_SUM(A::leaves_rev_step), KIN_SUM(A::leaves_rev_inline));
  }

  // Collecting: kin::collect into the caller's buffer, and kin::collect_allocating.
  KIN_PER_NODE(children, "collect", t, sum_of(kin::children_reverse<K>(r, collect(C::buffer))), KIN_COLLECTED(A::children_step, false), KIN_COLLECTED(A::children_inline, false));
  KIN_ROOTED(preorder, "collect", t, sum_of(kin::preorder_reverse<K>(r, collect(C::buffer))), KIN_COLLECTED(A::preorder_step, false), KIN_COLLECTED(A::preorder_inline, false));
  KIN_ROOTED(descendants, "collect", t, sum_of(kin::descendants_reverse<K>(r, collect(C::buffer))), KIN_COLLECTED(A::descendants_step, false), KIN_COLLECTED(A::descendants_inline, false));
  KIN_ROOTED(postorder, "collect", t, sum_of(kin::postorder_reverse<K>(r, collect(C::buffer))), KIN_COLLECTED(A::postorder_step, false), KIN_COLLECTED(A::postorder_inline, false));
  KIN_ROOTED(leaves, "collect", t, sum_of(kin::leaves_reverse<K>(r, collect(C::buffer))), KIN_COLLECTED(A::leaves_step, false), KIN_COLLECTED(A::leaves_inline, false));
  KIN_PER_NODE(ancestors, "collect", small, sum_of(kin::ancestors_reverse<K>(r, collect(C::buffer))), KIN_COLLECTED(A::ancestors_step, false), KIN_COLLECTED(A::ancestors_step, false));
  KIN_PER_NODE(children, "collect_allocating", t, sum_of(kin::children_reverse<K>(r, kin::collect_allocating)), KIN_COLLECTED(A::children_step, true), KIN_COLLECTED(A::children_inline, true));
  KIN_ROOTED(preorder, "collect_allocating", t, sum_of(kin::preorder_reverse<K>(r, kin::collect_allocating)), KIN_COLLECTED(A::preorder_step, true), KIN_COLLECTED(A::preorder_inline, true));
  KIN_ROOTED(descendants, "collect_allocating", t, sum_of(kin::descendants_reverse<K>(r, kin::collect_allocating)), KIN_COLLECTED(A::descendants_step, true), KIN_COLLECTED(A::descendants_inline, true));
  KIN_ROOTED(postorder, "collect_allocating", t, sum_of(kin::postorder_reverse<K>(r, kin::collect_allocating)), KIN_COLLECTED(A::postorder_step, true), KIN_COLLECTED(A::postorder_inline, true));
  KIN_ROOTED(leaves, "collect_allocating", t, sum_of(kin::leaves_reverse<K>(r, kin::collect_allocating)), KIN_COLLECTED(A::leaves_step, true), KIN_COLLECTED(A::leaves_inline, true));
  KIN_PER_NODE(ancestors, "collect_allocating", small, sum_of(kin::ancestors_reverse<K>(r, kin::collect_allocating)), KIN_COLLECTED(A::ancestors_step, true), KIN_COLLECTED(A::ancestors_step, true));

  // Rescan: no memory, each predecessor found by scanning (on the smaller
  // tree of the same shape, like the ancestors of every node: both are
  // quadratic, on wide parents and on chains).
  KIN_PER_NODE(children, "rescan", small, sum_of(kin::children_reverse<K>(r, kin::rescan)), KIN_SUM(R::children_rev_step), KIN_SUM(R::children_rev_inline));
  KIN_ROOTED(preorder, "rescan", small, sum_of(kin::preorder_reverse<K>(r, kin::rescan)), KIN_SUM(R::preorder_rev_step), KIN_SUM(R::preorder_rev_inline));
  KIN_ROOTED(descendants, "rescan", small, sum_of(kin::descendants_reverse<K>(r, kin::rescan)), KIN_SUM(R::descendants_rev_step), KIN_SUM(R::descendants_rev_inline));
  KIN_ROOTED(postorder, "rescan", small, sum_of(kin::postorder_reverse<K>(r, kin::rescan)), KIN_SUM(R::postorder_rev_step), KIN_SUM(R::postorder_rev_inline));
  KIN_ROOTED(leaves, "rescan", small, sum_of(kin::leaves_reverse<K>(r, kin::rescan)), KIN_SUM(R::leaves_rev_step), KIN_SUM(R::leaves_rev_inline));
#undef KIN_ROOTED
#undef KIN_PER_NODE
#undef KIN_SUM
#undef KIN_COLLECTED
}

} // namespace

int main(int argc, char** argv) {
  std::size_t size = 10000, rescan_size = 1000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) {
      size = 500, rescan_size = 100;
    } else if (argv[i][0] != '-') {
      filter = argv[i];
    } else {
      std::fprintf(stderr, "usage: kin_instructions [--quick] [CASE-SUBSTRING]\n");
      return 2;
    }
  }
  for (shape sh : {shape::balanced, shape::wide, shape::random, shape::chain}) {
    run_layout<s_node, s_traits, s_hand, rescan_hand<s_hand>>("singly", sh, size, rescan_size);
    run_layout<c_node, c_traits, c_hand, rescan_hand<c_hand>>("compact", sh, size, rescan_size);
    run_layout<l_node, l_traits, l_hand, rescan_hand<l_hand>>("list_head", sh, size, rescan_size);
  }
  for (const auto& r : results) std::printf("%s\n", r.name.c_str());
  return failed ? 1 : 0;
}
