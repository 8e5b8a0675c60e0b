// SPDX-License-Identifier: BSL-1.0
// walk_pictures: the pictures of docs/walkers.md. It builds one small tree
// and writes, for each walker, the tree as Graphviz DOT with the walk's
// visit order numbered, through kin::to_dot itself: the pictures show what
// the library does, not what a hand-written drawing says it does.
//
//   walk_pictures DIR    writes DIR/walk_<name>.dot for every walk below
//
// docs/CMakeLists.txt runs it at docs build time and renders each file with
// `dot -Tsvg`; a test there checks the numbers it writes.
//
// The tree (pre-order is alphabetical, so every other order reads as a
// permutation of A..J):
//
//   A
//   ├── B          a chain: B, C, D
//   │   └── C
//   │       └── D  the deepest leaf
//   ├── E          a leaf at depth 1
//   └── F          a node with several children
//       ├── G
//       ├── H
//       ├── I
//       └── J
#include <kin/dot.hpp>
#include <kin/kin.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <ranges>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

struct letter {
  char name = '?';
  kin::compact_hook<> hook; // compact: every reverse walk is native
};
using VT = kin::member_hook<&letter::hook>;
using tree = kin::tree<VT>;

std::string label(const letter& l) { return std::string(1, l.name); }
const letter& deref(const letter* l) { return *l; }

// Writes DIR/walk_<name>.dot: the tree, `walk` numbered, `call` as the
// graph's title, `start` (where the walk starts) filled and the values the
// walk does not visit grey, so the picture shows the call, its argument and
// what it reaches.
template <class Walk>
bool picture(const std::string& dir, const tree& t, std::string_view name, std::string_view call,
             const letter& start, Walk&& walk) {
  // Each walk is iterated twice, here for the grey values and by to_dot for
  // the numbers: a view walks the unchanged tree again, a collected walk is
  // a snapshot.
  std::vector<const letter*> visited;
  for (const letter& l : walk) visited.push_back(&l);

  const std::string graph_name = "walk_" + std::string(name);
  // Top to bottom: on a tree this small, children first to last read left
  // to right. forcelabels keeps every number even where space is tight.
  const std::string graph = "rankdir=TB, forcelabels=true, nodesep=0.8, fontname=\"monospace\", labelloc=t, "
                            "label=\"" + kin::dot_escape(call) + "\"";
  kin::dot_options options;
  options.graph_name = graph_name;
  options.graph_attributes = graph;
  options.node_attributes = "shape=circle, fixedsize=true, width=0.4, fontname=\"monospace\"";
  std::string text = kin::to_dot(t, label, std::forward<Walk>(walk), options);

  // Node identifiers are n<pre-order index> (kin/dot.hpp): a second
  // statement for a node adds to its attributes.
  std::string extra;
  std::size_t index = 0;
  for (const letter& l : kin::preorder(t)) {
    const std::string id = "  n" + std::to_string(index++);
    if (&l == &start) extra += id + " [style=filled, fillcolor=\"#ffe08a\"];\n";
    if (std::ranges::find(visited, &l) == visited.end()) extra += id + " [color=gray60, fontcolor=gray60];\n";
  }
  if (text.size() < 2 || text.compare(text.size() - 2, 2, "}\n") != 0) return false;
  text.insert(text.size() - 2, extra);

  const std::string path = dir + "/" + graph_name + ".dot";
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) {
    std::perror(path.c_str());
    return false;
  }
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !written) {
    std::fprintf(stderr, "walk_pictures: cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fputs("usage: walk_pictures DIR\n", stderr);
    return 2;
  }
  const std::string dir = argv[1];

  letter n[10];
  for (int i = 0; i < 10; ++i) n[i].name = static_cast<char>('A' + i);
  letter &a = n[0], &b = n[1], &c = n[2], &d = n[3], &e = n[4], &f = n[5];
  tree t(a);
  t.link_last_child(a, b);
  t.link_last_child(b, c);
  t.link_last_child(c, d);
  t.link_last_child(a, e);
  t.link_last_child(a, f);
  for (int i = 6; i < 10; ++i) t.link_last_child(f, n[i]);
  if (!t.verify()) return 1;

  // Pre-order, stepping over B's subtree: the visited values, in order.
  std::vector<const letter*> skipped;
  const auto walk = kin::preorder(t);
  for (auto it = walk.begin(); it != walk.end();) {
    skipped.push_back(&*it);
    if (&*it == &b) {
      it.skip_children();
    } else {
      ++it;
    }
  }

  const letter* path[8]; // ancestors_reverse needs storage: D's depth is 3
  bool ok = true;
  ok = ok && picture(dir, t, "preorder", "kin::preorder(t)", a, kin::preorder(t));
  ok = ok && picture(dir, t, "descendants", "kin::descendants(t)", a, kin::descendants(t));
  ok = ok && picture(dir, t, "postorder", "kin::postorder(t)", a, kin::postorder(t));
  ok = ok && picture(dir, t, "preorder_reverse", "kin::preorder_reverse(t)", a, kin::preorder_reverse(t));
  ok = ok && picture(dir, t, "postorder_reverse", "kin::postorder_reverse(t)", a, kin::postorder_reverse(t));
  ok = ok && picture(dir, t, "descendants_reverse", "kin::descendants_reverse(t)", a, kin::descendants_reverse(t));
  ok = ok && picture(dir, t, "children", "kin::children<VT>(&F)", f, kin::children<VT>(&f));
  ok = ok && picture(dir, t, "children_reverse", "kin::children_reverse<VT>(&F)", f, kin::children_reverse<VT>(&f));
  ok = ok && picture(dir, t, "ancestors", "kin::ancestors<VT>(&D)", d, kin::ancestors<VT>(&d));
  ok = ok && picture(dir, t, "ancestors_reverse", "kin::ancestors_reverse<VT>(&D, kin::collect(buf))", d,
                     kin::ancestors_reverse<VT>(&d, kin::collect(path)));
  ok = ok && picture(dir, t, "leaves", "kin::leaves(t)", a, kin::leaves(t));
  ok = ok && picture(dir, t, "leaves_reverse", "kin::leaves_reverse(t)", a, kin::leaves_reverse(t));
  ok = ok && picture(dir, t, "preorder_skip", "kin::preorder(t), it.skip_children() at B", a,
                     skipped | std::views::transform(deref));
  return ok ? 0 : 1;
}
