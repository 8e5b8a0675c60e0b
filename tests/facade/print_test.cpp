// The terminal printer against expected text, and the DOT writer: escaping,
// visit numbering, and the output rendered by Graphviz's `dot` (a
// dependency: this test fails, not skips, when `dot` is missing) with every
// node and edge checked.
#include "test_support.hpp"

#include <kin/dot.hpp>
#include <kin/print.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace {

struct region : kin::compact_hook {
  std::string name;
};
using T = kin::compact_traits;
using tree = kin::tree<region, kin::base_hook<kin::compact_hook>>;

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

std::string label(const kin::compact_hook* h) { return static_cast<const region*>(h)->name; }

TEST(PrintTree, UnicodeMatchesTreeCommandLayout) {
  fixture f;
  EXPECT_EQ(kin::tree_to_text<T>(&f.r[0], label),
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
  EXPECT_EQ(kin::tree_to_text<T>(&f.r[1], label, {kin::tree_style::ascii}),
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
  EXPECT_EQ(kin::tree_to_text<T>(&lone, label), "alone\n");
}

TEST(PrintTree, DeepChainIsIterative) {
  constexpr int kDeep = 2000; // output grows with depth squared: keep it modest
  std::vector<region> chain(kDeep);
  for (int i = 1; i < kDeep; ++i) kin::link_first_child<T>(&chain[i - 1], &chain[i]);
  std::string text;
  kin_test::run_on_small_stack([&] { text = kin::tree_to_text<T>(&chain[0], label, {kin::tree_style::ascii}); });
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), kDeep);
  EXPECT_NE(text.find(std::string(4 * (kDeep - 2), ' ') + "`-- \n"), std::string::npos);
}

TEST(Dot, EscapesQuotesBackslashesAndLineBreaks) {
  EXPECT_EQ(kin::dot_escape("PCI Bus 0000:00"), "PCI Bus 0000:00");
  EXPECT_EQ(kin::dot_escape("a \"b\" \\c\nd\r"), "a \\\"b\\\" \\\\c\\nd");
}

TEST(Dot, TextHasEveryNodeEdgeAndVisitNumber) {
  fixture f;
  std::string text;
  kin::write_dot<T>(kin::string_sink{text}, &f.r[0], label, kin::postorder<T>(&f.r[0]), {"mem \"map\""});
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
  EXPECT_EQ(kin::to_dot<T>(&a.r[0], label), kin::to_dot<T>(&b.r[0], label));
  // A numbered walk of part of the tree numbers only the nodes it visits.
  std::string text;
  kin::write_dot<T>(kin::string_sink{text}, &a.r[0], label, kin::leaves<T>(&a.r[4]));
  EXPECT_NE(text.find("  n5 [xlabel=\"1\"];\n  n6 [xlabel=\"2\"];\n}"), std::string::npos) << text;
}

// Runs `dot -Tplain` on the text and returns its output.
std::string render_plain(const std::string& dot_text) {
  const std::string path = ::testing::TempDir() + "kin_dot_test.dot";
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

TEST(Dot, GraphvizRendersEveryNodeAndEdge) {
  fixture f;
  tree t(f.r[0]);
  std::string text;
  kin::write_dot(kin::string_sink{text}, t, [](region& r) { return r.name; });
  std::string plain = render_plain(text);
  ASSERT_FALSE(plain.empty());
  // "node NAME x y w h LABEL ..." and "edge TAIL HEAD ..." lines.
  std::map<std::string, std::string> labels;
  std::set<std::pair<std::string, std::string>> edges;
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
      labels[a] = plain_label(rest);
    } else if (kind == "edge") {
      words >> b;
      edges.insert({a, b});
    }
  }
  ASSERT_EQ(labels.size(), 7u);
  std::map<const region*, std::string> id_of; // pre-order position k is "nk"
  for (region& r : t.preorder()) id_of[&r] = "n" + std::to_string(id_of.size());
  for (region& r : t.preorder()) {
    const std::string id = id_of[&r];
    ASSERT_TRUE(labels.count(id)) << r.name;
    EXPECT_EQ(labels[id], r.name); // what Graphviz drew is the name, byte for byte
    if (region* p = t.parent(r)) {
      EXPECT_TRUE(edges.count({id_of[p], id})) << r.name;
    }
  }
  EXPECT_EQ(edges.size(), 6u);
}

} // namespace
