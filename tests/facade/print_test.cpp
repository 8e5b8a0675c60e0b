// SPDX-License-Identifier: BSL-1.0
// The terminal printer against expected text, and the DOT writer: escaping,
// visit numbering (by any walk, a move-only collected one included), and the
// output rendered by Graphviz's `dot` (a dependency: this test fails, not
// skips, when `dot` is missing) with every node and edge checked. Every
// printer takes a kin::tree or a value pointer with the value traits named,
// and hands the label the value (const from a const start).
#include "test_support.hpp"

#include <kin/dot.hpp>
#include <kin/print.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>

namespace print_test {

struct region : kin::compact_hook<> {
  std::string name;
};
using VT = kin::base_hook<region, kin::compact_hook<>>;
using tree = kin::tree<VT>;
// The layout's node traits are value traits too (the node is the value):
// the printers then hand the label a kin::compact_node.
using NT = kin::compact_traits;

// PCI mem(System RAM(Kernel code, Kernel "data"), PCI Bus 0000:00(pnp 00:09\x, [mem]))
struct fixture {
  region r[7];
  fixture() {
    const char* names[] = {"PCI mem", "System RAM", "Kernel code", "Kernel \"data\"", "PCI Bus 0000:00",
                           "pnp 00:09\\x", "[mem 0xfe000000-0xfe7fffff]"};
    for (int i = 0; i < 7; ++i) r[i].name = names[i];
    tree t(r[0]);
    t.link_last_child(r[0], r[1]);
    t.link_last_child(r[1], r[2]);
    t.link_last_child(r[1], r[3]);
    t.link_last_child(r[0], r[4]);
    t.link_last_child(r[4], r[5]);
    t.link_last_child(r[4], r[6]);
  }
};

std::string label(const region& r) { return r.name; }
std::string node_label(const kin::compact_node& n) {
  return static_cast<const region&>(static_cast<const kin::compact_hook<>&>(n)).name;
}

const char* const kUnicode = "PCI mem\n"
                             "├── System RAM\n"
                             "│   ├── Kernel code\n"
                             "│   └── Kernel \"data\"\n"
                             "└── PCI Bus 0000:00\n"
                             "    ├── pnp 00:09\\x\n"
                             "    └── [mem 0xfe000000-0xfe7fffff]\n";

TEST(PrintTree, UnicodeMatchesTreeCommandLayout) {
  fixture f;
  EXPECT_EQ(kin::tree_to_text<VT>(&f.r[0], label),
            "PCI mem\n"
            "├── System RAM\n"
            "│   ├── Kernel code\n"
            "│   └── Kernel \"data\"\n"
            "└── PCI Bus 0000:00\n"
            "    ├── pnp 00:09\\x\n"
            "    └── [mem 0xfe000000-0xfe7fffff]\n");
}

TEST(PrintTree, AsciiAndSubtreesAndTheFacade) {
  fixture f;
  EXPECT_EQ(kin::tree_to_text<VT>(&f.r[1], label, {kin::tree_style::ascii}),
            "System RAM\n"
            "|-- Kernel code\n"
            "`-- Kernel \"data\"\n");
  tree t(f.r[0]);
  std::string out;
  kin::print_tree(kin::string_sink{out}, t, [](region& r) { return r.name; }, {kin::tree_style::ascii});
  EXPECT_EQ(out,
            "PCI mem\n"
            "|-- System RAM\n"
            "|   |-- Kernel code\n"
            "|   `-- Kernel \"data\"\n"
            "`-- PCI Bus 0000:00\n"
            "    |-- pnp 00:09\\x\n"
            "    `-- [mem 0xfe000000-0xfe7fffff]\n");
  region lone;
  lone.name = "alone";
  EXPECT_EQ(kin::tree_to_text<VT>(&lone, label), "alone\n");
}

TEST(PrintTree, DeepChainIsIterative) {
  constexpr int kDeep = 2000; // output grows with depth squared: keep it modest
  std::vector<region> chain(kDeep);
  for (int i = 1; i < kDeep; ++i) kin::link_first_child<VT>(&chain[i - 1], &chain[i]);
  std::string text;
  kin_test::run_on_small_stack([&] { text = kin::tree_to_text<VT>(&chain[0], label, {kin::tree_style::ascii}); });
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), kDeep);
  // The last line is the deepest value, indented by every level above it
  // (checked at the end of the text: a search of the whole text for the long
  // run of spaces would take seconds).
  const std::string last = std::string(4 * (kDeep - 2), ' ') + "`-- \n";
  ASSERT_TRUE(text.ends_with("\n" + last));
  // and the line before it one level less.
  const std::size_t end_of_second_last = text.size() - last.size() - 1;
  const std::size_t second_last = text.rfind('\n', end_of_second_last - 1) + 1;
  EXPECT_EQ(text.substr(second_last, end_of_second_last + 1 - second_last),
            std::string(4 * (kDeep - 3), ' ') + "`-- \n");
}

const char* const kUnicodeDepth1 = "PCI mem\n"
                                   "├── System RAM\n"
                                   "│   └── … 1 level deeper (2 values)\n"
                                   "└── PCI Bus 0000:00\n"
                                   "    └── … 1 level deeper (2 values)\n";

// Below max_depth one marker line per value at the limit that has children
// stands for all its descendants: their height and number.
TEST(PrintTree, DepthLimitElidesEachDeeperSubtreeWithOneMarkerLine) {
  fixture f;
  EXPECT_EQ(kin::tree_to_text<VT>(&f.r[0], label, {kin::tree_style::unicode, 1}), kUnicodeDepth1);
  EXPECT_EQ(kin::tree_to_text<VT>(&f.r[0], label, {kin::tree_style::unicode, 0}),
            "PCI mem\n"
            "└── … 2 levels deeper (6 values)\n");
  EXPECT_EQ(kin::tree_to_text<VT>(&f.r[0], label, {kin::tree_style::ascii, 0}),
            "PCI mem\n"
            "`-- ... 2 levels deeper (6 values)\n");
  // Levels count from the start value, whatever its depth in the tree.
  EXPECT_EQ(kin::tree_to_text<VT>(&f.r[4], label, {kin::tree_style::ascii, 0}),
            "PCI Bus 0000:00\n"
            "`-- ... 1 level deeper (2 values)\n");
  // Leaves at the limit and a limit at or below the tree's height elide nothing.
  EXPECT_EQ(kin::tree_to_text<VT>(&f.r[1], label, {kin::tree_style::ascii, 1}),
            "System RAM\n"
            "|-- Kernel code\n"
            "`-- Kernel \"data\"\n");
  EXPECT_EQ(kin::tree_to_text<VT>(&f.r[0], label, {kin::tree_style::unicode, 2}), kUnicode);
  EXPECT_EQ(kin::tree_to_text<VT>(&f.r[0], label, {kin::tree_style::unicode, 3}), kUnicode);
  // The marker of a value that has a next sibling keeps the branch line going.
  region extra;
  extra.name = "extra";
  kin::link_last_child<VT>(&f.r[2], &extra);
  EXPECT_EQ(kin::tree_to_text<VT>(&f.r[0], label, {kin::tree_style::ascii, 2}),
            "PCI mem\n"
            "|-- System RAM\n"
            "|   |-- Kernel code\n"
            "|   |   `-- ... 1 level deeper (1 value)\n"
            "|   `-- Kernel \"data\"\n"
            "`-- PCI Bus 0000:00\n"
            "    |-- pnp 00:09\\x\n"
            "    `-- [mem 0xfe000000-0xfe7fffff]\n");
  // The facade and print_tree take the option too.
  tree t(f.r[0]);
  kin::unlink<VT>(&extra);
  std::string out;
  kin::print_tree(kin::string_sink{out}, t, label, {kin::tree_style::unicode, 1});
  EXPECT_EQ(out, kUnicodeDepth1);
  EXPECT_EQ(kin::tree_to_text(t, label, {kin::tree_style::unicode, 1}), kUnicodeDepth1);
}

// A 100 000-deep chain drawn to 64 levels: 66 short lines, not the
// gigabytes of indentation the whole drawing would take.
TEST(PrintTree, DepthLimitBoundsTheOutputOfAVeryDeepChain) {
  constexpr std::size_t kDeep = 100000, kLimit = 64;
  std::vector<region> chain(kDeep);
  for (std::size_t i = 0; i < kDeep; ++i) chain[i].name = "v" + std::to_string(i);
  for (std::size_t i = 1; i < kDeep; ++i) kin::link_first_child<VT>(&chain[i - 1], &chain[i]);
  std::string text;
  kin_test::run_on_small_stack([&] {
    text = kin::tree_to_text<VT>(&chain[0], label, {kin::tree_style::ascii, kLimit});
  });
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), static_cast<std::ptrdiff_t>(kLimit + 2));
  EXPECT_LT(text.size(), 4 * kLimit * kLimit);
  EXPECT_TRUE(text.ends_with("\n" + std::string(4 * (kLimit - 1), ' ') + "`-- v64\n" +
                             std::string(4 * kLimit, ' ') + "`-- ... 99935 levels deeper (99935 values)\n"))
      << text.substr(text.size() - 400);
}

TEST(Dot, EscapesQuotesBackslashesAndLineBreaks) {
  EXPECT_EQ(kin::dot_escape("PCI Bus 0000:00"), "PCI Bus 0000:00");
  EXPECT_EQ(kin::dot_escape("a \"b\" \\c\nd\r"), "a \\\"b\\\" \\\\c\\nd");
}

TEST(Dot, TextHasEveryNodeEdgeAndVisitNumber) {
  fixture f;
  std::string text;
  kin::write_dot<VT>(kin::string_sink{text}, &f.r[0], label, kin::postorder<VT>(&f.r[0]), {"mem \"map\""});
  EXPECT_EQ(text.rfind("digraph \"mem \\\"map\\\"\" {\n", 0), 0u);
  EXPECT_NE(text.find("[label=\"Kernel \\\"data\\\"\"]"), std::string::npos);
  EXPECT_NE(text.find("[label=\"pnp 00:09\\\\x\"]"), std::string::npos);
  EXPECT_EQ(std::count(text.begin(), text.end(), '>'), 6); // one "->" per edge
  // Post-order numbers: Kernel code is visited first, PCI mem last.
  // Identifiers are pre-order positions: r0 is n0, "Kernel code" (r2) is n2.
  EXPECT_NE(text.find("  n2 [label=\"Kernel code\"];\n  n1 -> n2;\n"), std::string::npos);
  EXPECT_NE(text.find("  n2 [xlabel=\"1\"];"), std::string::npos);
  EXPECT_NE(text.find("  n0 [xlabel=\"7\"];"), std::string::npos);
}

TEST(Dot, SameTreeSameTextOnEveryRun) {
  fixture a, b; // the same shape at other addresses
  EXPECT_EQ(kin::to_dot<VT>(&a.r[0], label), kin::to_dot<VT>(&b.r[0], label));
  // A numbered walk of part of the tree numbers only the nodes it visits.
  std::string text;
  kin::write_dot<VT>(kin::string_sink{text}, &a.r[0], label, kin::leaves<VT>(&a.r[4]));
  EXPECT_NE(text.find("  n5 [xlabel=\"1\"];\n  n6 [xlabel=\"2\"];\n}"), std::string::npos) << text;
}

// Runs `dot -Tplain` on the text and returns its output.
std::string render_plain(const std::string& dot_text) {
  // One file per test: ctest runs the tests of this program in parallel.
  const std::string path =
      ::testing::TempDir() + "kin_dot_test." + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".dot";
  {
    std::ofstream out(path);
    out << dot_text;
  }
  const std::string command = std::string(KIN_DOT_EXECUTABLE) + " -Tplain " + path + " 2>&1";
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return "";
  std::string output;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) output.append(buf, n);
  int status = pclose(pipe);
  if (status != 0) ADD_FAILURE() << "`" << command << "` failed (is graphviz installed?):\n" << output;
  return output;
}

// The label at the start of the rest of a plain-format node line: a word,
// or a quoted string with \" and \\ escapes.
std::string plain_label(const std::string& rest) {
  if (rest.empty() || rest[0] != '"') return rest.substr(0, rest.find(' '));
  std::string out;
  for (std::size_t i = 1; i < rest.size() && rest[i] != '"'; ++i) {
    if (rest[i] == '\\' && i + 1 < rest.size()) ++i;
    out += rest[i];
  }
  return out;
}

// What `dot -Tplain` drew: "node NAME x y w h LABEL ..." and "edge TAIL HEAD
// ..." lines.
struct plain_graph {
  std::map<std::string, std::string> labels;
  std::set<std::pair<std::string, std::string>> edges;
};

plain_graph parse_plain(const std::string& plain) {
  plain_graph g;
  std::istringstream lines(plain);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string kind, a, b;
    words >> kind >> a;
    if (kind == "node") {
      std::string x, y, w, h;
      words >> x >> y >> w >> h >> std::ws;
      std::string rest;
      std::getline(words, rest);
      g.labels[a] = plain_label(rest);
    } else if (kind == "edge") {
      words >> b;
      g.edges.insert({a, b});
    }
  }
  return g;
}

// Renders `text` with Graphviz and checks every node's label and every
// edge of the tree `t` against the drawing.
void expect_graphviz_draws(const std::string& text, const tree& t) {
  std::string plain = render_plain(text);
  ASSERT_FALSE(plain.empty());
  plain_graph g = parse_plain(plain);
  ASSERT_EQ(g.labels.size(), 7u);
  std::map<const region*, std::string> id_of; // pre-order position k is "nk"
  for (region& r : kin::preorder(t)) id_of[&r] = "n" + std::to_string(id_of.size());
  for (region& r : kin::preorder(t)) {
    const std::string id = id_of[&r];
    ASSERT_TRUE(g.labels.count(id)) << r.name;
    EXPECT_EQ(g.labels[id], r.name); // what Graphviz drew is the name, byte for byte
    if (region* p = kin::parent<VT>(&r)) {
      EXPECT_TRUE(g.edges.count({id_of[p], id})) << r.name;
    }
  }
  EXPECT_EQ(g.edges.size(), 6u);
}

TEST(Dot, GraphvizRendersEveryNodeAndEdge) {
  fixture f;
  tree t(f.r[0]);
  std::string text;
  kin::write_dot(kin::string_sink{text}, t, [](region& r) { return r.name; });
  expect_graphviz_draws(text, t);
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The drawing runs left to right: Graphviz puts each child to the right of
// its parent and the values of one level in one column.
TEST(Dot, DrawingRunsLeftToRight) {
  fixture f;
  tree t(f.r[0]);
  const std::string text = kin::to_dot(t, label);
  std::map<std::string, double> x;
  std::istringstream lines(render_plain(text));
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string kind, name;
    double at = 0;
    if (words >> kind >> name >> at && kind == "node") x[name] = at;
  }
  ASSERT_EQ(x.size(), 7u);
  for (int level_one : {1, 4}) EXPECT_GT(x["n" + std::to_string(level_one)], x["n0"]);
  EXPECT_DOUBLE_EQ(x["n1"], x["n4"]);
  for (int level_two : {2, 3, 5, 6}) {
    EXPECT_GT(x["n" + std::to_string(level_two)], x["n1"]);
    EXPECT_DOUBLE_EQ(x["n" + std::to_string(level_two)], x["n2"]);
  }
  // Graph attributes are an option: empty writes no graph line (Graphviz's
  // top-to-bottom default), others pass through.
  const std::string plain = kin::to_dot(t, label, {"kin", "shape=box, fontname=\"monospace\"", ""});
  EXPECT_EQ(count_of(plain, "graph ["), 0u);
  EXPECT_EQ(plain, text.substr(0, text.find("  graph [")) + text.substr(text.find("  node [")));
  const std::string tb = kin::to_dot(t, label, {"kin", "shape=box", "rankdir=TB, splines=ortho"});
  EXPECT_EQ(tb.rfind("digraph \"kin\" {\n  graph [rankdir=TB, splines=ortho];\n  node [shape=box];\n", 0), 0u) << tb;
  expect_graphviz_draws(tb, t);
}

TEST(Dot, ToDotOnATree) {
  fixture f;
  tree t(f.r[0]);
  const std::string text = kin::to_dot(t, [](region& r) -> const std::string& { return r.name; });
  EXPECT_EQ(text.rfind("digraph \"kin\" {\n  graph [rankdir=LR];\n  node [shape=box, fontname=\"monospace\"];\n", 0),
            0u)
      << text;
  EXPECT_EQ(text, kin::to_dot<VT>(&f.r[0], label)); // the same as from the root value
  EXPECT_EQ(count_of(text, "[label="), 7u);
  EXPECT_EQ(count_of(text, " -> "), 6u);
  EXPECT_EQ(count_of(text, "xlabel"), 0u); // no walk, no numbers
  EXPECT_NE(text.find("  n4 [label=\"PCI Bus 0000:00\"];\n  n0 -> n4;\n"), std::string::npos) << text;
  EXPECT_EQ(text.substr(text.size() - 2), "}\n");
  // Options pass through.
  const std::string named = kin::to_dot(t, label, {"g"});
  EXPECT_EQ(named.rfind("digraph \"g\" {\n", 0), 0u) << named;
  // A tree made over a subtree's root draws that subtree.
  EXPECT_EQ(count_of(kin::to_dot(tree(f.r[1]), label), " -> "), 2u);
  expect_graphviz_draws(text, t);
}

// The numbering walk may be move-only: a collected reverse walk that owns
// its storage (kin::collect_allocating), passed as a temporary.
TEST(Dot, NumberedByAMoveOnlyWalk) {
  fixture f;
  tree t(f.r[0]);
  static_assert(!std::is_copy_constructible_v<decltype(kin::preorder_reverse(t, kin::collect_allocating))>);
  static_assert(std::is_move_constructible_v<decltype(kin::preorder_reverse(t, kin::collect_allocating))>);
  std::string text;
  kin::write_dot(kin::string_sink{text}, t, label, kin::preorder_reverse(t, kin::collect_allocating));
  // Pre-order position k (node "nk") is visited 7 - k-th by the reverse walk.
  for (int k = 0; k < 7; ++k) {
    const std::string want = "  n" + std::to_string(k) + " [xlabel=\"" + std::to_string(7 - k) + "\"];\n";
    EXPECT_NE(text.find(want), std::string::npos) << want << text;
  }
  EXPECT_EQ(count_of(text, "xlabel"), 7u);
  EXPECT_EQ(text.substr(text.size() - 2), "}\n");
  // to_dot with a walk: a moved, a borrowed and a temporary move-only walk,
  // and the native walk, all number the same.
  auto walk = kin::preorder_reverse(t, kin::collect_allocating);
  ASSERT_TRUE(walk.fits());
  auto kept = kin::preorder_reverse(t, kin::collect_allocating);
  EXPECT_EQ(kin::to_dot(t, label, kin::preorder_reverse(t, kin::collect_allocating)), text);
  EXPECT_EQ(kin::to_dot(t, label, std::move(walk)), text);
  EXPECT_EQ(kin::to_dot(t, label, kept), text);
  EXPECT_EQ(std::ranges::distance(kept), 7); // still owns its storage after being borrowed
  EXPECT_EQ(kin::to_dot(t, label, kin::preorder_reverse(t)), text);
  EXPECT_EQ(kin::to_dot<VT>(&f.r[0], label, kin::preorder_reverse<VT>(&f.r[0], kin::collect_allocating)), text);
  expect_graphviz_draws(text, t);
}

// Every printer takes a value pointer with the value traits named; the
// label then receives the value (a mutable one from a mutable start).
TEST(PrintTree, ValuePointerWithExplicitValueTraits) {
  fixture f;
  tree t(f.r[0]);
  auto mutable_label = [](auto& r) -> const std::string& {
    static_assert(std::is_same_v<decltype(r), region&>);
    return r.name;
  };
  std::string out;
  kin::print_tree<VT>(kin::string_sink{out}, &f.r[0], mutable_label);
  EXPECT_EQ(out, kUnicode);
  EXPECT_EQ(kin::tree_to_text<VT>(&f.r[0], mutable_label), kUnicode);
  EXPECT_EQ(kin::tree_to_text(t, mutable_label), kUnicode);
  EXPECT_EQ(kin::tree_to_text<VT>(&f.r[4], label, {kin::tree_style::ascii}),
            "PCI Bus 0000:00\n"
            "|-- pnp 00:09\\x\n"
            "`-- [mem 0xfe000000-0xfe7fffff]\n");
  std::string dot;
  kin::write_dot<VT>(kin::string_sink{dot}, &f.r[0], mutable_label);
  EXPECT_EQ(dot, kin::to_dot(t, label));
  EXPECT_EQ(kin::to_dot<VT>(&f.r[0], mutable_label), dot);
  std::string numbered;
  kin::write_dot<VT>(kin::string_sink{numbered}, &f.r[0], mutable_label, kin::postorder<VT>(&f.r[0]));
  EXPECT_EQ(numbered, kin::to_dot(t, label, kin::postorder(t)));
  EXPECT_NE(numbered.find("  n0 [xlabel=\"7\"];"), std::string::npos);
  // Node traits are value traits whose value is the node: the label gets
  // the kin::compact_node.
  EXPECT_EQ(kin::tree_to_text<NT>(&f.r[0], node_label), kUnicode);
  EXPECT_EQ(kin::to_dot<NT>(&f.r[0], node_label), dot);
}

// From a const root every printer walks const values: the label receives
// `const T&`, and a numbering walk is a const walk too.
TEST(PrintTree, ConstRootGivesTheLabelConstValues) {
  fixture f;
  const region& root = f.r[0];
  auto const_label = [](auto& r) -> const std::string& {
    static_assert(std::is_same_v<decltype(r), const region&>);
    return r.name;
  };
  std::string out;
  kin::print_tree<VT>(kin::string_sink{out}, &root, const_label);
  EXPECT_EQ(out, kUnicode);
  EXPECT_EQ(kin::tree_to_text<VT>(&root, const_label, {kin::tree_style::ascii}),
            kin::tree_to_text<VT>(&f.r[0], label, {kin::tree_style::ascii}));
  std::string dot;
  kin::write_dot<VT>(kin::string_sink{dot}, &root, const_label);
  EXPECT_EQ(dot, kin::to_dot<VT>(&f.r[0], label));
  EXPECT_EQ(kin::to_dot<VT>(&root, const_label), dot);
  // Numbered by const walks: forward, collected into const pointers, and
  // collected by kin::collect_allocating (move-only).
  std::string numbered;
  kin::write_dot<VT>(kin::string_sink{numbered}, &root, const_label, kin::postorder<VT>(&root));
  EXPECT_EQ(numbered, kin::to_dot<VT>(&f.r[0], label, kin::postorder<VT>(&f.r[0])));
  const region* buf[8];
  auto collected = kin::postorder_reverse<VT>(&root, kin::collect(buf));
  static_assert(std::is_same_v<std::ranges::range_reference_t<decltype(collected)>, const region&>);
  EXPECT_EQ(kin::to_dot<VT>(&root, const_label, collected),
            kin::to_dot<VT>(&f.r[0], label, kin::postorder_reverse<VT>(&f.r[0])));
  EXPECT_EQ(kin::to_dot<VT>(&root, const_label, kin::preorder_reverse<VT>(&root, kin::collect_allocating)),
            kin::to_dot<VT>(&f.r[0], label, kin::preorder_reverse<VT>(&f.r[0])));
  // Node traits from a const value: the label gets a const kin::compact_node.
  EXPECT_EQ(kin::tree_to_text<NT>(&root, [](auto& n) {
              static_assert(std::is_same_v<decltype(n), const kin::compact_node&>);
              return node_label(n);
            }),
            kUnicode);
}

} // namespace print_test
