// SPDX-License-Identifier: BSL-1.0
// The ACPI namespace by hand: the predefined root, install order, ACPICA's
// declaration rule, lookups (`\`, `^`, multi-segment paths, the upward
// search, aliases), the next-node steps, walk_namespace against a
// recursive model, pathnames, kin's reverse walks over a loaded namespace
// and kin::verify after loads and rollbacks. Expectations come from kin's
// reference notes (devicetree-and-acpi.md, section 4).
#include "acpi_support.hpp"

#include <kin/allocating.hpp>
#include <kin/reverse.hpp>
#include <kin/walkers.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <vector>

namespace acpi_namespace_test {

using namespace acpi_support;
using kin::acpi::object_type;
using kin::acpi::search;
using kin::acpi::status;

template <class Hook>
class AcpiNamespace : public ::testing::Test {};
TYPED_TEST_SUITE(AcpiNamespace, all_hooks, hook_names);

// A hand-built namespace (owner 1):
//   \_PR_.CPU0 (Processor) . DEVX (Device)
//   \_SB_.PCI0 (Device): _HID, LPCB (Device: EC0_ (Device: _HID ECN_ PKG_), _ADR),
//                        GFX0 (Device: _ADR), MTH0 (Method, 2 args)
//   \_SB_.ALI0 (Alias of PCI0), \_SB_.MAL0 (MethodAlias of MTH0), \RNM0
template <class Hook>
struct sample {
  using node = kin::acpi::namespace_node<Hook>;
  kin::acpi::acpi_namespace<Hook> ns;
  node *root, *sb, *pci0, *hid0, *lpcb, *ec0, *ec_hid, *ecn, *pkg, *lpcb_adr, *gfx0, *gfx_adr, *mth0, *ali0, *mal0,
      *cpu0, *devx, *rnm0;

  node* must(node* scope, const char* path, object_type t) {
    status why = status::error;
    node* n = ns.declare(scope, path, t, 1, &why);
    EXPECT_NE(n, nullptr) << path << ": " << kin::acpi::status_name(why);
    EXPECT_EQ(why, status::ok) << path;
    return n;
  }

  sample() {
    root = ns.root();
    sb = kin::acpi::lookup(root, "\\_SB");
    pci0 = must(root, "\\_SB.PCI0", object_type::device);
    hid0 = must(pci0, "_HID", object_type::integer);
    lpcb = must(pci0, "LPCB", object_type::device);
    ec0 = must(lpcb, "EC0", object_type::device);
    ec_hid = must(ec0, "_HID", object_type::integer);
    ecn = must(ec0, "ECN", object_type::integer);
    pkg = must(ec0, "PKG", object_type::package);
    lpcb_adr = must(lpcb, "_ADR", object_type::integer);
    gfx0 = must(pci0, "GFX0", object_type::device);
    gfx_adr = must(gfx0, "_ADR", object_type::integer);
    mth0 = must(pci0, "MTH0", object_type::method);
    mth0->method_args = 2;
    ali0 = must(sb, "ALI0", object_type::alias);
    ali0->target = pci0;
    mal0 = must(sb, "MAL0", object_type::method_alias);
    mal0->target = mth0;
    cpu0 = must(root, "\\_PR.CPU0", object_type::processor);
    devx = must(cpu0, "DEVX", object_type::device);
    rnm0 = must(root, "RNM0", object_type::integer);
  }
};

const std::vector<std::string> kPredefined = {
    "\\_GPE\tScope", "\\_PR_\tScope", "\\_SB_\tDevice", "\\_SI_\tScope",  "\\_TZ_\tDevice",
    "\\_REV\tInteger", "\\_OS_\tString", "\\_GL_\tMutex", "\\_OSI\tMethod",
};

const std::vector<std::string> kSample = {
    "\\_GPE\tScope",
    "\\_PR_\tScope",
    "\\_PR_.CPU0\tProcessor",
    "\\_PR_.CPU0.DEVX\tDevice",
    "\\_SB_\tDevice",
    "\\_SB_.PCI0\tDevice",
    "\\_SB_.PCI0._HID\tInteger",
    "\\_SB_.PCI0.LPCB\tDevice",
    "\\_SB_.PCI0.LPCB.EC0_\tDevice",
    "\\_SB_.PCI0.LPCB.EC0_._HID\tInteger",
    "\\_SB_.PCI0.LPCB.EC0_.ECN_\tInteger",
    "\\_SB_.PCI0.LPCB.EC0_.PKG_\tPackage",
    "\\_SB_.PCI0.LPCB._ADR\tInteger",
    "\\_SB_.PCI0.GFX0\tDevice",
    "\\_SB_.PCI0.GFX0._ADR\tInteger",
    "\\_SB_.PCI0.MTH0\tMethod",
    "\\_SB_.ALI0\tAlias",
    "\\_SB_.MAL0\tMethodAlias",
    "\\_SI_\tScope",
    "\\_TZ_\tDevice",
    "\\_REV\tInteger",
    "\\_OS_\tString",
    "\\_GL_\tMutex",
    "\\_OSI\tMethod",
    "\\RNM0\tInteger",
};

// ---------------------------------------------------------------------------
// The predefined root, install order, owner ids

TYPED_TEST(AcpiNamespace, PredefinedObjectsInOrderWithOwnerZero) {
  kin::acpi::acpi_namespace<TypeParam> ns;
  EXPECT_EQ(ns.size(), 10u);
  auto* root = ns.root();
  EXPECT_EQ(kin::parent<typename decltype(ns)::traits>(root), nullptr);
  EXPECT_EQ(root->type, object_type::device);
  EXPECT_EQ(kin::acpi::pathname(root), "\\");
  EXPECT_EQ(path_lines(ns), kPredefined);
  const char* names[] = {"_GPE", "_PR_", "_SB_", "_SI_", "_TZ_", "_REV", "_OS_", "_GL_", "_OSI"};
  const object_type types[] = {object_type::scope,   object_type::scope,  object_type::device,
                               object_type::scope,   object_type::device, object_type::integer,
                               object_type::string,  object_type::mutex,  object_type::method};
  std::size_t i = 0;
  for (auto* n = kin::acpi::next_node(root, static_cast<decltype(root)>(nullptr)); n; n = kin::acpi::next_node(root, n), ++i) {
    ASSERT_LT(i, 9u);
    EXPECT_EQ(n->name.view(), names[i]);
    EXPECT_EQ(n->type, types[i]);
    EXPECT_EQ(n->owner_id, 0u);
    EXPECT_EQ(n->method_args, n->name.view() == "_OSI" ? 1u : 0u);
    EXPECT_EQ(kin::first_child<typename decltype(ns)::traits>(n), nullptr);
  }
  EXPECT_EQ(i, 9u);
  EXPECT_TRUE(verified(root));
}

TYPED_TEST(AcpiNamespace, ChildrenStayInInstallOrder) {
  sample<TypeParam> s;
  EXPECT_EQ(path_lines(s.ns), kSample);
  EXPECT_EQ(s.ns.size(), 10u + 16u);
  // A later "table" adds to existing scopes: after their children.
  EXPECT_NE(s.ns.declare(s.pci0, "ZZZ0", object_type::integer, 2), nullptr);
  EXPECT_NE(s.ns.declare(s.root, "AAA0", object_type::integer, 2), nullptr);
  EXPECT_NE(s.ns.declare(s.lpcb, "\\_SB.PCI0.LPCB.EC0.AAA1", object_type::integer, 2), nullptr);
  std::vector<std::string> want = kSample;
  want.insert(std::find(want.begin(), want.end(), "\\_SB_.PCI0.LPCB._ADR\tInteger"),
              "\\_SB_.PCI0.LPCB.EC0_.AAA1\tInteger");
  want.insert(std::find(want.begin(), want.end(), "\\_SB_.ALI0\tAlias"), "\\_SB_.PCI0.ZZZ0\tInteger");
  want.push_back("\\AAA0\tInteger");
  EXPECT_EQ(path_lines(s.ns), want);
  // create() appends without looking for the name (a second EC0_).
  auto* dup = s.ns.create(s.lpcb, kin::acpi::name_seg::from("EC0"), object_type::device, 3);
  EXPECT_EQ(kin::acpi::next_node(s.lpcb, s.lpcb_adr), dup);
  EXPECT_EQ(dup->owner_id, 3u);
  EXPECT_EQ(kin::acpi::find_child(s.lpcb, kin::acpi::name_seg::from("EC0_")), s.ec0); // the first one
  EXPECT_TRUE(verified(s.root));
}

TYPED_TEST(AcpiNamespace, InstallAndRemoveCallerNodes) {
  using node = kin::acpi::namespace_node<TypeParam>;
  sample<TypeParam> s;
  node mine;
  mine.name = kin::acpi::name_seg::from("MINE");
  kin::acpi::install_node(s.lpcb, &mine, object_type::mutex, 7);
  EXPECT_EQ(mine.type, object_type::mutex);
  EXPECT_EQ(mine.owner_id, 7u);
  EXPECT_EQ(kin::parent<typename node::traits>(&mine), s.lpcb);
  EXPECT_EQ(kin::acpi::next_node(s.lpcb, s.lpcb_adr), &mine);
  EXPECT_EQ(kin::acpi::next_node(s.lpcb, &mine), nullptr);
  EXPECT_EQ(kin::acpi::lookup(s.ec0, "MINE"), &mine);
  EXPECT_EQ(kin::acpi::pathname(&mine), "\\_SB_.PCI0.LPCB.MINE");
  EXPECT_TRUE(verified(s.root));
  kin::acpi::remove_node(&mine);
  EXPECT_EQ(kin::parent<typename node::traits>(&mine), nullptr);
  EXPECT_EQ(kin::acpi::next_node(s.lpcb, s.lpcb_adr), nullptr);
  EXPECT_EQ(kin::acpi::lookup(s.ec0, "MINE"), nullptr);
  // A middle child (the predecessor is found by scanning on singly).
  kin::acpi::remove_node(s.hid0);
  EXPECT_EQ(kin::acpi::next_node(s.pci0, static_cast<node*>(nullptr)), s.lpcb);
  kin::acpi::install_node(s.pci0, s.hid0, object_type::integer, 1); // back, now last
  EXPECT_EQ(kin::acpi::next_node(s.pci0, s.mth0), s.hid0);
  EXPECT_TRUE(verified(s.root));
}

TYPED_TEST(AcpiNamespace, OwnerIdsAreAllocatedAndGivenBack) {
  kin::acpi::acpi_namespace<TypeParam> ns;
  ns.release_owner_id(); // nothing to give back: stays at 1
  EXPECT_EQ(ns.allocate_owner_id(), 1u);
  EXPECT_EQ(ns.allocate_owner_id(), 2u);
  ns.release_owner_id();
  EXPECT_EQ(ns.allocate_owner_id(), 2u);
  EXPECT_EQ(ns.allocate_owner_id(), 3u);
  // A move takes the nodes (none moves) and the next owner id.
  auto* root = ns.root();
  kin::acpi::acpi_namespace<TypeParam> moved(std::move(ns));
  EXPECT_EQ(moved.root(), root);
  EXPECT_EQ(moved.size(), 10u);
  EXPECT_EQ(moved.allocate_owner_id(), 4u);
}

// ---------------------------------------------------------------------------
// Declarations

TYPED_TEST(AcpiNamespace, DeclareRules) {
  sample<TypeParam> s;
  auto& ns = s.ns;
  const std::size_t before = ns.size();
  status why = status::ok;

  // A missing scope: not_found, nothing created.
  EXPECT_EQ(ns.declare(s.root, "\\_SB.NOPE.X", object_type::integer, 1, &why), nullptr);
  EXPECT_EQ(why, status::not_found);
  EXPECT_EQ(ns.declare(s.ec0, "NOPE.X", object_type::integer, 1, &why), nullptr);
  EXPECT_EQ(why, status::not_found);
  // `^` above the root.
  EXPECT_EQ(ns.declare(s.ec0, "^^^^^X", object_type::integer, 1, &why), nullptr);
  EXPECT_EQ(why, status::not_found);
  // A relative multi-segment scope is not searched upward.
  EXPECT_EQ(ns.declare(s.ec0, "GFX0.X", object_type::integer, 1, &why), nullptr);
  EXPECT_EQ(why, status::not_found);
  EXPECT_EQ(ns.size(), before);

  // A duplicate: already_exists, nothing created, the old node untouched.
  EXPECT_EQ(ns.declare(s.sb, "PCI0", object_type::integer, 2, &why), nullptr);
  EXPECT_EQ(why, status::already_exists);
  EXPECT_EQ(ns.declare(s.root, "\\_SB_.PCI0", object_type::device, 2, &why), nullptr);
  EXPECT_EQ(why, status::already_exists);
  EXPECT_EQ(ns.declare(s.lpcb, "EC0_", object_type::device, 2, &why), nullptr); // padded the same
  EXPECT_EQ(why, status::already_exists);
  EXPECT_EQ(ns.declare(s.root, "_GL", object_type::integer, 2, &why), nullptr); // a predefined object
  EXPECT_EQ(why, status::already_exists);
  EXPECT_EQ(s.pci0->type, object_type::device);
  EXPECT_EQ(s.pci0->owner_id, 1u);
  EXPECT_EQ(ns.size(), before);

  // Bad paths: no segment, or not a path.
  for (const char* bad : {"", "\\", "^", "^^", "a", "A.", ".A", "A..B", "ABCDE", "1ABC", "\\^A", "^\\A", "A B", "A.B."}) {
    why = status::ok;
    EXPECT_EQ(ns.declare(s.ec0, bad, object_type::integer, 1, &why), nullptr) << bad;
    EXPECT_EQ(why, status::bad_pathname) << bad;
  }
  EXPECT_EQ(ns.size(), before);
  EXPECT_EQ(path_lines(ns), kSample);

  // `\`, `^`, `^^` and multi-segment declarations.
  auto* a = ns.declare(s.ec0, "\\ROOT", object_type::integer, 1, &why);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(why, status::ok);
  EXPECT_EQ(kin::acpi::pathname(a), "\\ROOT");
  auto* b = ns.declare(s.ec0, "^UP1", object_type::integer, 1);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(kin::acpi::pathname(b), "\\_SB_.PCI0.LPCB.UP1_");
  auto* c = ns.declare(s.ec0, "^^UP2", object_type::integer, 1);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(kin::acpi::pathname(c), "\\_SB_.PCI0.UP2_");
  auto* d = ns.declare(s.ec0, "^^^^TOP", object_type::integer, 1);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(kin::acpi::pathname(d), "\\TOP_");
  auto* e = ns.declare(s.root, "_SB.PCI0.LPCB.EC0.DEEP", object_type::string, 1);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(kin::acpi::pathname(e), "\\_SB_.PCI0.LPCB.EC0_.DEEP");
  EXPECT_EQ(e->type, object_type::string);
  auto* f = ns.declare(s.pci0, "LPCB.EC0.X", object_type::integer, 4);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(kin::acpi::pathname(f), "\\_SB_.PCI0.LPCB.EC0_.X___");
  EXPECT_EQ(f->owner_id, 4u);
  // No upward search for the declared name: GFX0 exists above EC0, a new
  // EC0.GFX0 is created all the same.
  auto* g = ns.declare(s.ec0, "GFX0", object_type::device, 1, &why);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(kin::acpi::pathname(g), "\\_SB_.PCI0.LPCB.EC0_.GFX0");
  // From a Name (not scope-opening): its scope, EC0.
  auto* h = ns.declare(s.ecn, "FRMN", object_type::integer, 1);
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(kin::acpi::pathname(h), "\\_SB_.PCI0.LPCB.EC0_.FRMN");
  // Through an alias in the middle: continues at its target.
  auto* i = ns.declare(s.root, "\\_SB.ALI0.VIAA", object_type::integer, 1);
  ASSERT_NE(i, nullptr);
  EXPECT_EQ(kin::acpi::pathname(i), "\\_SB_.PCI0.VIAA");
  EXPECT_EQ(ns.size(), before + 9);
  EXPECT_TRUE(verified(s.root));
}

// ---------------------------------------------------------------------------
// Lookup

TYPED_TEST(AcpiNamespace, LookupPrefixes) {
  sample<TypeParam> s;
  using kin::acpi::lookup;
  status why = status::error;
  EXPECT_EQ(lookup(s.ec0, "\\", search::upward, &why), s.root);
  EXPECT_EQ(why, status::ok);
  EXPECT_EQ(lookup(s.root, "\\"), s.root);
  EXPECT_EQ(lookup(s.ec0, "\\_SB.PCI0.LPCB"), s.lpcb);
  EXPECT_EQ(lookup(s.ec0, "\\_SB_.PCI0.LPCB.EC0_"), s.ec0);
  EXPECT_EQ(lookup(s.devx, "\\_SB"), s.sb);
  EXPECT_EQ(lookup(s.ec0, "\\_HID", search::upward, &why), nullptr); // absolute: no search
  EXPECT_EQ(why, status::not_found);
  EXPECT_EQ(lookup(s.ec0, "\\EC0"), nullptr);
  // `^`, `^^`: from the scope's ancestors; above the root: not found.
  EXPECT_EQ(lookup(s.ec0, "^"), s.lpcb);
  EXPECT_EQ(lookup(s.ec0, "^^"), s.pci0);
  EXPECT_EQ(lookup(s.ec0, "^^^"), s.sb);
  EXPECT_EQ(lookup(s.ec0, "^^^^"), s.root);
  EXPECT_EQ(lookup(s.ec0, "^^^^^", search::upward, &why), nullptr);
  EXPECT_EQ(why, status::not_found);
  EXPECT_EQ(lookup(s.root, "^"), nullptr);
  EXPECT_EQ(lookup(s.ec0, "^_ADR"), s.lpcb_adr);
  EXPECT_EQ(lookup(s.ec0, "^^GFX0._ADR"), s.gfx_adr);
  EXPECT_EQ(lookup(s.ec0, "^^^^_GL"), kin::acpi::lookup(s.root, "\\_GL_"));
  // `^` with one segment does not search upward.
  EXPECT_EQ(lookup(s.ec0, "^GFX0"), nullptr);
  EXPECT_EQ(lookup(s.ec0, "^_GL", search::upward, &why), nullptr);
  EXPECT_EQ(why, status::not_found);
}

TYPED_TEST(AcpiNamespace, LookupRelativeAndUpwardSearch) {
  sample<TypeParam> s;
  using kin::acpi::lookup;
  status why = status::error;
  // Relative multi-segment: from the scope, never upward.
  EXPECT_EQ(lookup(s.pci0, "LPCB.EC0"), s.ec0);
  EXPECT_EQ(lookup(s.sb, "PCI0.LPCB.EC0._HID"), s.ec_hid);
  EXPECT_EQ(lookup(s.ec0, "LPCB.EC0", search::upward, &why), nullptr);
  EXPECT_EQ(why, status::not_found);
  EXPECT_EQ(lookup(s.ec0, "GFX0._ADR"), nullptr);
  EXPECT_EQ(lookup(s.lpcb, "_SB.PCI0"), nullptr);
  // One segment: the scope's children first, then up to the root's.
  EXPECT_EQ(lookup(s.ec0, "_HID", search::upward, &why), s.ec_hid); // nearest wins
  EXPECT_EQ(why, status::ok);
  EXPECT_EQ(lookup(s.lpcb, "_HID"), s.hid0);
  EXPECT_EQ(lookup(s.ec0, "_ADR"), s.lpcb_adr);
  EXPECT_EQ(lookup(s.gfx0, "_ADR"), s.gfx_adr);
  EXPECT_EQ(lookup(s.ec0, "GFX0"), s.gfx0);
  EXPECT_EQ(lookup(s.ec0, "PCI0"), s.pci0);
  EXPECT_EQ(lookup(s.ec0, "_GL"), lookup(s.root, "\\_GL_"));
  EXPECT_EQ(lookup(s.ec0, "RNM0"), s.rnm0);
  EXPECT_EQ(lookup(s.ec0, "CPU0"), nullptr); // \_PR_.CPU0 is not on the way up
  EXPECT_EQ(lookup(s.ec0, "NONE", search::upward, &why), nullptr);
  EXPECT_EQ(why, status::not_found);
  // search::local: the scope's children only.
  EXPECT_EQ(lookup(s.ec0, "_HID", search::local), s.ec_hid);
  EXPECT_EQ(lookup(s.ec0, "_ADR", search::local, &why), nullptr);
  EXPECT_EQ(why, status::not_found);
  EXPECT_EQ(lookup(s.ec0, "_GL", search::local), nullptr);
  // A start node that opens no scope (a Name): its nearest scope-opening
  // ancestor is the scope.
  EXPECT_EQ(lookup(s.ecn, "PKG"), s.pkg);
  EXPECT_EQ(lookup(s.ecn, "_HID"), s.ec_hid);
  EXPECT_EQ(lookup(s.ecn, "_ADR"), s.lpcb_adr);
  EXPECT_EQ(lookup(s.ecn, "^"), s.lpcb);
  EXPECT_EQ(lookup(s.ecn, "ECN", search::local), s.ecn);
  EXPECT_EQ(lookup(s.lpcb_adr, "EC0._HID"), s.ec_hid);
  EXPECT_EQ(lookup(s.hid0, "^"), s.sb);
  // Short names are padded with `_`.
  EXPECT_EQ(lookup(s.lpcb, "EC0"), s.ec0);
  EXPECT_EQ(lookup(s.lpcb, "EC0_"), s.ec0);
  EXPECT_EQ(lookup(s.root, "\\_SB.PCI0.LPCB.EC0.ECN"), s.ecn);
  EXPECT_EQ(lookup(s.ec0, "ECN_"), s.ecn);
  EXPECT_EQ(lookup(s.ec0, "EC"), nullptr);
}

TYPED_TEST(AcpiNamespace, LookupThroughAliases) {
  sample<TypeParam> s;
  using kin::acpi::lookup;
  // An Alias before the last segment continues at its target.
  EXPECT_EQ(lookup(s.root, "\\_SB.ALI0.LPCB"), s.lpcb);
  EXPECT_EQ(lookup(s.root, "\\_SB.ALI0.LPCB.EC0._HID"), s.ec_hid);
  EXPECT_EQ(lookup(s.sb, "ALI0.GFX0"), s.gfx0);
  // A plain Alias at the end is itself.
  EXPECT_EQ(lookup(s.root, "\\_SB.ALI0"), s.ali0);
  EXPECT_EQ(lookup(s.ec0, "ALI0"), s.ali0);
  // A MethodAlias at the end resolves to the method (also found upward).
  EXPECT_EQ(lookup(s.root, "\\_SB.MAL0"), s.mth0);
  EXPECT_EQ(lookup(s.ec0, "MAL0"), s.mth0);
  EXPECT_EQ(lookup(s.sb, "MAL0", search::local), s.mth0);
  EXPECT_EQ(s.mth0->method_args, 2u);
}

TYPED_TEST(AcpiNamespace, LookupRejectsBadText) {
  sample<TypeParam> s;
  for (const char* bad : {"", "A.", "a", "ABCDE", "\\^A", ".A", "A..B", "1ABC", "^\\A", "\\\\", "A-B", "_SB.", "^^.A"}) {
    status why = status::ok;
    EXPECT_EQ(kin::acpi::lookup(s.ec0, bad, search::upward, &why), nullptr) << bad;
    EXPECT_EQ(why, status::bad_pathname) << bad;
    why = status::ok;
    EXPECT_EQ(kin::acpi::lookup(s.ec0, bad, search::local, &why), nullptr) << bad;
    EXPECT_EQ(why, status::bad_pathname) << bad;
  }
}

TYPED_TEST(AcpiNamespace, NameSegments) {
  using kin::acpi::name_seg;
  EXPECT_TRUE(name_seg::valid("EC0"));
  EXPECT_TRUE(name_seg::valid("_SB_"));
  EXPECT_TRUE(name_seg::valid("A"));
  EXPECT_FALSE(name_seg::valid(""));
  EXPECT_FALSE(name_seg::valid("0ABC"));
  EXPECT_FALSE(name_seg::valid("ABCDE"));
  EXPECT_FALSE(name_seg::valid("ab"));
  EXPECT_EQ(name_seg::from("EC0"), name_seg::from("EC0_"));
  EXPECT_EQ(name_seg::from("AB").view(), "AB__");
  EXPECT_NE(name_seg::from("AB"), name_seg::from("ABC"));
  const unsigned char raw[] = {'P', 'C', 'I', '0'};
  EXPECT_EQ(name_seg::from_bytes(raw).view(), "PCI0");
}

// ---------------------------------------------------------------------------
// next_node, next_node_of_type, find_child

TYPED_TEST(AcpiNamespace, NextNodeSteps) {
  sample<TypeParam> s;
  using node = kin::acpi::namespace_node<TypeParam>;
  using kin::acpi::next_node;
  using kin::acpi::next_node_of_type;
  const node* none = nullptr;
  EXPECT_EQ(next_node(s.pci0, none), s.hid0);
  EXPECT_EQ(next_node(s.pci0, s.hid0), s.lpcb);
  EXPECT_EQ(next_node(s.pci0, s.lpcb), s.gfx0);
  EXPECT_EQ(next_node(s.pci0, s.gfx0), s.mth0);
  EXPECT_EQ(next_node(s.pci0, s.mth0), nullptr);
  EXPECT_EQ(next_node(s.ecn, none), nullptr); // a leaf
  EXPECT_EQ(next_node(s.ec0, s.pkg), nullptr);
  // Of a type: within one sibling list.
  EXPECT_EQ(next_node_of_type(object_type::device, s.pci0, none), s.lpcb);
  EXPECT_EQ(next_node_of_type(object_type::device, s.pci0, s.lpcb), s.gfx0);
  EXPECT_EQ(next_node_of_type(object_type::device, s.pci0, s.gfx0), nullptr);
  EXPECT_EQ(next_node_of_type(object_type::method, s.pci0, none), s.mth0);
  EXPECT_EQ(next_node_of_type(object_type::integer, s.pci0, s.hid0), nullptr); // LPCB's _ADR is not a peer
  EXPECT_EQ(next_node_of_type(kin::acpi::any_type, s.pci0, s.hid0), s.lpcb);
  std::vector<std::string> devs, scopes;
  for (node* n = next_node_of_type(object_type::device, s.root, none); n; n = next_node_of_type(object_type::device, s.root, n))
    devs.push_back(kin::acpi::pathname(n));
  EXPECT_EQ(devs, (std::vector<std::string>{"\\_SB_", "\\_TZ_"}));
  for (node* n = next_node_of_type(object_type::scope, s.root, none); n; n = next_node_of_type(object_type::scope, s.root, n))
    scopes.push_back(kin::acpi::pathname(n));
  EXPECT_EQ(scopes, (std::vector<std::string>{"\\_GPE", "\\_PR_", "\\_SI_"}));
  EXPECT_EQ(next_node_of_type(object_type::thermal, s.root, none), nullptr);
  // find_child: exact four-character segments.
  EXPECT_EQ(kin::acpi::find_child(s.lpcb, kin::acpi::name_seg::from("EC0")), s.ec0);
  EXPECT_EQ(kin::acpi::find_child(s.lpcb, kin::acpi::name_seg::from("_HID")), nullptr);
  EXPECT_EQ(kin::acpi::find_child(s.ecn, kin::acpi::name_seg::from("_HID")), nullptr);
}

TYPED_TEST(AcpiNamespace, Pathnames) {
  sample<TypeParam> s;
  EXPECT_EQ(kin::acpi::pathname(s.root), "\\");
  EXPECT_EQ(kin::acpi::pathname(s.sb), "\\_SB_");
  EXPECT_EQ(kin::acpi::pathname(s.lpcb), "\\_SB_.PCI0.LPCB");
  EXPECT_EQ(kin::acpi::pathname(s.ecn), "\\_SB_.PCI0.LPCB.EC0_.ECN_");
  EXPECT_EQ(kin::acpi::pathname(s.rnm0), "\\RNM0");
  // Every pathname looks up to its node.
  for (auto* n : nodes_below(s.root)) EXPECT_EQ(kin::acpi::lookup(s.ec0, kin::acpi::pathname(n)), n->type == object_type::method_alias ? n->target : n);
}

TYPED_TEST(AcpiNamespace, TypeAndStatusNames) {
  EXPECT_EQ(kin::acpi::type_name(object_type::untyped), "Untyped");
  EXPECT_EQ(kin::acpi::type_name(object_type::region_field), "RegionField");
  EXPECT_EQ(kin::acpi::type_name(object_type::method_alias), "MethodAlias");
  EXPECT_EQ(kin::acpi::type_name(object_type::power), "Power");
  EXPECT_EQ(kin::acpi::type_name(object_type::thermal), "Thermal");
  EXPECT_EQ(kin::acpi::type_name(object_type::scope), "Scope");
  EXPECT_EQ(kin::acpi::type_name(static_cast<object_type>(28)), "Invalid");
  EXPECT_EQ(kin::acpi::status_name(status::not_found), "AE_NOT_FOUND");
  EXPECT_EQ(kin::acpi::status_name(status::ctrl_terminate), "AE_CTRL_TERMINATE");
  int opening = 0;
  for (int t = 0; t <= 27; ++t) opening += kin::acpi::opens_scope(static_cast<object_type>(t));
  EXPECT_EQ(opening, 7);
  EXPECT_TRUE(kin::acpi::opens_scope(object_type::untyped));
  EXPECT_TRUE(kin::acpi::opens_scope(object_type::processor));
  EXPECT_FALSE(kin::acpi::opens_scope(object_type::alias));
  EXPECT_FALSE(kin::acpi::opens_scope(object_type::region));
}

// ---------------------------------------------------------------------------
// walk_namespace against a recursive model

struct walk_spec {
  object_type type = kin::acpi::any_type;
  std::uint32_t max_depth = std::numeric_limits<std::uint32_t>::max();
  std::set<std::string> prune; // descending returns ctrl_depth here
  bool temporary = false;
};

// The events of a walk below `parent`, computed recursively: "D path level"
// on arrival, "A path level" on leaving, for matching nodes.
template <class Node>
void model(const Node* parent, std::uint32_t level, const walk_spec& s, std::vector<std::string>& ev) {
  using R = typename Node::traits;
  for (const Node* c = kin::first_child<R>(parent); c; c = kin::next_sibling<R>(c)) {
    if ((c->flags & kin::acpi::temporary) && !s.temporary) continue;
    const bool match = s.type == kin::acpi::any_type || c->type == s.type;
    const std::string p = kin::acpi::pathname(c);
    if (match) ev.push_back("D " + p + " " + std::to_string(level));
    const bool pruned = match && s.prune.count(p);
    if (!pruned && level < s.max_depth) model(c, level + 1, s, ev);
    if (match) ev.push_back("A " + p + " " + std::to_string(level));
  }
}

template <class Node>
std::vector<std::string> model_events(const Node* start, const walk_spec& s) {
  std::vector<std::string> ev;
  model(start, 1, s, ev);
  return ev;
}

// The events of kin's walk with the same spec.
template <class Node>
std::vector<std::string> walk_events(Node* start, const walk_spec& s, status* result = nullptr) {
  std::vector<std::string> ev;
  const status r = kin::acpi::walk_namespace(
      s.type, start, s.max_depth,
      [&](Node& n, std::uint32_t level) {
        const std::string p = kin::acpi::pathname(&n);
        ev.push_back("D " + p + " " + std::to_string(level));
        return s.prune.count(p) ? status::ctrl_depth : status::ok;
      },
      [&](Node& n, std::uint32_t level) {
        ev.push_back("A " + kin::acpi::pathname(&n) + " " + std::to_string(level));
        return status::ok;
      },
      s.temporary ? kin::acpi::walk_temporary : kin::acpi::walk_no_temporary);
  EXPECT_EQ(r, status::ok);
  if (result) *result = r;
  return ev;
}

std::vector<std::string> up_to(const std::vector<std::string>& ev, const std::string& last) {
  auto it = std::find(ev.begin(), ev.end(), last);
  EXPECT_NE(it, ev.end()) << last;
  return std::vector<std::string>(ev.begin(), it == ev.end() ? it : it + 1);
}

TYPED_TEST(AcpiNamespace, WalkOrderIsPreAndPostOrder) {
  sample<TypeParam> s;
  const walk_spec all;
  const auto ev = walk_events(s.root, all);
  EXPECT_EQ(ev, model_events(s.root, all));
  EXPECT_EQ(ev.size(), 2 * (s.ns.size() - 1));
  // The descending events alone are the pre-order, the ascending ones the post-order.
  std::vector<std::string> pre, post, kin_pre, kin_post;
  for (const auto& e : ev) (e[0] == 'D' ? pre : post).push_back(e.substr(2, e.rfind(' ') - 2));
  for (auto& n : kin::preorder<typename kin::acpi::namespace_node<TypeParam>::traits>(s.root))
    if (&n != s.root) kin_pre.push_back(kin::acpi::pathname(&n));
  for (auto& n : kin::postorder<typename kin::acpi::namespace_node<TypeParam>::traits>(s.root))
    if (&n != s.root) kin_post.push_back(kin::acpi::pathname(&n));
  EXPECT_EQ(pre, kin_pre);
  EXPECT_EQ(post, kin_post);
  // Spot checks of the levels.
  EXPECT_NE(std::find(ev.begin(), ev.end(), "D \\_SB_ 1"), ev.end());
  EXPECT_NE(std::find(ev.begin(), ev.end(), "D \\_SB_.PCI0.LPCB.EC0_.PKG_ 5"), ev.end());
  EXPECT_NE(std::find(ev.begin(), ev.end(), "A \\_PR_.CPU0.DEVX 3"), ev.end());
  // From a subtree: the start is not visited, its children are level 1.
  const auto sub = walk_events(s.lpcb, all);
  EXPECT_EQ(sub, (std::vector<std::string>{"D \\_SB_.PCI0.LPCB.EC0_ 1", "D \\_SB_.PCI0.LPCB.EC0_._HID 2",
                                           "A \\_SB_.PCI0.LPCB.EC0_._HID 2", "D \\_SB_.PCI0.LPCB.EC0_.ECN_ 2",
                                           "A \\_SB_.PCI0.LPCB.EC0_.ECN_ 2", "D \\_SB_.PCI0.LPCB.EC0_.PKG_ 2",
                                           "A \\_SB_.PCI0.LPCB.EC0_.PKG_ 2", "A \\_SB_.PCI0.LPCB.EC0_ 1",
                                           "D \\_SB_.PCI0.LPCB._ADR 1", "A \\_SB_.PCI0.LPCB._ADR 1"}));
  // A leaf start: nothing.
  EXPECT_TRUE(walk_events(s.ecn, all).empty());
}

TYPED_TEST(AcpiNamespace, WalkMaxDepth) {
  sample<TypeParam> s;
  for (std::uint32_t depth : {1u, 2u, 3u, 4u}) {
    walk_spec spec;
    spec.max_depth = depth;
    const auto ev = walk_events(s.root, spec);
    EXPECT_EQ(ev, model_events(s.root, spec)) << depth;
    for (const auto& e : ev) EXPECT_LE(std::stoul(e.substr(e.rfind(' ') + 1)), depth) << e;
  }
  walk_spec one;
  one.max_depth = 1;
  EXPECT_EQ(walk_events(s.root, one).size(), 2 * 10u); // the root's 10 children
  walk_spec two;
  two.max_depth = 2;
  const auto ev = walk_events(s.sb, two);
  EXPECT_EQ(ev, (std::vector<std::string>{
                    "D \\_SB_.PCI0 1", "D \\_SB_.PCI0._HID 2", "A \\_SB_.PCI0._HID 2", "D \\_SB_.PCI0.LPCB 2",
                    "A \\_SB_.PCI0.LPCB 2", "D \\_SB_.PCI0.GFX0 2", "A \\_SB_.PCI0.GFX0 2", "D \\_SB_.PCI0.MTH0 2",
                    "A \\_SB_.PCI0.MTH0 2", "A \\_SB_.PCI0 1", "D \\_SB_.ALI0 1", "A \\_SB_.ALI0 1",
                    "D \\_SB_.MAL0 1", "A \\_SB_.MAL0 1"}));
}

TYPED_TEST(AcpiNamespace, WalkTypeFilterStillEntersOtherNodes) {
  sample<TypeParam> s;
  walk_spec dev;
  dev.type = object_type::device;
  const auto ev = walk_events(s.root, dev);
  EXPECT_EQ(ev, model_events(s.root, dev));
  // DEVX lies below a Scope and a Processor, which get no callbacks.
  EXPECT_EQ(ev, (std::vector<std::string>{
                    "D \\_PR_.CPU0.DEVX 3", "A \\_PR_.CPU0.DEVX 3", "D \\_SB_ 1", "D \\_SB_.PCI0 2",
                    "D \\_SB_.PCI0.LPCB 3", "D \\_SB_.PCI0.LPCB.EC0_ 4", "A \\_SB_.PCI0.LPCB.EC0_ 4",
                    "A \\_SB_.PCI0.LPCB 3", "D \\_SB_.PCI0.GFX0 3", "A \\_SB_.PCI0.GFX0 3", "A \\_SB_.PCI0 2",
                    "A \\_SB_ 1", "D \\_TZ_ 1", "A \\_TZ_ 1"}));
  for (object_type t : {object_type::integer, object_type::scope, object_type::method, object_type::method_alias,
                        object_type::processor, object_type::thermal}) {
    walk_spec spec;
    spec.type = t;
    EXPECT_EQ(walk_events(s.root, spec), model_events(s.root, spec)) << kin::acpi::type_name(t);
  }
  walk_spec integers;
  integers.type = object_type::integer;
  integers.max_depth = 3;
  EXPECT_EQ(walk_events(s.root, integers), model_events(s.root, integers));
}

TYPED_TEST(AcpiNamespace, WalkCtrlDepthFromDescendingSkipsTheChildren) {
  sample<TypeParam> s;
  walk_spec spec;
  spec.prune = {"\\_SB_.PCI0.LPCB", "\\_PR_"};
  const auto ev = walk_events(s.root, spec);
  EXPECT_EQ(ev, model_events(s.root, spec));
  // LPCB itself gets both callbacks; nothing below it is visited.
  EXPECT_NE(std::find(ev.begin(), ev.end(), "D \\_SB_.PCI0.LPCB 3"), ev.end());
  EXPECT_NE(std::find(ev.begin(), ev.end(), "A \\_SB_.PCI0.LPCB 3"), ev.end());
  EXPECT_EQ(std::find_if(ev.begin(), ev.end(), [](const std::string& e) { return e.find("LPCB.") != std::string::npos; }),
            ev.end());
  EXPECT_EQ(std::find(ev.begin(), ev.end(), "D \\_PR_.CPU0 2"), ev.end());
  // With a filter: a device pruned.
  walk_spec dev;
  dev.type = object_type::device;
  dev.prune = {"\\_SB_.PCI0"};
  EXPECT_EQ(walk_events(s.root, dev), model_events(s.root, dev));
  EXPECT_EQ(walk_events(s.root, dev).size(), 8u); // DEVX, _SB_, PCI0 (pruned), _TZ_
}

TYPED_TEST(AcpiNamespace, WalkCtrlDepthFromAscendingHasNoEffect) {
  using node = kin::acpi::namespace_node<TypeParam>;
  sample<TypeParam> s;
  std::vector<std::string> ev;
  const status r = kin::acpi::walk_namespace(
      kin::acpi::any_type, s.root, 100,
      [&](node& n, std::uint32_t level) {
        ev.push_back("D " + kin::acpi::pathname(&n) + " " + std::to_string(level));
        return status::ok;
      },
      [&](node& n, std::uint32_t level) {
        ev.push_back("A " + kin::acpi::pathname(&n) + " " + std::to_string(level));
        return status::ctrl_depth;
      });
  EXPECT_EQ(r, status::ok);
  EXPECT_EQ(ev, model_events(s.root, walk_spec{}));
}

TYPED_TEST(AcpiNamespace, WalkTerminateAndErrorsStop) {
  using node = kin::acpi::namespace_node<TypeParam>;
  sample<TypeParam> s;
  const auto full = model_events(s.root, walk_spec{});
  // Returns what the walk returned and the events up to the stop.
  auto run = [&](bool in_descending, const std::string& at, status give, status expect) {
    std::vector<std::string> ev;
    const status r = kin::acpi::walk_namespace(
        kin::acpi::any_type, s.root, 100,
        [&](node& n, std::uint32_t level) {
          const std::string e = "D " + kin::acpi::pathname(&n) + " " + std::to_string(level);
          ev.push_back(e);
          return in_descending && e == at ? give : status::ok;
        },
        [&](node& n, std::uint32_t level) {
          const std::string e = "A " + kin::acpi::pathname(&n) + " " + std::to_string(level);
          ev.push_back(e);
          return !in_descending && e == at ? give : status::ok;
        });
    EXPECT_EQ(r, expect) << at << " " << kin::acpi::status_name(give);
    EXPECT_EQ(ev, up_to(full, at)) << at;
  };
  run(true, "D \\_SB_.PCI0.LPCB 3", status::ctrl_terminate, status::ok);
  run(false, "A \\_SB_.PCI0.LPCB 3", status::ctrl_terminate, status::ok);
  run(true, "D \\_GPE 1", status::ctrl_terminate, status::ok);
  run(false, "A \\RNM0 1", status::ctrl_terminate, status::ok); // the very last event
  run(true, "D \\_SB_.PCI0.GFX0._ADR 4", status::error, status::error);
  run(false, "A \\_SB_.PCI0.LPCB.EC0_.ECN_ 5", status::not_found, status::not_found);
  run(true, "D \\_OSI 1", status::already_exists, status::already_exists);
  run(false, "A \\_SB_ 1", status::no_memory, status::no_memory);
  // Only one callback given.
  std::vector<std::string> only;
  EXPECT_EQ(kin::acpi::walk_namespace(
                object_type::device, s.root, 100,
                [&](node& n, std::uint32_t) {
                  only.push_back(kin::acpi::pathname(&n));
                  return n.name.view() == "LPCB" ? status::ctrl_terminate : status::ok;
                },
                nullptr),
            status::ok);
  EXPECT_EQ(only, (std::vector<std::string>{"\\_PR_.CPU0.DEVX", "\\_SB_", "\\_SB_.PCI0", "\\_SB_.PCI0.LPCB"}));
  only.clear();
  EXPECT_EQ(kin::acpi::walk_namespace(
                object_type::device, s.root, 100, nullptr,
                [&](node& n, std::uint32_t) {
                  only.push_back(kin::acpi::pathname(&n));
                  return status::ok;
                }),
            status::ok);
  EXPECT_EQ(only, (std::vector<std::string>{"\\_PR_.CPU0.DEVX", "\\_SB_.PCI0.LPCB.EC0_", "\\_SB_.PCI0.LPCB",
                                            "\\_SB_.PCI0.GFX0", "\\_SB_.PCI0", "\\_SB_", "\\_TZ_"}));
}

TYPED_TEST(AcpiNamespace, WalkSkipsTemporaryNodesUnlessAsked) {
  sample<TypeParam> s;
  s.gfx0->flags |= kin::acpi::temporary;   // with a child
  s.ec_hid->flags |= kin::acpi::temporary; // a leaf
  walk_spec spec;
  const auto ev = walk_events(s.root, spec);
  EXPECT_EQ(ev, model_events(s.root, spec));
  EXPECT_EQ(std::find_if(ev.begin(), ev.end(),
                         [](const std::string& e) { return e.find("GFX0") != std::string::npos || e.find("EC0_._HID") != std::string::npos; }),
            ev.end());
  EXPECT_EQ(ev.size(), 2 * (s.ns.size() - 1 - 3));
  spec.temporary = true;
  const auto with = walk_events(s.root, spec);
  EXPECT_EQ(with, model_events(s.root, spec));
  EXPECT_EQ(with.size(), 2 * (s.ns.size() - 1));
  s.gfx0->flags = 0;
  s.ec_hid->flags = 0;
  EXPECT_EQ(with, model_events(s.root, walk_spec{}));
  s.gfx0->flags |= kin::acpi::temporary;
  s.ec_hid->flags |= kin::acpi::temporary;
  // A temporary node's children are skipped with it even when they are not temporary.
  walk_spec dev;
  dev.type = object_type::device;
  const auto devs = walk_events(s.root, dev);
  EXPECT_EQ(devs, model_events(s.root, dev));
}

TYPED_TEST(AcpiNamespace, WalkBadParametersRunNoCallback) {
  using node = kin::acpi::namespace_node<TypeParam>;
  sample<TypeParam> s;
  int calls = 0;
  auto cb = [&](node&, std::uint32_t) {
    ++calls;
    return status::ok;
  };
  EXPECT_EQ(kin::acpi::walk_namespace(kin::acpi::any_type, static_cast<node*>(nullptr), 8, cb, cb), status::bad_parameter);
  EXPECT_EQ(kin::acpi::walk_namespace(static_cast<object_type>(28), s.root, 8, cb, cb), status::bad_parameter);
  EXPECT_EQ(kin::acpi::walk_namespace(static_cast<object_type>(255), s.root, 8, cb, cb), status::bad_parameter);
  EXPECT_EQ(kin::acpi::walk_namespace(kin::acpi::any_type, s.root, 0, cb, cb), status::bad_parameter);
  EXPECT_EQ(kin::acpi::walk_namespace(kin::acpi::any_type, s.root, 8, nullptr, nullptr), status::bad_parameter);
  EXPECT_EQ(calls, 0);
  // The last type (Scope) is accepted.
  EXPECT_EQ(kin::acpi::walk_namespace(object_type::scope, s.root, 8, cb, nullptr), status::ok);
  EXPECT_EQ(calls, 3);
}

// ---------------------------------------------------------------------------
// A loaded namespace: walks against the model, reverse walks, verify

template <class Node>
void mirrored(Node* n, std::vector<Node*>& out) {
  using R = typename Node::traits;
  out.push_back(n);
  std::vector<Node*> kids;
  for (Node* c = kin::first_child<R>(n); c; c = kin::next_sibling<R>(c)) kids.push_back(c);
  for (auto it = kids.rbegin(); it != kids.rend(); ++it) mirrored(*it, out);
}

template <class Range>
auto pointers(Range&& r) {
  std::vector<std::remove_reference_t<decltype(*std::ranges::begin(r))>*> out;
  for (auto& v : r) out.push_back(&v);
  return out;
}

TYPED_TEST(AcpiNamespace, LoadedNamespaceWalks) {
  kin::acpi::acpi_namespace<TypeParam> ns;
  load_ok(ns, read_bytes("dsdt-firecracker.aml"));
  for (object_type t : {kin::acpi::any_type, object_type::device, object_type::method, object_type::string}) {
    for (std::uint32_t depth : {1u, 2u, 3u, 100u}) {
      walk_spec spec;
      spec.type = t;
      spec.max_depth = depth;
      EXPECT_EQ(walk_events(ns.root(), spec), model_events(ns.root(), spec)) << kin::acpi::type_name(t) << " " << depth;
    }
  }
  walk_spec pruned;
  pruned.prune = {"\\_SB_.PC00", "\\_SB_.VCLK"};
  EXPECT_EQ(walk_events(ns.root(), pruned), model_events(ns.root(), pruned));
  // Every Method once, with the right level.
  std::size_t methods = 0;
  EXPECT_EQ(kin::acpi::walk_namespace(
                object_type::method, ns.root(), 1000,
                [&](kin::acpi::namespace_node<TypeParam>& n, std::uint32_t level) {
                  ++methods;
                  std::uint32_t depth = 0;
                  for (auto* p = &n; p != ns.root(); p = kin::parent<typename decltype(ns)::traits>(p)) ++depth;
                  EXPECT_EQ(level, depth);
                  return status::ok;
                },
                nullptr),
            status::ok);
  EXPECT_EQ(methods, 40u); // 39 of the table and \_OSI
}

TYPED_TEST(AcpiNamespace, ReverseWalksOfALoadedNamespace) {
  using node = kin::acpi::namespace_node<TypeParam>;
  using T = typename node::traits;
  kin::acpi::acpi_namespace<TypeParam> ns;
  load_ok(ns, read_bytes("dsdt-firecracker.aml"));
  node* root = ns.root();
  std::vector<node*> forward = pointers(kin::preorder<T>(root));
  ASSERT_EQ(forward.size(), ns.size());
  std::vector<node*> backward(forward.rbegin(), forward.rend());
  std::vector<node*> mirror;
  mirrored(root, mirror);
  ASSERT_EQ(mirror.size(), ns.size());

  std::vector<node*> buf(ns.size());
  EXPECT_EQ(pointers(kin::preorder_reverse<T>(root, kin::collect(buf))), backward);
  EXPECT_EQ(pointers(kin::postorder_reverse<T>(root, kin::collect(buf))), mirror);
  EXPECT_EQ(pointers(kin::preorder_reverse<T>(root, kin::rescan)), backward);
  EXPECT_EQ(pointers(kin::postorder_reverse<T>(root, kin::rescan)), mirror);
  {
    auto r = kin::preorder_reverse<T>(root, kin::collect_allocating);
    ASSERT_TRUE(r.fits());
    EXPECT_EQ(pointers(r), backward);
  }
  if constexpr (kin::bidirectional_tree_traits<typename TypeParam::node_traits>) {
    EXPECT_EQ(pointers(kin::preorder_reverse<T>(root)), backward);
    EXPECT_EQ(pointers(kin::postorder_reverse<T>(root)), mirror);
    // A subtree: \_SB_.PC00.
    node* pc00 = kin::acpi::lookup(root, "\\_SB.PC00");
    ASSERT_NE(pc00, nullptr);
    std::vector<node*> sub = pointers(kin::preorder<T>(pc00));
    std::reverse(sub.begin(), sub.end());
    EXPECT_EQ(pointers(kin::preorder_reverse<T>(pc00)), sub);
  }
  // Too small a buffer: nothing, and what it needs.
  std::vector<node*> small(ns.size() - 1);
  auto r = kin::preorder_reverse<T>(root, kin::collect(small));
  EXPECT_FALSE(r.fits());
  EXPECT_EQ(r.needed(), ns.size());
}

TYPED_TEST(AcpiNamespace, VerifyHoldsAfterLoadsAndRollbacks) {
  kin::acpi::acpi_namespace<TypeParam> ns;
  EXPECT_TRUE(verified(ns.root()));
  const auto dsdt = read_bytes("dsdt-firecracker.aml");
  load_ok(ns, dsdt);
  EXPECT_TRUE(verified(ns.root()));
  EXPECT_EQ(ns.size(), 176u);
  // A table on top that fails half-way: rolled back.
  const auto pristine = owner_lines(ns);
  auto bad = dsdt;
  bad.resize(bad.size() / 2);
  put_le32(bad.data() + 4, static_cast<std::uint32_t>(bad.size()));
  auto r = kin::acpi::load_table(ns, bad.data(), bad.size());
  // A DSDT on top of itself declares only duplicates until it fails.
  EXPECT_FALSE(r);
  EXPECT_TRUE(verified(ns.root()));
  EXPECT_EQ(owner_lines(ns), pristine);
  // Rollbacks by hand: to the predefined objects, then more declarations.
  ns.rollback_to(60);
  EXPECT_EQ(ns.size(), 60u);
  EXPECT_TRUE(verified(ns.root()));
  EXPECT_EQ(path_lines(ns).size(), 59u);
  ns.rollback_to(10);
  EXPECT_TRUE(verified(ns.root()));
  EXPECT_EQ(path_lines(ns), kPredefined);
  sample<TypeParam> s;
  s.ns.rollback_to(s.ns.size() - 1); // \RNM0
  s.ns.rollback_to(s.ns.size() - 2); // DEVX, CPU0
  EXPECT_TRUE(verified(s.root));
  std::vector<std::string> want = kSample;
  want.erase(want.begin() + 2, want.begin() + 4);
  want.pop_back();
  EXPECT_EQ(path_lines(s.ns), want);
  load_ok(s.ns, dsdt); // the Firecracker table over the sample
  EXPECT_TRUE(verified(s.root));
}

// Checked hooks: every node the namespace frees is unlinked first (the test
// fails by aborting otherwise), also after rollbacks.
TEST(AcpiNamespaceChecked, NodesAreUnlinkedBeforeTheyAreFreed) {
  using hook = kin::checked_hook<kin::singly_hook<>>;
  sample<hook> s;
  EXPECT_EQ(path_lines(s.ns), kSample);
  s.ns.rollback_to(20);
  EXPECT_TRUE(verified(s.root));
  EXPECT_NE(s.ns.declare(s.root, "\\_SB.PCI0.LPCB.NEW0", object_type::device, 2), nullptr);
  kin::acpi::namespace_node<hook> mine;
  kin::acpi::install_node(s.root, &mine, object_type::integer, 9);
  kin::acpi::remove_node(&mine);
  kin::acpi::acpi_namespace<hook> moved(std::move(s.ns));
  EXPECT_EQ(moved.root(), s.root);
  EXPECT_TRUE(verified(moved.root()));
}

} // namespace acpi_namespace_test
