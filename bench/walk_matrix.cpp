// SPDX-License-Identifier: BSL-1.0
// The core walks' full matrix, in CPU time (issue "benchmarks").
//
// The three layouts, as kernel-style C structs (walk_structs.hpp) walked by
// kin through a few lines of traits and by hand-written C loops over the
// same nodes; 10^3 to 10^6 nodes; four shapes (one wide parent, balanced
// fan-out 8, random recursive, a chain); two memory orders (nodes placed in
// pre-order, or at shuffled slots of one array). Every number is a ratio
// from kin_bench::paired (paired.hpp): both sides in one process on the
// same data, alternating batches, thread CPU time, median of the
// repetitions' ratios with their spread. Each pair's two sides are first
// run once recording what they visit (or, for mutations, the trees they
// leave), and the program stops if they disagree.
//
//   kin_bench_walks [--quick] [--json FILE] [--filter SUBSTRING] [--list]
//
// One JSON object per line (JSON Lines, kin_bench::json_line):
//
//   {"suite":"walks", "case": a unique id, KIND/LAYOUT[-LAYOUT_B]/SHAPE/MEMORY/NODES/OP[:STRATEGY],
//    "layout": A's layout, "layout_b": B's (singly, compact, list_head, boost_list, vector_unique_ptr),
//    "nodes", "shape" (wide, balanced-8, random, chain), "memory" (walk-order, shuffled),
//    "op" (preorder, preorder_reverse, postorder, children, children_reverse, last_child,
//          unlink, link_before, move_subtree), "strategy" (reverse walks only: native, collect,
//          rescan, or A's/B's), "a", "b" (what each side is),
//    "kind" (kin/hand, reverse/forward, doubly/singly, compact/list_head, list_head/singly,
//            kin/boost, kin/vector, strategy),
//    "a_ns", "b_ns" (per node walked, or per operation), "ratio" (A over B: the median of the
//    repetitions' ratios), "ratio_min", "ratio_max", "repetitions", "calls_per_batch",
//    "cpu_s" (what the pair cost, its check and first-use tree building included)}
//   {"suite":"memory", "what":"bytes per node", "layout", "bytes": the node's size less its payload}
//   {"suite":"memory", "what":"reverse extra bytes", "layout", "nodes", "shape", "op", "strategy",
//    "bytes": what the strategy needs besides the tree (collect: a pointer per value it holds)}
//   {"suite":"memory", "what":"heap bytes per node", "layout":"vector_unique_ptr", "nodes", "shape",
//    "bytes": what malloc handed out for that tree, per node}
//
// Per-walk ops ("children", "last_child") run over every node of the tree,
// in memory order; a walk's time is per node of the tree. Mutations: on the
// wide parent, unlink a random child and link it first again, and link a
// spare node before a random child and unlink it; on every shape, move a
// random subtree to the end of a random non-descendant's children and back
// to its place. Each side of a mutation pair does the same operations, in
// the same order, from the same tree.
#include "paired.hpp"
#include "walk_structs.hpp"

#include <kin/kin.hpp>

#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace walk_structs;

// ---- shapes and memory orders ----------------------------------------------------

enum class shape { wide, balanced, random, chain };
enum class memory { walk_order, shuffled };

const char* name_of(shape s) {
  switch (s) {
  case shape::wide: return "wide";
  case shape::balanced: return "balanced-8";
  case shape::random: return "random";
  default: return "chain";
  }
}
const char* name_of(memory m) { return m == memory::walk_order ? "walk-order" : "shuffled"; }

constexpr std::uint32_t none = UINT32_MAX;

// A tree in indices (node 0 is the root; every node's parent has a smaller
// index; children in increasing index order) and where each node lives.
struct plan {
  std::size_t n = 0;
  std::vector<std::uint32_t> parent, first, next; // child lists
  std::vector<std::uint32_t> pre, size;            // pre-order rank and subtree size
  std::vector<std::uint32_t> slot;                 // array slot of each node
  std::vector<std::uint32_t> at_slot;              // node index at each slot
};

plan make_plan(shape s, std::size_t n, memory m) {
  plan p;
  p.n = n;
  p.parent.assign(n, none);
  std::mt19937_64 shape_rng(20260101);
  for (std::size_t i = 1; i < n; ++i) {
    switch (s) {
    case shape::wide: p.parent[i] = 0; break;
    case shape::balanced: p.parent[i] = static_cast<std::uint32_t>((i - 1) / 8); break;
    case shape::random: p.parent[i] = static_cast<std::uint32_t>(shape_rng() % i); break;
    case shape::chain: p.parent[i] = static_cast<std::uint32_t>(i - 1); break;
    }
  }
  p.first.assign(n, none);
  p.next.assign(n, none);
  for (std::size_t i = n; i-- > 1;) {
    p.next[i] = p.first[p.parent[i]];
    p.first[p.parent[i]] = static_cast<std::uint32_t>(i);
  }
  p.pre.assign(n, 0);
  std::uint32_t rank = 0, v = 0;
  for (;;) { // iterative pre-order over the index lists
    p.pre[v] = rank++;
    if (p.first[v] != none) {
      v = p.first[v];
      continue;
    }
    while (v != 0 && p.next[v] == none) v = p.parent[v];
    if (v == 0) break;
    v = p.next[v];
  }
  p.size.assign(n, 1);
  for (std::size_t i = n; i-- > 1;) p.size[p.parent[i]] += p.size[i];
  if (m == memory::walk_order) {
    p.slot = p.pre;
  } else {
    p.slot.resize(n);
    std::iota(p.slot.begin(), p.slot.end(), 0u);
    std::mt19937_64 shuffle_rng(7);
    std::shuffle(p.slot.begin(), p.slot.end(), shuffle_rng);
  }
  p.at_slot.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) p.at_slot[p.slot[i]] = static_cast<std::uint32_t>(i);
  return p;
}

bool is_descendant(const plan& p, std::uint32_t t, std::uint32_t n) { // t in n's subtree (or n)
  return p.pre[n] <= p.pre[t] && p.pre[t] < p.pre[n] + p.size[n];
}

// ---- the trees -----------------------------------------------------------------------

// One layout's tree: n nodes in one array at the plan's slots, plus a spare
// node (slot n) for the link-before case, and a collect buffer of n entries.
template <class L>
struct tree {
  using N = typename L::node;
  using T = typename L::traits;
  const plan& p;
  std::size_t n;
  std::unique_ptr<N[]> nodes;
  std::vector<N*> buf;
  N* root = nullptr;
  N* spare = nullptr;
  bool reordered = false; // by the unlink cases, which link each child back first
  explicit tree(const plan& pl) : p(pl), n(pl.n), nodes(new N[pl.n + 1]), buf(pl.n) { build(); }
  N* at(std::uint32_t i) const { return &nodes[p.slot[i]]; }
  N* begin() const { return nodes.get(); }
  N* end() const { return nodes.get() + n; }
  // (Re)builds the plan's tree: every node fresh, then linked with kin's O(1)
  // operations, children in order.
  void build() {
    for (std::size_t k = 0; k < n; ++k) init_node(nodes[k], static_cast<long>(p.at_slot[k]) + 1);
    init_node(nodes[n], static_cast<long>(n) + 1);
    for (std::size_t v = 0; v < n; ++v) {
      N* prev = nullptr;
      for (std::uint32_t c = p.first[v]; c != none; c = p.next[c]) {
        if (prev) {
          kin::link_after<T>(prev, at(c));
        } else {
          kin::link_first_child<T>(at(static_cast<std::uint32_t>(v)), at(c));
        }
        prev = at(c);
      }
    }
    root = at(0);
    spare = &nodes[n];
    reordered = false;
    if (!kin::verify<T>(root)) {
      std::fprintf(stderr, "kin_bench_walks: the %s tree failed kin::verify after building\n", L::name);
      std::exit(1);
    }
  }
};

struct boost_tree {
  std::size_t n;
  std::unique_ptr<b_node[]> nodes;
  b_node* root;
  explicit boost_tree(const plan& p) : n(p.n), nodes(new b_node[p.n]) {
    for (std::size_t k = 0; k < n; ++k) nodes[k].value = static_cast<long>(p.at_slot[k]) + 1;
    for (std::size_t v = 0; v < n; ++v) {
      b_node* pv = &nodes[p.slot[v]];
      for (std::uint32_t c = p.first[v]; c != none; c = p.next[c]) {
        b_node* pc = &nodes[p.slot[c]];
        pc->parent = pv;
        pv->children.push_back(*pc);
      }
    }
    root = &nodes[p.slot[0]];
  }
  ~boost_tree() {
    for (std::size_t k = 0; k < n; ++k) nodes[k].children.clear(); // normal_link: forgets the rings
  }
  boost_tree(const boost_tree&) = delete;
  boost_tree& operator=(const boost_tree&) = delete;
};

// Nodes allocated one by one in slot order (so the heap places them in
// that order, as the other trees' arrays do), children arrays reserved to
// size afterwards; torn down leaves first, without recursion.
struct vector_tree {
  std::size_t n;
  std::vector<v_node*> by_index;
  std::vector<v_node*> all; // in slot (allocation) order
  std::unique_ptr<v_node> root_owner;
  v_node* root;
  std::vector<v_node*> stack;
  std::size_t heap_bytes = 0; // what malloc handed out for the tree
  explicit vector_tree(const plan& p) : n(p.n), by_index(p.n), all(p.n) {
    const std::size_t before = mallinfo2().uordblks;
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint32_t i = p.at_slot[k];
      all[k] = by_index[i] = new v_node;
      all[k]->value = static_cast<long>(i) + 1;
    }
    root_owner.reset(by_index[0]);
    for (std::size_t v = 0; v < n; ++v) {
      std::size_t count = 0;
      for (std::uint32_t c = p.first[v]; c != none; c = p.next[c]) ++count;
      if (!count) continue;
      by_index[v]->children.reserve(count);
      for (std::uint32_t c = p.first[v]; c != none; c = p.next[c]) by_index[v]->children.emplace_back(by_index[c]);
    }
    heap_bytes = mallinfo2().uordblks - before;
    root = by_index[0];
    stack.reserve(n);
  }
  ~vector_tree() {
    for (std::size_t i = n; i-- > 0;) by_index[i]->children.clear(); // its children are childless by now
  }
  vector_tree(const vector_tree&) = delete;
  vector_tree& operator=(const vector_tree&) = delete;
};

// ---- the walks, as callables taking `emit(value)` -------------------------------------

// kin's side: the walkers over the C structs, through the layout's traits.
template <class L>
struct kin_side {
  using N = typename L::node;
  using T = typename L::traits;
  static auto preorder(tree<L>& t) {
    return [&t](auto&& emit) {
      for (N& v : kin::preorder<T>(t.root)) emit(v.value);
    };
  }
  static auto preorder_reverse(tree<L>& t) { // native
    return [&t](auto&& emit) {
      for (N& v : kin::preorder_reverse<T>(t.root)) emit(v.value);
    };
  }
  static auto preorder_reverse_collect(tree<L>& t) {
    return [&t](auto&& emit) {
      auto r = kin::preorder_reverse<T>(t.root, kin::collect(t.buf));
      if (!r.fits()) return;
      for (N& v : r) emit(v.value);
    };
  }
  static auto preorder_reverse_rescan(tree<L>& t) {
    return [&t](auto&& emit) {
      for (N& v : kin::preorder_reverse<T>(t.root, kin::rescan)) emit(v.value);
    };
  }
  static auto postorder(tree<L>& t) {
    return [&t](auto&& emit) {
      for (N& v : kin::postorder<T>(t.root)) emit(v.value);
    };
  }
  // Per-node walks: every node of the array, in memory order.
  static auto children(tree<L>& t) {
    return [&t](auto&& emit) {
      for (N *q = t.begin(), *e = t.end(); q != e; ++q)
        for (N& c : kin::children<T>(q)) emit(c.value);
    };
  }
  static auto children_reverse(tree<L>& t) { // native
    return [&t](auto&& emit) {
      for (N *q = t.begin(), *e = t.end(); q != e; ++q)
        for (N& c : kin::children_reverse<T>(q)) emit(c.value);
    };
  }
  static auto children_reverse_collect(tree<L>& t) {
    return [&t](auto&& emit) {
      for (N *q = t.begin(), *e = t.end(); q != e; ++q) {
        auto r = kin::children_reverse<T>(q, kin::collect(t.buf));
        if (!r.fits()) continue;
        for (N& c : r) emit(c.value);
      }
    };
  }
  static auto children_reverse_rescan(tree<L>& t) {
    return [&t](auto&& emit) {
      for (N *q = t.begin(), *e = t.end(); q != e; ++q)
        for (N& c : kin::children_reverse<T>(q, kin::rescan)) emit(c.value);
    };
  }
  static auto last_child(tree<L>& t) {
    return [&t](auto&& emit) {
      for (N *q = t.begin(), *e = t.end(); q != e; ++q) {
        N* c = kin::last_child<T>(q);
        emit(c ? c->value : 0);
      }
    };
  }
};

// The hand-written side (walk_structs.hpp's hand:: loops), the same shape of callable.
template <class L>
struct hand_side {
  using N = typename L::node;
  static auto preorder(tree<L>& t) {
    return [&t](auto&& emit) { hand::preorder(t.root, emit); };
  }
  static auto preorder_reverse(tree<L>& t) { // native links on compact/list_head; collected on singly
    return [&t](auto&& emit) {
      if constexpr (L::doubly) {
        hand::preorder_reverse(t.root, emit);
      } else {
        hand::preorder_reverse(t.root, t.buf.data(), t.buf.size(), emit);
      }
    };
  }
  static auto preorder_reverse_rescan(tree<L>& t) {
    return [&t](auto&& emit) { hand::preorder_reverse_rescan(t.root, emit); };
  }
  static auto postorder(tree<L>& t) {
    return [&t](auto&& emit) { hand::postorder(t.root, emit); };
  }
  static auto children(tree<L>& t) {
    return [&t](auto&& emit) {
      for (N *q = t.begin(), *e = t.end(); q != e; ++q) hand::children(q, emit);
    };
  }
  static auto children_reverse(tree<L>& t) {
    return [&t](auto&& emit) {
      for (N *q = t.begin(), *e = t.end(); q != e; ++q) {
        if constexpr (L::doubly) {
          hand::children_reverse(q, emit);
        } else {
          hand::children_reverse(q, t.buf.data(), t.buf.size(), emit);
        }
      }
    };
  }
  static auto children_reverse_rescan(tree<L>& t) {
    return [&t](auto&& emit) {
      for (N *q = t.begin(), *e = t.end(); q != e; ++q) hand::children_reverse_rescan(q, emit);
    };
  }
  static auto last_child(tree<L>& t) {
    return [&t](auto&& emit) {
      for (N *q = t.begin(), *e = t.end(); q != e; ++q) {
        N* c = hand::last_child(q);
        emit(c ? c->value : 0);
      }
    };
  }
};

struct boost_side {
  static auto preorder(boost_tree& t) {
    return [&t](auto&& emit) { boost_walk::preorder(t.root, emit); };
  }
  static auto children(boost_tree& t) {
    return [&t](auto&& emit) {
      for (b_node *q = t.nodes.get(), *e = q + t.n; q != e; ++q) boost_walk::children(q, emit);
    };
  }
  static auto children_reverse(boost_tree& t) {
    return [&t](auto&& emit) {
      for (b_node *q = t.nodes.get(), *e = q + t.n; q != e; ++q) boost_walk::children_reverse(q, emit);
    };
  }
};

struct vector_side {
  static auto preorder(vector_tree& t) {
    return [&t](auto&& emit) { vector_walk::preorder(t.root, t.stack, emit); };
  }
  static auto children(vector_tree& t) {
    return [&t](auto&& emit) {
      for (v_node* q : t.all) vector_walk::children(q, emit);
    };
  }
  static auto children_reverse(vector_tree& t) {
    return [&t](auto&& emit) {
      for (v_node* q : t.all) vector_walk::children_reverse(q, emit);
    };
  }
};

// A walk summed, as timed; a walk recorded, as checked.
//
// Each timed walk is its own function, out of line and aligned to 64
// bytes, and paired()'s loops only call it. Inlined into paired()'s four
// timing loops instead, the same instructions land at four placements per
// side, and on this machine placement alone moved a 1 ns-per-node loop by
// up to 30 %: with identical code on both sides (singly children, kin and
// hand compile to the same seven instructions) side A measured 1.15 to
// 1.33 times side B whichever of the two was A. Aligned and out of line,
// identical code measures 0.97 to 1.00. The call costs one call per walk.
template <class W>
[[gnu::noinline, gnu::aligned(64)]] long sum_walk(W& w) {
  long s = 0;
  w([&s](long v) { s += v; });
  return s;
}
template <class W>
auto summing(W w) {
  return [w]() mutable { kin_bench::keep(sum_walk(w)); };
}
template <class W>
std::vector<long> recording(W& w) {
  std::vector<long> out;
  w([&out](long v) { out.push_back(v); });
  return out;
}

// ---- mutations ----------------------------------------------------------------------

enum class mut_op { unlink, link_before, move_subtree };
const char* name_of(mut_op o) {
  switch (o) {
  case mut_op::unlink: return "unlink";
  case mut_op::link_before: return "link_before";
  default: return "move_subtree";
  }
}

// One operation's nodes, as indices: unlink `a` (a child of the wide root)
// and link it first again; link the spare before `a` and unlink it; move
// `a` (with its subtree) to the end of `b`'s children and back before its
// old next sibling `c` (or last under its old parent `d`).
struct mut_args {
  std::uint32_t a = 0, b = 0, c = none, d = 0;
};
constexpr std::size_t mut_sequence = 4096; // a power of two
constexpr std::size_t mut_batch = 16;      // operations per timed call

std::vector<mut_args> make_mutations(const plan& p, mut_op op) {
  std::vector<mut_args> seq(mut_sequence);
  std::mt19937_64 rng(99);
  for (mut_args& m : seq) {
    m.a = static_cast<std::uint32_t>(1 + rng() % (p.n - 1));
    if (op == mut_op::move_subtree) {
      do m.b = static_cast<std::uint32_t>(rng() % p.n);
      while (is_descendant(p, m.b, m.a));
      m.c = p.next[m.a];
      m.d = p.parent[m.a];
    }
  }
  return seq;
}

template <class N>
struct ptr_args {
  N *a, *b, *c, *d;
};

// One side of a mutation pair: kin's algorithms or the hand-written link
// operations, on one layout's tree; each call does one operation (both
// halves), the next in the sequence. Every operation leaves a valid tree,
// so both sides of a kin/hand pair share one.
template <class L, bool Kin, mut_op Op>
struct mutator {
  using N = typename L::node;
  using T = typename L::traits;
  tree<L>* t;
  std::vector<ptr_args<N>> seq;
  std::size_t cursor = 0;
  mutator(tree<L>& tr, const std::vector<mut_args>& s) : t(&tr) {
    for (const mut_args& m : s)
      seq.push_back({tr.at(m.a), Op == mut_op::move_subtree ? tr.at(m.b) : tr.spare, m.c == none ? nullptr : tr.at(m.c),
                     tr.at(m.d)});
  }
  void half(const ptr_args<N>& m, int h) {
    if constexpr (Op == mut_op::unlink) {
      if (h == 0) {
        if constexpr (Kin) kin::unlink<T>(m.a);
        else hand::unlink(m.a);
      } else {
        if constexpr (Kin) kin::link_first_child<T>(t->root, m.a);
        else hand::link_first(t->root, m.a);
      }
    } else if constexpr (Op == mut_op::link_before) {
      if (h == 0) {
        if constexpr (Kin) kin::link_before<T>(m.a, m.b);
        else hand::link_before(m.a, m.b);
      } else {
        if constexpr (Kin) kin::unlink<T>(m.b);
        else hand::unlink(m.b);
      }
    } else {
      if (h == 0) {
        if constexpr (Kin) {
          kin::reparent<T>(m.a, m.b);
        } else {
          hand::unlink(m.a);
          hand::link_last(m.b, m.a);
        }
      } else if constexpr (Kin) {
        kin::unlink<T>(m.a);
        if (m.c) kin::link_before<T>(m.c, m.a);
        else kin::link_last_child<T>(m.d, m.a);
      } else {
        hand::unlink(m.a);
        if (m.c) hand::link_before(m.c, m.a);
        else hand::link_last(m.d, m.a);
      }
    }
  }
  // One call: the next `mut_batch` operations of the sequence, out of line
  // and aligned as the walks are (see sum_walk).
  [[gnu::noinline, gnu::aligned(64)]] void operator()() {
    for (std::size_t i = 0; i < mut_batch; ++i) {
      const ptr_args<N>& m = seq[cursor];
      half(m, 0);
      half(m, 1);
      cursor = (cursor + 1) & (mut_sequence - 1);
    }
  }
  // One operation's neighbourhood: for the root, the moved node, the target
  // (or the spare) and the old parent, each one's value, its parent's value
  // and its children's values in order.
  std::vector<long> local(const ptr_args<N>& m) const {
    std::vector<long> out;
    for (N* x : {t->root, m.a, m.b, m.d}) {
      out.push_back(x->value);
      out.push_back(x->parent ? x->parent->value : 0);
      for (N& c : kin::children<T>(x)) out.push_back(c.value);
      out.push_back(-1);
    }
    return out;
  }
  // kin::verify on the whole tree (stops the program if it fails).
  void check() const {
    if (!kin::verify<T>(t->root)) {
      std::fprintf(stderr, "kin_bench_walks: a %s mutation left a tree kin::verify rejects\n", L::name);
      std::exit(1);
    }
  }
  // The whole tree: (value, parent's value) in pre-order, after check().
  std::vector<long> whole() const {
    check();
    std::vector<long> out;
    for (N& v : kin::preorder<T>(t->root)) {
      out.push_back(v.value);
      out.push_back(v.parent ? v.parent->value : 0);
    }
    return out;
  }
  // What the first operation's halves and the first `k` operations leave,
  // from the built tree (rebuilt first when an earlier unlink case left its
  // children reordered): the neighbourhoods, and up to 10^5 nodes the whole
  // tree. Resets the cursor.
  std::vector<std::vector<long>> trace(std::size_t k) {
    std::vector<std::vector<long>> out;
    if (t->reordered) t->build();
    half(seq[0], 0);
    out.push_back(local(seq[0]));
    half(seq[0], 1);
    out.push_back(local(seq[0]));
    for (std::size_t i = 1; i < k; ++i) {
      half(seq[i], 0);
      half(seq[i], 1);
    }
    out.push_back(local(seq[k - 1]));
    if (t->n <= 100000) out.push_back(whole());
    if (Op == mut_op::unlink) t->reordered = true;
    cursor = 0;
    return out;
  }
};

// ---- the run ----------------------------------------------------------------------------

struct settings {
  bool quick = false;
  bool list = false;
  std::string filter;
  std::FILE* out = stdout;
};

// Everything one (size, shape, memory order) needs, built on first use (so
// that --list and --filter build nothing they do not run).
struct group {
  std::size_t n;
  shape sh;
  memory mem;
  std::unique_ptr<plan> pl;
  std::unique_ptr<tree<singly>> s;
  std::unique_ptr<tree<compact>> c;
  std::unique_ptr<tree<list>> l;
  std::unique_ptr<boost_tree> b;
  std::unique_ptr<vector_tree> v;
  const plan& get_plan() {
    if (!pl) pl = std::make_unique<plan>(make_plan(sh, n, mem));
    return *pl;
  }
  template <class L>
  tree<L>& get() {
    auto make = [&](auto& slot) -> auto& {
      if (!slot) slot = std::make_unique<std::remove_reference_t<decltype(*slot)>>(get_plan());
      return *slot;
    };
    if constexpr (std::is_same_v<L, singly>) return make(s);
    else if constexpr (std::is_same_v<L, compact>) return make(c);
    else return make(l);
  }
  std::size_t widest() { // the most children any node has
    if (!widest_) {
      const plan& p = get_plan();
      std::vector<std::uint32_t> count(p.n, 0);
      for (std::size_t i = 1; i < p.n; ++i) ++count[p.parent[i]];
      widest_ = *std::max_element(count.begin(), count.end());
    }
    return widest_;
  }
  std::size_t widest_ = 0;
  boost_tree& get_boost() {
    if (!b) b = std::make_unique<boost_tree>(get_plan());
    return *b;
  }
  vector_tree& get_vector() {
    if (!v) v = std::make_unique<vector_tree>(get_plan());
    return *v;
  }
};

// What a pair is, for its case name and its JSON line.
struct meta {
  const char* kind;     // kin/hand, reverse/forward, doubly/singly, ...
  std::string layout;   // A's layout
  std::string layout_b; // B's layout (the same, except across layouts and comparators)
  std::string op;       // the walk or mutation
  std::string strategy; // reverse walks: native, collect, rescan (or "rescan/collect" ...); else empty
  std::string a, b;     // what A and B are
};

// How hard a pair is measured: by the cost of one call.
enum class cost { walk, heavy, lopsided };

class runner {
public:
  explicit runner(settings s) : set_(std::move(s)) {}

  std::string case_name(const group& g, const meta& m) const {
    std::string kind = m.kind;
    std::replace(kind.begin(), kind.end(), '/', '-');
    std::string layouts = m.layout == m.layout_b ? m.layout : m.layout + "-" + m.layout_b;
    std::string op = m.op + (m.strategy.empty() ? "" : ":" + m.strategy);
    std::replace(op.begin(), op.end(), '/', '-');
    return kind + "/" + layouts + "/" + name_of(g.sh) + "/" + name_of(g.mem) + "/" + std::to_string(g.n) + "/" + op;
  }

  // A walk pair: `make()` returns the two walks (callables taking emit).
  // Both must visit the same values in the same order, except in
  // reverse/forward pairs (the same values, in another order: each side's
  // order is checked against its hand loop in its kin/hand pair).
  template <class Make>
  void walk_pair(group& g, const meta& m, cost c, Make&& make) {
    const std::string name = case_name(g, m);
    if (!selected(name)) return;
    const double t0 = kin_bench::thread_cpu_ns();
    auto [wa, wb] = make();
    std::vector<long> ra = recording(wa), rb = recording(wb);
    if (std::strcmp(m.kind, "reverse/forward") == 0) {
      std::sort(ra.begin(), ra.end());
      std::sort(rb.begin(), rb.end());
    }
    if (ra != rb || ra.empty()) {
      std::fprintf(stderr, "kin_bench_walks: %s: A (%s) and B (%s) disagree: %zu and %zu values\n", name.c_str(),
                   m.a.c_str(), m.b.c_str(), ra.size(), rb.size());
      std::exit(1);
    }
    report(g, m, name, kin_bench::paired(summing(wa), summing(wb), static_cast<double>(g.n), options(g, c)), t0);
    reverse_bytes(g, m);
  }

  // A mutation pair: `make()` returns the two mutators (with trace()).
  template <class Make>
  void mutation_pair(group& g, const meta& m, cost c, Make&& make) {
    const std::string name = case_name(g, m);
    if (!selected(name)) return;
    const double t0 = kin_bench::thread_cpu_ns();
    auto [ma, mb] = make();
    constexpr std::size_t k = 64;
    if (ma.trace(k) != mb.trace(k)) {
      std::fprintf(stderr, "kin_bench_walks: %s: A (%s) and B (%s) leave different trees\n", name.c_str(), m.a.c_str(),
                   m.b.c_str());
      std::exit(1);
    }
    const kin_bench::pair_result result =
        kin_bench::paired(std::ref(ma), std::ref(mb), static_cast<double>(mut_batch), options(g, c));
    if (g.n <= 100000) { // both trees still pass kin::verify after the timed operations
      ma.check();
      mb.check();
    }
    report(g, m, name, result, t0);
  }

  // A memory line, once per distinct content.
  void memory_line(const kin_bench::json_line& line, const std::string& key) {
    if (set_.list || !memory_seen_.insert(key).second) return;
    line.write(set_.out);
  }
  // The extra bytes of the reverse strategies a pair ran ("a/b": A's and
  // B's), on each kin layout: none for native and rescan; for collect, one
  // pointer per node of the walk (per child of the widest parent, for
  // children walks).
  void reverse_bytes(group& g, const meta& m) {
    if (m.strategy.empty()) return;
    const std::size_t slash = m.strategy.find('/');
    const std::string sa = m.strategy.substr(0, slash);
    const std::string sb = slash == std::string::npos ? sa : m.strategy.substr(slash + 1);
    for (const auto& [layout, strategy] : {std::pair{m.layout, sa}, std::pair{m.layout_b, sb}}) {
      if (layout != "singly" && layout != "compact" && layout != "list_head") continue;
      const double entries = m.op == "preorder_reverse" ? static_cast<double>(g.n) : static_cast<double>(g.widest());
      const double bytes = strategy == "collect" ? entries * static_cast<double>(sizeof(void*)) : 0.0;
      kin_bench::json_line j;
      j.str("suite", "memory").str("what", "reverse extra bytes").str("layout", layout).num("nodes", static_cast<double>(g.n));
      j.str("shape", name_of(g.sh)).str("op", m.op).str("strategy", strategy).num("bytes", bytes);
      memory_line(j, layout + "/" + m.op + "/" + strategy + "/" + name_of(g.sh) + "/" + std::to_string(g.n));
    }
  }

  bool selected(const std::string& name) {
    if (!set_.filter.empty() && name.find(set_.filter) == std::string::npos) return false;
    if (set_.list) {
      std::printf("%s\n", name.c_str());
      return false;
    }
    ++pairs_;
    return true;
  }
  bool listing() const { return set_.list; }
  // 10^6 nodes in shuffled memory: a walk of the whole tree misses the
  // cache at every node (0.15 s; 0.3 s on a chain, which climbs back), and
  // a pair costs 14 to 16 walks. To fit the run in its budget the matrix
  // keeps there every kin/hand pair but post-order, the reverse/forward
  // pairs, the cross-layout pre-order and children, list_head against the
  // comparators' pre-order, and the subtree moves; it leaves out post-order,
  // native against collecting, the other cross-layout walks, the other
  // comparator pairs, the wide parent's mutations and, on the chain (twice
  // the misses), the cross-layout pre-order and the comparators.
  static bool thinned(const group& g) { return g.n >= 1000000 && g.mem == memory::shuffled; }
  long pairs() const { return pairs_; }

private:
  kin_bench::pair_options options(const group& g, cost c) const {
    kin_bench::pair_options o;
    if (set_.quick) {
      o.repetitions = 3;
      o.batches = 2;
      o.batch_ns = 2e5;
      return o;
    }
    // The full run's budget is 6 minutes of CPU: 5 repetitions of two 1 ms
    // batches a side; one batch where a single call takes longer than a
    // batch anyway (rescan, 10^6 nodes). Pairs whose sides differ a
    // hundredfold need nothing special: paired() calibrates each side's
    // calls on its own.
    o.repetitions = 5;
    o.batches = 2;
    o.batch_ns = 1e6;
    if (c == cost::heavy || g.n >= 1000000) o.batches = 1;
    return o;
  }

  // `t0`: when the pair started (its "cpu_s" counts the check, the trees
  // the pair had to build, and the measurement).
  void report(const group& g, const meta& m, const std::string& name, const kin_bench::pair_result& r, double t0) {
    kin_bench::json_line j;
    j.str("suite", "walks").str("case", name).str("layout", m.layout).str("layout_b", m.layout_b);
    j.num("nodes", static_cast<double>(g.n)).str("shape", name_of(g.sh)).str("memory", name_of(g.mem));
    j.str("op", m.op);
    if (!m.strategy.empty()) j.str("strategy", m.strategy);
    j.str("a", m.a).str("b", m.b).str("kind", m.kind).pair(r);
    j.num("cpu_s", (kin_bench::thread_cpu_ns() - t0) / 1e9);
    j.write(set_.out);
    std::fflush(set_.out);
  }

  settings set_;
  std::set<std::string> memory_seen_;
  long pairs_ = 0;
};

constexpr std::size_t rescan_limit = 10000; // rescan is quadratic on wide parents

// The pairs of one layout against the hand-written loops, and its reverse
// walks against its forward ones.
template <class L>
void layout_pairs(runner& r, group& g) {
  using K = kin_side<L>;
  using H = hand_side<L>;
  const std::string ln = L::name;
  auto t = [&g]() -> tree<L>& { return g.get<L>(); };
  const std::string rev = L::doubly ? "native" : "collect";

  r.walk_pair(g, {"kin/hand", ln, ln, "preorder", "", "kin preorder", "hand preorder"}, cost::walk,
              [&] { return std::pair{K::preorder(t()), H::preorder(t())}; });
  r.walk_pair(g, {"kin/hand", ln, ln, "preorder_reverse", rev, "kin preorder_reverse " + rev, "hand preorder_reverse " + rev},
              cost::walk, [&] {
                if constexpr (L::doubly) return std::pair{K::preorder_reverse(t()), H::preorder_reverse(t())};
                else return std::pair{K::preorder_reverse_collect(t()), H::preorder_reverse(t())};
              });
  r.walk_pair(g, {"reverse/forward", ln, ln, "preorder_reverse", rev, "kin preorder_reverse " + rev, "kin preorder"},
              cost::walk, [&] {
                if constexpr (L::doubly) return std::pair{K::preorder_reverse(t()), K::preorder(t())};
                else return std::pair{K::preorder_reverse_collect(t()), K::preorder(t())};
              });
  if (!runner::thinned(g))
    r.walk_pair(g, {"kin/hand", ln, ln, "postorder", "", "kin postorder", "hand postorder"}, cost::walk,
                [&] { return std::pair{K::postorder(t()), H::postorder(t())}; });
  r.walk_pair(g, {"kin/hand", ln, ln, "children", "", "kin children, every node", "hand children, every node"}, cost::walk,
              [&] { return std::pair{K::children(t()), H::children(t())}; });
  r.walk_pair(g,
              {"kin/hand", ln, ln, "children_reverse", rev, "kin children_reverse " + rev + ", every node",
               "hand children_reverse " + rev + ", every node"},
              cost::walk, [&] {
                if constexpr (L::doubly) return std::pair{K::children_reverse(t()), H::children_reverse(t())};
                else return std::pair{K::children_reverse_collect(t()), H::children_reverse(t())};
              });
  r.walk_pair(g,
              {"reverse/forward", ln, ln, "children_reverse", rev, "kin children_reverse " + rev + ", every node",
               "kin children, every node"},
              cost::walk, [&] {
                if constexpr (L::doubly) return std::pair{K::children_reverse(t()), K::children(t())};
                else return std::pair{K::children_reverse_collect(t()), K::children(t())};
              });
  r.walk_pair(g, {"kin/hand", ln, ln, "last_child", "", "kin last_child, every node", "hand last_child, every node"},
              cost::walk, [&] { return std::pair{K::last_child(t()), H::last_child(t())}; });

  // Reverse strategies: native against collecting on the doubly linked
  // layouts; rescan against its hand loop and against collecting on singly.
  if constexpr (L::doubly) {
    if (!runner::thinned(g))
      r.walk_pair(g, {"strategy", ln, ln, "preorder_reverse", "native/collect", "kin preorder_reverse native",
                    "kin preorder_reverse collect"},
                cost::walk, [&] { return std::pair{K::preorder_reverse(t()), K::preorder_reverse_collect(t())}; });
  } else if (g.n <= rescan_limit) {
    r.walk_pair(g, {"kin/hand", ln, ln, "preorder_reverse", "rescan", "kin preorder_reverse rescan", "hand preorder_reverse rescan"},
                cost::heavy, [&] { return std::pair{K::preorder_reverse_rescan(t()), H::preorder_reverse_rescan(t())}; });
    r.walk_pair(g, {"strategy", ln, ln, "preorder_reverse", "rescan/collect", "kin preorder_reverse rescan",
                    "kin preorder_reverse collect"},
                cost::heavy, [&] { return std::pair{K::preorder_reverse_rescan(t()), K::preorder_reverse_collect(t())}; });
    r.walk_pair(g,
                {"kin/hand", ln, ln, "children_reverse", "rescan", "kin children_reverse rescan, every node",
                 "hand children_reverse rescan, every node"},
                cost::heavy, [&] { return std::pair{K::children_reverse_rescan(t()), H::children_reverse_rescan(t())}; });
    r.walk_pair(g,
                {"strategy", ln, ln, "children_reverse", "rescan/collect", "kin children_reverse rescan, every node",
                 "kin children_reverse collect, every node"},
                cost::heavy, [&] { return std::pair{K::children_reverse_rescan(t()), K::children_reverse_collect(t())}; });
  }
}

// The same kin walk on two layouts (A over B): list_head over singly,
// compact over list_head.
template <class LA, class LB>
void cross_pairs(runner& r, group& g, const char* kind) {
  using KA = kin_side<LA>;
  using KB = kin_side<LB>;
  const std::string a = LA::name, b = LB::name;
  auto ta = [&g]() -> tree<LA>& { return g.get<LA>(); };
  auto tb = [&g]() -> tree<LB>& { return g.get<LB>(); };
  const std::string ra = LA::doubly ? "native" : "collect", rb = LB::doubly ? "native" : "collect";
  const std::string rs = ra == rb ? ra : ra + "/" + rb;
  auto reverse_a = [&](auto which) {
    if constexpr (decltype(which)::value) {
      if constexpr (LA::doubly) return KA::preorder_reverse(ta());
      else return KA::preorder_reverse_collect(ta());
    } else {
      if constexpr (LA::doubly) return KA::children_reverse(ta());
      else return KA::children_reverse_collect(ta());
    }
  };
  auto reverse_b = [&](auto which) {
    if constexpr (decltype(which)::value) {
      if constexpr (LB::doubly) return KB::preorder_reverse(tb());
      else return KB::preorder_reverse_collect(tb());
    } else {
      if constexpr (LB::doubly) return KB::children_reverse(tb());
      else return KB::children_reverse_collect(tb());
    }
  };
  const bool thinned = runner::thinned(g);
  if (!thinned || g.sh != shape::chain)
    r.walk_pair(g, {kind, a, b, "preorder", "", "kin preorder on " + a, "kin preorder on " + b}, cost::walk,
                [&] { return std::pair{KA::preorder(ta()), KB::preorder(tb())}; });
  r.walk_pair(g, {kind, a, b, "children", "", "kin children on " + a, "kin children on " + b}, cost::walk,
              [&] { return std::pair{KA::children(ta()), KB::children(tb())}; });
  if (thinned) return;
  r.walk_pair(g,
              {kind, a, b, "preorder_reverse", rs, "kin preorder_reverse " + ra + " on " + a,
               "kin preorder_reverse " + rb + " on " + b},
              cost::walk, [&] { return std::pair{reverse_a(std::true_type{}), reverse_b(std::true_type{})}; });
  r.walk_pair(g, {kind, a, b, "postorder", "", "kin postorder on " + a, "kin postorder on " + b}, cost::walk,
              [&] { return std::pair{KA::postorder(ta()), KB::postorder(tb())}; });
  r.walk_pair(g,
              {kind, a, b, "children_reverse", rs, "kin children_reverse " + ra + " on " + a,
               "kin children_reverse " + rb + " on " + b},
              cost::walk, [&] { return std::pair{reverse_a(std::false_type{}), reverse_b(std::false_type{})}; });
  r.walk_pair(g, {kind, a, b, "last_child", "", "kin last_child on " + a, "kin last_child on " + b}, cost::walk,
              [&] { return std::pair{KA::last_child(ta()), KB::last_child(tb())}; });
}

// kin against the comparators: Boost.Intrusive children, vector<unique_ptr>.
template <class L>
void comparator_pairs(runner& r, group& g) {
  using K = kin_side<L>;
  const std::string ln = L::name;
  auto t = [&g]() -> tree<L>& { return g.get<L>(); };
  const bool thinned = runner::thinned(g);
  if (thinned && (!std::is_same_v<L, list> || g.sh == shape::chain)) return;
  r.walk_pair(g, {"kin/boost", ln, "boost_list", "preorder", "", "kin preorder", "boost::intrusive::list children, pre-order"},
              cost::walk, [&] { return std::pair{K::preorder(t()), boost_side::preorder(g.get_boost())}; });
  r.walk_pair(g,
              {"kin/vector", ln, "vector_unique_ptr", "preorder", "", "kin preorder",
               "vector<unique_ptr> children, pre-order with a stack"},
              cost::walk, [&] { return std::pair{K::preorder(t()), vector_side::preorder(g.get_vector())}; });
  if (thinned) return;
  r.walk_pair(g,
              {"kin/boost", ln, "boost_list", "children", "", "kin children, every node",
               "boost::intrusive::list children, every node"},
              cost::walk, [&] { return std::pair{K::children(t()), boost_side::children(g.get_boost())}; });
  r.walk_pair(g,
              {"kin/vector", ln, "vector_unique_ptr", "children", "", "kin children, every node",
               "vector<unique_ptr> children, every node"},
              cost::walk, [&] { return std::pair{K::children(t()), vector_side::children(g.get_vector())}; });
  if constexpr (L::doubly) {
    r.walk_pair(g,
                {"kin/boost", ln, "boost_list", "children_reverse", "native", "kin children_reverse native, every node",
                 "boost::intrusive::list children reversed, every node"},
                cost::walk, [&] { return std::pair{K::children_reverse(t()), boost_side::children_reverse(g.get_boost())}; });
    r.walk_pair(g,
                {"kin/vector", ln, "vector_unique_ptr", "children_reverse", "native",
                 "kin children_reverse native, every node", "vector<unique_ptr> children reversed, every node"},
                cost::walk,
                [&] { return std::pair{K::children_reverse(t()), vector_side::children_reverse(g.get_vector())}; });
  }
}

// Mutations: kin against the hand-written link operations on each layout,
// and the doubly linked layouts against singly.
template <mut_op Op>
void mutation_pairs(runner& r, group& g) {
  const char* op = name_of(Op);
  const std::string what = Op == mut_op::unlink        ? "unlink a random child + link it first"
                           : Op == mut_op::link_before ? "link before a random sibling + unlink"
                                                       : "move a random subtree under a random non-descendant + back";
  // A singly linked list of 10^6 siblings costs O(n) per operation: wide
  // shapes stop at 10^5.
  const bool singly_ok = !(g.sh == shape::wide && g.n > 100000);
  // In shuffled memory at 10^6, checking a wide parent's children list
  // costs more than measuring: the wide mutations stop at walk order there.
  if (runner::thinned(g) && g.sh == shape::wide) return;
  std::unique_ptr<std::vector<mut_args>> seq;
  auto args = [&]() -> const std::vector<mut_args>& {
    if (!seq) seq = std::make_unique<std::vector<mut_args>>(make_mutations(g.get_plan(), Op));
    return *seq;
  };
  auto kin_hand = [&](auto layout) {
    using L = decltype(layout);
    if (!L::doubly && !singly_ok) return;
    r.mutation_pair(g, {"kin/hand", L::name, L::name, op, "", "kin: " + what, "hand: " + what}, cost::walk, [&] {
      tree<L>& t = g.get<L>();
      return std::pair{mutator<L, true, Op>(t, args()), mutator<L, false, Op>(t, args())};
    });
  };
  kin_hand(list{});
  kin_hand(compact{});
  kin_hand(singly{});
  if (!singly_ok) return;
  auto doubly = [&](auto layout) {
    using L = decltype(layout);
    r.mutation_pair(g, {"doubly/singly", L::name, "singly", op, "", "kin on " + std::string(L::name) + ": " + what,
                        "kin on singly: " + what},
                    cost::lopsided, [&] {
                      return std::pair{mutator<L, true, Op>(g.get<L>(), args()),
                                       mutator<singly, true, Op>(g.get<singly>(), args())};
                    });
  };
  doubly(list{});
  doubly(compact{});
}

void memory_lines(runner& r) {
  auto bytes = [&](const char* layout, double b, const char* note) {
    kin_bench::json_line j;
    j.str("suite", "memory").str("what", "bytes per node").str("layout", layout).num("bytes", b);
    if (*note) j.str("note", note);
    r.memory_line(j, layout);
  };
  bytes("singly", sizeof(s_node) - payload_bytes, "");
  bytes("compact", sizeof(c_node) - payload_bytes, "");
  bytes("list_head", sizeof(l_node) - payload_bytes, "");
  bytes("boost_list", sizeof(b_node) - payload_bytes, "");
  bytes("vector_unique_ptr", sizeof(v_node) - payload_bytes, "in the node, plus its children array and malloc headers on the heap");
}

void run_group(runner& r, group& g) {
  layout_pairs<singly>(r, g);
  layout_pairs<compact>(r, g);
  layout_pairs<list>(r, g);
  cross_pairs<list, singly>(r, g, "list_head/singly");
  cross_pairs<compact, list>(r, g, "compact/list_head");
  comparator_pairs<singly>(r, g);
  comparator_pairs<compact>(r, g);
  comparator_pairs<list>(r, g);
  if (g.sh == shape::wide) {
    mutation_pairs<mut_op::unlink>(r, g);
    mutation_pairs<mut_op::link_before>(r, g);
  }
  mutation_pairs<mut_op::move_subtree>(r, g);
  if (g.v) { // the heap behind the vector<unique_ptr> tree, per node
    kin_bench::json_line j;
    j.str("suite", "memory").str("what", "heap bytes per node").str("layout", "vector_unique_ptr");
    j.num("nodes", static_cast<double>(g.n)).str("shape", name_of(g.sh));
    j.num("bytes", static_cast<double>(g.v->heap_bytes) / static_cast<double>(g.n));
    r.memory_line(j, std::string("heap") + name_of(g.sh) + std::to_string(g.n));
  }
}

void print_usage(std::FILE* f) {
  std::fprintf(f,
               "usage: kin_bench_walks [--quick] [--json FILE] [--filter SUBSTRING] [--list]\n"
               "  --quick            10^3 nodes only, 3 repetitions, short batches (a smoke test)\n"
               "  --json FILE        write the JSON Lines there (default: standard output)\n"
               "  --filter SUBSTRING run only the cases whose name contains SUBSTRING\n"
               "  --list             print the case names (after --filter) and run nothing\n"
               "Case names: KIND/LAYOUT[-LAYOUT_B]/SHAPE/MEMORY/NODES/OP[:STRATEGY], e.g.\n"
               "  kin-hand/singly/wide/shuffled/10000/preorder_reverse:collect\n");
}

} // namespace

int main(int argc, char** argv) {
  settings s;
  const char* json_path = nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quick") {
      s.quick = true;
    } else if (arg == "--list") {
      s.list = true;
    } else if ((arg == "--json" || arg == "--filter") && i + 1 < argc) {
      if (arg == "--json") json_path = argv[++i];
      else s.filter = argv[++i];
    } else if (arg == "--help" || arg == "-h") {
      print_usage(stdout);
      return 0;
    } else {
      print_usage(stderr);
      return 2;
    }
  }
  if (json_path && !s.list) {
    s.out = std::fopen(json_path, "w");
    if (!s.out) {
      std::perror(json_path);
      return 2;
    }
  }
  const double t0 = kin_bench::thread_cpu_ns();
  runner r(s);
  memory_lines(r);
  const std::vector<std::size_t> sizes =
      s.quick ? std::vector<std::size_t>{1000} : std::vector<std::size_t>{1000, 10000, 100000, 1000000};
  for (std::size_t n : sizes) {
    for (shape sh : {shape::wide, shape::balanced, shape::random, shape::chain}) {
      for (memory m : {memory::walk_order, memory::shuffled}) {
        group g{n, sh, m, {}, {}, {}, {}, {}, {}};
        run_group(r, g);
      }
    }
  }
  if (s.out != stdout) std::fclose(s.out);
  if (!s.list)
    std::fprintf(stderr, "kin_bench_walks: %ld pairs, %.1f s of CPU\n", r.pairs(), (kin_bench::thread_cpu_ns() - t0) / 1e9);
  return 0;
}
