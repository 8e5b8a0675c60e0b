// SPDX-License-Identifier: BSL-1.0
// The OF API of kin/adapters/device_node.hpp on every layout: on trees
// built by hand (every function, with the corner cases of the rules) and
// on the real blobs of tests/data/dtb loaded with kin::load_dtb. The
// expectations come from kin's reference notes (devicetree-and-acpi.md,
// sections 2.2, 2.3 and 2.5) and, for the real blobs, from their .dts
// text (dtc's output), read here independently of the loader.
#include <kin/adapters/device_node.hpp>
#include <kin/adapters/dtb.hpp>
#include <kin/kin.hpp>

#include "test_support.hpp"

#include <cstdint>
#include <cstdio>
#include <deque>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace of_api_test {

using bytes = std::vector<unsigned char>;

bytes str(std::string_view s) {
  bytes b(s.begin(), s.end());
  b.push_back(0);
  return b;
}
bytes strs(std::initializer_list<std::string_view> list) {
  bytes b;
  for (std::string_view s : list) {
    b.insert(b.end(), s.begin(), s.end());
    b.push_back(0);
  }
  return b;
}
bytes cells(std::initializer_list<std::uint32_t> list) {
  bytes b;
  for (std::uint32_t c : list) {
    b.push_back(static_cast<unsigned char>(c >> 24));
    b.push_back(static_cast<unsigned char>(c >> 16));
    b.push_back(static_cast<unsigned char>(c >> 8));
    b.push_back(static_cast<unsigned char>(c));
  }
  return b;
}

// A hand-built device tree: nodes, their property records and the value
// bytes, all kept here (std::deque never moves its elements).
template <class Hook>
struct builder {
  using node = kin::device_node<Hook>;
  using R = typename node::traits;

  std::deque<node> nodes;
  std::deque<std::vector<kin::dt_property>> property_lists;
  std::deque<bytes> values;
  std::deque<std::string> names;

  // A node named `unit` (empty for the root) under `parent` (null for the
  // root), linked last, with `props` (name, value) in this order.
  node* add(node* parent, std::string_view unit, std::initializer_list<std::pair<std::string_view, bytes>> props) {
    node& n = nodes.emplace_back();
    n.full_name = names.emplace_back(unit);
    n.name = kin::of::base_name(n.full_name);
    auto& list = property_lists.emplace_back();
    for (const auto& [name, value] : props) {
      const bytes& v = values.emplace_back(value);
      list.push_back({names.emplace_back(name), v.empty() ? nullptr : v.data(), v.size()});
    }
    n.properties = list.data();
    n.property_count = list.size();
    if (parent) kin::link_last_child<R>(parent, &n);
    return &n;
  }
};

// The hand-built tree (properties before children; document order):
//
// /                 compatible = "test,board"
//   aliases         serial0 = "/soc/serial@1000", uart = "serial0",
//                   i2c = "/soc/i2c@3000", rtc = "i2c/rtc@68",
//                   loop = "loop", bad = "/nonexistent"
//   cpus
//     cpu@0         device_type = "cpu", reg = <0>, status = "disabled"
//     cpu@1         device_type = "cpu", reg = <1>, status = "okay"
//     cpu-map
//   soc             compatible = "simple-bus"
//     serial@1000   compatible = "ns16550a", "ns16550"; status = "ok";
//                   device_type = "serial"; clock-frequency = <115200>
//     serial@2000   compatible = "NS16550A"; status = "disabled"
//     i2c@3000      compatible = "fsl-i2c"; status = "reserved"
//       rtc@68      compatible = "pericom,pt7c4338"; reg = <0x68>
//     mem@4000      status = "fail-sss"
//     bus           (no properties)
//   cpu             device_type = "cpu"
//   props           the property readers' cases
template <class Hook>
struct sample : builder<Hook> {
  using node = kin::device_node<Hook>;
  node *root, *aliases, *cpus, *cpu0, *cpu1, *cpu_map, *soc, *serial1, *serial2, *i2c, *rtc, *mem, *bus, *cpu, *props;

  sample() {
    root = this->add(nullptr, "", {{"compatible", str("test,board")}});
    aliases = this->add(root, "aliases",
                        {{"serial0", str("/soc/serial@1000")},
                         {"uart", str("serial0")},
                         {"i2c", str("/soc/i2c@3000")},
                         {"rtc", str("i2c/rtc@68")},
                         {"loop", str("loop")},
                         {"bad", str("/nonexistent")}});
    cpus = this->add(root, "cpus", {});
    cpu0 = this->add(cpus, "cpu@0", {{"device_type", str("cpu")}, {"reg", cells({0})}, {"status", str("disabled")}});
    cpu1 = this->add(cpus, "cpu@1", {{"device_type", str("cpu")}, {"reg", cells({1})}, {"status", str("okay")}});
    cpu_map = this->add(cpus, "cpu-map", {});
    soc = this->add(root, "soc", {{"compatible", str("simple-bus")}});
    serial1 = this->add(soc, "serial@1000",
                        {{"compatible", strs({"ns16550a", "ns16550"})},
                         {"status", str("ok")},
                         {"device_type", str("serial")},
                         {"clock-frequency", cells({115200})}});
    serial2 = this->add(soc, "serial@2000", {{"compatible", str("NS16550A")}, {"status", str("disabled")}});
    i2c = this->add(soc, "i2c@3000", {{"compatible", str("fsl-i2c")}, {"status", str("reserved")}});
    rtc = this->add(i2c, "rtc@68", {{"compatible", str("pericom,pt7c4338")}, {"reg", cells({0x68})}});
    mem = this->add(soc, "mem@4000", {{"status", str("fail-sss")}});
    bus = this->add(soc, "bus", {});
    cpu = this->add(root, "cpu", {{"device_type", str("cpu")}});
    props = this->add(root, "props",
                      {{"u32", cells({0x12345678})},
                       {"u64", cells({0x1, 0x2})},
                       {"arr", cells({1, 2, 3})},
                       {"short", bytes{1, 2}},
                       {"empty", bytes{}},
                       {"str", str("hello")},
                       {"strs", strs({"a", "bb", "ccc"})},
                       {"with-empty", strs({"a", "", "b"})},
                       {"unterminated", bytes{'a', 'b'}},
                       {"tail-unterminated", bytes{'a', 0, 'b'}},
                       {"nul", bytes{0}}});
  }
};

template <class Hook>
class OfApi : public ::testing::Test {};
TYPED_TEST_SUITE(OfApi, kin_test::all_hooks, kin_test::hook_names);

// --- names and matching (2.2) ---

TYPED_TEST(OfApi, NamesAndMatching) {
  sample<TypeParam> s;
  EXPECT_EQ(kin::of::base_name("cpu@0"), "cpu");
  EXPECT_EQ(kin::of::base_name("cpus"), "cpus");
  EXPECT_EQ(kin::of::base_name(""), "");
  EXPECT_TRUE(kin::of::node_name_eq(s.cpu0, "cpu"));
  EXPECT_TRUE(kin::of::node_name_eq(s.cpu, "cpu"));
  EXPECT_FALSE(kin::of::node_name_eq(s.cpus, "cpu"));
  EXPECT_FALSE(kin::of::node_name_eq(s.cpu_map, "cpu"));
  EXPECT_FALSE(kin::of::node_name_eq(s.cpu0, "cpu@0")); // the name, not the unit name
  EXPECT_FALSE(kin::of::node_name_eq(s.cpu0, "CPU"));   // case-sensitive
  EXPECT_TRUE(kin::of::node_name_prefix(s.serial2, "serial@2"));
  EXPECT_TRUE(kin::of::node_name_prefix(s.serial2, "serial@2000"));
  EXPECT_FALSE(kin::of::node_name_prefix(s.serial2, "serial@20000"));
  EXPECT_TRUE(kin::of::node_name_prefix(s.serial2, ""));
  // Properties: case-sensitive names.
  EXPECT_NE(kin::of::find_property(s.serial1, "status"), nullptr);
  EXPECT_EQ(kin::of::find_property(s.serial1, "Status"), nullptr);
  EXPECT_EQ(kin::of::find_property(s.cpus, "status"), nullptr);
}

TYPED_TEST(OfApi, Status) {
  sample<TypeParam> s;
  using kin::of::device_is_available;
  EXPECT_TRUE(device_is_available(s.cpus));    // no status
  EXPECT_TRUE(device_is_available(s.cpu1));    // "okay"
  EXPECT_TRUE(device_is_available(s.serial1)); // "ok"
  EXPECT_FALSE(device_is_available(s.cpu0));   // "disabled"
  EXPECT_FALSE(device_is_available(s.i2c));    // "reserved"
  EXPECT_FALSE(device_is_available(s.mem));    // "fail-sss"
  EXPECT_TRUE(kin::of::device_is_reserved(s.i2c));
  EXPECT_FALSE(kin::of::device_is_reserved(s.cpu0));
  EXPECT_FALSE(kin::of::device_is_reserved(s.cpus));
  EXPECT_TRUE(kin::of::device_is_failed(s.mem));
  EXPECT_FALSE(kin::of::device_is_failed(s.cpu0));
  EXPECT_FALSE(kin::of::device_is_failed(s.cpus));
  // Exactly "okay" or "ok"; "fail" or "fail-...".
  builder<TypeParam> b;
  auto* root = b.add(nullptr, "", {});
  auto* okay_x = b.add(root, "a", {{"status", str("okayx")}});
  auto* okay_upper = b.add(root, "b", {{"status", str("OKAY")}});
  auto* empty = b.add(root, "c", {{"status", bytes{}}});
  auto* fail = b.add(root, "d", {{"status", str("fail")}});
  auto* failed = b.add(root, "e", {{"status", str("failed")}});
  EXPECT_FALSE(device_is_available(okay_x));
  EXPECT_FALSE(device_is_available(okay_upper));
  EXPECT_FALSE(device_is_available(empty));
  EXPECT_TRUE(kin::of::device_is_failed(fail));
  EXPECT_FALSE(kin::of::device_is_failed(failed));
  EXPECT_FALSE(device_is_available(fail));
}

TYPED_TEST(OfApi, CompatibleAndType) {
  sample<TypeParam> s;
  using kin::of::device_is_compatible;
  EXPECT_GT(device_is_compatible(s.serial1, "ns16550a"), 0);
  EXPECT_GT(device_is_compatible(s.serial1, "ns16550"), 0);
  EXPECT_GT(device_is_compatible(s.serial1, "NS16550"), 0); // case-insensitive
  EXPECT_GT(device_is_compatible(s.serial2, "ns16550a"), 0);
  // An earlier entry scores higher than a later one.
  EXPECT_GT(device_is_compatible(s.serial1, "ns16550a"), device_is_compatible(s.serial1, "ns16550"));
  EXPECT_EQ(device_is_compatible(s.serial1, "ns1655"), 0); // whole entries only
  EXPECT_EQ(device_is_compatible(s.serial1, ""), 0);
  EXPECT_EQ(device_is_compatible(s.cpus, "ns16550a"), 0); // no compatible property
  EXPECT_TRUE(kin::of::node_is_type(s.cpu0, "cpu"));
  EXPECT_FALSE(kin::of::node_is_type(s.cpu0, "CPU")); // case-sensitive
  EXPECT_FALSE(kin::of::node_is_type(s.cpus, "cpu"));
}

// --- children (2.3) ---

template <class N, class Next>
std::vector<std::string_view> names_of(Next next) {
  std::vector<std::string_view> out;
  for (N* c = next(nullptr); c; c = next(c)) out.push_back(c->full_name);
  return out;
}

using names = std::vector<std::string_view>;

TYPED_TEST(OfApi, Children) {
  sample<TypeParam> s;
  using node = kin::device_node<TypeParam>;
  EXPECT_EQ(kin::of::get_parent(s.rtc), s.i2c);
  EXPECT_EQ(kin::of::get_parent(s.root), nullptr);
  EXPECT_EQ(kin::of::get_parent<TypeParam>(nullptr), nullptr);
  EXPECT_EQ(names_of<node>([&](const node* p) { return kin::of::get_next_child(s.root, p); }),
            (names{"aliases", "cpus", "soc", "cpu", "props"}));
  EXPECT_EQ(names_of<node>([&](const node* p) { return kin::of::get_next_child(s.soc, p); }),
            (names{"serial@1000", "serial@2000", "i2c@3000", "mem@4000", "bus"}));
  EXPECT_EQ(kin::of::get_next_child(s.rtc, nullptr), nullptr); // a leaf
  EXPECT_EQ(kin::of::get_next_child<TypeParam>(nullptr, nullptr), nullptr);
  EXPECT_EQ(kin::of::get_next_child(s.soc, s.bus), nullptr);
  // Available children: no status, "okay" or "ok".
  EXPECT_EQ(names_of<node>([&](const node* p) { return kin::of::get_next_available_child(s.soc, p); }),
            (names{"serial@1000", "bus"}));
  EXPECT_EQ(names_of<node>([&](const node* p) { return kin::of::get_next_available_child(s.cpus, p); }),
            (names{"cpu@1", "cpu-map"}));
  EXPECT_EQ(kin::of::get_next_available_child<TypeParam>(nullptr, nullptr), nullptr);
  // Reserved children: status "reserved" only.
  EXPECT_EQ(names_of<node>([&](const node* p) { return kin::of::get_next_reserved_child(s.soc, p); }),
            (names{"i2c@3000"}));
  EXPECT_EQ(kin::of::get_next_reserved_child(s.cpus, nullptr), nullptr);
  // Prefix: the unit name, unit address included.
  EXPECT_EQ(names_of<node>([&](const node* p) { return kin::of::get_next_child_with_prefix(s.soc, p, "serial"); }),
            (names{"serial@1000", "serial@2000"}));
  EXPECT_EQ(names_of<node>([&](const node* p) { return kin::of::get_next_child_with_prefix(s.soc, p, "serial@2"); }),
            (names{"serial@2000"}));
  EXPECT_EQ(names_of<node>([&](const node* p) { return kin::of::get_next_child_with_prefix(s.cpus, p, "cpu"); }),
            (names{"cpu@0", "cpu@1", "cpu-map"}));
  EXPECT_EQ(names_of<node>([&](const node* p) { return kin::of::get_next_child_with_prefix(s.cpus, p, "cpu@1"); }),
            (names{"cpu@1"}));
  // Child by name: the unit address ignored, the first match.
  EXPECT_EQ(kin::of::get_child_by_name(s.cpus, "cpu"), s.cpu0);
  EXPECT_EQ(kin::of::get_child_by_name(s.cpus, "cpu-map"), s.cpu_map);
  EXPECT_EQ(kin::of::get_child_by_name(s.cpus, "cpu@1"), nullptr);
  EXPECT_EQ(kin::of::get_child_by_name(s.root, "cpu"), s.cpu); // not cpus
  EXPECT_EQ(kin::of::get_child_by_name(s.root, "serial"), nullptr); // children only
  EXPECT_EQ(kin::of::get_child_by_name(s.soc, "serial"), s.serial1);
  // Available child by name: null when that first match is not available,
  // even though a later one (cpu@1) is.
  EXPECT_EQ(kin::of::get_available_child_by_name(s.cpus, "cpu"), nullptr);
  EXPECT_EQ(kin::of::get_available_child_by_name(s.soc, "serial"), s.serial1);
  EXPECT_EQ(kin::of::get_available_child_by_name(s.soc, "i2c"), nullptr);
  EXPECT_EQ(kin::of::get_available_child_by_name(s.soc, "bus"), s.bus);
  // Compatible child: the first child compatible (case-insensitively).
  EXPECT_EQ(kin::of::get_compatible_child(s.soc, "ns16550a"), s.serial1);
  EXPECT_EQ(kin::of::get_compatible_child(s.soc, "NS16550"), s.serial1);
  EXPECT_EQ(kin::of::get_compatible_child(s.soc, "fsl-i2c"), s.i2c);
  EXPECT_EQ(kin::of::get_compatible_child(s.root, "pericom,pt7c4338"), nullptr); // a grandchild
  EXPECT_EQ(kin::of::get_compatible_child(s.i2c, "pericom,pt7c4338"), s.rtc);
}

// --- the pre-order scans (2.3) ---

TYPED_TEST(OfApi, AllNodesAndFind) {
  sample<TypeParam> s;
  using node = kin::device_node<TypeParam>;
  names all;
  for (node* n = kin::of::find_all_nodes(s.root, nullptr); n; n = kin::of::find_all_nodes(s.root, n))
    all.push_back(n->full_name);
  EXPECT_EQ(all, (names{"", "aliases", "cpus", "cpu@0", "cpu@1", "cpu-map", "soc", "serial@1000", "serial@2000",
                        "i2c@3000", "rtc@68", "mem@4000", "bus", "cpu", "props"}));
  // A subtree as the root: its pre-order only.
  names soc_all;
  for (node* n = kin::of::find_all_nodes(s.soc, nullptr); n; n = kin::of::find_all_nodes(s.soc, n))
    soc_all.push_back(n->full_name);
  EXPECT_EQ(soc_all, (names{"soc", "serial@1000", "serial@2000", "i2c@3000", "rtc@68", "mem@4000", "bus"}));

  // By name: from null the root is included; each call starts just after `from`.
  EXPECT_EQ(kin::of::find_node_by_name(s.root, nullptr, "cpu"), s.cpu0);
  EXPECT_EQ(kin::of::find_node_by_name(s.root, s.cpu0, "cpu"), s.cpu1);
  EXPECT_EQ(kin::of::find_node_by_name(s.root, s.cpu1, "cpu"), s.cpu);
  EXPECT_EQ(kin::of::find_node_by_name(s.root, s.cpu, "cpu"), nullptr);
  EXPECT_EQ(kin::of::find_node_by_name(s.root, s.soc, "cpu"), s.cpu); // from elsewhere in the order
  EXPECT_EQ(kin::of::find_node_by_name(s.root, nullptr, "cpu@0"), nullptr);
  EXPECT_EQ(kin::of::find_node_by_name(s.root, nullptr, ""), s.root); // the root's name is empty
  EXPECT_EQ(kin::of::find_node_by_name(s.root, s.root, "soc"), s.soc);
  // By type.
  EXPECT_EQ(kin::of::find_node_by_type(s.root, nullptr, "cpu"), s.cpu0);
  EXPECT_EQ(kin::of::find_node_by_type(s.root, s.cpu0, "cpu"), s.cpu1);
  EXPECT_EQ(kin::of::find_node_by_type(s.root, s.cpu1, "cpu"), s.cpu);
  EXPECT_EQ(kin::of::find_node_by_type(s.root, s.cpu, "cpu"), nullptr);
  EXPECT_EQ(kin::of::find_node_by_type(s.root, nullptr, "serial"), s.serial1);
  EXPECT_EQ(kin::of::find_node_by_type(s.root, nullptr, "Serial"), nullptr);
  // Compatible, with and without a type.
  EXPECT_EQ(kin::of::find_compatible_node(s.root, nullptr, "", "ns16550a"), s.serial1);
  EXPECT_EQ(kin::of::find_compatible_node(s.root, s.serial1, "", "ns16550a"), s.serial2);
  EXPECT_EQ(kin::of::find_compatible_node(s.root, s.serial2, "", "ns16550a"), nullptr);
  EXPECT_EQ(kin::of::find_compatible_node(s.root, nullptr, "serial", "ns16550a"), s.serial1);
  EXPECT_EQ(kin::of::find_compatible_node(s.root, s.serial1, "serial", "ns16550a"), nullptr);
  EXPECT_EQ(kin::of::find_compatible_node(s.root, nullptr, "cpu", "ns16550a"), nullptr);
  EXPECT_EQ(kin::of::find_compatible_node(s.root, nullptr, "", "test,board"), s.root);
  EXPECT_EQ(kin::of::find_compatible_node(s.root, nullptr, "", "simple-bus"), s.soc);
  // With a property.
  EXPECT_EQ(kin::of::find_node_with_property(s.root, nullptr, "compatible"), s.root);
  EXPECT_EQ(kin::of::find_node_with_property(s.root, s.root, "compatible"), s.soc);
  EXPECT_EQ(kin::of::find_node_with_property(s.root, nullptr, "reg"), s.cpu0);
  EXPECT_EQ(kin::of::find_node_with_property(s.root, s.cpu1, "reg"), s.rtc);
  EXPECT_EQ(kin::of::find_node_with_property(s.root, s.rtc, "reg"), nullptr);
  EXPECT_EQ(kin::of::find_node_with_property(s.root, nullptr, "Reg"), nullptr);
  // Any predicate.
  EXPECT_EQ(kin::of::find_node_if(s.root, s.i2c, [](const node* n) { return n->property_count == 0; }), s.bus);
}

// --- path lookup (2.5) ---

TYPED_TEST(OfApi, FindNodeByPath) {
  sample<TypeParam> s;
  using kin::of::find_node_by_path;
  std::string_view opt = "unchanged";
  EXPECT_EQ(find_node_by_path(s.root, "/"), s.root);
  EXPECT_EQ(find_node_by_path(s.root, "/cpus"), s.cpus);
  EXPECT_EQ(find_node_by_path(s.root, "/cpus/cpu@0"), s.cpu0);
  EXPECT_EQ(find_node_by_path(s.root, "/soc/i2c@3000/rtc@68"), s.rtc);
  EXPECT_EQ(find_node_by_path(s.root, "/cpu"), s.cpu);
  // Whole unit names only; empty components fail.
  EXPECT_EQ(find_node_by_path(s.root, "/cpus/cpu"), nullptr);
  EXPECT_EQ(find_node_by_path(s.root, "/soc/serial"), nullptr);
  EXPECT_EQ(find_node_by_path(s.root, "//cpus"), nullptr);
  EXPECT_EQ(find_node_by_path(s.root, "/cpus//cpu@0"), nullptr);
  EXPECT_EQ(find_node_by_path(s.root, "//"), nullptr);
  EXPECT_EQ(find_node_by_path(s.root, ""), nullptr);
  EXPECT_EQ(find_node_by_path(s.root, "/CPUS"), nullptr);
  // Aliases: the first component names a property of /aliases.
  EXPECT_EQ(find_node_by_path(s.root, "serial0"), s.serial1);
  EXPECT_EQ(find_node_by_path(s.root, "uart"), s.serial1); // an alias of an alias
  EXPECT_EQ(find_node_by_path(s.root, "i2c"), s.i2c);
  EXPECT_EQ(find_node_by_path(s.root, "rtc"), s.rtc);          // alias-relative value
  EXPECT_EQ(find_node_by_path(s.root, "i2c/rtc@68"), s.rtc);   // alias plus a path
  EXPECT_EQ(find_node_by_path(s.root, "i2c/rtc"), nullptr);    // whole unit names there too
  EXPECT_EQ(find_node_by_path(s.root, "i2c//rtc@68"), nullptr);
  EXPECT_EQ(find_node_by_path(s.root, "serial1"), nullptr);    // no such alias
  EXPECT_EQ(find_node_by_path(s.root, "Serial0"), nullptr);    // exact names
  EXPECT_EQ(find_node_by_path(s.root, "bad"), nullptr);        // a value that resolves to nothing
  EXPECT_EQ(find_node_by_path(s.root, "loop"), nullptr);       // a loop ends
  EXPECT_EQ(find_node_by_path(s.root, "cpus"), nullptr);       // relative, not an alias
  // Options: after the first ':'; the component holding it is the last.
  EXPECT_EQ(find_node_by_path(s.root, "serial0:115200n8", &opt), s.serial1);
  EXPECT_EQ(opt, "115200n8");
  EXPECT_EQ(find_node_by_path(s.root, "/soc/serial@1000:9600/x:y", &opt), s.serial1);
  EXPECT_EQ(opt, "9600/x:y");
  EXPECT_EQ(find_node_by_path(s.root, "rtc:a/b", &opt), s.rtc);
  EXPECT_EQ(opt, "a/b");
  // Only the whole string "/" is the root; in "/:..." the component before
  // the ':' is empty, which fails (the options are still returned).
  EXPECT_EQ(find_node_by_path(s.root, "/:root-options", &opt), nullptr);
  EXPECT_EQ(opt, "root-options");
  EXPECT_EQ(find_node_by_path(s.root, "serial0:", &opt), s.serial1);
  EXPECT_NE(opt.data(), nullptr);
  EXPECT_EQ(opt, "");
  EXPECT_EQ(find_node_by_path(s.root, "/cpus/cpu@0", &opt), s.cpu0);
  EXPECT_EQ(opt.data(), nullptr); // no ':', no options
  EXPECT_EQ(find_node_by_path(s.root, "nope:xyz", &opt), nullptr);
  EXPECT_EQ(opt, "xyz"); // set whether or not a node is found
  // No /aliases node: an alias finds nothing.
  builder<TypeParam> b;
  auto* bare = b.add(nullptr, "", {});
  b.add(bare, "serial0", {});
  EXPECT_EQ(find_node_by_path(bare, "serial0"), nullptr);
  EXPECT_NE(find_node_by_path(bare, "/serial0"), nullptr);
}

// By the reference (2.5) an alias's value "is itself resolved with path
// lookup", and path lookup ends a component at ':' (the options rule), so
// an alias whose value carries options resolves, as in the kernel. An
// empty component fails, a trailing '/' included (the kernel returns null
// for "/soc/").
TYPED_TEST(OfApi, FindNodeByPathAliasCorners) {
  builder<TypeParam> b;
  auto* root = b.add(nullptr, "", {});
  b.add(root, "aliases", {{"serial0", str("/soc/serial@1000")}, {"con", str("serial0:115200n8")},
                          {"con2", str("/soc/serial@1000:9600")}});
  auto* soc = b.add(root, "soc", {});
  auto* serial = b.add(soc, "serial@1000", {});
  EXPECT_EQ(kin::of::find_node_by_path(root, "con"), serial);
  EXPECT_EQ(kin::of::find_node_by_path(root, "con2"), serial);
  EXPECT_EQ(kin::of::find_node_by_path(root, "serial0/"), nullptr);
  EXPECT_EQ(kin::of::find_node_by_path(root, "/soc/"), nullptr);
  // Only the whole string "/" is the root: "/:opts" has an empty component.
  std::string_view options;
  EXPECT_EQ(kin::of::find_node_by_path(root, "/:115200", &options), nullptr);
  EXPECT_EQ(options, "115200");
  EXPECT_EQ(kin::of::find_node_by_path(root, "/"), root);
}

// --- property readers ---

TYPED_TEST(OfApi, ReadU32AndArrays) {
  sample<TypeParam> s;
  using namespace kin::of;
  std::uint32_t v = 7;
  EXPECT_EQ(property_read_u32(s.props, "u32", v), 0);
  EXPECT_EQ(v, 0x12345678u);
  v = 7;
  EXPECT_EQ(property_read_u32(s.props, "arr", v), 0); // the first cell
  EXPECT_EQ(v, 1u);
  v = 7;
  EXPECT_EQ(property_read_u32(s.props, "missing", v), einval);
  EXPECT_EQ(property_read_u32(s.props, "empty", v), enodata);
  EXPECT_EQ(property_read_u32(s.props, "short", v), eoverflow);
  EXPECT_EQ(v, 7u); // untouched on every error
  EXPECT_EQ(property_read_u32(s.serial1, "clock-frequency", v), 0);
  EXPECT_EQ(v, 115200u);
  std::uint32_t a[4] = {9, 9, 9, 9};
  EXPECT_EQ(property_read_u32_array(s.props, "arr", a, 3), 0);
  EXPECT_EQ(a[0], 1u);
  EXPECT_EQ(a[1], 2u);
  EXPECT_EQ(a[2], 3u);
  EXPECT_EQ(a[3], 9u); // only `count` cells written
  std::uint32_t b[4] = {9, 9, 9, 9};
  EXPECT_EQ(property_read_u32_array(s.props, "arr", b, 4), eoverflow);
  EXPECT_EQ(b[0], 9u);
  EXPECT_EQ(property_read_u32_array(s.props, "arr", b, 2), 0); // a prefix is fine
  EXPECT_EQ(b[1], 2u);
  EXPECT_EQ(property_read_u32_array(s.props, "missing", b, 1), einval);
  EXPECT_EQ(property_read_u32_array(s.props, "empty", b, 1), enodata);
  std::uint64_t w = 5;
  EXPECT_EQ(property_read_u64(s.props, "u64", w), 0);
  EXPECT_EQ(w, 0x0000000100000002ull);
  w = 5;
  EXPECT_EQ(property_read_u64(s.props, "u32", w), eoverflow);
  EXPECT_EQ(property_read_u64(s.props, "missing", w), einval);
  EXPECT_EQ(property_read_u64(s.props, "empty", w), enodata);
  EXPECT_EQ(w, 5u);
  EXPECT_EQ(property_read_u64(s.props, "arr", w), 0); // the first two cells
  EXPECT_EQ(w, 0x0000000100000002ull);
  EXPECT_EQ(property_count_elems_of_size(s.props, "arr", 4), 3);
  EXPECT_EQ(property_count_elems_of_size(s.props, "arr", 2), 6);
  EXPECT_EQ(property_count_elems_of_size(s.props, "arr", 12), 1);
  EXPECT_EQ(property_count_elems_of_size(s.props, "arr", 8), einval); // 12 bytes: not a multiple
  EXPECT_EQ(property_count_elems_of_size(s.props, "short", 1), 2);
  EXPECT_EQ(property_count_elems_of_size(s.props, "missing", 4), einval);
  EXPECT_EQ(property_count_elems_of_size(s.props, "empty", 4), enodata);
}

TYPED_TEST(OfApi, ReadStrings) {
  sample<TypeParam> s;
  using namespace kin::of;
  std::string_view out = "untouched";
  EXPECT_EQ(property_read_string(s.props, "str", out), 0);
  EXPECT_EQ(out, "hello");
  EXPECT_EQ(property_read_string(s.props, "strs", out), 0); // the first string
  EXPECT_EQ(out, "a");
  EXPECT_EQ(property_read_string(s.props, "nul", out), 0); // an empty string
  EXPECT_EQ(out, "");
  out = "untouched";
  EXPECT_EQ(property_read_string(s.props, "missing", out), einval);
  EXPECT_EQ(property_read_string(s.props, "empty", out), enodata);
  EXPECT_EQ(property_read_string(s.props, "unterminated", out), eilseq);
  EXPECT_EQ(out, "untouched");
  EXPECT_EQ(property_read_string(s.props, "tail-unterminated", out), 0); // "a" is terminated
  EXPECT_EQ(out, "a");

  const char* expected[] = {"a", "bb", "ccc"};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(property_read_string_index(s.props, "strs", i, out), 0);
    EXPECT_EQ(out, expected[i]);
  }
  out = "untouched";
  EXPECT_EQ(property_read_string_index(s.props, "strs", 3, out), enodata); // past the last
  EXPECT_EQ(property_read_string_index(s.props, "strs", 100, out), enodata);
  EXPECT_EQ(property_read_string_index(s.props, "missing", 0, out), einval);
  EXPECT_EQ(property_read_string_index(s.props, "empty", 0, out), enodata);
  EXPECT_EQ(property_read_string_index(s.props, "unterminated", 0, out), eilseq);
  EXPECT_EQ(property_read_string_index(s.props, "tail-unterminated", 1, out), eilseq);
  EXPECT_EQ(out, "untouched");
  EXPECT_EQ(property_read_string_index(s.props, "tail-unterminated", 0, out), 0);
  EXPECT_EQ(out, "a");
  EXPECT_EQ(property_read_string_index(s.props, "with-empty", 1, out), 0);
  EXPECT_EQ(out, "");
  EXPECT_EQ(property_read_string_index(s.props, "with-empty", 2, out), 0);
  EXPECT_EQ(out, "b");

  EXPECT_EQ(property_count_strings(s.props, "strs"), 3);
  EXPECT_EQ(property_count_strings(s.props, "str"), 1);
  EXPECT_EQ(property_count_strings(s.props, "nul"), 1);
  EXPECT_EQ(property_count_strings(s.props, "with-empty"), 3);
  EXPECT_EQ(property_count_strings(s.props, "missing"), einval);
  EXPECT_EQ(property_count_strings(s.props, "empty"), enodata);
  EXPECT_EQ(property_count_strings(s.props, "unterminated"), eilseq);
  EXPECT_EQ(property_count_strings(s.props, "tail-unterminated"), eilseq);
  EXPECT_EQ(property_count_strings(s.props, "u32"), eilseq); // 12 34 56 78: no NUL

  EXPECT_EQ(property_match_string(s.props, "strs", "a"), 0);
  EXPECT_EQ(property_match_string(s.props, "strs", "bb"), 1);
  EXPECT_EQ(property_match_string(s.props, "strs", "ccc"), 2);
  EXPECT_LT(property_match_string(s.props, "strs", "b"), 0);  // exact, not a prefix
  EXPECT_LT(property_match_string(s.props, "strs", "BB"), 0); // case-sensitive
  EXPECT_EQ(property_match_string(s.props, "with-empty", ""), 1);
  EXPECT_EQ(property_match_string(s.props, "missing", "a"), einval);
  EXPECT_EQ(property_match_string(s.props, "empty", "a"), enodata);
  EXPECT_EQ(property_match_string(s.props, "unterminated", "ab"), eilseq);
  EXPECT_EQ(property_match_string(s.serial1, "compatible", "ns16550"), 1);
}

// --- the real blobs ---

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The node list of a .dts as dtc prints it (lines ending " {" open a node,
// lines of tabs and "};" close one): full paths in document order.
std::vector<std::string> dts_paths(const std::string& dts) {
  std::vector<std::string> out, stack;
  std::istringstream in(dts);
  for (std::string line; std::getline(in, line);) {
    const std::size_t text = line.find_first_not_of('\t');
    if (text == std::string::npos) continue;
    if (line.size() >= 2 && line.compare(line.size() - 2, 2, " {") == 0) {
      const std::string name = line.substr(text, line.size() - 2 - text);
      const std::string path = stack.empty() ? "/" : (stack.back() == "/" ? "" : stack.back()) + "/" + name;
      stack.push_back(path);
      out.push_back(path);
    } else if (line.compare(text, std::string::npos, "};") == 0 && !stack.empty()) {
      stack.pop_back();
    }
  }
  return out;
}

template <class Hook>
std::string path_of(const kin::device_node<Hook>* n) {
  std::string path;
  for (; kin::of::get_parent(n); n = kin::of::get_parent(n)) path = "/" + std::string(n->full_name) + path;
  return path.empty() ? "/" : path;
}

template <class Hook>
struct loaded_blob {
  std::string bytes; // the tree views it: declared first, destroyed last
  kin::result<kin::device_tree<Hook>, kin::dtb_error> tree;

  explicit loaded_blob(const std::string& stem)
      : bytes(read_file(std::string(KIN_TEST_DATA_DIR) + "/dtb/" + stem + ".dtb")),
        tree(kin::load_dtb<Hook>(bytes.data(), bytes.size())) {}
};

TYPED_TEST(OfApi, RealBlobsAllNodesMatchDts) {
  using node = kin::device_node<TypeParam>;
  for (const char* stem : {"aarch64-virt", "riscv64-virt", "ppc-ppce500"}) {
    SCOPED_TRACE(stem);
    loaded_blob<TypeParam> b(stem);
    ASSERT_FALSE(b.bytes.empty());
    ASSERT_TRUE(b.tree.has_value()) << b.tree.error().message;
    node* root = &b.tree.value().root();
    std::vector<std::string> paths;
    for (node* n = kin::of::find_all_nodes(root, nullptr); n; n = kin::of::find_all_nodes(root, n))
      paths.push_back(path_of<TypeParam>(n));
    const auto expected = dts_paths(read_file(std::string(KIN_TEST_DATA_DIR) + "/dtb/" + stem + ".dts"));
    EXPECT_EQ(paths, expected);
    EXPECT_EQ(b.tree.value().size(), expected.size());
    // Every node's path leads back to it (absolute paths, full unit names),
    // and `name` is the unit name without its address.
    for (node* n = kin::of::find_all_nodes(root, nullptr); n; n = kin::of::find_all_nodes(root, n)) {
      EXPECT_EQ(kin::of::find_node_by_path(root, path_of<TypeParam>(n)), n) << path_of<TypeParam>(n);
      EXPECT_EQ(n->name, kin::of::base_name(n->full_name));
    }
    EXPECT_EQ(kin::of::find_node_by_path(root, "//"), nullptr);
  }
}

TYPED_TEST(OfApi, RealBlobPpce500) {
  using namespace kin::of;
  loaded_blob<TypeParam> b("ppc-ppce500");
  ASSERT_TRUE(b.tree.has_value()) << b.tree.error().message;
  auto& t = b.tree.value();
  auto* root = &t.root();
  auto* soc = find_node_by_path(root, "/soc@fe0000000");
  auto* serial = find_node_by_path(root, "/soc@fe0000000/serial@4500");
  auto* i2c = find_node_by_path(root, "/soc@fe0000000/i2c@3000");
  auto* rtc = find_node_by_path(root, "/soc@fe0000000/i2c@3000/rtc@68");
  auto* cpus = find_node_by_path(root, "/cpus");
  auto* cpu = find_node_by_path(root, "/cpus/PowerPC,8544@0");
  auto* pic = find_node_by_path(root, "/soc@fe0000000/pic@40000");
  auto* gpio = find_node_by_path(root, "/soc@fe0000000/gpio@ff000");
  auto* chosen = find_node_by_path(root, "/chosen");
  auto* memory = find_node_by_path(root, "/memory");
  for (auto* n : {soc, serial, i2c, rtc, cpus, cpu, pic, gpio, chosen, memory}) ASSERT_NE(n, nullptr);
  EXPECT_EQ(root->name, "");
  EXPECT_EQ(rtc->name, "rtc");
  EXPECT_EQ(cpu->name, "PowerPC,8544");
  // Paths: full unit names only; aliases, the alias-relative one included.
  EXPECT_EQ(find_node_by_path(root, "/cpus/PowerPC,8544"), nullptr);
  EXPECT_EQ(find_node_by_path(root, "/soc@fe0000000/serial"), nullptr);
  EXPECT_EQ(find_node_by_path(root, "//cpus"), nullptr);
  EXPECT_EQ(find_node_by_path(root, "serial0"), serial);
  EXPECT_EQ(find_node_by_path(root, "pci0"), find_node_by_path(root, "/pci@fe0008000"));
  EXPECT_EQ(find_node_by_path(root, "i2c"), i2c);
  EXPECT_EQ(find_node_by_path(root, "rtc"), rtc); // rtc = "i2c/rtc@68"
  EXPECT_EQ(find_node_by_path(root, "i2c/rtc@68"), rtc);
  std::string_view opt;
  EXPECT_EQ(find_node_by_path(root, "serial0:115200n8", &opt), serial);
  EXPECT_EQ(opt, "115200n8");
  std::string_view stdout_path;
  ASSERT_EQ(property_read_string(chosen, "stdout-path", stdout_path), 0);
  EXPECT_EQ(find_node_by_path(root, stdout_path, &opt), serial);
  EXPECT_EQ(opt.data(), nullptr);
  // Children.
  EXPECT_EQ(get_next_child(cpus, nullptr), cpu);
  EXPECT_EQ(get_next_child(cpus, cpu), nullptr);
  EXPECT_EQ(get_next_available_child(cpus, nullptr), cpu); // status = "okay"
  EXPECT_EQ(get_next_reserved_child(soc, nullptr), nullptr);
  EXPECT_EQ(get_next_child_with_prefix(soc, nullptr, "i2c"), i2c);
  EXPECT_EQ(get_child_by_name(root, "cpus"), cpus);
  EXPECT_EQ(get_child_by_name(soc, "serial"), serial);
  EXPECT_EQ(get_available_child_by_name(soc, "serial"), serial);
  EXPECT_EQ(get_compatible_child(soc, "NS16550"), serial);
  EXPECT_EQ(get_compatible_child(i2c, "pericom,pt7c4338"), rtc);
  EXPECT_EQ(get_parent(rtc), i2c);
  // Scans.
  EXPECT_EQ(find_node_by_name(root, nullptr, "serial"), serial);
  EXPECT_EQ(find_node_by_name(root, serial, "serial"), nullptr);
  EXPECT_EQ(find_node_by_type(root, nullptr, "cpu"), cpu);
  EXPECT_EQ(find_node_by_type(root, nullptr, "memory"), memory);
  EXPECT_EQ(find_node_by_type(root, nullptr, "pci"), find_node_by_path(root, "/pci@fe0008000"));
  EXPECT_EQ(find_node_by_type(root, cpu, "cpu"), nullptr);
  EXPECT_EQ(find_compatible_node(root, nullptr, "", "simple-bus"), find_node_by_path(root, "/platform@f00000000"));
  EXPECT_EQ(find_compatible_node(root, find_node_by_path(root, "/platform@f00000000"), "", "simple-bus"), soc);
  EXPECT_EQ(find_compatible_node(root, nullptr, "serial", "ns16550"), serial);
  EXPECT_EQ(find_compatible_node(root, nullptr, "cpu", "ns16550"), nullptr);
  EXPECT_EQ(find_node_with_property(root, nullptr, "interrupt-controller"), pic);
  EXPECT_EQ(find_node_with_property(root, nullptr, "phandle"), gpio); // the first in pre-order
  // Handles: phandle and linux,phandle.
  EXPECT_EQ(gpio->phandle, 0x8005u);
  EXPECT_EQ(pic->phandle, 0x8003u);
  EXPECT_EQ(t.find_by_phandle(0x8005), gpio);
  EXPECT_EQ(t.find_by_phandle(0x8003), pic);
  EXPECT_EQ(t.find_by_phandle(0), nullptr);
  EXPECT_EQ(t.find_by_phandle(0x8006), nullptr);
  // Readers.
  std::uint32_t v = 0;
  EXPECT_EQ(property_read_u32(serial, "clock-frequency", v), 0);
  EXPECT_EQ(v, 0x17d78400u);
  std::uint32_t reg[4] = {};
  EXPECT_EQ(property_read_u32_array(memory, "reg", reg, 4), 0);
  EXPECT_EQ(reg[3], 0x8000000u);
  EXPECT_EQ(property_read_u32_array(memory, "reg", reg, 5), eoverflow);
  std::uint64_t base = 1;
  EXPECT_EQ(property_read_u64(memory, "reg", base), 0);
  EXPECT_EQ(base, 0u);
  EXPECT_EQ(property_count_elems_of_size(root, "#size-cells", 4), 1);
  EXPECT_EQ(property_count_elems_of_size(find_node_by_path(root, "/pci@fe0008000"), "interrupt-map", 28), 124);
  std::string_view s;
  EXPECT_EQ(property_read_string(root, "model", s), 0);
  EXPECT_EQ(s, "QEMU ppce500");
  EXPECT_EQ(property_count_strings(soc, "compatible"), 2);
  EXPECT_EQ(property_read_string_index(soc, "compatible", 1, s), 0);
  EXPECT_EQ(s, "simple-bus");
  EXPECT_EQ(property_match_string(soc, "compatible", "simple-bus"), 1);
  EXPECT_EQ(property_read_string(chosen, "bootargs", s), 0); // [00]: an empty string
  EXPECT_EQ(s, "");
  EXPECT_EQ(property_read_string(cpu, "status", s), 0);
  EXPECT_EQ(s, "okay");
  EXPECT_TRUE(device_is_available(cpu));
  EXPECT_TRUE(node_is_type(cpu, "cpu"));
  // An empty property from a blob has a value (a pointer into the blob)
  // of length 0: too short for a cell, as the kernel says (-EOVERFLOW),
  // and 0 elements.
  EXPECT_EQ(property_read_u32(pic, "interrupt-controller", v), eoverflow);
  EXPECT_EQ(property_count_elems_of_size(pic, "interrupt-controller", 4), 0);
}

TYPED_TEST(OfApi, RealBlobsAarch64AndRiscv) {
  using namespace kin::of;
  {
    loaded_blob<TypeParam> b("aarch64-virt");
    ASSERT_TRUE(b.tree.has_value()) << b.tree.error().message;
    auto* root = &b.tree.value().root();
    auto* cpus = find_node_by_path(root, "/cpus");
    ASSERT_NE(cpus, nullptr);
    EXPECT_EQ(get_child_by_name(cpus, "cpu"), find_node_by_path(root, "/cpus/cpu@0"));
    EXPECT_EQ(get_child_by_name(cpus, "cpu-map"), get_next_child(cpus, nullptr)); // cpu-map comes first
    EXPECT_EQ(find_node_by_path(root, "/cpus/cpu"), nullptr);
    EXPECT_EQ(find_node_by_path(root, "serial0"), nullptr); // no /aliases here
    EXPECT_EQ(find_node_by_path(root, "/cpus/cpu-map/socket0/cluster0/core1")->full_name, "core1");
    std::size_t cpu_nodes = 0;
    for (auto* n = find_node_by_type(root, nullptr, "cpu"); n; n = find_node_by_type(root, n, "cpu")) ++cpu_nodes;
    EXPECT_EQ(cpu_nodes, 2u);
    std::size_t virtio = 0;
    for (auto* n = find_compatible_node(root, nullptr, "", "virtio,mmio"); n;
         n = find_compatible_node(root, n, "", "virtio,mmio"))
      ++virtio;
    EXPECT_EQ(virtio, 32u);
    EXPECT_EQ(get_next_child_with_prefix(root, nullptr, "virtio_mmio@a000200"),
              find_node_by_path(root, "/virtio_mmio@a000200"));
    std::string_view path;
    ASSERT_EQ(property_read_string(find_node_by_path(root, "/chosen"), "stdout-path", path), 0);
    EXPECT_EQ(find_node_by_path(root, path), find_node_by_path(root, "/pl011@9000000"));
  }
  {
    loaded_blob<TypeParam> b("riscv64-virt");
    ASSERT_TRUE(b.tree.has_value()) << b.tree.error().message;
    auto* root = &b.tree.value().root();
    auto* cpu0 = find_node_by_path(root, "/cpus/cpu@0");
    ASSERT_NE(cpu0, nullptr);
    EXPECT_EQ(get_compatible_child(cpu0, "riscv,cpu-intc"), find_node_by_path(root, "/cpus/cpu@0/interrupt-controller"));
    EXPECT_EQ(get_next_available_child(find_node_by_path(root, "/cpus"), nullptr), cpu0);
    auto* test = find_node_by_path(root, "/soc/test@100000");
    ASSERT_NE(test, nullptr);
    EXPECT_EQ(property_count_strings(test, "compatible"), 3);
    EXPECT_EQ(property_match_string(test, "compatible", "syscon"), 2);
    EXPECT_GT(device_is_compatible(test, "sifive,test1"), device_is_compatible(test, "syscon"));
    EXPECT_EQ(find_compatible_node(root, nullptr, "", "syscon"), test);
    EXPECT_EQ(find_compatible_node(root, nullptr, "", "ns16550a"), find_node_by_path(root, "/soc/serial@10000000"));
  }
}

} // namespace of_api_test

namespace of_api_test {

// The rest of the reference's table on the real ppce500 blob: the cpu
// iterator, match tables with the kernel's scores, alias ids and the
// console in /chosen.
TYPED_TEST(OfApi, CpusMatchTablesAliasIdsAndStdout) {
  using namespace kin::of;
  loaded_blob<TypeParam> b("ppc-ppce500");
  ASSERT_TRUE(b.tree.has_value()) << b.tree.error().message;
  auto* root = &b.tree.value().root();
  auto* cpu = find_node_by_path(root, "/cpus/PowerPC,8544@0");
  auto* soc = find_node_by_path(root, "/soc@fe0000000");
  auto* serial = find_node_by_path(root, "/soc@fe0000000/serial@4500");
  auto* i2c = find_node_by_path(root, "/soc@fe0000000/i2c@3000");
  ASSERT_TRUE(cpu && soc && serial && i2c);
  // Named PowerPC,8544, but device_type "cpu": a cpu node; the only one.
  EXPECT_EQ(get_next_cpu_node(root, nullptr), cpu);
  EXPECT_EQ(get_next_cpu_node(root, cpu), nullptr);
  // Scores: compatible (its index), + 2 for a type, + 1 for a name.
  const int first = match_score(soc, dt_match{{}, {}, "fsl,mpc8544-immr"});
  const int second = match_score(soc, dt_match{{}, {}, "simple-bus"});
  EXPECT_GT(first, second);
  EXPECT_EQ(first - second, 4);
  EXPECT_EQ(match_score(soc, dt_match{{}, "soc", "simple-bus"}), second + 2);
  EXPECT_EQ(match_score(soc, dt_match{"soc", "soc", "simple-bus"}), second + 3);
  EXPECT_EQ(match_score(soc, dt_match{"bus", {}, "simple-bus"}), 0); // a required name fails
  EXPECT_EQ(match_score(soc, dt_match{{}, "pci", "simple-bus"}), 0); // a required type fails
  EXPECT_EQ(match_score(soc, dt_match{}), 0);
  static const int tag_serial = 1, tag_bus = 2;
  const dt_match table[] = {{{}, {}, "simple-bus", &tag_bus}, {{}, "serial", "ns16550", &tag_serial}};
  EXPECT_EQ(match_node(table, 2, serial), &table[1]);
  EXPECT_EQ(match_node(table, 2, cpu), nullptr);
  // In pre-order: /platform (qemu,platform + simple-bus) comes first.
  const dt_match* m = nullptr;
  auto* first_bus = find_matching_node(root, nullptr, table, 2, &m);
  ASSERT_NE(first_bus, nullptr);
  EXPECT_EQ(first_bus->full_name, "platform@f00000000");
  EXPECT_EQ(m, &table[0]);
  EXPECT_EQ(find_matching_node(root, first_bus, table, 2, &m), soc);
  EXPECT_EQ(find_matching_node(root, soc, table, 2, &m), serial);
  EXPECT_EQ(m, &table[1]);
  EXPECT_EQ(find_matching_node(root, serial, table, 2, &m), nullptr);
  EXPECT_EQ(m, nullptr);
  // Aliases pci0, rtc (no id), i2c (no id), serial0.
  EXPECT_EQ(alias_get_id(root, serial, "serial"), 0);
  EXPECT_EQ(alias_get_id(root, i2c, "serial"), enodev);
  EXPECT_EQ(alias_get_id(root, i2c, "i2c"), enodev); // "i2c" has no trailing digits
  EXPECT_EQ(alias_get_id(root, find_node_by_path(root, "/pci@fe0008000"), "pci"), 0);
  EXPECT_EQ(alias_get_highest_id(root, "serial"), 0);
  EXPECT_EQ(alias_get_highest_id(root, "ethernet"), enodev);
  // /chosen's stdout-path, without options.
  std::string_view options = "x";
  EXPECT_EQ(stdout_node(root, &options), serial);
  EXPECT_EQ(options.data(), nullptr);
}

TYPED_TEST(OfApi, CpuNodesSkipFailedAndOtherChildren) {
  using namespace kin::of;
  builder<TypeParam> b;
  auto* root = b.add(nullptr, "", {});
  auto* cpus = b.add(root, "cpus", {});
  auto* map = b.add(cpus, "cpu-map", {});
  auto* failed = b.add(cpus, "cpu@0", {{"status", str("fail-sss")}});
  auto* c1 = b.add(cpus, "cpu@1", {});
  auto* typed = b.add(cpus, "core@2", {{"device_type", str("cpu")}});
  (void)map;
  (void)failed;
  EXPECT_EQ(get_next_cpu_node(root, nullptr), c1);
  EXPECT_EQ(get_next_cpu_node(root, c1), typed);
  EXPECT_EQ(get_next_cpu_node(root, typed), nullptr);
  auto* bare = b.add(nullptr, "", {});
  EXPECT_EQ(get_next_cpu_node(bare, nullptr), nullptr); // no /cpus
  // Aliases with ids, one dangling, one with options in its value.
  auto* aliases = b.add(root, "aliases", {{"serial0", str("/cpus/cpu@1")}, {"serial3", str("/cpus/core@2:9600")},
                                          {"serial7", str("/nowhere")}, {"name", str("aliases")}});
  (void)aliases;
  EXPECT_EQ(alias_get_id(root, c1, "serial"), 0);
  EXPECT_EQ(alias_get_id(root, typed, "serial"), 3);
  EXPECT_EQ(alias_get_highest_id(root, "serial"), 3); // serial7 resolves to nothing
  EXPECT_EQ(stdout_node(root), nullptr);              // no /chosen
  auto* chosen = b.add(root, "chosen", {{"stdout-path", str("serial3:115200n8")}});
  (void)chosen;
  std::string_view options;
  EXPECT_EQ(stdout_node(root, &options), typed);
  EXPECT_EQ(options, "115200n8");
}

} // namespace of_api_test
