// SPDX-License-Identifier: BSL-1.0
// iomem: reads a /proc/iomem listing into a kin resource tree, applies the
// resource operations asked for (request_region, request_resource,
// insert_resource, remove_resource, release_resource), and prints it back,
// mirrored, as its System RAM ranges (forward or reverse), as a drawing, or
// as Graphviz DOT. The same code runs on all three kin layouts.
#include <kin/adapters/iomem.hpp>
#include <kin/adapters/resource_ops.hpp>
#include <kin/adapters/resource_region.hpp>
#include <kin/dot.hpp>
#include <kin/kin.hpp>
#include <kin/print.hpp>

#include "example_support.hpp"

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#ifndef KIN_VERSION_STRING
#error "KIN_VERSION_STRING (the project version) comes from examples/iomem/CMakeLists.txt"
#endif

namespace {

// The example conventions (docs/examples.md): exit 1 is "--ram found no
// System RAM range" or "an operation failed".
using namespace kin_example;
constexpr std::size_t kDefaultMaxDepth = 64;

constexpr const char* kUsage =
    "usage: iomem [OPTIONS] [FILE]\n"
    "Reads a /proc/iomem listing (default /proc/iomem; - for standard input),\n"
    "applies the operations given, and prints it back in the kernel's format.\n"
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
    "  --max-depth N  with --tree, draw N levels below the root (default 64);\n"
    "               each deeper subtree becomes one line \"... N levels deeper (M values)\"\n"
    "  --max-input BYTES  refuse input larger than BYTES (default 256M); a\n"
    "               number, optionally with K, M, G or T (x1024, x1024^2, x1024^3,\n"
    "               x1024^4; lowercase too), at most 1T\n"
    "  --help       this text\n"
    "  --version    the version\n"
    "Options may also be written --cap=N, --layout=L, ...; -- ends the options.\n"
    "Options are checked before any input is read.\n"
    "\n"
    "Operations: what the kernel would do to the tree. Each may be given any\n"
    "number of times; they are applied in the order given, then the output\n"
    "asked for (the listing, --ram, --tree or --dot, --reverse or not) is\n"
    "printed from the changed tree.\n"
    "  --request-region START-END:NAME  claim a busy region from the root, as\n"
    "               a driver's request_mem_region (__request_region): it goes down\n"
    "               into ranges that are not busy and lands in the innermost;\n"
    "               flags: NAME's, BUSY and the type bits (MEM, SYSRAM) of the\n"
    "               range it lands in; descriptor: that range's\n"
    "  --request START-END:NAME  claim START-END as a child of the root\n"
    "               (request_resource: the root's children only, never deeper)\n"
    "  --insert START-END:NAME  insert under the root (insert_resource): goes\n"
    "               down into a range that strictly encloses it, and takes the\n"
    "               ranges it covers (one with exactly its range too) as children\n"
    "  --remove START-END  remove the outermost range that is exactly START-END;\n"
    "               its children take its place (remove_resource)\n"
    "  --release START-END  release the outermost range that is exactly\n"
    "               START-END, with everything under it (release_resource)\n"
    "START and END: 1 to 16 hex digits each, as in /proc/iomem (no 0x; either\n"
    "case), END inclusive, END >= START. NAME: all after the first ':' after END\n"
    "(spaces and ':' allowed), not empty, no control characters, at most 3932\n"
    "bytes. NAME gives a new range its flags and descriptor as the parser infers\n"
    "them (kin::iomem_name_table: exact for \"System RAM\" and its family,\n"
    "approximate for the rest; an unknown name is memory and not busy, even a\n"
    "driver's claim that the kernel made busy); --request-region adds to them as\n"
    "said above. The listing must keep the kernel's rules (no warning about a\n"
    "range outside its parent or overlapping a sibling) and show its addresses\n"
    "(not all zero).\n"
    "The first operation that fails stops: nothing is printed on standard output\n"
    "and standard error says FILE: OPERATION: conflicts with START-END : NAME\n"
    "(what blocked it, as its /proc/iomem line) or FILE: OPERATION: no such range.\n"
    "\n"
    "Warnings (odd but accepted lines) go to standard error as FILE:LINE: warning: ...\n"
    "(the first 100, then \"... and N more warnings\") and leave the exit status 0.\n"
    "Exit status: 0 success; 1 a negative answer: --ram found no System RAM range,\n"
    "or an operation failed (a conflict, no such range); 2 bad usage, unreadable,\n"
    "rejected or too large input (FILE:LINE:COLUMN: error: ...), warnings under\n"
    "--strict, hidden (all-zero) addresses with --ram or an operation, operations\n"
    "on a listing that breaks the kernel's rules, out of memory, a write error.\n";


// The resource operations, in the kernel's words.
enum class op_kind { request_region, request, insert, remove, release };

struct operation_option {
  std::string_view flag;
  op_kind kind;
  bool named; // START-END:NAME (a new range), else START-END (an existing one)
};

constexpr operation_option kOperations[] = {
    {"--request-region", op_kind::request_region, true},
    {"--request", op_kind::request, true},
    {"--insert", op_kind::insert, true},
    {"--remove", op_kind::remove, false},
    {"--release", op_kind::release, false},
};

// The longest NAME whose line still reads back: kin::iomem_max_line less the
// longest indentation (--cap 64: 128 spaces), two 16-digit addresses, "-"
// and " : ".
constexpr std::size_t kMaxNameBytes = kin::iomem_max_line - (2 * 64 + 16 + 1 + 16 + 3);

// One operation from the command line, checked.
struct operation {
  op_kind kind = op_kind::insert;
  std::string text; // "--insert VALUE", as given: what the messages quote
  std::uint64_t start = 0, end = 0;
  std::string name; // the new range's name (request-region, request, insert)
};

struct options {
  const char* file = "/proc/iomem";
  bool reverse = false, ram = false, tree = false, dot = false, strict = false;
  unsigned cap = 5;
  enum layout layout = layout::compact;
  std::size_t max_depth = kDefaultMaxDepth;
  bool max_depth_given = false;
  std::size_t max_input = kDefaultMaxInput;
  std::vector<operation> operations; // in the order given
};

int usage_error(const char* message) {
  std::fprintf(stderr, "iomem: %s (iomem --help lists the options)\n", message);
  return kExitError;
}

int usage_error(const std::string& message) { return usage_error(message.c_str()); }

// One address of START-END: 1 to 16 hex digits, either case, no 0x (the
// /proc/iomem form). An empty message when valid.
std::string parse_address(std::string_view digits, const char* which, std::uint64_t& out) {
  std::uint64_t v = 0;
  for (const char c : digits) {
    unsigned d = 0;
    if (c >= '0' && c <= '9') {
      d = static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      d = static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      d = static_cast<unsigned>(c - 'A' + 10);
    } else {
      return std::string(which) + " is not a hex number (1 to 16 hex digits, no 0x)";
    }
    v = (v << 4) | d; // wraps past 16 digits, which are refused below
  }
  if (digits.empty()) return std::string(which) + " is not a hex number (1 to 16 hex digits, no 0x)";
  if (digits.size() > 16) return std::string(which) + " has more than 16 hex digits";
  out = v;
  return {};
}

// START-END:NAME (named) or START-END; an empty message when valid.
std::string parse_operation(const operation_option& kind, std::string_view value, operation& out) {
  out.kind = kind.kind;
  out.text = std::string(kind.flag) + " " + std::string(value);
  const std::string what = out.text + ": ";
  const std::size_t dash = value.find('-');
  if (dash == std::string_view::npos)
    return what + (kind.named ? "takes START-END:NAME" : "takes START-END") + " (hex, as in /proc/iomem)";
  const std::string_view rest = value.substr(dash + 1);
  const std::size_t colon = rest.find(':');
  if (std::string problem = parse_address(value.substr(0, dash), "START", out.start); !problem.empty())
    return what + problem;
  if (std::string problem = parse_address(rest.substr(0, colon), "END", out.end); !problem.empty())
    return what + problem;
  if (out.end < out.start) return what + "END is below START";
  if (!kind.named) {
    if (colon != std::string_view::npos) return what + "takes START-END only, no :NAME";
    return {};
  }
  if (colon == std::string_view::npos) return what + "needs :NAME after START-END";
  const std::string_view name = rest.substr(colon + 1);
  if (name.empty()) return what + "the NAME is empty";
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return what + "the NAME has a control character";
  }
  if (name.size() > kMaxNameBytes)
    return what + "the NAME is longer than " + std::to_string(kMaxNameBytes) + " bytes (its line would not read back)";
  out.name = name;
  return {};
}

std::string range_label(std::uint64_t start, std::uint64_t end, std::string_view name) {
  char head[64];
  std::snprintf(head, sizeof head, "%08llx-%08llx : ", static_cast<unsigned long long>(start),
                static_cast<unsigned long long>(end));
  return head + std::string(name.data() ? name : "<BAD>");
}

// Draws the tree with every level's children last to first: builds a mirror
// of it out of compact hooks (linking each child first instead of last) and
// draws that with kin::print_tree. The depth comes with the walk: a mirror's
// parent is found by climbing from the previous mirror, which costs O(size)
// in all (each climb leaves finished subtrees, each once) and no memory.
template <class R, class Label>
bool print_mirrored_tree(const kin::value_ptr<R> root, Label& label, std::size_t max_depth) {
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
  std::ptrdiff_t prev_depth = 0;
  const auto walk = kin::preorder<R>(root).with_depth();
  for (auto it = walk.begin(); it != walk.end(); ++it, ++i) {
    nodes[i].original = &*it;
    const std::ptrdiff_t depth = it.depth();
    if (depth > 0) {
      mirror* parent = &nodes[i - 1]; // the previous value, or one of its ancestors
      for (std::ptrdiff_t d = prev_depth; d >= depth; --d) parent = kin::parent<M>(parent);
      kin::link_first_child<M>(parent, &nodes[i]);
    }
    prev_depth = depth;
  }
  kin::print_tree<M>(kin::file_sink{stdout}, &nodes[0], [&](const mirror& m) { return label(*m.original); },
                     {kin::tree_style::unicode, max_depth});
  return true;
}

// What the operations made and unmade, kept until the listing is printed:
// the new nodes (a std::deque never moves them; their names view the
// options' strings, which outlive them) and the tops of the subtrees they
// released. Declared after the parsed tree, so destroyed before it. With a
// hook that must be unlinked before it is freed (kin::checked_hook; the
// layouts of --layout need not), every node is unlinked first, children
// before parents: new nodes may now hold parsed ones as children and the
// reverse, so neither kind may be freed while the other still links to it.
template <class Hook>
struct edits {
  using R = typename kin::resource<Hook>::traits;
  using value = kin::resource<Hook>;

  explicit edits(value* r) : root(r) {}
  edits(const edits&) = delete;
  edits& operator=(const edits&) = delete;
  ~edits() {
    if constexpr (!std::is_trivially_destructible_v<Hook>) {
      unlink_below(root);
      for (value* top : released) unlink_below(top);
    }
  }
  // Each is its parent's first child when it is unlinked: O(size).
  static void unlink_below(value* top) noexcept {
    for (value& n : kin::postorder_safe<R>(top)) {
      if (&n != top) kin::unlink<R>(&n);
    }
  }

  value* root;
  std::deque<value> nodes;     // the new ranges
  std::vector<value*> released; // what --release detached, with its subtree
};

// The outermost resource whose range is exactly [start, end], or null. Down
// from the root through the one child that contains the range at each level
// (siblings sorted and disjoint, children inside their parents: the listing
// was checked and the operations keep it so), stopping at the first exact
// match: an inner one with the same range is never reached.
template <class R>
kin::value_ptr<R> find_exact(kin::value_ptr<R> root, std::uint64_t start, std::uint64_t end) {
  for (kin::value_ptr<R> p = root;;) {
    kin::value_ptr<R> c = kin::first_child<R>(p);
    for (; c && !(R::get_start(c) <= start && end <= R::get_end(c)); c = kin::next_sibling<R>(c)) {
      if (R::get_start(c) > start) return nullptr; // sorted: no later sibling contains it
    }
    if (!c) return nullptr;
    if (R::get_start(c) == start && R::get_end(c) == end) return c;
    p = c;
  }
}

// Applies one operation. True on success; false when it failed, with
// `conflict` the resource that blocked it, or null for "no such range".
template <class Hook>
bool apply(const operation& op, edits<Hook>& e, const kin::resource<Hook>*& conflict) {
  using R = typename edits<Hook>::R;
  using value = typename edits<Hook>::value;
  conflict = nullptr;
  if (op.kind == op_kind::remove || op.kind == op_kind::release) {
    value* n = find_exact<R>(e.root, op.start, op.end);
    if (!n) return false;
    if (op.kind == op_kind::remove) {
      (void)kin::remove_resource<R>(n); // linked, so 0
    } else {
      e.released.push_back(n); // first: it may throw, and then nothing has changed
      (void)kin::release_resource<R>(n);
    }
    return true;
  }
  value& n = e.nodes.emplace_back();
  n.name = op.name;
  const auto named = kin::iomem_flags_for_name(op.name, op.start);
  switch (op.kind) {
  case op_kind::request_region:
    // The size wraps to 0 for 0-ffffffffffffffff; the end comes back right.
    conflict = kin::request_region_conflict<R>(e.root, &n, op.start, op.end - op.start + 1, named.flags);
    break;
  case op_kind::request:
  case op_kind::insert:
    n.start = op.start;
    n.end = op.end;
    n.flags = named.flags;
    n.desc = named.desc;
    conflict = op.kind == op_kind::request ? kin::request_resource_conflict<R>(e.root, &n)
                                           : kin::insert_resource_conflict<R>(e.root, &n);
    break;
  case op_kind::remove:
  case op_kind::release:
    break;
  }
  return conflict == nullptr;
}

template <class Hook>
int run(const options& o, const std::string& text) {
  using R = typename kin::iomem_tree<Hook>::traits;
  using value = kin::resource<Hook>;
  auto parsed = kin::parse_iomem<Hook>(text, {o.cap, 8});
  if (!parsed) {
    const auto& e = parsed.error();
    if (e.line == 0) { // about the whole listing (out of memory): no position
      std::fprintf(stderr, "%s: error: %s\n", o.file, e.message.c_str());
    } else {
      std::fprintf(stderr, "%s:%zu:%zu: error: %s\n", o.file, e.line, e.column, e.message.c_str());
    }
    return kExitError;
  }
  auto& t = parsed.value();
  const char* kind = o.strict ? "error" : "warning";
  const auto& warnings = t.warnings();
  for (std::size_t i = 0; i < warnings.size() && i < kMaxWarningsShown; ++i)
    std::fprintf(stderr, "%s:%zu: %s: %s\n", o.file, warnings[i].line, kind, warnings[i].message.c_str());
  if (warnings.size() > kMaxWarningsShown) {
    const std::size_t more = warnings.size() - kMaxWarningsShown;
    std::fprintf(stderr, "%s: ... and %zu more %s%s\n", o.file, more, kind, more == 1 ? "" : "s");
  }
  for (const auto& n : t.notices()) std::fprintf(stderr, "%s: note: %s\n", o.file, n.message.c_str());
  if (o.strict && !warnings.empty()) return kExitError;

  value* root = &t.root();
  edits<Hook> changes(root);
  if (!o.operations.empty()) {
    if (t.all_addresses_zero()) {
      std::fprintf(stderr, "%s: error: the addresses are hidden (all zero): read it as root to apply operations\n",
                   o.file);
      return kExitError;
    }
    if (!t.well_formed()) {
      std::fprintf(stderr,
                   "%s: error: operations need a listing that keeps the kernel's rules (every range inside its parent, "
                   "siblings sorted and disjoint)\n",
                   o.file);
      return kExitError;
    }
    for (const operation& op : o.operations) {
      const value* conflict = nullptr;
      if (apply(op, changes, conflict)) continue;
      if (conflict) {
        std::fprintf(stderr, "%s: %s: conflicts with %s\n", o.file, op.text.c_str(),
                     range_label(conflict->start, conflict->end, conflict->name).c_str());
      } else {
        std::fprintf(stderr, "%s: %s: no such range\n", o.file, op.text.c_str());
      }
      return kExitNegative;
    }
  }
  kin::file_sink out{stdout};
  if (o.ram) {
    if (t.all_addresses_zero()) {
      std::fprintf(stderr, "%s: error: the addresses are hidden (all zero): read it as root to list System RAM\n", o.file);
      return kExitError;
    }
    auto print = [](const kin::resource_record<value*>& r) {
      std::printf("%s\n", range_label(r.start, r.end, r.res->name).c_str());
      return 0;
    };
    // One walk; its result says what happened. Backwards it is native on
    // list and compact layouts for a well-formed tree, otherwise collected
    // with new (std::nothrow), as the kernel does.
    const kin::window everything{0, UINT64_MAX};
    const auto result =
        o.reverse ? kin::walk_resources_reverse<R>(root, everything, kin::system_ram_filter, print, kin::collect_allocating)
                  : kin::walk_resources<R>(root, everything, kin::system_ram_filter, print);
    switch (result.status) {
    case kin::walk_status::completed:
      return kExitSuccess;
    case kin::walk_status::nothing_matched:
      std::fprintf(stderr, "%s: no System RAM range\n", o.file);
      return kExitNegative;
    case kin::walk_status::out_of_memory:
      std::fprintf(stderr, "%s: error: out of memory for the reverse walk (%zu records)\n", o.file, result.needed);
      return kExitError;
    case kin::walk_status::stopped:           // print never stops the walk
    case kin::walk_status::storage_too_small: // collect_allocating sizes its own storage
      break;
    }
    std::fprintf(stderr, "%s: error: the walk ended unexpectedly\n", o.file);
    return kExitError;
  }
  auto label = [&](const value& n) {
    return &n == root ? std::string("PCI mem") : range_label(n.start, n.end, n.name);
  };
  if (o.tree && o.reverse) {
    // print_tree draws pre-order; a mirrored drawing is the same tree with
    // each level's children listed last to first, so draw it from a mirror.
    if (!print_mirrored_tree<R>(root, label, o.max_depth)) {
      std::fprintf(stderr, "%s: out of memory for the mirrored walk\n", o.file);
      return kExitError;
    }
  } else if (o.tree) {
    kin::print_tree<R>(out, root, label, {kin::tree_style::unicode, o.max_depth});
  } else if (o.dot && o.reverse) {
    auto order = kin::postorder_reverse<R>(root, kin::collect_allocating); // any layout
    if (!order.fits()) {
      std::fprintf(stderr, "%s: out of memory for the mirrored walk\n", o.file);
      return kExitError;
    }
    kin::write_dot<R>(out, root, label, order, {"iomem"});
  } else if (o.dot) {
    kin::write_dot<R>(out, root, label, {"iomem"});
  } else if (o.reverse) {
    if (!kin::print_iomem_mirrored<R>(out, root, {o.cap, 8})) {
      std::fprintf(stderr, "%s: out of memory for the mirrored walk\n", o.file);
      return kExitError;
    }
  } else {
    kin::print_iomem<R>(out, root, {o.cap, 8});
  }
  return kExitSuccess;
}


// Reads the options (all of them checked before any input is read), then
// the input (bounded by --max-input), then parses and prints.
int parse_arguments(int argc, char** argv, options& o, bool& done) {
  std::string problem; // a common option's usage error
  bool have_file = false;
  for (arguments args(argc, argv); args.next();) {
    const std::string_view a = args.name;
    const std::string& value = args.value;
    if (args.operand()) {
      if (have_file) return usage_error("more than one FILE");
      o.file = args.raw();
      have_file = true;
    } else if (const common_result c =
                   common_option(args, kUsage, "iomem (kin) " KIN_VERSION_STRING "\n", {&o.layout, &o.max_input}, problem);
               c != common_result::other) {
      if (c == common_result::bad) return usage_error(problem);
      if (c == common_result::finished) {
        done = true;
        return kExitSuccess;
      }
    } else if (args.is("--reverse")) {
      o.reverse = true;
    } else if (args.is("--ram")) {
      o.ram = true;
    } else if (args.is("--tree")) {
      o.tree = true;
    } else if (args.is("--dot")) {
      o.dot = true;
    } else if (args.is("--strict")) {
      o.strict = true;
    } else if (a == "--cap") {
      if (!args.take_value()) return usage_error("--cap needs a value (1 to 64)");
      std::size_t cap = 0;
      if (!parse_number(value, std::size_t{64}, false, false, cap) || cap < 1) return usage_error("--cap takes a number from 1 to 64");
      o.cap = static_cast<unsigned>(cap);
    } else if (a == "--max-depth") {
      if (!args.take_value()) return usage_error("--max-depth needs a value (a number of levels)");
      if (!parse_number(value, std::size_t{UINT32_MAX}, false, false, o.max_depth))
        return usage_error("--max-depth takes a number of levels, 0 to 4294967295");
      o.max_depth_given = true;
    } else if (const auto op = std::find_if(std::begin(kOperations), std::end(kOperations),
                                            [&](const operation_option& k) { return a == k.flag; });
               op != std::end(kOperations)) {
      if (!args.take_value())
        return usage_error(std::string(op->flag) + " needs a value (" + (op->named ? "START-END:NAME" : "START-END") +
                           ")");
      operation parsed;
      if (const std::string problem = parse_operation(*op, value, parsed); !problem.empty())
        return usage_error(problem);
      o.operations.push_back(std::move(parsed));
    } else {
      return usage_error(("unknown option " + std::string(args.raw())).c_str());
    }
  }
  if (o.tree + o.dot + o.ram > 1) return usage_error("--ram, --tree and --dot exclude each other");
  if (o.max_depth_given && !o.tree) return usage_error("--max-depth applies to --tree only");
  return kExitSuccess;
}

int run_main(int argc, char** argv) {
  options o;
  bool done = false;
  if (const int status = parse_arguments(argc, argv, o, done); status != kExitSuccess || done) {
    return status == kExitSuccess ? finish_output("iomem", status) : status; // --help, --version
  }
  std::string text;
  if (!read_input(o.file, o.max_input, text)) return kExitError;
  const int status = on_layout(o.layout, [&]<class Hook>() { return run<Hook>(o, text); });
  return finish_output("iomem", status);
}

} // namespace

int main(int argc, char** argv) { return guarded_main("iomem", run_main, argc, argv); }
