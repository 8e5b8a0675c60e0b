// SPDX-License-Identifier: BSL-1.0
// The AML loader against acpiexec: the real Firecracker DSDT and the
// committed test tables (tests/data/acpi, see its README.md) must give the
// namespace acpiexec dumped (paths, order, types, owners, method argument
// counts, duplicate warnings); header errors with their offsets; checksum
// and trailing-byte warnings.
#include "acpi_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace aml_load_test {

using namespace acpi_support;
using kin::acpi::object_type;

template <class Hook>
class AmlLoad : public ::testing::Test {};
TYPED_TEST_SUITE(AmlLoad, all_hooks, hook_names);

// The expected namespaces: NAME.paths / NAME.ns.txt and the tables that
// acpiexec loaded, in order (README.md, "Tables, node counts, owner ids").
struct table_set {
  const char* stem;
  std::vector<const char*> tables;
};
const std::vector<table_set> kSets = {
    {"dsdt-firecracker", {"dsdt-firecracker.aml"}},
    {"objects", {"objects.aml"}},
    {"paths", {"paths.aml"}},
    {"exec", {"exec.aml"}},
    {"multi-dsdt", {"multi-dsdt.aml"}},
    {"multi", {"multi-dsdt.aml", "multi-ssdt1.aml", "multi-ssdt2.aml"}},
    {"dup", {"dup.aml"}},
    {"dup-ssdt", {"dup.aml", "dup-ssdt.aml"}},
    {"retype", {"retype.aml"}},
    {"missing", {"missing.aml"}},
};

// A segment padded to four characters, a path's segments each padded
// (acpiexec's messages print `\_SB.SBD0`; pathname() prints `\_SB_.SBD0`).
std::string padded_path(const std::string& p) {
  std::string out;
  std::size_t i = 0;
  if (!p.empty() && p[0] == '\\') {
    out = "\\";
    i = 1;
  }
  while (i <= p.size()) {
    std::size_t dot = p.find('.', i);
    if (dot == std::string::npos) dot = p.size();
    std::string s = p.substr(i, dot - i);
    s.resize(4, '_');
    if (out.size() > 1) out += '.';
    out += s;
    i = dot + 1;
  }
  return out;
}

// The text between `open` and the next ']' in `l`, or "".
std::string bracketed(const std::string& l, const std::string& open) {
  const auto at = l.find(open);
  if (at == std::string::npos) return {};
  const auto from = at + open.size();
  return l.substr(from, l.find(']', from) - from);
}

// The warnings acpiexec printed, in order, in short: "exists PATH" for a
// refused duplicate, "retype NAME" for a Scope target that became
// Untyped, "missing PATH" for a Scope target or declaration scope that
// does not exist, "noscope NAME" for a Scope target that cannot hold names.
std::vector<std::string> dump_warnings(const std::string& stem) {
  std::vector<std::string> out;
  for (const std::string& l : lines_of(read_text(stem + ".ns.txt"))) {
    if (l.find("AE_ALREADY_EXISTS") != std::string::npos && l.find("Failure creating named object [") != std::string::npos) {
      out.push_back("exists " + padded_path(bracketed(l, "Failure creating named object [")));
    } else if (l.find("Type override - [") != std::string::npos) {
      out.push_back("retype " + bracketed(l, "Type override - ["));
    } else if (l.find("AE_NOT_FOUND") != std::string::npos && l.find("Could not resolve symbol [") != std::string::npos) {
      out.push_back("missing " + padded_path(bracketed(l, "Could not resolve symbol [")));
    } else if (l.find("for target of Scope operator [") != std::string::npos) {
      out.push_back("noscope " + bracketed(l, "for target of Scope operator ["));
    }
  }
  return out;
}

// The word after `lead` at the start of `m`.
std::string word_after(const std::string& m, const std::string& lead) {
  return m.substr(lead.size(), m.find(' ', lead.size()) - lead.size());
}
std::string last_segment(const std::string& path) {
  const auto dot = path.rfind('.');
  return path.substr(dot == std::string::npos ? path.find_first_not_of("\\^") : dot + 1);
}

// kin's warnings in the same short form. An Alias source created Untyped
// is "alias PATH" (acpiexec creates it without a word): `with_alias`
// keeps those.
std::vector<std::string> kin_warnings(const std::vector<kin::acpi::aml_warning>& ws, bool with_alias = false) {
  std::vector<std::string> out;
  const std::string target = "the Scope target ", scope = "the scope of ", source = "the Alias source ";
  for (const auto& w : ws) {
    const std::string& m = w.message;
    if (m.find("already exists") != std::string::npos) {
      out.push_back("exists " + m.substr(0, m.find(' ')));
    } else if (m.rfind(target, 0) == 0 && m.find("becomes Untyped") != std::string::npos) {
      out.push_back("retype " + last_segment(word_after(m, target)));
    } else if (m.rfind(target, 0) == 0 && m.find("cannot hold names") != std::string::npos) {
      out.push_back("noscope " + last_segment(word_after(m, target)));
    } else if (m.rfind(target, 0) == 0 && m.find("does not exist") != std::string::npos) {
      out.push_back("missing " + padded_path(word_after(m, target)));
    } else if (m.rfind(scope, 0) == 0 && m.find("does not exist") != std::string::npos) {
      out.push_back("missing " + padded_path(word_after(m, scope)));
    } else if (m.rfind(source, 0) == 0 && m.find("does not exist") != std::string::npos) {
      if (with_alias) out.push_back("alias " + padded_path(word_after(m, source)));
    } else {
      out.push_back("other: " + m);
    }
  }
  return out;
}

// The dump's owner ids as the table's position in its set: ACPICA hands
// owner ids to method runs too (README.md: dup.aml's table-level call makes
// dup-ssdt.aml owner 003), kin numbers tables 1, 2, ...
std::map<int, int> owner_ranks(const std::vector<dump_node>& d) {
  std::set<int> owners;
  for (const auto& n : d) owners.insert(n.owner);
  std::map<int, int> rank;
  int r = 0;
  for (int o : owners) rank[o] = o == 0 ? 0 : ++r;
  return rank;
}

TEST(AmlData, EveryExpectedFileHasItsTables) {
  std::set<std::string> covered;
  for (const auto& s : kSets) {
    covered.insert(s.stem);
    EXPECT_TRUE(data_exists(std::string(s.stem) + ".ns.txt")) << s.stem;
    for (const char* t : s.tables) EXPECT_TRUE(data_exists(t)) << t;
  }
  std::size_t seen = 0;
  for (const auto& e : std::filesystem::directory_iterator(data_path(""))) {
    if (e.path().extension() != ".paths") continue;
    ++seen;
    EXPECT_TRUE(covered.count(e.path().stem().string())) << e.path() << " has no table set in this test";
    // The .paths file is the awk rule applied to the dump: the same lines.
    EXPECT_EQ(read_paths(e.path().filename().string()), dump_lines(read_dump(e.path().stem().string() + ".ns.txt")))
        << e.path();
  }
  EXPECT_GE(seen, kSets.size());
}

// ---------------------------------------------------------------------------
// The Firecracker DSDT

TYPED_TEST(AmlLoad, FirecrackerDsdtMatchesAcpiexec) {
  kin::acpi::acpi_namespace<TypeParam> ns;
  const auto dsdt = read_bytes("dsdt-firecracker.aml");
  ASSERT_EQ(dsdt.size(), 3923u);
  auto loaded = kin::acpi::load_table(ns, dsdt.data(), dsdt.size());
  ASSERT_TRUE(loaded) << loaded.error().message << " at " << loaded.error().offset;
  const auto& info = *loaded;
  EXPECT_EQ(std::string(info.signature.data(), 4), "DSDT");
  EXPECT_EQ(info.length, 3923u);
  EXPECT_EQ(info.revision, 2u);
  EXPECT_TRUE(info.checksum_ok);
  EXPECT_EQ(std::string(info.oem_id.data(), 6), "FIRECK");
  EXPECT_EQ(std::string(info.oem_table_id.data(), 8), "FCVMDSDT");
  EXPECT_EQ(info.owner_id, 1u);
  EXPECT_EQ(info.nodes, 166u); // "Table [DSDT: FCVMDSDT] (id 01) - 166 Objects"
  EXPECT_TRUE(info.warnings.empty());
  EXPECT_EQ(ns.size(), 175u + 1u);

  const auto want = expected_paths("dsdt-firecracker");
  ASSERT_EQ(want.size(), 175u);
  EXPECT_EQ(path_lines(ns), want);
  EXPECT_TRUE(verified(ns.root()));

  // Owners: 0 for the nine predefined objects, 1 for the table's.
  std::size_t zero = 0, one = 0;
  for (auto* n : nodes_below(ns.root())) {
    (n->owner_id == 0 ? zero : one) += 1;
    EXPECT_TRUE(n->owner_id <= 1) << kin::acpi::pathname(n);
  }
  EXPECT_EQ(zero, 9u);
  EXPECT_EQ(one, 166u);

  // Every Method's argument count is the dump's "Args N".
  const auto dump = read_dump("dsdt-firecracker.ns.txt");
  ASSERT_EQ(dump.size(), 175u);
  std::size_t methods = 0;
  for (const auto& d : dump) {
    auto* n = kin::acpi::lookup(ns.root(), d.path, kin::acpi::search::local);
    ASSERT_NE(n, nullptr) << d.path;
    EXPECT_EQ(n->owner_id, d.owner) << d.path;
    if (d.type == "Method") {
      ++methods;
      ASSERT_GE(d.args, 0) << d.path;
      EXPECT_EQ(n->method_args, d.args) << d.path;
    }
  }
  EXPECT_EQ(methods, 40u); // 39 of the table, \_OSI
}

// ---------------------------------------------------------------------------
// Every committed table set

TYPED_TEST(AmlLoad, EveryTableSetMatchesAcpiexec) {
  for (const auto& set : kSets) {
    SCOPED_TRACE(set.stem);
    if (!data_exists(std::string(set.stem) + ".ns.txt")) {
      ADD_FAILURE() << set.stem << ".ns.txt is missing";
      continue;
    }
    kin::acpi::acpi_namespace<TypeParam> ns;
    std::vector<kin::acpi::aml_warning> warnings;
    std::size_t created = 0;
    std::uint16_t owner = 0;
    for (const char* t : set.tables) {
      const auto b = read_bytes(t);
      auto loaded = kin::acpi::load_table(ns, b.data(), b.size());
      ASSERT_TRUE(loaded) << t << ": " << loaded.error().message << " at " << loaded.error().offset;
      EXPECT_EQ(loaded->owner_id, ++owner) << t;
      EXPECT_EQ(loaded->length, b.size()) << t;
      EXPECT_TRUE(loaded->checksum_ok) << t;
      created += loaded->nodes;
      warnings.insert(warnings.end(), loaded->warnings.begin(), loaded->warnings.end());
      EXPECT_TRUE(verified(ns.root())) << t;
    }
    EXPECT_EQ(path_lines(ns), expected_paths(set.stem));
    EXPECT_EQ(ns.size(), 10u + created);
    EXPECT_EQ(kin_warnings(warnings), dump_warnings(set.stem));
    // Owners (as table positions) and method argument counts.
    const auto dump = read_dump(std::string(set.stem) + ".ns.txt");
    const auto rank = owner_ranks(dump);
    const auto nodes = nodes_below(ns.root());
    ASSERT_EQ(nodes.size(), dump.size());
    for (std::size_t i = 0; i < dump.size(); ++i) {
      EXPECT_EQ(nodes[i]->owner_id, rank.at(dump[i].owner)) << dump[i].path;
      if (dump[i].type == "Method") {
        EXPECT_EQ(nodes[i]->method_args, dump[i].args) << dump[i].path;
      }
    }
  }
}

TYPED_TEST(AmlLoad, MultiTableSetGetsOwnerIdsInLoadOrder) {
  kin::acpi::acpi_namespace<TypeParam> ns;
  std::uint16_t id = 0;
  for (const char* t : {"multi-dsdt.aml", "multi-ssdt1.aml", "multi-ssdt2.aml"}) {
    const auto b = read_bytes(t);
    const auto info = load_ok(ns, b);
    EXPECT_EQ(info.owner_id, ++id);
    // The nodes of this owner: exactly the ones it created.
    std::size_t mine = 0;
    for (auto* n : nodes_below(ns.root())) mine += n->owner_id == info.owner_id;
    EXPECT_EQ(mine, info.nodes) << t;
  }
  EXPECT_EQ(std::string(load_ok(ns, make_table({}, "SSDT")).signature.data(), 4), "SSDT");
  EXPECT_EQ(path_lines(ns), expected_paths("multi"));
  // The SSDTs' additions to existing devices come after their children.
  auto* pci0 = kin::acpi::lookup(ns.root(), "\\_SB.PCI0");
  ASSERT_NE(pci0, nullptr);
  EXPECT_EQ(pci0->owner_id, 1u);
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\_SB.PCI0.NEW1")->owner_id, 2u);
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\S2RT")->owner_id, 3u);
}

// ---------------------------------------------------------------------------
// Duplicates, retyped Scope targets, missing names

TYPED_TEST(AmlLoad, DuplicatesWarnAndKeepTheFirstObject) {
  kin::acpi::acpi_namespace<TypeParam> ns;
  const auto dup = read_bytes("dup.aml");
  const auto info = load_ok(ns, dup);
  EXPECT_EQ(path_lines(ns), expected_paths("dup"));
  ASSERT_EQ(info.warnings.size(), 8u);
  std::size_t last = 0;
  for (const auto& w : info.warnings) {
    EXPECT_NE(w.message.find("already exists"), std::string::npos) << w.message;
    EXPECT_GE(w.offset, 36u);
    EXPECT_LT(w.offset, dup.size());
    EXPECT_GT(w.offset, last) << "warnings in table order";
    last = w.offset;
  }
  EXPECT_EQ(kin_warnings(info.warnings),
            (std::vector<std::string>{"exists \\DUP0", "exists \\DDV0", "exists \\DMT0", "exists \\_SB_.SBD0",
                                      "exists \\_SB_.SBD1", "exists \\REG0", "exists \\MUT0", "exists \\MUT0"}));
  // The first object's type and arguments are kept.
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\DUP0")->type, object_type::integer);
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\DMT0")->method_args, 0u);
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\_SB.SBD1")->type, object_type::device);
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\MUT0")->type, object_type::mutex);
  // The refused bodies are not loaded.
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\DDV0.IN1"), nullptr);
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\DDV0.SUB0"), nullptr);
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\_SB.SBD1.INP0"), nullptr);
  // The duplicates' messages are at the duplicate's opcode.
  EXPECT_EQ(dup[info.warnings[1].offset], 0x5B);
  EXPECT_EQ(dup[info.warnings[1].offset + 1], 0x82);
  // An SSDT on top: five more.
  const auto ssdt = load_ok(ns, read_bytes("dup-ssdt.aml"));
  EXPECT_EQ(ssdt.owner_id, 2u);
  EXPECT_EQ(kin_warnings(ssdt.warnings),
            (std::vector<std::string>{"exists \\DUP0", "exists \\_SB_.SBD1", "exists \\DDV0.IN0_", "exists \\DMT0",
                                      "exists \\AFT2"}));
  EXPECT_EQ(path_lines(ns), expected_paths("dup-ssdt"));
  EXPECT_TRUE(verified(ns.root()));
}

TYPED_TEST(AmlLoad, ScopeOnDataObjectsRetypesThem) {
  kin::acpi::acpi_namespace<TypeParam> ns;
  const auto info = load_ok(ns, read_bytes("retype.aml"));
  EXPECT_EQ(path_lines(ns), expected_paths("retype"));
  EXPECT_EQ(kin_warnings(info.warnings), (std::vector<std::string>{"retype INT0", "retype STR0", "retype BUF0"}));
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\INT0")->type, object_type::untyped);
  EXPECT_NE(kin::acpi::lookup(ns.root(), "\\INT0.CHI1"), nullptr);
}

// missing.aml: acpiexec reports a missing Scope target or declaration
// scope and carries on without the Scope or declaration (body included);
// a missing Alias source is created, Untyped, after the alias; a Scope on a
// Mutex is skipped. kin warns for each, at the name.
TYPED_TEST(AmlLoad, MissingNamesAreWarnings) {
  kin::acpi::acpi_namespace<TypeParam> ns;
  const auto b = read_bytes("missing.aml");
  const auto info = load_ok(ns, b);
  EXPECT_EQ(path_lines(ns), expected_paths("missing"));
  EXPECT_EQ(kin_warnings(info.warnings, true),
            (std::vector<std::string>{"missing \\NOPE", "missing \\NOPE.YYY0", "alias \\NALI", "alias NAL2",
                                      "alias \\NOPE.ZZZ0", "noscope MTX0"}));
  // Each at its NameString.
  auto name_at = [&](std::initializer_list<unsigned char> pattern, std::size_t skip) {
    const auto at = std::search(b.begin(), b.end(), pattern.begin(), pattern.end());
    EXPECT_NE(at, b.end());
    return static_cast<std::size_t>(at - b.begin()) + skip;
  };
  ASSERT_EQ(info.warnings.size(), 6u);
  EXPECT_EQ(info.warnings[0].offset, name_at({0x10, 0x0C, 0x5C, 'N', 'O', 'P', 'E'}, 2));
  EXPECT_EQ(info.warnings[1].offset, name_at({0x08, 0x5C, 0x2E, 'N', 'O', 'P', 'E', 'Y'}, 1));
  EXPECT_EQ(info.warnings[2].offset, name_at({0x06, 0x5C, 'N', 'A', 'L', 'I'}, 1));
  for (const auto& w : info.warnings) {
    EXPECT_GE(w.offset, 36u);
    EXPECT_LT(w.offset, b.size());
  }
  // The aliases point to the Untyped sources.
  auto* nali = kin::acpi::lookup(ns.root(), "\\NALI");
  ASSERT_NE(nali, nullptr);
  EXPECT_EQ(nali->type, kin::acpi::object_type::untyped);
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\ALI0")->target, nali);
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\DEV0.ALI3")->target, kin::acpi::lookup(ns.root(), "\\NOPE.ZZZ0"));
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\NOPE.XXX0"), nullptr); // the skipped Scope's body
  EXPECT_TRUE(verified(ns.root()));
}

// Synthesised: each missing name with its warning and offset; an Alias in
// a declaration's scope path; the retypes of a refused table are undone.
TYPED_TEST(AmlLoad, MissingNamesAliasScopesAndUndoneRetypes) {
  const bytes name_int0 = cat({{0x08}, seg("INT0"), {0x01}});
  const bytes name_x = cat({{0x08}, seg("XXXX"), {0x01}});
  // Loads `body`; one warning at `offset` containing `what`; the paths.
  auto warns_at = [](const bytes& body, std::size_t offset, const char* what, const std::vector<std::string>& added) {
    kin::acpi::acpi_namespace<TypeParam> ns;
    const auto t = make_table(body);
    auto r = kin::acpi::load_table(ns, t.data(), t.size());
    ASSERT_TRUE(r) << what << ": " << r.error().message;
    ASSERT_EQ(r->warnings.size(), 1u) << what;
    EXPECT_EQ(r->warnings[0].offset, offset) << what << ": " << r->warnings[0].message;
    EXPECT_NE(r->warnings[0].message.find(what), std::string::npos) << r->warnings[0].message;
    std::vector<std::string> want = path_lines(kin::acpi::acpi_namespace<TypeParam>().root());
    want.insert(want.end(), added.begin(), added.end());
    EXPECT_EQ(path_lines(ns), want) << what;
    EXPECT_EQ(ns.size(), 10u + r->nodes);
    EXPECT_TRUE(verified(ns.root()));
  };
  // Name (\NOPE.XXXX, 1): the declaration's scope.
  warns_at(cat({name_int0, {0x08, 0x5C, 0x2E}, seg("NOPE"), seg("XXXX"), {0x01}}), 36 + 6 + 1, "does not exist",
           {"\\INT0\tInteger"});
  // Scope (NOPE) { Name (XXXX, 1) }: the target; the body is skipped.
  warns_at(cat({name_int0, packaged({0x10}, cat({seg("NOPE"), name_x})), name_x}), 36 + 6 + 2, "does not exist",
           {"\\INT0\tInteger", "\\XXXX\tInteger"});
  // Alias (NOPE, ALI0): NOPE is created, Untyped, after the alias.
  warns_at(cat({name_int0, {0x06}, seg("NOPE"), seg("ALI0")}), 36 + 6 + 1, "does not exist",
           {"\\INT0\tInteger", "\\ALI0\tAlias", "\\NOPE\tUntyped"});
  // Scope (MUT0) { Name (XXXX, 1) } on a Mutex: cannot hold names, skipped.
  warns_at(cat({{0x5B, 0x01}, seg("MUT0"), {0x00}, packaged({0x10}, cat({seg("MUT0"), name_x}))}), 36 + 7 + 2,
           "cannot hold names", {"\\MUT0\tMutex"});
  // Scope (MTH0) { Name (XXXX, 1) } on a Method (it opens a scope, but its
  // names live while it runs): skipped too.
  warns_at(cat({packaged({0x14}, cat({seg("MTH0"), {0x00}})), packaged({0x10}, cat({seg("MTH0"), name_x}))}),
           36 + 7 + 2, "cannot hold names", {"\\MTH0\tMethod"});
  {
    // Alias (\_SB, SBAL); Name (SBAL.XXXX, 1); Device (\SBAL.DEV0) {}:
    // an Alias before the declared segment continues at its target.
    kin::acpi::acpi_namespace<TypeParam> ns;
    const auto info = load_ok(ns, make_table(cat({{0x06, 0x5C}, seg("_SB_"), seg("SBAL"), {0x08, 0x2E}, seg("SBAL"),
                                                  seg("XXXX"), {0x01},
                                                  packaged({0x5B, 0x82}, cat({{0x5C, 0x2E}, seg("SBAL"), seg("DEV0")}))})));
    EXPECT_TRUE(info.warnings.empty());
    EXPECT_EQ(info.nodes, 3u);
    EXPECT_NE(kin::acpi::lookup(ns.root(), "\\_SB.XXXX"), nullptr);
    EXPECT_NE(kin::acpi::lookup(ns.root(), "\\_SB.DEV0"), nullptr);
    EXPECT_EQ(kin::first_child<typename kin::acpi::namespace_node<TypeParam>::traits>(
                  kin::acpi::lookup(ns.root(), "\\SBAL")),
              nullptr);
  }

  kin::acpi::acpi_namespace<TypeParam> ns;
  load_ok(ns, make_table(name_int0));
  const auto before = owner_lines(ns);
  // Scope (INT0) { Name (XXXX, 1) } then an unknown opcode: refused,
  // INT0 is an Integer again and XXXX is gone.
  const auto bad = make_table(cat({packaged({0x10}, cat({seg("INT0"), name_x})), {0x02}}));
  auto r = kin::acpi::load_table(ns, bad.data(), bad.size());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().offset, bad.size() - 1);
  EXPECT_NE(r.error().message.find("unknown opcode"), std::string::npos) << r.error().message;
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\INT0")->type, object_type::integer);
  EXPECT_EQ(owner_lines(ns), before);
  // Alias (NOPE, ALI0) then the bad byte: the created source goes too.
  const auto bad2 = make_table(cat({{0x06}, seg("NOPE"), seg("ALI0"), {0x02}}));
  EXPECT_FALSE(kin::acpi::load_table(ns, bad2.data(), bad2.size()));
  EXPECT_EQ(owner_lines(ns), before);
  // The same without the bad byte: retyped with a warning.
  const auto info = load_ok(ns, make_table(packaged({0x10}, cat({seg("INT0"), name_x}))));
  EXPECT_EQ(info.owner_id, 2u);
  ASSERT_EQ(info.warnings.size(), 1u);
  EXPECT_EQ(info.warnings[0].offset, 36u);
  EXPECT_NE(info.warnings[0].message.find("Untyped"), std::string::npos);
  EXPECT_EQ(kin::acpi::lookup(ns.root(), "\\INT0")->type, object_type::untyped);
  EXPECT_EQ(kin::acpi::pathname(kin::acpi::lookup(ns.root(), "\\INT0.XXXX")), "\\INT0.XXXX");
}

// ---------------------------------------------------------------------------
// Checksum, trailing bytes, header errors

TYPED_TEST(AmlLoad, BadChecksumLoadsWithOneWarning) {
  const auto good = read_bytes("dsdt-firecracker.aml");
  const auto want = expected_paths("dsdt-firecracker");
  for (std::size_t at : {std::size_t{9}, std::size_t{12}, good.size() - 1}) {
    auto b = good;
    b[at] = static_cast<unsigned char>(b[at] ^ (at == 9 ? 0x01 : 0x00));
    if (at != 9) b[9] = static_cast<unsigned char>(b[9] + 3); // the checksum byte itself, changed
    kin::acpi::acpi_namespace<TypeParam> ns;
    const auto info = load_ok(ns, b);
    EXPECT_FALSE(info.checksum_ok);
    ASSERT_EQ(info.warnings.size(), 1u);
    EXPECT_EQ(info.warnings[0].offset, 9u);
    EXPECT_NE(info.warnings[0].message.find("checksum"), std::string::npos) << info.warnings[0].message;
    EXPECT_EQ(path_lines(ns), want);
  }
}

TYPED_TEST(AmlLoad, TrailingBytesAreIgnoredWithAWarning) {
  auto b = read_bytes("dsdt-firecracker.aml");
  const std::size_t length = b.size();
  b.insert(b.end(), {0x5B, 0x82, 0xFF, 0xFF, 0x00}); // garbage, not read
  kin::acpi::acpi_namespace<TypeParam> ns;
  const auto info = load_ok(ns, b);
  EXPECT_EQ(info.length, length);
  EXPECT_TRUE(info.checksum_ok); // over the table's own bytes
  ASSERT_EQ(info.warnings.size(), 1u);
  EXPECT_EQ(info.warnings[0].offset, length);
  EXPECT_NE(info.warnings[0].message.find("5 bytes after"), std::string::npos) << info.warnings[0].message;
  EXPECT_EQ(path_lines(ns), expected_paths("dsdt-firecracker"));
  // Both warnings, checksum first.
  b[9] = static_cast<unsigned char>(b[9] + 1);
  kin::acpi::acpi_namespace<TypeParam> ns2;
  const auto two = load_ok(ns2, b);
  ASSERT_EQ(two.warnings.size(), 2u);
  EXPECT_EQ(two.warnings[0].offset, 9u);
  EXPECT_EQ(two.warnings[1].offset, length);
}

TYPED_TEST(AmlLoad, HeaderErrorsHaveTheirOffsets) {
  const auto good = read_bytes("dsdt-firecracker.aml");
  kin::acpi::acpi_namespace<TypeParam> ns;
  auto error = [&](const bytes& b, std::size_t size) {
    auto r = kin::acpi::load_table(ns, size ? b.data() : nullptr, size);
    EXPECT_FALSE(r);
    return r ? kin::acpi::aml_error{} : r.error();
  };
  // Shorter than the header: the offset is the size.
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{35}}) {
    const auto e = error(good, size);
    EXPECT_EQ(e.offset, size);
    EXPECT_NE(e.message.find("shorter than an ACPI table header"), std::string::npos) << e.message;
  }
  {
    auto r = kin::acpi::load_table(ns, static_cast<const unsigned char*>(nullptr), 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().offset, 0u);
  }
  // Bad signatures.
  for (const char* sig : {"FACP", "dsdt", "DSD\x01", "XSDT"}) {
    auto b = good;
    std::copy(sig, sig + 4, b.begin());
    const auto e = error(b, b.size());
    EXPECT_EQ(e.offset, 0u) << sig;
    EXPECT_NE(e.message.find("signature"), std::string::npos) << e.message;
  }
  // The header's length: below 36, past the bytes given.
  for (std::uint32_t len : {0u, 35u}) {
    auto b = good;
    put_le32(b.data() + 4, len);
    const auto e = error(b, b.size());
    EXPECT_EQ(e.offset, 4u);
    EXPECT_NE(e.message.find("shorter than the 36-byte header"), std::string::npos) << e.message;
  }
  {
    const auto e = error(good, good.size() - 1);
    EXPECT_EQ(e.offset, 4u);
    EXPECT_NE(e.message.find("past the end"), std::string::npos) << e.message;
    auto b = good;
    put_le32(b.data() + 4, 0xFFFFFFFFu);
    EXPECT_EQ(error(b, b.size()).offset, 4u);
  }
  // Nothing changed and no owner id spent.
  EXPECT_EQ(ns.size(), 10u);
  EXPECT_EQ(load_ok(ns, good).owner_id, 1u);
  // SSDT and PSDT signatures load; a table of just a header is empty.
  for (const char* sig : {"SSDT", "PSDT"}) {
    const auto info = load_ok(ns, make_table({}, sig));
    EXPECT_EQ(std::string(info.signature.data(), 4), sig);
    EXPECT_EQ(info.nodes, 0u);
    EXPECT_TRUE(info.warnings.empty());
  }
  EXPECT_EQ(ns.size(), 176u);
}

// Checked hooks: every node a failed load creates is unlinked before it is
// freed, and so is every node at the namespace's end (aborts otherwise).
TEST(AmlLoadChecked, CheckedHooksSurviveLoadsAndRollbacks) {
  using hook = kin::checked_hook<kin::list_hook<>>;
  kin::acpi::acpi_namespace<hook> ns;
  kin::acpi::aml_parse_tree<hook> tree;
  for (const char* t : {"multi-dsdt.aml", "multi-ssdt1.aml"}) load_ok(ns, read_bytes(t), &tree);
  auto bad = read_bytes("multi-ssdt2.aml");
  bad.resize(bad.size() - 3);
  put_le32(bad.data() + 4, static_cast<std::uint32_t>(bad.size()));
  EXPECT_FALSE(kin::acpi::load_table(ns, bad.data(), bad.size(), &tree));
  EXPECT_EQ(tree.tables().size(), 2u);
  load_ok(ns, read_bytes("multi-ssdt2.aml"), &tree);
  EXPECT_EQ(path_lines(ns), expected_paths("multi"));
  EXPECT_TRUE(verified(ns.root()));
}

} // namespace aml_load_test
