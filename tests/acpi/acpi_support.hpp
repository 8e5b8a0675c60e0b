// SPDX-License-Identifier: BSL-1.0
// Shared helpers of the ACPI tests: the committed tables (tests/data/acpi,
// see its README.md), acpiexec's namespace dumps read with the rule of
// ns-to-paths.awk, the `--paths`-style listing of a kin namespace
// (`PATH<TAB>TYPE` per node in pre-order, the root left out), table
// builders for synthesised AML, and the three layouts.
#ifndef KIN_TESTS_ACPI_SUPPORT_HPP
#define KIN_TESTS_ACPI_SUPPORT_HPP

#include <kin/adapters/acpi_namespace.hpp>
#include <kin/adapters/acpi_node.hpp>
#include <kin/adapters/acpi_parse.hpp>
#include <kin/adapters/aml.hpp>
#include <kin/checked_hook.hpp>
#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>
#include <kin/layouts/singly.hpp>
#include <kin/steps.hpp>
#include <kin/verify.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace acpi_support {

using bytes = std::vector<unsigned char>;
using object_type_code = std::uint8_t;

// The three layouts, with their names (typed tests).
using all_hooks = kin_test::all_hooks;
using hook_names = kin_test::hook_names;

inline std::string data_path(const std::string& name) { return std::string(KIN_TEST_DATA_DIR) + "/acpi/" + name; }

inline bool data_exists(const std::string& name) {
  std::error_code ec;
  return std::filesystem::exists(data_path(name), ec);
}

inline std::string read_text(const std::string& name) {
  std::ifstream in(data_path(name), std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << data_path(name);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline bytes read_bytes(const std::string& name) {
  const std::string text = read_text(name);
  return bytes(text.begin(), text.end());
}

// The lines of a text, without their '\n' (and without a final empty one).
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

// A .paths file: its `PATH<TAB>TYPE` lines.
inline std::vector<std::string> read_paths(const std::string& name) {
  std::vector<std::string> out;
  for (std::string& l : lines_of(read_text(name))) {
    if (!l.empty()) out.push_back(std::move(l));
  }
  return out;
}

// One node line of an acpiexec namespace dump.
struct dump_node {
  std::string path;
  std::string type;
  int owner = -1;
  int args = -1; // a Method's "Args N", else -1
  std::string line() const { return path + '\t' + type; }
};

inline bool is_name_seg(std::string_view s) {
  if (s.size() != 4) return false;
  for (std::size_t i = 0; i < 4; ++i) {
    const char c = s[i];
    const bool ok = (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// An `acpiexec -b "namespace"` dump, read with the rule of ns-to-paths.awk:
// only the lines after "ACPI Namespace (from Namespace Root):", node lines
// are `DEPTH NAME TYPE 0xADDRESS OWNER ...`, and acpiexec's own `\_TI_`
// (owner 000, depth 0) is dropped with its subtree.
inline std::vector<dump_node> read_dump(const std::string& name) {
  std::vector<dump_node> out;
  bool in_list = false;
  int skip_depth = -1;
  std::vector<std::string> seg;
  for (const std::string& l : lines_of(read_text(name))) {
    if (l.rfind("ACPI Namespace (from Namespace Root):", 0) == 0) {
      in_list = true;
      continue;
    }
    if (!in_list) continue;
    std::istringstream in(l);
    std::vector<std::string> f;
    for (std::string w; in >> w;) f.push_back(w);
    if (f.size() < 5 || f[0].find_first_not_of("0123456789") != std::string::npos || !is_name_seg(f[1]) ||
        f[2].find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") != std::string::npos ||
        f[3].rfind("0x", 0) != 0 || f[4].size() != 3 || f[4].find_first_not_of("0123456789") != std::string::npos)
      continue;
    const int depth = std::stoi(f[0]);
    if (skip_depth >= 0) {
      if (depth > skip_depth) continue;
      skip_depth = -1;
    }
    if (depth == 0 && f[1] == "_TI_" && f[4] == "000") {
      skip_depth = 0;
      continue;
    }
    seg.resize(static_cast<std::size_t>(depth) + 1);
    seg[static_cast<std::size_t>(depth)] = f[1];
    dump_node d;
    d.path = "\\" + seg[0];
    for (int i = 1; i <= depth; ++i) d.path += "." + seg[static_cast<std::size_t>(i)];
    d.type = f[2];
    d.owner = std::stoi(f[4]);
    for (std::size_t i = 5; i + 1 < f.size(); ++i) {
      if (f[i] == "Args") d.args = std::stoi(f[i + 1]);
    }
    out.push_back(std::move(d));
  }
  return out;
}

inline std::vector<std::string> dump_lines(const std::vector<dump_node>& d) {
  std::vector<std::string> out;
  for (const dump_node& n : d) out.push_back(n.line());
  return out;
}

// The expected lines of a table (set): NAME.paths, or, when that file is
// not there, NAME.ns.txt read with the awk rule.
inline std::vector<std::string> expected_paths(const std::string& stem) {
  if (data_exists(stem + ".paths")) return read_paths(stem + ".paths");
  return dump_lines(read_dump(stem + ".ns.txt"));
}

// Every node below `root` in pre-order (the root left out).
template <class Node>
std::vector<Node*> nodes_below(Node* root) {
  std::vector<Node*> out;
  for (Node* n = kin::preorder_next<typename Node::traits>(root, root); n;
       n = kin::preorder_next<typename Node::traits>(n, root))
    out.push_back(n);
  return out;
}

// `acpiexec -b namespace` as kin sees it: `pathname<TAB>type_name` for
// every node in pre-order, the root left out.
template <class Node>
std::vector<std::string> path_lines(Node* root) {
  std::vector<std::string> out;
  for (Node* n : nodes_below(root)) out.push_back(kin::acpi::pathname(n) + '\t' + std::string(kin::acpi::type_name(n->type)));
  return out;
}
template <class Hook>
std::vector<std::string> path_lines(kin::acpi::acpi_namespace<Hook>& ns) {
  return path_lines(ns.root());
}

// The lines with the owner id appended (`PATH<TAB>TYPE<TAB>OWNER`): a
// stricter picture of a namespace, for "unchanged" checks.
template <class Hook>
std::vector<std::string> owner_lines(kin::acpi::acpi_namespace<Hook>& ns) {
  std::vector<std::string> out;
  for (auto* n : nodes_below(ns.root())) {
    out.push_back(kin::acpi::pathname(n) + '\t' + std::string(kin::acpi::type_name(n->type)) + '\t' +
                  std::to_string(n->owner_id) + '\t' + std::to_string(n->method_args));
  }
  return out;
}

// Everything of every node, the root included, in pre-order: the node
// and parent addresses (nodes never move), name, type, flags, argument
// count, owner and alias target. Equal snapshots: the namespace did not
// change at all.
struct node_state {
  const void* node = nullptr;
  const void* parent = nullptr;
  const void* target = nullptr;
  std::array<char, 4> name{};
  object_type_code type = 0;
  std::uint8_t flags = 0;
  std::uint8_t args = 0;
  std::uint16_t owner = 0;
  friend bool operator==(const node_state&, const node_state&) = default;
};
template <class Hook>
std::vector<node_state> snapshot(kin::acpi::acpi_namespace<Hook>& ns) {
  using node = kin::acpi::namespace_node<Hook>;
  using R = typename node::traits;
  std::vector<node_state> out;
  out.reserve(ns.size());
  for (node* n = ns.root(); n; n = kin::preorder_next<R>(n, ns.root())) {
    out.push_back({n, kin::parent<R>(n), n->target, n->name.chars, static_cast<object_type_code>(n->type), n->flags,
                   n->method_args, n->owner_id});
  }
  return out;
}

// Where verify found a problem: a node's path, an op's opcode and offset.
template <class Hook>
std::string where(const kin::acpi::namespace_node<Hook>* n) {
  return n ? kin::acpi::pathname(n) : std::string("(null)");
}
template <class Hook, class Node>
std::string where(const kin::acpi::parse_op<Hook, Node>* o) {
  return o ? "op 0x" + std::to_string(o->opcode) + " at byte " + std::to_string(o->offset) : std::string("(null)");
}

template <class Node>
::testing::AssertionResult verified(const Node* root) {
  auto r = kin::verify<typename Node::traits>(root);
  if (r) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << kin::describe(r.error) << " at " << where(r.node);
}

// A refused table's offset: a byte of the table; only an operand or
// package that runs past the table's end may be reported at the end
// itself (offset == size: where the missing bytes would start).
inline ::testing::AssertionResult offset_inside(const kin::acpi::aml_error& e, std::size_t size) {
  if (e.offset < size) return ::testing::AssertionSuccess();
  if (e.offset == size && e.message.find("runs past the end") != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "offset " << e.offset << " of a " << size << "-byte table: " << e.message;
}

// A load that must succeed.
template <class Hook>
kin::acpi::aml_table_info load_ok(kin::acpi::acpi_namespace<Hook>& ns, const bytes& b,
                                  kin::acpi::aml_parse_tree<Hook>* tree = nullptr) {
  auto r = kin::acpi::load_table(ns, b.data(), b.size(), tree);
  EXPECT_TRUE(r) << (r ? std::string() : r.error().message + " at " + std::to_string(r.error().offset));
  return r ? std::move(*r) : kin::acpi::aml_table_info{};
}

// ---- Synthesised tables ----

inline void put_le32(unsigned char* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}
inline std::uint32_t le32(const unsigned char* p) {
  return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[3]} << 24);
}

// Sets byte 9 so that the first `length` bytes sum to 0.
inline void fix_checksum(bytes& t, std::size_t length) {
  t[9] = 0;
  unsigned sum = 0;
  for (std::size_t i = 0; i < length; ++i) sum += t[i];
  t[9] = static_cast<unsigned char>(0x100 - (sum & 0xFF));
}

// A table: the 36-byte header (signature, length, revision 2, a correct
// checksum) and `body` as its term list.
inline bytes make_table(const bytes& body, const char* signature = "DSDT") {
  bytes t(36, 0);
  for (int i = 0; i < 4; ++i) t[static_cast<std::size_t>(i)] = static_cast<unsigned char>(signature[i]);
  t[8] = 2;
  const char oem[] = "KINLIBTESTTBL";
  for (int i = 0; i < 6; ++i) t[static_cast<std::size_t>(10 + i)] = static_cast<unsigned char>(oem[i]);
  for (int i = 0; i < 8; ++i) t[static_cast<std::size_t>(16 + i)] = static_cast<unsigned char>(oem[6 + i % 7]);
  t.insert(t.end(), body.begin(), body.end());
  put_le32(t.data() + 4, static_cast<std::uint32_t>(t.size()));
  fix_checksum(t, t.size());
  return t;
}

// A PkgLength encoding for a package whose contents (after the PkgLength)
// are `content` bytes long.
inline bytes pkg_length(std::size_t content) {
  for (std::size_t extra = 0; extra < 4; ++extra) {
    const std::size_t total = content + 1 + extra;
    if (extra == 0 && total < 64) return {static_cast<unsigned char>(total)};
    if (extra > 0 && total < (std::size_t{1} << (4 + 8 * extra))) {
      bytes out{static_cast<unsigned char>((extra << 6) | (total & 0x0F))};
      for (std::size_t i = 0; i < extra; ++i) out.push_back(static_cast<unsigned char>(total >> (4 + 8 * i)));
      return out;
    }
  }
  return {};
}

inline bytes cat(std::initializer_list<bytes> parts) {
  bytes out;
  for (const bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

inline bytes seg(const char* s) {
  bytes out;
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>(s[i]));
  return out;
}

// A packaged term: `opcode` (one or two bytes), PkgLength, `content`.
inline bytes packaged(const bytes& opcode, const bytes& content) { return cat({opcode, pkg_length(content.size()), content}); }

} // namespace acpi_support

#endif // KIN_TESTS_ACPI_SUPPORT_HPP
