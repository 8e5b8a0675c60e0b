// SPDX-License-Identifier: BSL-1.0
// dt-tree: reads a flattened device tree blob (a .dtb, or /sys/firmware/fdt)
// into kin device nodes with kin::load_dtb and prints it as dts-like text,
// as the full path of every node (pre-order or mirrored pre-order), as
// Graphviz DOT, or answers one lookup: a node by path (aliases and
// ":options" as the kernel's of_find_node_opts_by_path) or by phandle. The
// same code runs on all three kin layouts.
#include <kin/adapters/device_node.hpp>
#include <kin/adapters/device_tree.hpp>
#include <kin/adapters/dtb.hpp>
#include <kin/allocating.hpp>
#include <kin/dot.hpp>
#include <kin/kin.hpp>

#include "example_support.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#ifndef KIN_VERSION_STRING
#error "KIN_VERSION_STRING (the project version) comes from examples/dt_tree/CMakeLists.txt"
#endif

namespace {

// The example conventions (docs/examples.md): exit 1 is "--find or
// --phandle found nothing".
using namespace kin_example;

constexpr const char* kUsage =
    "usage: dt-tree [OPTIONS] [FILE]\n"
    "Reads a flattened device tree blob (default /sys/firmware/fdt; - for\n"
    "standard input) into kin device nodes and prints it as dts-like text: every\n"
    "node with its properties, strings quoted, cells as <0x..>, bytes as [..].\n"
    "\n"
    "  --paths      the full path of every node, one per line, in pre-order (the\n"
    "               root is /): the node list of dtc -I dtb -O dts, in its order\n"
    "  --reverse    with --paths or --dot: mirrored pre-order (each level's\n"
    "               children last to first, every parent before its children)\n"
    "  --find PATH  print the node at PATH and its properties: an absolute path\n"
    "               with full unit names (/cpus/cpu@0), or one starting with an\n"
    "               alias of /aliases (serial0, i2c/rtc@68); text after the first\n"
    "               ':' is options (serial0:115200n8), printed as a comment\n"
    "  --phandle N  print the path of the node whose phandle is N (decimal or 0x\n"
    "               hex, up to 0xffffffff; 0, no phandle, is never found)\n"
    "  --dot        write Graphviz DOT (pipe into dot -Tsvg); with --reverse the\n"
    "               nodes are numbered in mirrored pre-order\n"
    "  --strict     treat the loader's warnings as errors\n"
    "  --layout L   singly, list or compact (default): the kin layout to build\n"
    "  --max-input BYTES  refuse input larger than BYTES (default 256M); a\n"
    "               number, optionally with K, M, G or T (x1024, x1024^2, x1024^3,\n"
    "               x1024^4; lowercase too), at most 1T\n"
    "  --help       this text\n"
    "  --version    the version\n"
    "Options may also be written --find=PATH, --layout=L, ...; -- ends the options.\n"
    "Options are checked before any input is read. --paths, --find, --phandle and\n"
    "--dot exclude each other.\n"
    "\n"
    "A blob the loader rejects is reported as FILE: error: at offset N: MESSAGE\n"
    "(N is a byte offset into the blob). Warnings about an accepted blob go to\n"
    "standard error as FILE: warning: at offset N: MESSAGE (the first 100, then\n"
    "\"... and N more warnings\") and leave the exit status 0.\n"
    "Exit status: 0 success; 1 a negative answer: --find or --phandle found no\n"
    "node; 2 bad usage, unreadable, rejected or too large input, warnings under\n"
    "--strict, out of memory, a write error.\n";

enum class mode { text, paths, find, phandle, dot };

struct options {
  const char* file = "/sys/firmware/fdt";
  mode what = mode::text;
  bool reverse = false, strict = false;
  std::string find_path;
  std::uint32_t phandle = 0;
  enum layout layout = layout::compact;
  std::size_t max_input = kDefaultMaxInput;
};

int usage_error(const std::string& message) {
  std::fprintf(stderr, "dt-tree: %s (dt-tree --help lists the options)\n", message.c_str());
  return kExitError;
}

// The node's full path: its ancestors' unit names joined with '/', the
// root as "/".
template <class Hook>
std::string path_of(const kin::device_node<Hook>* n) {
  std::vector<std::string_view> names;
  for (; kin::of::get_parent(n); n = kin::of::get_parent(n)) names.push_back(n->full_name);
  if (names.empty()) return "/";
  std::string path;
  for (auto it = names.rbegin(); it != names.rend(); ++it) {
    path += '/';
    path += *it;
  }
  return path;
}

// How a value prints, as dtc would guess it: a list of non-empty printable
// strings, each NUL-terminated; else cells when the length is a multiple
// of 4; else bytes.
bool looks_like_strings(const unsigned char* v, std::size_t n) {
  if (n == 0 || v[n - 1] != 0 || v[0] == 0) return false;
  for (std::size_t i = 0; i < n; ++i) {
    if (v[i] == 0) {
      if (i + 1 < n && v[i + 1] == 0) return false; // an empty string inside
    } else if (v[i] < 0x20 || v[i] > 0x7e) {
      return false;
    }
  }
  return true;
}

std::string value_text(const kin::dt_property& p) {
  std::string out;
  char buf[16];
  const unsigned char* v = p.value;
  const std::size_t n = p.value ? p.length : 0;
  if (looks_like_strings(v, n)) {
    out += '"';
    for (std::size_t i = 0; i + 1 < n; ++i) {
      const char c = static_cast<char>(v[i]);
      if (c == 0) {
        out += "\\0";
      } else {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
    }
    out += '"';
  } else if (n % 4 == 0) {
    out += '<';
    for (std::size_t i = 0; i < n; i += 4) {
      const std::uint32_t cell = (std::uint32_t{v[i]} << 24) | (std::uint32_t{v[i + 1]} << 16) |
                                 (std::uint32_t{v[i + 2]} << 8) | std::uint32_t{v[i + 3]};
      std::snprintf(buf, sizeof buf, "%s0x%02x", i ? " " : "", static_cast<unsigned>(cell));
      out += buf;
    }
    out += '>';
  } else {
    out += '[';
    for (std::size_t i = 0; i < n; ++i) {
      std::snprintf(buf, sizeof buf, "%s%02x", i ? " " : "", static_cast<unsigned>(v[i]));
      out += buf;
    }
    out += ']';
  }
  return out;
}

// The properties, one per line at `indent` tabs. A "name" property whose
// value is the node's name without its unit address is left out, as dtc
// leaves it out (the loader adds one to every node that lacks it, as the
// kernel does).
template <class Hook>
void print_properties(const kin::device_node<Hook>& n, std::size_t indent) {
  const std::string tabs(indent, '\t');
  for (std::size_t i = 0; i < n.property_count; ++i) {
    const kin::dt_property& p = n.properties[i];
    if (p.name == "name" && p.value && p.length > 0 && p.value[p.length - 1] == 0 &&
        std::string_view(reinterpret_cast<const char*>(p.value), p.length - 1) == kin::of::base_name(n.full_name))
      continue;
    const std::string name(p.name);
    if (p.length == 0) {
      std::printf("%s%s;\n", tabs.c_str(), name.c_str());
    } else {
      std::printf("%s%s = %s;\n", tabs.c_str(), name.c_str(), value_text(p).c_str());
    }
  }
}

template <class Hook>
std::string unit_name(const kin::device_node<Hook>& n) {
  return kin::of::get_parent(&n) ? std::string(n.full_name) : std::string("/");
}

// dts-like text, in the layout dtc uses: properties first, a blank line
// before each child node, tabs for indentation. One pre-order walk with
// depths; the closing braces come when the depth goes back up.
template <class Hook>
void print_text(kin::device_node<Hook>* root) {
  using R = typename kin::device_node<Hook>::traits;
  std::printf("/dts-v1/;\n");
  std::ptrdiff_t open = -1; // the depth of the innermost open node
  const auto walk = kin::preorder<R>(root).with_depth();
  for (auto it = walk.begin(); it != walk.end(); ++it) {
    const std::ptrdiff_t depth = it.depth();
    for (; open >= depth; --open) std::printf("%s};\n", std::string(static_cast<std::size_t>(open), '\t').c_str());
    const std::string tabs(static_cast<std::size_t>(depth), '\t');
    std::printf("\n%s%s {\n", tabs.c_str(), unit_name(*it).c_str());
    print_properties(*it, static_cast<std::size_t>(depth) + 1);
    open = depth;
  }
  for (; open >= 0; --open) std::printf("%s};\n", std::string(static_cast<std::size_t>(open), '\t').c_str());
}

template <class Hook>
int run(const options& o, const std::string& blob) {
  using node = kin::device_node<Hook>;
  using R = typename node::traits;
  auto loaded = kin::load_dtb<Hook>(blob.data(), blob.size());
  if (!loaded) {
    const auto& e = loaded.error();
    if (std::string_view(e.message).starts_with("out of memory")) { // about no one byte: no made-up offset
      std::fprintf(stderr, "%s: error: %s\n", o.file, e.message.c_str());
    } else {
      std::fprintf(stderr, "%s: error: at offset %zu: %s\n", o.file, static_cast<std::size_t>(e.offset), e.message.c_str());
    }
    return kExitError;
  }
  auto& t = loaded.value();
  const char* kind = o.strict ? "error" : "warning";
  const auto& warnings = t.warnings();
  for (std::size_t i = 0; i < warnings.size() && i < kMaxWarningsShown; ++i)
    std::fprintf(stderr, "%s: %s: at offset %zu: %s\n", o.file, kind, static_cast<std::size_t>(warnings[i].offset),
                 warnings[i].message.c_str());
  if (warnings.size() > kMaxWarningsShown) {
    const std::size_t more = warnings.size() - kMaxWarningsShown;
    std::fprintf(stderr, "%s: ... and %zu more %s%s\n", o.file, more, kind, more == 1 ? "" : "s");
  }
  if (o.strict && !warnings.empty()) return kExitError;

  node* root = &t.root();
  switch (o.what) {
  case mode::text:
    print_text(root);
    return kExitSuccess;
  case mode::paths:
    if (o.reverse) {
      // Mirrored pre-order is post-order backwards: collected, so it runs on
      // every layout (native on list and compact would need no memory).
      auto order = kin::postorder_reverse<R>(root, kin::collect_allocating);
      if (!order.fits()) {
        std::fprintf(stderr, "%s: error: out of memory for the mirrored walk\n", o.file);
        return kExitError;
      }
      for (const node& n : order) std::printf("%s\n", path_of(&n).c_str());
    } else {
      for (const node& n : kin::preorder<R>(root)) std::printf("%s\n", path_of(&n).c_str());
    }
    return kExitSuccess;
  case mode::find: {
    std::string_view opts;
    const node* n = kin::of::find_node_by_path(root, o.find_path, &opts);
    if (!n) {
      std::fprintf(stderr, "%s: no node at %s\n", o.file, o.find_path.c_str());
      return kExitNegative;
    }
    if (opts.data()) std::printf("// options: %.*s\n", static_cast<int>(opts.size()), opts.data());
    std::printf("%s {\n", path_of(n).c_str());
    print_properties(*n, 1);
    std::printf("};\n");
    return kExitSuccess;
  }
  case mode::phandle: {
    const node* n = t.find_by_phandle(o.phandle);
    if (!n) {
      std::fprintf(stderr, "%s: no node with phandle 0x%x\n", o.file, static_cast<unsigned>(o.phandle));
      return kExitNegative;
    }
    std::printf("%s\n", path_of(n).c_str());
    return kExitSuccess;
  }
  case mode::dot: {
    kin::file_sink out{stdout};
    auto label = [](const node& n) { return unit_name(n); };
    if (o.reverse) {
      auto order = kin::postorder_reverse<R>(root, kin::collect_allocating);
      if (!order.fits()) {
        std::fprintf(stderr, "%s: error: out of memory for the mirrored walk\n", o.file);
        return kExitError;
      }
      kin::write_dot<R>(out, root, label, order, {"devicetree"});
    } else {
      kin::write_dot<R>(out, root, label, {"devicetree"});
    }
    return kExitSuccess;
  }
  }
  return kExitSuccess;
}

// Reads the options (all of them checked before any input is read).
int parse_arguments(int argc, char** argv, options& o, bool& done) {
  std::string problem; // a common option's usage error
  bool have_file = false;
  int modes = 0;
  for (arguments args(argc, argv); args.next();) {
    const std::string_view a = args.name;
    const std::string& value = args.value;
    if (args.operand()) {
      if (have_file) return usage_error("more than one FILE");
      o.file = args.raw();
      have_file = true;
    } else if (const common_result c =
                   common_option(args, kUsage, "dt-tree (kin) " KIN_VERSION_STRING "\n", {&o.layout, &o.max_input}, problem);
               c != common_result::other) {
      if (c == common_result::bad) return usage_error(problem);
      if (c == common_result::finished) {
        done = true;
        return kExitSuccess;
      }
    } else if (args.is("--paths")) {
      o.what = mode::paths;
      ++modes;
    } else if (args.is("--dot")) {
      o.what = mode::dot;
      ++modes;
    } else if (args.is("--reverse")) {
      o.reverse = true;
    } else if (args.is("--strict")) {
      o.strict = true;
    } else if (a == "--find") {
      if (!args.take_value()) return usage_error("--find needs a value (a PATH: /..., or an alias)");
      if (value.empty()) return usage_error("--find takes a non-empty PATH");
      o.find_path = value;
      o.what = mode::find;
      ++modes;
    } else if (a == "--phandle") {
      if (!args.take_value()) return usage_error("--phandle needs a value (a number, decimal or 0x hex)");
      if (!parse_number(value, std::uint32_t{UINT32_MAX}, true, false, o.phandle))
        return usage_error("--phandle takes a number from 0 to 0xffffffff (decimal or 0x hex)");
      o.what = mode::phandle;
      ++modes;
    } else {
      return usage_error("unknown option " + std::string(args.raw()));
    }
  }
  if (modes > 1) return usage_error("--paths, --find, --phandle and --dot exclude each other");
  if (o.reverse && o.what != mode::paths && o.what != mode::dot)
    return usage_error("--reverse applies to --paths and --dot only");
  return kExitSuccess;
}

int run_main(int argc, char** argv) {
  options o;
  bool done = false;
  if (const int status = parse_arguments(argc, argv, o, done); status != kExitSuccess || done) {
    return status == kExitSuccess ? finish_output("dt-tree", status) : status; // --help, --version
  }
  std::string blob;
  if (!read_input(o.file, o.max_input, blob)) return kExitError;
  const int status = on_layout(o.layout, [&]<class Hook>() { return run<Hook>(o, blob); });
  return finish_output("dt-tree", status);
}

} // namespace

int main(int argc, char** argv) { return guarded_main("dt-tree", run_main, argc, argv); }
