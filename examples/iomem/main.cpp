// SPDX-License-Identifier: BSL-1.0
// iomem: reads a /proc/iomem listing into a kin resource tree and prints it
// back, mirrored, as its System RAM ranges (forward or reverse), as a
// drawing, or as Graphviz DOT. The same code runs on all three kin layouts.
#include <kin/adapters/iomem.hpp>
#include <kin/dot.hpp>
#include <kin/kin.hpp>
#include <kin/print.hpp>

#include <cerrno>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

constexpr const char* kUsage =
    "usage: iomem [OPTIONS] [FILE]\n"
    "Reads a /proc/iomem listing (default /proc/iomem; - for standard input)\n"
    "and prints it back in the kernel's format.\n"
    "\n"
    "  --reverse    mirrored order: each level's children last to first, parents\n"
    "               first; with --ram, --tree or --dot it reverses those too\n"
    "  --ram        what the kernel's walk_system_ram_res reports over the whole\n"
    "               address space: the outermost ranges flagged SYSTEM_RAM|BUSY\n"
    "               (\"System RAM\", \"System RAM (driver)\", and \"Kernel code\",\n"
    "               \"Crash kernel\" ... where they are not inside System RAM),\n"
    "               one per line as START-END : NAME; with --reverse through\n"
    "               walk_system_ram_res_rev, highest first\n"
    "  --tree       draw the tree with box-drawing characters\n"
    "  --dot        write Graphviz DOT (pipe into dot -Tsvg); with --reverse the\n"
    "               nodes are numbered in mirrored pre-order\n"
    "  --cap N      indentation cap in levels, 1 to 64 (default 5; Linux 2.4 used 4)\n"
    "  --strict     treat warnings as errors\n"
    "  --layout L   singly, list or compact (default): the kin layout to build\n"
    "  --help       this text\n"
    "Options may also be written --cap=N, --layout=L; -- ends the options.\n"
    "\n"
    "Warnings (odd but accepted lines) go to standard error as FILE:LINE: warning: ...\n"
    "and leave the exit status 0. Exit status 2: unreadable or rejected input,\n"
    "warnings under --strict, hidden (all-zero) addresses with --ram, a write\n"
    "error, bad usage.\n";

struct options {
  const char* file = "/proc/iomem";
  bool reverse = false, ram = false, tree = false, dot = false, strict = false;
  unsigned cap = 5;
  std::string layout = "compact";
};

int usage_error(const char* message) {
  std::fprintf(stderr, "iomem: %s (iomem --help lists the options)\n", message);
  return 2;
}

bool read_all(const char* path, std::string& out) {
  std::FILE* f = std::strcmp(path, "-") == 0 ? stdin : std::fopen(path, "rb");
  if (!f) return false;
  char buf[65536];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, f)) out.append(buf, n);
  const bool ok = !std::ferror(f);
  if (f != stdin) std::fclose(f);
  return ok;
}

std::string range_label(std::uint64_t start, std::uint64_t end, std::string_view name) {
  char head[64];
  std::snprintf(head, sizeof head, "%08llx-%08llx : ", static_cast<unsigned long long>(start),
                static_cast<unsigned long long>(end));
  return head + std::string(name.data() ? name : "<BAD>");
}

// Draws the tree with every level's children last to first: builds a mirror
// of it out of compact hooks (linking each child first instead of last) and
// draws that with kin::print_tree.
template <class R, class Label>
bool print_mirrored_tree(const kin::value_ptr<R> root, Label& label) {
  using value = std::remove_pointer_t<kin::value_ptr<R>>;
  struct mirror : kin::compact_hook<> {
    const value* original = nullptr;
  };
  using M = kin::base_hook<mirror, kin::compact_hook<>>;
  std::size_t count = 0;
  for (const value& n : kin::preorder<R>(root)) (void)n, ++count;
  std::unique_ptr<mirror[]> nodes(new (std::nothrow) mirror[count]);
  if (!nodes) return false;
  std::size_t i = 0;
  std::vector<mirror*> at_depth;
  const auto walk = kin::preorder<R>(root).with_depth();
  for (auto it = walk.begin(); it != walk.end(); ++it, ++i) {
    nodes[i].original = &*it;
    const auto depth = static_cast<std::size_t>(it.depth());
    at_depth.resize(depth);
    if (depth > 0) kin::link_first_child<M>(at_depth.back(), &nodes[i]);
    at_depth.push_back(&nodes[i]);
  }
  kin::print_tree<M>(kin::file_sink{stdout}, &nodes[0], [&](const mirror& m) { return label(*m.original); });
  return true;
}

template <class Hook>
int run(const options& o, const std::string& text) {
  using R = typename kin::iomem_tree<Hook>::traits;
  using value = kin::resource<Hook>;
  auto parsed = kin::parse_iomem<Hook>(text, {o.cap, 8});
  if (!parsed) {
    const auto& e = parsed.error();
    std::fprintf(stderr, "%s:%zu:%zu: error: %s\n", o.file, e.line, e.column, e.message.c_str());
    return 2;
  }
  auto& t = parsed.value();
  for (const auto& w : t.warnings())
    std::fprintf(stderr, "%s:%zu: %s: %s\n", o.file, w.line, o.strict ? "error" : "warning", w.message.c_str());
  for (const auto& n : t.notices()) std::fprintf(stderr, "%s: note: %s\n", o.file, n.message.c_str());
  if (o.strict && !t.warnings().empty()) return 2;

  value* root = &t.root();
  kin::file_sink out{stdout};
  if (o.ram) {
    if (t.all_addresses_zero()) {
      std::fprintf(stderr, "%s: the addresses are hidden (all zero): read it as root to list System RAM\n", o.file);
      return 2;
    }
    auto print = [](const kin::resource_record<value*>& r) {
      std::printf("%s\n", range_label(r.start, r.end, r.res->name).c_str());
      return 0;
    };
    if (o.reverse) {
      // Native on list and compact layouts for a well-formed tree; otherwise
      // collected with new (std::nothrow), as the kernel does. -1 means "no
      // RAM" or "no memory for the array": tell them apart.
      const bool any_ram = kin::walk_system_ram_res<R>(root, 0, UINT64_MAX, [](auto&) { return 1; }) == 1;
      if (kin::walk_system_ram_res_rev<R>(root, 0, UINT64_MAX, print, kin::collect_allocating) == -1 && any_ram) {
        std::fprintf(stderr, "%s: out of memory for the reverse walk\n", o.file);
        return 2;
      }
    } else {
      kin::walk_system_ram_res<R>(root, 0, UINT64_MAX, print);
    }
    return 0;
  }
  auto label = [&](const value& n) {
    return &n == root ? std::string("PCI mem") : range_label(n.start, n.end, n.name);
  };
  if (o.tree && o.reverse) {
    // print_tree draws pre-order; a mirrored drawing is the same tree with
    // each level's children listed last to first, so draw it from a mirror.
    if (!print_mirrored_tree<R>(root, label)) {
      std::fprintf(stderr, "%s: out of memory for the mirrored walk\n", o.file);
      return 2;
    }
  } else if (o.tree) {
    kin::print_tree<R>(out, root, label);
  } else if (o.dot && o.reverse) {
    auto order = kin::postorder_reverse<R>(root, kin::collect_allocating); // any layout
    if (!order.fits()) {
      std::fprintf(stderr, "%s: out of memory for the mirrored walk\n", o.file);
      return 2;
    }
    kin::write_dot<R>(out, root, label, order, {"iomem"});
  } else if (o.dot) {
    kin::write_dot<R>(out, root, label, {"iomem"});
  } else if (o.reverse) {
    if (!kin::print_iomem_mirrored<R>(out, root, {o.cap, 8})) {
      std::fprintf(stderr, "%s: out of memory for the mirrored walk\n", o.file);
      return 2;
    }
  } else {
    kin::print_iomem<R>(out, root, {o.cap, 8});
  }
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  options o;
  bool have_file = false, options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    std::string value;
    bool has_value = false;
    if (!options_done && a.starts_with("--") && a.find('=') != std::string_view::npos) {
      value = a.substr(a.find('=') + 1);
      a = a.substr(0, a.find('='));
      has_value = true;
    }
    auto take_value = [&]() -> bool {
      if (has_value) return true;
      if (i + 1 == argc) return false;
      value = argv[++i];
      return true;
    };
    if (options_done || a == "-" || a.empty() || a[0] != '-') {
      if (have_file) return usage_error("more than one FILE");
      o.file = argv[i];
      have_file = true;
    } else if (a == "--") {
      options_done = true;
    } else if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--reverse" && !has_value) {
      o.reverse = true;
    } else if (a == "--ram" && !has_value) {
      o.ram = true;
    } else if (a == "--tree" && !has_value) {
      o.tree = true;
    } else if (a == "--dot" && !has_value) {
      o.dot = true;
    } else if (a == "--strict" && !has_value) {
      o.strict = true;
    } else if (a == "--layout") {
      if (!take_value()) return usage_error("--layout needs a value (singly, list or compact)");
      o.layout = value;
    } else if (a == "--cap") {
      if (!take_value()) return usage_error("--cap needs a value (1 to 64)");
      char* end = nullptr;
      const long cap = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end || cap < 1 || cap > 64) return usage_error("--cap takes a number from 1 to 64");
      o.cap = static_cast<unsigned>(cap);
    } else {
      return usage_error(("unknown option " + std::string(argv[i])).c_str());
    }
  }
  if (o.tree + o.dot + o.ram > 1) return usage_error("--ram, --tree and --dot exclude each other");
  std::string text;
  if (!read_all(o.file, text)) {
    std::fprintf(stderr, "%s: cannot read: %s\n", o.file, std::strerror(errno));
    return 2;
  }
  int status = 0;
  if (o.layout == "singly") {
    status = run<kin::singly_hook<>>(o, text);
  } else if (o.layout == "list") {
    status = run<kin::list_hook<>>(o, text);
  } else if (o.layout == "compact") {
    status = run<kin::compact_hook<>>(o, text);
  } else {
    return usage_error("--layout takes singly, list or compact");
  }
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::fprintf(stderr, "iomem: error writing the output: %s\n", std::strerror(errno));
    return 2;
  }
  return status;
}
