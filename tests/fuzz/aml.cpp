// SPDX-License-Identifier: BSL-1.0
// Fuzz target: the AML namespace loader. The input is a table, loaded as
// is and, when its header's length or checksum does not match the input,
// once more with both fixed (so mutations reach the AML, not only the
// header). On every layout, into a fresh namespace and, on the list layout,
// as a second table on top of the real Firecracker DSDT:
// - a refused table leaves the namespace exactly as it was (every node,
//   link, name, type, flag, argument count, owner, target), adds no parse
//   tree, and its error offset is inside the table;
// - a loaded one passes verify; each node it made is found again by its
//   own pathname; the parse tree's ops cover only the table's bytes and
//   point to nodes of the namespace; the layouts agree on every path.
#include "fuzz_support.hpp"

#include <kin/adapters/acpi_namespace.hpp>
#include <kin/adapters/acpi_node.hpp>
#include <kin/adapters/acpi_parse.hpp>
#include <kin/adapters/aml.hpp>
#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>
#include <kin/layouts/singly.hpp>
#include <kin/queries.hpp>
#include <kin/steps.hpp>
#include <kin/verify.hpp>

#include <array>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <tuple>
#include <vector>

namespace {

using namespace kin::acpi;

// Everything of every node, in pre-order: equal snapshots, same namespace.
template <class Hook>
auto snapshot(acpi_namespace<Hook>& ns) {
  using node = namespace_node<Hook>;
  using R = typename node::traits;
  std::vector<std::tuple<const void*, const void*, const void*, std::array<char, 4>, object_type, unsigned, unsigned,
                         unsigned>>
      out;
  for (node* n = ns.root(); n; n = kin::preorder_next<R>(n, ns.root())) {
    out.emplace_back(n, kin::parent<R>(n), n->target, n->name.chars, n->type, n->flags, n->method_args, n->owner_id);
  }
  return out;
}

template <class Hook>
std::vector<std::string> paths(acpi_namespace<Hook>& ns) {
  using R = typename namespace_node<Hook>::traits;
  std::vector<std::string> out;
  for (auto* n = kin::preorder_next<R>(ns.root(), ns.root()); n; n = kin::preorder_next<R>(n, ns.root()))
    out.push_back(pathname(n) + ' ' + std::string(type_name(n->type)));
  return out;
}

// Loads `table` into `ns`; checks what any load must leave.
template <class Hook>
bool load_and_check(acpi_namespace<Hook>& ns, const std::vector<unsigned char>& table) {
  using node = namespace_node<Hook>;
  using R = typename node::traits;
  using op = aml_op<Hook>;
  const auto before = snapshot(ns);
  const std::size_t size_before = ns.size();
  aml_parse_tree<Hook> tree;
  auto loaded = load_table(ns, table.data(), table.size(), &tree);
  if (!loaded) {
    const aml_error& e = loaded.error();
    // What is missing (a table too short, an operand running past the
    // end) is reported where the missing bytes would start: at the end.
    KIN_FUZZ_CHECK(e.offset <= table.size(), "error offset %zu of a %zu-byte table: %s", e.offset, table.size(), e.message.c_str());
    KIN_FUZZ_CHECK(snapshot(ns) == before, "a refused table changed the namespace: %s", e.message.c_str());
    KIN_FUZZ_CHECK(tree.tables().empty(), "a refused table left a parse tree");
    return false;
  }
  KIN_FUZZ_CHECK(kin::verify<R>(ns.root()), "verify fails after a load");
  KIN_FUZZ_CHECK(loaded->nodes == ns.size() - size_before, "the table reports %zu nodes, the namespace grew by %zu",
                 loaded->nodes, ns.size() - size_before);
  for (node* n = ns.root(); n; n = kin::preorder_next<R>(n, ns.root())) {
    if (n->owner_id != loaded->owner_id) continue;
    const std::string path = pathname(n);
    node* found = lookup(ns.root(), path, search::local);
    KIN_FUZZ_CHECK(found == n || (found && found == n->target), "%s is not found by its pathname", path.c_str());
  }
  KIN_FUZZ_CHECK(tree.tables().size() == 1, "a loaded table has %zu parse trees", tree.tables().size());
  op* root = tree.tables().front();
  for (op* o = root; o; o = next_depth_first(root, o)) {
    KIN_FUZZ_CHECK(std::uint64_t{o->offset} + o->length <= table.size(), "an op spans bytes %u..%u of %zu",
                   o->offset, o->offset + o->length, table.size());
    KIN_FUZZ_CHECK(o->node == nullptr || o->node == ns.root() || kin::is_ancestor<R>(ns.root(), o->node),
                   "an op points to a node outside the namespace");
  }
  return true;
}

std::vector<unsigned char> firecracker_dsdt() {
  std::ifstream in(KIN_TEST_DATA_DIR "/acpi/dsdt-firecracker.aml", std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void check(const std::vector<unsigned char>& table) {
  acpi_namespace<kin::singly_hook<>> s;
  acpi_namespace<kin::list_hook<>> l;
  acpi_namespace<kin::compact_hook<>> c;
  const bool ok = load_and_check(s, table);
  KIN_FUZZ_CHECK(load_and_check(l, table) == ok && load_and_check(c, table) == ok, "the layouts disagree on loading");
  if (ok) KIN_FUZZ_CHECK(paths(s) == paths(l) && paths(l) == paths(c), "the layouts built other namespaces");
  // On top of a real DSDT: the same, with something to leave unchanged.
  static const std::vector<unsigned char> dsdt = firecracker_dsdt();
  KIN_FUZZ_CHECK(!dsdt.empty(), "cannot read " KIN_TEST_DATA_DIR "/acpi/dsdt-firecracker.aml");
  acpi_namespace<kin::list_hook<>> base;
  KIN_FUZZ_CHECK(load_and_check(base, dsdt), "the Firecracker DSDT does not load");
  load_and_check(base, table);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<unsigned char> table(data, data + size);
  check(table);
  if (size >= 36) { // the header: length at 4..7 (little-endian), checksum at 9
    std::vector<unsigned char> fixed = table;
    const auto length = static_cast<std::uint32_t>(size);
    for (int i = 0; i < 4; ++i) fixed[4 + static_cast<std::size_t>(i)] = static_cast<unsigned char>(length >> (8 * i));
    fixed[9] = 0;
    unsigned sum = 0;
    for (unsigned char b : fixed) sum += b;
    fixed[9] = static_cast<unsigned char>(0x100 - (sum & 0xff));
    if (fixed != table) check(fixed);
  }
  return 0;
}
