// SPDX-License-Identifier: BSL-1.0
// The reference model of kin's tree operations: a plain tree (parent index
// and ordered child lists), the operation step that applies one operation to
// the model and to any number of kin pools at once, and the comparison of a
// pool with the model: every node's raw links (through the node traits),
// every query, every walk forward and backwards, with depths, skip_children()
// and resuming, every reverse order with its strategies, and kin::verify.
// Shared by the randomized differential test (tests/random/
// differential_test.cpp) and the fuzz target (tests/fuzz/tree_ops.cpp), so
// it has no gtest: every check returns a std::string, "" when kin agrees.
// The operations draw their choices from a "source" (tests/sources.hpp).
#ifndef KIN_TESTS_TREE_MODEL_HPP
#define KIN_TESTS_TREE_MODEL_HPP

#include "tree_pool.hpp"

#include <kin/kin.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace kin_tree_model {

using kin_test::pool;
using V = std::vector<int>;

// The reference model: parent index and ordered child lists.
struct model {
  explicit model(int n) : parent(static_cast<std::size_t>(n), -1), kids(static_cast<std::size_t>(n)) {}
  std::vector<int> parent;
  std::vector<V> kids;

  int size() const { return static_cast<int>(parent.size()); }
  bool linked(int n) const { return parent[n] >= 0; }
  bool is_ancestor(int a, int n) const {
    for (int p = parent[n]; p >= 0; p = parent[p])
      if (p == a) return true;
    return false;
  }
  bool in_subtree(int x, int root) const { return x == root || is_ancestor(root, x); }
  std::size_t index_in_parent(int n) const {
    const V& s = kids[parent[n]];
    return static_cast<std::size_t>(std::find(s.begin(), s.end(), n) - s.begin());
  }
  void insert(int p, std::size_t at, int n) {
    kids[p].insert(kids[p].begin() + static_cast<std::ptrdiff_t>(at), n);
    parent[n] = p;
  }
  void remove(int n) {
    kids[parent[n]].erase(kids[parent[n]].begin() + static_cast<std::ptrdiff_t>(index_in_parent(n)));
    parent[n] = -1;
  }
  // Moves the run first..first+len-1 to p's list, before pos (a child of p;
  // -1: the end).
  void transfer(int p, int pos, int first, std::size_t len) {
    int old = parent[first];
    std::size_t from = index_in_parent(first);
    V run(kids[old].begin() + static_cast<std::ptrdiff_t>(from),
          kids[old].begin() + static_cast<std::ptrdiff_t>(from + len));
    kids[old].erase(kids[old].begin() + static_cast<std::ptrdiff_t>(from),
                    kids[old].begin() + static_cast<std::ptrdiff_t>(from + len));
    std::size_t at = pos < 0 ? kids[p].size() : index_in_parent(pos);
    kids[p].insert(kids[p].begin() + static_cast<std::ptrdiff_t>(at), run.begin(), run.end());
    for (int x : run) parent[x] = p;
  }

  void preorder(int n, V& out) const {
    out.push_back(n);
    for (int c : kids[n]) preorder(c, out);
  }
  void postorder(int n, V& out) const {
    for (int c : kids[n]) postorder(c, out);
    out.push_back(n);
  }
  void leaves(int n, V& out) const {
    if (kids[n].empty()) out.push_back(n);
    for (int c : kids[n]) leaves(c, out);
  }
  void mirrored(int n, V& out) const {
    out.push_back(n);
    for (auto it = kids[n].rbegin(); it != kids[n].rend(); ++it) mirrored(*it, out);
  }
  // Pre-order / mirrored pre-order that does not enter the children of a
  // node for which skip(node) holds (what skip_children() does).
  template <class Skip>
  void preorder_skipping(int n, Skip skip, V& out) const {
    out.push_back(n);
    if (!skip(n))
      for (int c : kids[n]) preorder_skipping(c, skip, out);
  }
  template <class Skip>
  void mirrored_skipping(int n, Skip skip, V& out) const {
    out.push_back(n);
    if (!skip(n))
      for (auto it = kids[n].rbegin(); it != kids[n].rend(); ++it) mirrored_skipping(*it, skip, out);
  }
  V ancestors(int n) const {
    V out;
    for (int p = parent[n]; p >= 0; p = parent[p]) out.push_back(p);
    return out;
  }
};

// The skip_children() predicate of the skipping walks.
inline bool skip_below(int id) { return id % 3 == 0; }

// Everything the model says about the walks from one node, computed once
// (fill() reuses the vectors: the comparisons run after every step).
struct expected {
  expected() = default;
  expected(const model& m, int r, bool skipping) { fill(m, r, skipping); }
  // `skipping`: also the orders that skip_children() gives.
  void fill(const model& m, int r, bool skipping) {
    anc.clear();
    for (int a = m.parent[r]; a >= 0; a = m.parent[a]) anc.push_back(a);
    kids = m.kids[static_cast<std::size_t>(r)];
    for (V* v : {&pre, &post, &lv, &mir, &pre_skip, &desc_skip, &mir_skip}) v->clear();
    m.preorder(r, pre);
    m.postorder(r, post);
    m.leaves(r, lv);
    m.mirrored(r, mir);
    desc.assign(pre.begin() + 1, pre.end());
    if (skipping) {
      m.preorder_skipping(r, skip_below, pre_skip);
      for (int c : kids) m.preorder_skipping(c, skip_below, desc_skip);
      m.mirrored_skipping(r, skip_below, mir_skip);
    }
    r_anc.assign(anc.rbegin(), anc.rend());
    r_kids.assign(kids.rbegin(), kids.rend());
    r_pre.assign(pre.rbegin(), pre.rend());
    r_desc.assign(desc.rbegin(), desc.rend());
    r_lv.assign(lv.rbegin(), lv.rend());
  }
  V anc, kids, pre, post, lv, mir, desc, pre_skip, desc_skip, mir_skip;
  V r_anc, r_kids, r_pre, r_desc, r_lv; // reversed, for the reverse walks
};

inline std::string text(const V& v) {
  std::string out = "{";
  for (int x : v) out += (out.size() > 1 ? ", " : "") + std::to_string(x);
  return out + "}";
}

// ---- comparisons: "" when kin agrees, else what differs ---------------------
// They walk the range once and allocate nothing unless they fail (a Debug
// build, and the fuzzer, spend their time in std::vector otherwise).

// Returns `what: <failure>` from the enclosing function when `expr` (a
// std::string) is not empty; `what` is evaluated only then.
#define KIN_TREE_MODEL_CHECK(expr, what)                                                                        \
  do {                                                                                                         \
    if (std::string kin_tree_model_failure = (expr); !kin_tree_model_failure.empty())                         \
      return std::string(what) + ": " + kin_tree_model_failure;                                                \
  } while (false)

template <class X>
std::string show(const X& x) {
  if constexpr (std::is_same_v<X, bool>) return x ? "true" : "false";
  else return std::to_string(x);
}

// Whether got == want (integers of any signedness).
template <class Got, class Want>
bool same(const Got& got, const Want& want) {
  if constexpr (std::is_integral_v<Got> && std::is_integral_v<Want> && !std::is_same_v<Got, bool> &&
                !std::is_same_v<Want, bool>)
    return std::cmp_equal(got, want);
  else
    return got == want;
}

// Returns `what: got X, want Y` from the enclosing function unless got ==
// want; nothing is formatted when they agree (this runs for every node
// after every step).
#define KIN_TREE_MODEL_EQ(got, want, what)                                                                      \
  do {                                                                                                         \
    const auto& kin_tree_model_got = (got);                                                                    \
    const auto& kin_tree_model_want = (want);                                                                  \
    if (!::kin_tree_model::same(kin_tree_model_got, kin_tree_model_want))                                      \
      return std::string(what) + ": got " + ::kin_tree_model::show(kin_tree_model_got) + ", want " +           \
             ::kin_tree_model::show(kin_tree_model_want);                                                      \
  } while (false)

// The ids the range yields (at most `limit`, in case a broken walk never ends).
template <class Range>
V collect_ids(Range& r, std::size_t limit) {
  V out;
  for (auto& v : r) {
    if (out.size() == limit) break;
    out.push_back(v.id);
  }
  return out;
}

// Whether `r` yields want[from..], in order.
template <class Range>
std::string yields(Range&& r, const V& want, std::size_t from = 0) {
  std::size_t i = from;
  bool agrees = true;
  for (auto& v : r) {
    if (i == want.size() || v.id != want[i]) {
      agrees = false;
      break;
    }
    ++i;
  }
  if (agrees && i == want.size()) return {};
  return "yields " + text(collect_ids(r, want.size() + 8)) + ", want " +
         text(V(want.begin() + static_cast<std::ptrdiff_t>(from), want.end()));
}

// Whether walking `r` backwards from end() with operator-- yields `want`
// (the range's forward order) last first.
template <class Range>
std::string yields_backwards(Range&& r, const V& want) {
  std::size_t i = want.size();
  for (auto it = r.end(); it != r.begin();) {
    --it;
    if (i == 0 || it->id != want[i - 1]) {
      return "backwards, " + show(want.size() - i) + " values in: got " + show(it->id) + ", want the reverse of " +
             text(want);
    }
    --i;
  }
  if (i == 0) return {};
  return "backwards: " + show(i) + " values short of the reverse of " + text(want);
}

// Whether `r` (made with_depth()) yields `want` with each value's depth
// below `root`.
template <class Range>
std::string yields_depths(Range&& r, const V& want, const std::vector<int>& depth, int root) {
  std::size_t i = 0;
  for (auto it = r.begin(); it != r.end(); ++it, ++i) {
    if (i == want.size() || it->id != want[i] ||
        it.depth() != depth[static_cast<std::size_t>(it->id)] - depth[static_cast<std::size_t>(root)]) {
      return "with_depth, value " + show(i) + ": id " + show(it->id) + " at depth " + show(it.depth()) +
             "; want " + text(want) + " (depth below " + show(root) + ")";
    }
  }
  if (i == want.size()) return {};
  return "with_depth: only " + show(i) + " values of " + text(want);
}

// Whether `r`, skipping the children of every value with skip_below(id),
// yields `want`.
template <class Range>
std::string yields_skipping(Range&& r, const V& want) {
  std::size_t i = 0;
  for (auto it = r.begin(); it != r.end(); ++i) {
    if (i == want.size() || it->id != want[i]) {
      return "skip_children, value " + show(i) + ": id " + show(it->id) + "; want " + text(want);
    }
    if (skip_below(it->id)) it.skip_children();
    else ++it;
  }
  if (i == want.size()) return {};
  return "skip_children: only " + show(i) + " values of " + text(want);
}

// A walk view resumed (from(), after()) at one of the values it visits,
// want[pick % size], yields the rest of `want`.
template <class L, class View>
std::string check_resume(const View& view, const V& want, pool<L>& p, std::size_t pick) {
  if (want.empty()) return {};
  const std::size_t k = pick % want.size();
  const auto* x = p[static_cast<std::size_t>(want[k])];
  KIN_TREE_MODEL_CHECK(yields(view.from(x), want, k), "from(" + show(want[k]) + ")");
  KIN_TREE_MODEL_CHECK(yields(view.after(x), want, k + 1), "after(" + show(want[k]) + ")");
  return {};
}

// A reverse result that walks the tree (kin::native, kin::rescan): it
// fits, needs no storage and yields `want`; `full` adds it backwards and
// resumed.
template <class L, class Result>
std::string check_walked(const Result& r, const V& want, pool<L>& p, bool full, std::size_t pick) {
  if (!r.fits()) return "fits() is false";
  KIN_TREE_MODEL_EQ(r.needed(), 0, "needed()");
  KIN_TREE_MODEL_CHECK(yields(r, want), "forward");
  if (full) {
    KIN_TREE_MODEL_CHECK(yields_backwards(r, want), "operator--");
    KIN_TREE_MODEL_CHECK(check_resume<L>(r, want, p, pick), "resumed");
  }
  return {};
}

// A collected reverse result (kin::collect, kin::collect_allocating): it
// fits, needed() is its size and it yields `want`; `full` adds it backwards.
template <class Result>
std::string check_collected(const Result& r, const V& want, bool full) {
  if (!r.fits()) return "fits() is false, needed() " + show(r.needed());
  KIN_TREE_MODEL_EQ(r.needed(), want.size(), "needed()");
  KIN_TREE_MODEL_CHECK(yields(r, want), "forward");
  if (full) KIN_TREE_MODEL_CHECK(yields_backwards(r, want), "operator--");
  return {};
}

// One reverse order from `x` against `want` (the model's order, already
// reversed), with the result protocol: natively on list and compact (the
// links the mutations keep), collected on singly; `every_strategy` adds
// kin::collect on every layout, kin::rescan and kin::collect_allocating
// (tests/walkers/reverse_grid_test.cpp shows every strategy equal to the
// forward walk reversed, so the differential test, whose compile time is
// part of CI's budget, leaves them to the fuzz target). `full` adds the
// result backwards, resuming the walked results, and a buffer one entry
// short. `storage_only`: ancestors_reverse, which exists only collected.
template <class L, bool every_strategy, bool storage_only = false, class Reverse>
std::string check_reverse(Reverse reverse, typename L::node_type* x, const V& want, pool<L>& p,
                          [[maybe_unused]] std::vector<typename L::node_type*>& buf, bool full, std::size_t pick) {
  if constexpr (L::bidirectional && !storage_only) {
    KIN_TREE_MODEL_CHECK(check_walked<L>(reverse(x, kin::native), want, p, full, pick), "native");
  }
  if constexpr (every_strategy || !L::bidirectional || storage_only) {
    KIN_TREE_MODEL_CHECK(check_collected(reverse(x, kin::collect(buf)), want, full), "collect");
    if (full && !want.empty()) { // one entry short: nothing visited, the size reported
      auto small = reverse(x, kin::collect(std::span(buf).first(want.size() - 1)));
      if (small.fits()) return "collect, one entry short: fits() is true";
      KIN_TREE_MODEL_EQ(small.needed(), want.size(), "collect, one entry short: needed()");
      if (!small.empty()) return "collect, one entry short: not empty()";
    }
  }
  if constexpr (every_strategy) {
    if constexpr (!storage_only) {
      KIN_TREE_MODEL_CHECK(check_walked<L>(reverse(x, kin::rescan), want, p, full, pick), "rescan");
    }
    KIN_TREE_MODEL_CHECK(check_collected(reverse(x, kin::collect_allocating), want, full), "collect_allocating");
  }
  return {};
}

// with_depth() and skip_children() on the reverse walk views of strategy
// `s` (kin::native or kin::rescan).
template <class L, class Strategy>
std::string check_reverse_views(typename L::node_type* x, int r, const expected& e, const std::vector<int>& depth,
                                Strategy s) {
  using T = typename L::traits;
  KIN_TREE_MODEL_CHECK(yields_depths(kin::preorder_reverse<T>(x, s).with_depth(), e.r_pre, depth, r),
                       "preorder_reverse");
  KIN_TREE_MODEL_CHECK(yields_depths(kin::descendants_reverse<T>(x, s).with_depth(), e.r_desc, depth, r),
                       "descendants_reverse");
  KIN_TREE_MODEL_CHECK(yields_depths(kin::postorder_reverse<T>(x, s).with_depth(), e.mir, depth, r),
                       "postorder_reverse");
  KIN_TREE_MODEL_CHECK(yields_skipping(kin::postorder_reverse<T>(x, s), e.mir_skip), "postorder_reverse");
  return {};
}

// What the comparisons of one pool reuse, so that they allocate nothing per
// node or per walk.
template <class L>
struct scratch {
  explicit scratch(std::size_t n) : buf(n), depth(n) {}
  std::vector<typename L::node_type*> buf; // the kin::collect storage
  std::vector<int> depth;                  // each node's depth in the model
  expected e;
  V anc, r_anc, r_kids;
};

// Every forward walk from `r` (any node: a walk is bounded by its start)
// and every reverse walk with the strategies check_reverse takes, against
// the model, a few backwards. `full` adds every walk backwards, resuming
// every walk view at one value (want[pick % size]), depths (with_depth()),
// skip_children(), and the rest of check_reverse. Needs `w.depth` filled.
template <class L, bool every_strategy = false>
std::string compare_walks_from(const model& m, pool<L>& p, int r, scratch<L>& w, bool full, std::size_t pick) {
  using T = typename L::traits;
  auto* x = p[static_cast<std::size_t>(r)];
  expected& e = w.e;
  e.fill(m, r, full);
  const std::vector<int>& depth = w.depth;
  // Forward, first to last; backwards (operator--) where the layout can
  // step back.
  KIN_TREE_MODEL_CHECK(yields(kin::children<T>(x), e.kids), "children");
  KIN_TREE_MODEL_CHECK(yields(kin::preorder<T>(x), e.pre), "preorder");
  KIN_TREE_MODEL_CHECK(yields(kin::descendants<T>(x), e.desc), "descendants");
  KIN_TREE_MODEL_CHECK(yields(kin::postorder<T>(x), e.post), "postorder");
  KIN_TREE_MODEL_CHECK(yields(kin::postorder_safe<T>(x), e.post), "postorder_safe");
  KIN_TREE_MODEL_CHECK(yields(kin::leaves<T>(x), e.lv), "leaves");
  KIN_TREE_MODEL_CHECK(yields(kin::ancestors<T>(x), e.anc), "ancestors");
  if constexpr (L::bidirectional) {
    KIN_TREE_MODEL_CHECK(yields_backwards(kin::children<T>(x), e.kids), "children");
    KIN_TREE_MODEL_CHECK(yields_backwards(kin::preorder<T>(x), e.pre), "preorder");
    KIN_TREE_MODEL_CHECK(yields_backwards(kin::postorder<T>(x), e.post), "postorder");
    KIN_TREE_MODEL_CHECK(yields_backwards(kin::leaves<T>(x), e.lv), "leaves");
    if (full) KIN_TREE_MODEL_CHECK(yields_backwards(kin::descendants<T>(x), e.desc), "descendants");
  }
  if (full) {
    KIN_TREE_MODEL_CHECK(yields_depths(kin::preorder<T>(x).with_depth(), e.pre, depth, r), "preorder");
    KIN_TREE_MODEL_CHECK(yields_depths(kin::descendants<T>(x).with_depth(), e.desc, depth, r), "descendants");
    KIN_TREE_MODEL_CHECK(yields_depths(kin::postorder<T>(x).with_depth(), e.post, depth, r), "postorder");
    KIN_TREE_MODEL_CHECK(check_resume<L>(kin::children<T>(x), e.kids, p, pick), "children");
    KIN_TREE_MODEL_CHECK(check_resume<L>(kin::preorder<T>(x), e.pre, p, pick), "preorder");
    KIN_TREE_MODEL_CHECK(check_resume<L>(kin::descendants<T>(x), e.desc, p, pick), "descendants");
    KIN_TREE_MODEL_CHECK(check_resume<L>(kin::postorder<T>(x), e.post, p, pick), "postorder");
    KIN_TREE_MODEL_CHECK(check_resume<L>(kin::postorder_safe<T>(x), e.post, p, pick), "postorder_safe");
    KIN_TREE_MODEL_CHECK(check_resume<L>(kin::leaves<T>(x), e.lv, p, pick), "leaves");
    KIN_TREE_MODEL_CHECK(check_resume<L>(kin::ancestors<T>(x), e.anc, p, pick), "ancestors");
    KIN_TREE_MODEL_CHECK(yields_skipping(kin::preorder<T>(x), e.pre_skip), "preorder");
    KIN_TREE_MODEL_CHECK(yields_skipping(kin::descendants<T>(x), e.desc_skip), "descendants");
  }

  // Reverse: every order with every strategy (postorder_reverse is the
  // mirrored pre-order).
  if (!std::equal(e.post.rbegin(), e.post.rend(), e.mir.begin(), e.mir.end()))
    return "model: postorder reversed is not the mirrored pre-order";
  auto& buf = w.buf;
  KIN_TREE_MODEL_CHECK((check_reverse<L, every_strategy>(
                           [](auto* v, auto s) { return kin::children_reverse<T>(v, s); }, x, e.r_kids, p, buf,
                           full, pick)),
                       "children_reverse");
  KIN_TREE_MODEL_CHECK((check_reverse<L, every_strategy>(
                           [](auto* v, auto s) { return kin::preorder_reverse<T>(v, s); }, x, e.r_pre, p, buf,
                           full, pick)),
                       "preorder_reverse");
  KIN_TREE_MODEL_CHECK((check_reverse<L, every_strategy>(
                           [](auto* v, auto s) { return kin::descendants_reverse<T>(v, s); }, x, e.r_desc, p, buf,
                           full, pick)),
                       "descendants_reverse");
  KIN_TREE_MODEL_CHECK((check_reverse<L, every_strategy>(
                           [](auto* v, auto s) { return kin::postorder_reverse<T>(v, s); }, x, e.mir, p, buf,
                           full, pick)),
                       "postorder_reverse");
  KIN_TREE_MODEL_CHECK((check_reverse<L, every_strategy>(
                           [](auto* v, auto s) { return kin::leaves_reverse<T>(v, s); }, x, e.r_lv, p, buf, full,
                           pick)),
                       "leaves_reverse");
  KIN_TREE_MODEL_CHECK((check_reverse<L, every_strategy, true>(
                           [](auto* v, auto s) { return kin::ancestors_reverse<T>(v, s); }, x, e.r_anc, p, buf,
                           full, pick)),
                       "ancestors_reverse");
  if (!full) return {};
  // with_depth() and skip_children() on the reverse walk views.
  if constexpr (L::bidirectional) {
    KIN_TREE_MODEL_CHECK(yields(kin::children_reverse<T>(x), e.r_kids), "children_reverse (the default)");
    KIN_TREE_MODEL_CHECK(check_reverse_views<L>(x, r, e, depth, kin::native), "native");
  }
  if constexpr (every_strategy) {
    KIN_TREE_MODEL_CHECK(check_reverse_views<L>(x, r, e, depth, kin::rescan), "rescan");
  }
  return {};
}

// The links of the pool against the model after step `step`: every node's
// raw links (through the node traits) and queries, and kin::verify on
// every tree. No walks: cheap enough for every step of the fuzz target.
template <class L>
std::string compare_links(const model& m, pool<L>& p, int step) {
  using T = typename L::traits;
  using NT = typename L::node_traits;
  const int n = static_cast<int>(p.size());
  // The id of the value of a raw link (-1: null).
  auto id = [](typename NT::node_ptr x) { return x ? T::to_value_ptr(x)->id : -1; };
  auto model_id = [](const V& v, std::size_t i) { return i < v.size() ? v[i] : -1; };
  for (int i = 0; i < n; ++i) {
    const auto at = static_cast<std::size_t>(i);
    auto* v = p[at];
    auto* node = T::to_node_ptr(v);
    const V& kids = m.kids[at];
    std::size_t depth = 0;
    for (int a = m.parent[at]; a >= 0; a = m.parent[static_cast<std::size_t>(a)]) ++depth;
    const int par = m.parent[at];
    const std::size_t index = par < 0 ? 0 : m.index_in_parent(i);
    const int next = par < 0 ? -1 : model_id(m.kids[static_cast<std::size_t>(par)], index + 1);
    const int prev = par < 0 || index == 0 ? -1 : m.kids[static_cast<std::size_t>(par)][index - 1];
    auto of = [i] { return " of " + show(i); }; // only on failure
    // The raw links, through the node traits.
    KIN_TREE_MODEL_EQ(id(NT::get_parent(node)), par, "raw parent" + of());
    KIN_TREE_MODEL_EQ(id(NT::get_first_child(node)), model_id(kids, 0), "raw first child" + of());
    KIN_TREE_MODEL_EQ(id(NT::get_next_sibling(node)), next, "raw next sibling" + of());
    KIN_TREE_MODEL_EQ(NT::is_linked(node), m.linked(i), "raw is_linked" + of());
    // The queries.
    KIN_TREE_MODEL_EQ(pool<L>::id(kin::parent<T>(v)), par, "parent" + of());
    KIN_TREE_MODEL_EQ(pool<L>::id(kin::first_child<T>(v)), model_id(kids, 0), "first_child" + of());
    KIN_TREE_MODEL_EQ(pool<L>::id(kin::next_sibling<T>(v)), next, "next_sibling" + of());
    KIN_TREE_MODEL_EQ(pool<L>::id(kin::last_child<T>(v)), kids.empty() ? -1 : kids.back(), "last_child" + of());
    KIN_TREE_MODEL_EQ(pool<L>::id(kin::prev_sibling<T>(v)), prev, "prev_sibling" + of());
    KIN_TREE_MODEL_EQ(kin::is_linked<T>(v), m.linked(i), "is_linked" + of());
    KIN_TREE_MODEL_EQ(kin::child_count<T>(v), kids.size(), "child_count" + of());
    KIN_TREE_MODEL_EQ(kin::depth<T>(v), depth, "depth" + of());
    const int other = (i * 7 + step) % n;
    KIN_TREE_MODEL_EQ(kin::is_ancestor<T>(p[static_cast<std::size_t>(other)], v), m.is_ancestor(other, i),
                      "is " + show(other) + " an ancestor" + of());
  }
  for (int r = 0; r < n; ++r) {
    if (m.linked(r)) continue;
    KIN_TREE_MODEL_CHECK(kin_test::verify_failure<L>(p[static_cast<std::size_t>(r)]),
                         "verify, tree rooted at " + show(r));
  }
  return {};
}

// The pool against the model after step `step`: compare_links; every
// node's children and ancestors walks (with the reverse strategies); every
// walk from the root of every tree with more than one node; and everything
// (resuming, depths, skip_children(), backwards) from one node, (step % n),
// every node in turn over the steps. `every_strategy`: see check_reverse.
template <class L, bool every_strategy = false>
std::string compare(const model& m, pool<L>& p, int step) {
  using T = typename L::traits;
  if (std::string failure = compare_links(m, p, step); !failure.empty()) return failure;
  const int n = static_cast<int>(p.size());
  scratch<L> w(p.size());
  for (int i = 0; i < n; ++i) {
    const auto at = static_cast<std::size_t>(i);
    auto* v = p[at];
    const V& kids = m.kids[at];
    w.anc.clear();
    for (int a = m.parent[at]; a >= 0; a = m.parent[static_cast<std::size_t>(a)]) w.anc.push_back(a);
    w.r_anc.assign(w.anc.rbegin(), w.anc.rend());
    w.r_kids.assign(kids.rbegin(), kids.rend());
    w.depth[at] = static_cast<int>(w.anc.size());
    auto of = [i] { return " of " + show(i); }; // only on failure
    // The walks every node gets: children and ancestors, with every strategy.
    KIN_TREE_MODEL_CHECK(yields(kin::children<T>(v), kids), "children" + of());
    KIN_TREE_MODEL_CHECK(yields(kin::ancestors<T>(v), w.anc), "ancestors" + of());
    KIN_TREE_MODEL_CHECK(yields(kin::ancestors_reverse<T>(v, kin::collect(w.buf)), w.r_anc),
                         "ancestors_reverse collect" + of());
    if constexpr (L::bidirectional) {
      KIN_TREE_MODEL_CHECK(yields(kin::children_reverse<T>(v, kin::native), w.r_kids),
                           "children_reverse native" + of());
    }
    if constexpr (every_strategy || !L::bidirectional) {
      KIN_TREE_MODEL_CHECK(yields(kin::children_reverse<T>(v, kin::collect(w.buf)), w.r_kids),
                           "children_reverse collect" + of());
    }
    if constexpr (every_strategy) {
      KIN_TREE_MODEL_CHECK(yields(kin::children_reverse<T>(v, kin::rescan), w.r_kids),
                           "children_reverse rescan" + of());
    }
  }
  // Every walk from the root of every tree with more than one node (lone
  // roots get theirs in the pass below, in turn).
  for (int r = 0; r < n; ++r) {
    if (m.linked(r) || m.kids[static_cast<std::size_t>(r)].empty()) continue;
    KIN_TREE_MODEL_CHECK((compare_walks_from<L, every_strategy>(m, p, r, w, false, 0)), "walks from root " + show(r));
  }
  // And everything, resuming included, from one node each step, every node
  // in turn: roots, nodes below a root (bounded walks) and lone nodes.
  const int also = step % n;
  const auto pick = static_cast<std::size_t>(step / n);
  KIN_TREE_MODEL_CHECK((compare_walks_from<L, every_strategy>(m, p, also, w, true, pick)),
                       "all walks from " + show(also));
  return {};
}

// ---- the operations ---------------------------------------------------------

// What step() did: the operation's name (null: no draw met an operation's
// preconditions, nothing changed) and "" or what a layout returned that the
// model did not expect.
struct step_result {
  const char* name = nullptr;
  std::string error;
};

// One step: draws an operation and its nodes from `src` until the model's
// preconditions hold (at most `tries` draws: a fuzzer's exhausted input
// draws zeros forever, and (0, 0) suits no operation), and applies it to
// the model and to every pool (the same operation on several layouts).
template <class Source, class... L>
step_result step(model& m, Source& src, int tries, pool<L>&... pools) {
  static_assert(sizeof...(L) > 0, "step: at least one pool");
  const int n = m.size();
  auto any = [&] { return static_cast<int>(src.below(static_cast<std::uint64_t>(n))); };
  auto below = [&](std::size_t k) { return static_cast<std::size_t>(src.below(k)); };
  for (int t = 0; t < tries; ++t) {
    const auto op = src.below(12);
    const int a = any(), b = any();
    switch (op) {
    case 0: // link as first child
      if (m.linked(b) || m.in_subtree(a, b)) break;
      (kin::link_first_child<typename L::traits>(pools[a], pools[b]), ...);
      m.insert(a, 0, b);
      return {"link_first_child", {}};
    case 1: // link as last child
      if (m.linked(b) || m.in_subtree(a, b)) break;
      (kin::link_last_child<typename L::traits>(pools[a], pools[b]), ...);
      m.insert(a, m.kids[a].size(), b);
      return {"link_last_child", {}};
    case 2: // link after a sibling
      if (m.linked(b) || !m.linked(a) || m.in_subtree(m.parent[a], b)) break;
      (kin::link_after<typename L::traits>(pools[a], pools[b]), ...);
      m.insert(m.parent[a], m.index_in_parent(a) + 1, b);
      return {"link_after", {}};
    case 3: // link before a sibling
      if (m.linked(b) || !m.linked(a) || m.in_subtree(m.parent[a], b)) break;
      (kin::link_before<typename L::traits>(pools[a], pools[b]), ...);
      m.insert(m.parent[a], m.index_in_parent(a), b);
      return {"link_before", {}};
    case 4: // unlink with subtree
      if (!m.linked(a)) break;
      (kin::unlink<typename L::traits>(pools[a]), ...);
      m.remove(a);
      return {"unlink", {}};
    case 5: { // replace
      if (m.linked(b) || !m.kids[b].empty() || a == b) break;
      (kin::replace<typename L::traits>(pools[a], pools[b]), ...);
      if (!m.kids[a].empty()) m.transfer(b, -1, m.kids[a].front(), m.kids[a].size());
      if (m.linked(a)) {
        m.insert(m.parent[a], m.index_in_parent(a), b);
        m.remove(a);
      }
      return {"replace", {}};
    }
    case 6: { // reparent, checked: refused (false, nothing changed) when a cycle would form
      const bool ok = a != b && !m.is_ancestor(a, b);
      step_result r{"try_reparent", {}};
      auto one = [&](auto& p) {
        using P = std::remove_reference_t<decltype(p)>;
        const bool got = kin::try_reparent<typename P::traits>(p[a], p[b]);
        if (got != ok && r.error.empty())
          r.error = std::string(kin_test::layout_name<typename P::layout_type>()) + ": try_reparent(" + show(a) +
                    ", " + show(b) + ") returned " + show(got) + ", want " + show(ok);
      };
      (one(pools), ...);
      if (ok) {
        if (m.linked(a)) m.remove(a);
        m.insert(b, m.kids[b].size(), a);
      }
      return r;
    }
    case 7: // splice all children
      if (a == b || m.is_ancestor(b, a)) break;
      (kin::splice_children<typename L::traits>(pools[a], pools[b]), ...);
      if (!m.kids[b].empty()) m.transfer(a, -1, m.kids[b].front(), m.kids[b].size());
      return {"splice_children", {}};
    case 8: { // adopt a run of siblings
      if (m.linked(a) || !m.kids[a].empty() || !m.linked(b)) break;
      const int par = m.parent[b];
      const std::size_t from = m.index_in_parent(b);
      const std::size_t len = 1 + below(m.kids[par].size() - from);
      const int last = m.kids[par][from + len - 1];
      (kin::adopt_siblings<typename L::traits>(pools[a], pools[b], pools[last]), ...);
      m.insert(par, from, a);
      m.transfer(a, -1, b, len);
      return {"adopt_siblings", {}};
    }
    case 9: // hoist children
      if (!m.linked(a)) break;
      if (!m.kids[a].empty()) m.transfer(m.parent[a], a, m.kids[a].front(), m.kids[a].size());
      (kin::hoist_children<typename L::traits>(pools[a]), ...);
      m.remove(a);
      return {"hoist_children", {}};
    case 10: { // the raw policy transfer, no-op cases included
      if (!m.linked(b)) break;
      const int old = m.parent[b];
      const std::size_t from = m.index_in_parent(b);
      const std::size_t len = 1 + below(m.kids[old].size() - from);
      const V run(m.kids[old].begin() + static_cast<std::ptrdiff_t>(from),
                  m.kids[old].begin() + static_cast<std::ptrdiff_t>(from + len));
      bool bad = false;
      for (int x : run) bad |= m.in_subtree(a, x);
      if (bad) break;
      // pos: a child of a outside the run, or null (the end); often the
      // run's own first node or successor, to exercise the no-op cases.
      int pos = -1;
      const V& targets = m.kids[a];
      if (!targets.empty() && below(4) != 0) pos = targets[below(targets.size())];
      if (a == old && below(3) == 0) {
        pos = (below(2) || from + len == m.kids[old].size()) ? run.front() : m.kids[old][from + len];
      }
      if (std::find(run.begin() + 1, run.end(), pos) != run.end()) break;
      auto raw = [&](auto& p) {
        using P = std::remove_reference_t<decltype(p)>;
        using T = typename P::traits;
        using NT = typename P::layout_type::node_traits;
        NT::transfer(T::to_node_ptr(p[a]), pos < 0 ? nullptr : T::to_node_ptr(p[pos]), T::to_node_ptr(p[b]),
                     T::to_node_ptr(p[run.back()]));
      };
      (raw(pools), ...);
      if (!(a == old && (pos == run.front() || (pos < 0 ? from + len == m.kids[old].size()
                                                          : from + len < m.kids[old].size() &&
                                                                m.kids[old][from + len] == pos))))
        m.transfer(a, pos, b, len);
      return {"transfer", {}};
    }
    default: { // reparent, unchecked (safe mode checks the precondition)
      if (a == b || m.is_ancestor(a, b)) break;
      (kin::reparent<typename L::traits>(pools[a], pools[b]), ...);
      if (m.linked(a)) m.remove(a);
      m.insert(b, m.kids[b].size(), a);
      return {"reparent", {}};
    }
    }
  }
  return {};
}

} // namespace kin_tree_model

#undef KIN_TREE_MODEL_CHECK
#undef KIN_TREE_MODEL_EQ

#endif
