// SPDX-License-Identifier: BSL-1.0
// The randomized differential test: random sequences of every operation,
// applied to each layout and to a plain reference model, comparing every
// node's raw links (through the node traits), every query, and every walk —
// forward and backwards, with depths, skip_children() and resuming, and
// every reverse order (native on list and compact, where it reads the
// previous-sibling and last-child links the mutations keep; collected on
// singly) — and running verify, after each step. The other strategies are
// functions of the forward links: tests/walkers/reverse_grid_test.cpp shows
// every strategy of every order equal to the forward walk reversed, so they
// are not repeated here (each one is a template instantiation per layout,
// and this file's compile time is part of CI's budget).
// KIN_TEST_SCALE multiplies the number of seeds; a failure names its seed.
#include "test_support.hpp"

#include <kin/reverse.hpp>

#include <algorithm>
#include <random>
#include <span>
#include <vector>

namespace differential_test {

using namespace kin_test;
using V = std::vector<int>;

// The reference model: parent index and ordered child lists.
struct model {
  explicit model(int n) : parent(n, -1), kids(n) {}
  std::vector<int> parent;
  std::vector<V> kids;

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
  // Moves the run first..first+len-1 before index `at` of p's list (at is an
  // index into p's list before the move; -1: the end).
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

V reversed(V v) {
  std::reverse(v.begin(), v.end());
  return v;
}

// The skip_children() predicate of the skipping walks.
bool skip_below(int id) { return id % 3 == 0; }

// Everything the model says about the walks from one node, computed once.
struct expected {
  // `skipping`: also the orders that skip_children() gives.
  expected(const model& m, int r, bool skipping) : anc(m.ancestors(r)), kids(m.kids[static_cast<std::size_t>(r)]) {
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
  }
  V anc, kids, pre, post, lv, mir, desc, pre_skip, desc_skip, mir_skip;
};

// The comparisons below walk the range once and allocate nothing unless
// they fail (a Debug build spends its time in std::vector otherwise).

std::string text(const V& v) {
  std::string out = "{";
  for (int x : v) out += (out.size() > 1 ? ", " : "") + std::to_string(x);
  return out + "}";
}

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
::testing::AssertionResult yields(Range&& r, const V& want, std::size_t from = 0) {
  std::size_t i = from;
  bool same = true;
  for (auto& v : r) {
    if (i == want.size() || v.id != want[i]) {
      same = false;
      break;
    }
    ++i;
  }
  if (same && i == want.size()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "yields " << text(collect_ids(r, want.size() + 8)) << ", want "
                                       << text(V(want.begin() + static_cast<std::ptrdiff_t>(from), want.end()));
}

// Whether walking `r` backwards from end() with operator-- yields `want`
// (the range's forward order) last first.
template <class Range>
::testing::AssertionResult yields_backwards(Range&& r, const V& want) {
  std::size_t i = want.size();
  for (auto it = r.end(); it != r.begin();) {
    --it;
    if (i == 0 || it->id != want[i - 1]) {
      return ::testing::AssertionFailure() << "backwards, " << (want.size() - i) << " values in: got " << it->id
                                           << ", want the reverse of " << text(want);
    }
    --i;
  }
  if (i == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "backwards: " << i << " values short of the reverse of " << text(want);
}

// Whether `r` (made with_depth()) yields `want` with each value's depth
// below `root`.
template <class Range>
::testing::AssertionResult yields_depths(Range&& r, const V& want, const std::vector<int>& depth, int root) {
  std::size_t i = 0;
  for (auto it = r.begin(); it != r.end(); ++it, ++i) {
    if (i == want.size() || it->id != want[i] ||
        it.depth() != depth[static_cast<std::size_t>(it->id)] - depth[static_cast<std::size_t>(root)]) {
      return ::testing::AssertionFailure() << "value " << i << ": id " << it->id << " at depth " << it.depth()
                                           << "; want " << text(want) << " (depth below " << root << ")";
    }
  }
  if (i == want.size()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "only " << i << " values of " << text(want);
}

// Whether `r`, skipping the children of every value with skip_below(id),
// yields `want`.
template <class Range>
::testing::AssertionResult yields_skipping(Range&& r, const V& want) {
  std::size_t i = 0;
  for (auto it = r.begin(); it != r.end(); ++i) {
    if (i == want.size() || it->id != want[i]) {
      return ::testing::AssertionFailure() << "value " << i << ": id " << it->id << "; want " << text(want);
    }
    if (skip_below(it->id)) it.skip_children(); else ++it;
  }
  if (i == want.size()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "only " << i << " values of " << text(want);
}

template <class L>
class Differential : public ::testing::Test {};
TYPED_TEST_SUITE(Differential, all_layouts, layout_names);

// A walk view resumed (from(), after()) at one of the values it visits,
// want[pick % size], yields the rest of `want`.
template <class L, class View>
void check_resume(const View& view, const V& want, pool<L>& p, std::size_t pick, const char* what) {
  if (want.empty()) return;
  const std::size_t k = pick % want.size();
  const auto* x = p[static_cast<std::size_t>(want[k])];
  ASSERT_TRUE(yields(view.from(x), want, k)) << what << ".from(" << want[k] << ")";
  ASSERT_TRUE(yields(view.after(x), want, k + 1)) << what << ".after(" << want[k] << ")";
}

// One reverse order from `x` against `want` (the model's order, already
// reversed): natively on list and compact (the links the mutations keep),
// collected on singly, with the result protocol. `full` adds the result
// backwards, resuming the native walk view, and a buffer one entry short.
// `storage_only`: ancestors_reverse, which exists only collected.
template <class L, bool storage_only = false, class Reverse>
void check_reverse(Reverse reverse, typename L::node_type* x, const V& want, pool<L>& p,
                   std::vector<typename L::node_type*>& buf, bool full, std::size_t pick, const char* what) {
  if constexpr (L::bidirectional && !storage_only) {
    auto native = reverse(x, kin::native);
    ASSERT_TRUE(native.fits());
    ASSERT_EQ(native.needed(), 0u);
    ASSERT_TRUE(yields(native, want)) << what << " native";
    if (full) {
      ASSERT_TRUE(yields_backwards(native, want)) << what << " native";
      check_resume<L>(native, want, p, pick, what);
    }
  } else {
    auto collected = reverse(x, kin::collect(buf));
    ASSERT_TRUE(collected.fits()) << what << " collect";
    ASSERT_EQ(collected.needed(), want.size()) << what << " collect";
    ASSERT_TRUE(yields(collected, want)) << what << " collect";
    if (full) {
      ASSERT_TRUE(yields_backwards(collected, want)) << what << " collect";
      if (!want.empty()) { // one entry short: nothing visited, the size reported
        auto small = reverse(x, kin::collect(std::span(buf).first(want.size() - 1)));
        ASSERT_FALSE(small.fits()) << what << " collect, short";
        ASSERT_EQ(small.needed(), want.size()) << what << " collect, short";
        ASSERT_TRUE(small.empty()) << what << " collect, short";
      }
    }
  }
}

// Every forward walk from `r` (any node: a walk is bounded by its start)
// and every reverse walk with every strategy that applies, against the
// model, a few backwards. `full` adds every walk backwards, resuming every
// walk view at one value (want[pick % size]), depths (with_depth()),
// skip_children(), and the rest of check_reverse. `depth`: each node's depth
// in the model.
template <class L>
void compare_walks_from(const model& m, pool<L>& p, int r, const std::vector<int>& depth,
                        std::vector<typename L::node_type*>& buf, bool full, std::size_t pick) {
  using T = typename L::traits;
  auto* x = p[static_cast<std::size_t>(r)];
  const expected e(m, r, full);
  // Forward, first to last; backwards (operator--) where the layout can
  // step back.
  ASSERT_TRUE(yields(kin::children<T>(x), e.kids)) << "children";
  ASSERT_TRUE(yields(kin::preorder<T>(x), e.pre)) << "preorder";
  ASSERT_TRUE(yields(kin::descendants<T>(x), e.desc)) << "descendants";
  ASSERT_TRUE(yields(kin::postorder<T>(x), e.post)) << "postorder";
  ASSERT_TRUE(yields(kin::postorder_safe<T>(x), e.post)) << "postorder_safe";
  ASSERT_TRUE(yields(kin::leaves<T>(x), e.lv)) << "leaves";
  ASSERT_TRUE(yields(kin::ancestors<T>(x), e.anc)) << "ancestors";
  if constexpr (L::bidirectional) {
    ASSERT_TRUE(yields_backwards(kin::children<T>(x), e.kids)) << "children";
    ASSERT_TRUE(yields_backwards(kin::preorder<T>(x), e.pre)) << "preorder";
    ASSERT_TRUE(yields_backwards(kin::postorder<T>(x), e.post)) << "postorder";
    ASSERT_TRUE(yields_backwards(kin::leaves<T>(x), e.lv)) << "leaves";
    if (full) {
      ASSERT_TRUE(yields_backwards(kin::descendants<T>(x), e.desc)) << "descendants";
    }
  }
  if (full) {
    ASSERT_TRUE(yields_depths(kin::preorder<T>(x).with_depth(), e.pre, depth, r)) << "preorder";
    ASSERT_TRUE(yields_depths(kin::descendants<T>(x).with_depth(), e.desc, depth, r)) << "descendants";
    ASSERT_TRUE(yields_depths(kin::postorder<T>(x).with_depth(), e.post, depth, r)) << "postorder";
    check_resume<L>(kin::children<T>(x), e.kids, p, pick, "children");
    check_resume<L>(kin::preorder<T>(x), e.pre, p, pick, "preorder");
    check_resume<L>(kin::descendants<T>(x), e.desc, p, pick, "descendants");
    check_resume<L>(kin::postorder<T>(x), e.post, p, pick, "postorder");
    check_resume<L>(kin::postorder_safe<T>(x), e.post, p, pick, "postorder_safe");
    check_resume<L>(kin::leaves<T>(x), e.lv, p, pick, "leaves");
    check_resume<L>(kin::ancestors<T>(x), e.anc, p, pick, "ancestors");
    ASSERT_TRUE(yields_skipping(kin::preorder<T>(x), e.pre_skip)) << "preorder";
    ASSERT_TRUE(yields_skipping(kin::descendants<T>(x), e.desc_skip)) << "descendants";
  }

  // Reverse: every order with every strategy.
  ASSERT_EQ(reversed(e.post), e.mir); // postorder_reverse is the mirrored pre-order
  check_reverse<L>([](auto* v, auto s) { return kin::children_reverse<T>(v, s); }, x, reversed(e.kids), p,
                   buf, full, pick, "children_reverse");
  check_reverse<L>([](auto* v, auto s) { return kin::preorder_reverse<T>(v, s); }, x, reversed(e.pre), p,
                   buf, full, pick, "preorder_reverse");
  check_reverse<L>([](auto* v, auto s) { return kin::descendants_reverse<T>(v, s); }, x, reversed(e.desc), p,
                   buf, full, pick, "descendants_reverse");
  check_reverse<L>([](auto* v, auto s) { return kin::postorder_reverse<T>(v, s); }, x, e.mir, p,
                   buf, full, pick, "postorder_reverse");
  check_reverse<L>([](auto* v, auto s) { return kin::leaves_reverse<T>(v, s); }, x, reversed(e.lv), p,
                   buf, full, pick, "leaves_reverse");
  check_reverse<L, true>([](auto* v, auto s) { return kin::ancestors_reverse<T>(v, s); }, x, reversed(e.anc), p,
                         buf, full, pick, "ancestors_reverse");
  if (!full) {
    return;
  }
  // with_depth() and skip_children() on the native reverse walk views.
  if constexpr (L::bidirectional) {
    ASSERT_TRUE(yields(kin::children_reverse<T>(x), reversed(e.kids))) << "native is the default";
    ASSERT_TRUE(yields_depths(kin::preorder_reverse<T>(x).with_depth(), reversed(e.pre), depth, r))
        << "preorder_reverse native";
    ASSERT_TRUE(yields_depths(kin::descendants_reverse<T>(x).with_depth(), reversed(e.desc), depth, r))
        << "descendants_reverse native";
    ASSERT_TRUE(yields_depths(kin::postorder_reverse<T>(x).with_depth(), e.mir, depth, r))
        << "postorder_reverse native";
    ASSERT_TRUE(yields_skipping(kin::postorder_reverse<T>(x), e.mir_skip)) << "postorder_reverse native";
  }
}

template <class L>
void compare(const model& m, pool<L>& p, int step) {
  using T = typename L::traits;
  using NT = typename L::node_traits;
  const int n = static_cast<int>(p.size());
  std::vector<typename L::node_type*> buf(p.size());
  std::vector<int> depth(p.size());
  // The id of the value of a raw link (-1: null).
  auto id = [](typename NT::node_ptr x) { return x ? T::to_value_ptr(x)->id : -1; };
  auto model_id = [](const V& v, std::size_t i) { return i < v.size() ? v[i] : -1; };
  V anc, anc_reversed, kids_reversed; // reused: no allocation per node
  for (int i = 0; i < n; ++i) {
    const auto at = static_cast<std::size_t>(i);
    auto* v = p[at];
    auto* node = T::to_node_ptr(v);
    const V& kids = m.kids[at];
    anc.clear();
    for (int a = m.parent[at]; a >= 0; a = m.parent[static_cast<std::size_t>(a)]) anc.push_back(a);
    anc_reversed.assign(anc.rbegin(), anc.rend());
    kids_reversed.assign(kids.rbegin(), kids.rend());
    depth[at] = static_cast<int>(anc.size());
    const int par = m.parent[at];
    const std::size_t index = par < 0 ? 0 : m.index_in_parent(i);
    const int next = par < 0 ? -1 : model_id(m.kids[static_cast<std::size_t>(par)], index + 1);
    const int prev = par < 0 || index == 0 ? -1 : m.kids[static_cast<std::size_t>(par)][index - 1];
    // The raw links, through the node traits.
    ASSERT_EQ(id(NT::get_parent(node)), par) << "parent of " << i;
    ASSERT_EQ(id(NT::get_first_child(node)), model_id(kids, 0)) << "first child of " << i;
    ASSERT_EQ(id(NT::get_next_sibling(node)), next) << "next sibling of " << i;
    ASSERT_EQ(NT::is_linked(node), m.linked(i)) << "is_linked " << i;
    // The queries.
    ASSERT_EQ(pool<L>::id(kin::parent<T>(v)), par) << "parent of " << i;
    ASSERT_EQ(pool<L>::id(kin::first_child<T>(v)), model_id(kids, 0)) << "first child of " << i;
    ASSERT_EQ(pool<L>::id(kin::next_sibling<T>(v)), next) << "next sibling of " << i;
    ASSERT_EQ(pool<L>::id(kin::last_child<T>(v)), kids.empty() ? -1 : kids.back()) << "last child of " << i;
    ASSERT_EQ(pool<L>::id(kin::prev_sibling<T>(v)), prev) << "prev sibling of " << i;
    ASSERT_EQ(kin::is_linked<T>(v), m.linked(i)) << "is_linked " << i;
    ASSERT_EQ(kin::child_count<T>(v), kids.size()) << "child count of " << i;
    ASSERT_EQ(kin::depth<T>(v), anc.size()) << "depth of " << i;
    const int other = (i * 7 + step) % n;
    ASSERT_EQ(kin::is_ancestor<T>(p[static_cast<std::size_t>(other)], v), m.is_ancestor(other, i))
        << "is " << other << " an ancestor of " << i;
    // The walks every node gets: children and ancestors, with every strategy.
    ASSERT_TRUE(yields(kin::children<T>(v), kids)) << "children of " << i;
    ASSERT_TRUE(yields(kin::ancestors<T>(v), anc)) << "ancestors of " << i;
    ASSERT_TRUE(yields(kin::ancestors_reverse<T>(v, kin::collect(buf)), anc_reversed)) << "of " << i;
    if constexpr (L::bidirectional) {
      ASSERT_TRUE(yields(kin::children_reverse<T>(v, kin::native), kids_reversed)) << "of " << i;
    } else {
      ASSERT_TRUE(yields(kin::children_reverse<T>(v, kin::collect(buf)), kids_reversed)) << "of " << i;
    }
  }
  // Every walk from the root of every tree with more than one node (lone
  // roots get theirs in the pass below, in turn).
  for (int r = 0; r < n; ++r) {
    if (m.linked(r)) continue;
    ASSERT_TRUE(verified<L>(p[static_cast<std::size_t>(r)])) << "tree rooted at " << r;
    if (m.kids[static_cast<std::size_t>(r)].empty()) continue;
    SCOPED_TRACE(::testing::Message() << "walks from root " << r);
    compare_walks_from(m, p, r, depth, buf, false, 0);
    if (::testing::Test::HasFatalFailure()) return;
  }
  // And everything, resuming included, from one node each step, every node
  // in turn: roots, nodes below a root (bounded walks) and lone nodes.
  const int also = step % n;
  SCOPED_TRACE(::testing::Message() << "all walks from " << also);
  compare_walks_from(m, p, also, depth, buf, true, static_cast<std::size_t>(step / n));
}

// One random step: picks an operation whose preconditions hold, applies it
// to the model and the layout, and returns its name (for failure messages).
template <class L>
const char* step(model& m, pool<L>& p, std::mt19937& rng) {
  using T = typename L::traits;
  using NT = typename L::node_traits;
  const int n = static_cast<int>(p.size());
  auto any = [&] { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (;;) {
    int a = any(), b = any();
    switch (rng() % 12) {
    case 0: // link as first child
      if (m.linked(b) || m.in_subtree(a, b)) break;
      kin::link_first_child<T>(p[a], p[b]);
      m.insert(a, 0, b);
      return "link_first_child";
    case 1: // link as last child
      if (m.linked(b) || m.in_subtree(a, b)) break;
      kin::link_last_child<T>(p[a], p[b]);
      m.insert(a, m.kids[a].size(), b);
      return "link_last_child";
    case 2: // link after a sibling
      if (m.linked(b) || !m.linked(a) || m.in_subtree(m.parent[a], b)) break;
      kin::link_after<T>(p[a], p[b]);
      m.insert(m.parent[a], m.index_in_parent(a) + 1, b);
      return "link_after";
    case 3: // link before a sibling
      if (m.linked(b) || !m.linked(a) || m.in_subtree(m.parent[a], b)) break;
      kin::link_before<T>(p[a], p[b]);
      m.insert(m.parent[a], m.index_in_parent(a), b);
      return "link_before";
    case 4: // unlink with subtree
      if (!m.linked(a)) break;
      kin::unlink<T>(p[a]);
      m.remove(a);
      return "unlink";
    case 5: { // replace
      if (m.linked(b) || !m.kids[b].empty() || a == b) break;
      kin::replace<T>(p[a], p[b]);
      if (!m.kids[a].empty()) m.transfer(b, -1, m.kids[a].front(), m.kids[a].size());
      if (m.linked(a)) {
        m.insert(m.parent[a], m.index_in_parent(a), b);
        m.remove(a);
      }
      return "replace";
    }
    case 6: { // reparent, checked
      bool ok = a != b && !m.is_ancestor(a, b);
      EXPECT_EQ(kin::try_reparent<T>(p[a], p[b]), ok);
      if (ok) {
        if (m.linked(a)) m.remove(a);
        m.insert(b, m.kids[b].size(), a);
      }
      return "try_reparent";
    }
    case 7: // splice all children
      if (a == b || m.is_ancestor(b, a)) break;
      kin::splice_children<T>(p[a], p[b]);
      if (!m.kids[b].empty()) m.transfer(a, -1, m.kids[b].front(), m.kids[b].size());
      return "splice_children";
    case 8: { // adopt a run of siblings
      if (m.linked(a) || !m.kids[a].empty() || !m.linked(b)) break;
      std::size_t from = m.index_in_parent(b);
      std::size_t len = 1 + rng() % (m.kids[m.parent[b]].size() - from);
      int last = m.kids[m.parent[b]][from + len - 1];
      kin::adopt_siblings<T>(p[a], p[b], p[last]);
      int par = m.parent[b];
      m.insert(par, from, a);
      m.transfer(a, -1, b, len);
      return "adopt_siblings";
    }
    case 9: // hoist children
      if (!m.linked(a)) break;
      if (!m.kids[a].empty()) m.transfer(m.parent[a], a, m.kids[a].front(), m.kids[a].size());
      kin::hoist_children<T>(p[a]);
      m.remove(a);
      return "hoist_children";
    case 10: { // the raw policy transfer, no-op cases included
      if (!m.linked(b)) break;
      int old = m.parent[b];
      std::size_t from = m.index_in_parent(b);
      std::size_t len = 1 + rng() % (m.kids[old].size() - from);
      V run(m.kids[old].begin() + static_cast<std::ptrdiff_t>(from),
            m.kids[old].begin() + static_cast<std::ptrdiff_t>(from + len));
      bool bad = false;
      for (int x : run) bad |= m.in_subtree(a, x);
      if (bad) break;
      // pos: a child of a outside the run, or null (the end); often the
      // run's own first node or successor, to exercise the no-op cases.
      int pos = -1;
      const V& targets = m.kids[a];
      if (!targets.empty() && rng() % 4 != 0) pos = targets[rng() % targets.size()];
      if (a == old && rng() % 3 == 0) {
        pos = (rng() % 2 || from + len == m.kids[old].size()) ? run.front() : m.kids[old][from + len];
      }
      if (std::find(run.begin() + 1, run.end(), pos) != run.end()) break;
      NT::transfer(T::to_node_ptr(p[a]), pos < 0 ? nullptr : T::to_node_ptr(p[pos]), T::to_node_ptr(p[b]),
                   T::to_node_ptr(p[run.back()]));
      if (!(a == old && (pos == run.front() || (pos < 0 ? from + len == m.kids[old].size()
                                                          : from + len < m.kids[old].size() &&
                                                                m.kids[old][from + len] == pos))))
        m.transfer(a, pos, b, len);
      return "transfer";
    }
    default: { // reparent, unchecked (safe mode checks the precondition)
      if (a == b || m.is_ancestor(a, b)) break;
      kin::reparent<T>(p[a], p[b]);
      if (m.linked(a)) m.remove(a);
      m.insert(b, m.kids[b].size(), a);
      return "reparent";
    }
    }
  }
}

TYPED_TEST(Differential, RandomOperationsMatchTheModel) {
  // Every step compares every walk with the model: 20 seeds of 300 steps
  // keep this within a few seconds per layout under the sanitizers at -O0.
  const int seeds = 20 * static_cast<int>(kin_test::scale());
  const int steps = 300;
  for (int s = 0; s < seeds; ++s) {
    const unsigned seed = 0x5eed0000u + static_cast<unsigned>(s);
    std::mt19937 rng(seed);
    const int n = 8 + static_cast<int>(rng() % 40);
    model m(n);
    pool<TypeParam> p(static_cast<std::size_t>(n));
    for (int i = 0; i < steps; ++i) {
      const char* op = step(m, p, rng);
      SCOPED_TRACE(::testing::Message() << "seed " << seed << ", step " << i << " (" << op << ")");
      compare(m, p, i);
      if (::testing::Test::HasFatalFailure() || ::testing::Test::HasNonfatalFailure()) {
        ADD_FAILURE() << "reproduce with seed " << seed;
        return;
      }
    }
  }
}

} // namespace differential_test
