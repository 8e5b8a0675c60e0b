// SPDX-License-Identifier: BSL-1.0
// kexec-top-down: where kexec_file (or kexec-tools) would place a kernel's
// segments in a memory map, under the rules of several kernel versions: the
// top-down search through System RAM, highest range first, that needed a
// reverse walk of the resource tree. The map is read into kin's list_hook
// layout, whose reverse walk is native: no array of copies, no memory.
#include <kin/adapters/iomem.hpp>
#include <kin/adapters/kexec.hpp>
#include <kin/dot.hpp>
#include <kin/kin.hpp>

#include "example_support.hpp"

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#ifndef KIN_VERSION_STRING
#error "KIN_VERSION_STRING (the project version) comes from examples/kexec-top-down/CMakeLists.txt"
#endif

namespace {

#include "bundled_map.inc" // kBundledMapName, kBundledMap

// The example conventions (docs/examples.md): exit 1 is "a segment of the
// first rule set could not be placed".
using namespace kin_example;
constexpr std::uint64_t kPage = kin::kexec_page_size;
constexpr std::uint64_t kFourLevelMax = (std::uint64_t{64} << 40) - 1; // 64 TiB - 1

constexpr const char* kUsage =
    "usage: kexec-top-down [OPTIONS] [--iomem FILE | FILE]\n"
    "Places a kexec kernel's segments in a memory map, one after the other (each\n"
    "avoids the ones placed before it), as kexec_file (or kexec-tools) would, and\n"
    "prints where each one lands.\n"
    "\n"
    "  --iomem FILE  the memory map, in /proc/iomem's format (- for standard\n"
    "               input). Default: /proc/iomem when it is readable and shows\n"
    "               its addresses (as root), otherwise a bundled map\n"
    "               (x86-qemu-pc-57g-crashkernel.txt: a QEMU guest, 57 GiB, with\n"
    "               a crash kernel reservation); standard error says which\n"
    "  --kernel K   the rules: 6.12 (default: Linux >= 6.12), 6.8 (6.8 to 6.11),\n"
    "               6.7 (about 5.11 to 6.7), 4.18 (2018), kexec-tools (user\n"
    "               space kexec_load), or all (one column each, 6.12 first)\n"
    "  --bottom-up  the default direction is bottom-up (default top-down)\n"
    "  --crash      a crash (kdump) load: search only the \"Crash kernel\"\n"
    "               reservation; the default sequence gains the ELF core header\n"
    "  --segment NAME:SIZE[:ALIGN[:MIN[:MAX[:td|bu]]]]  place this segment\n"
    "               (repeatable; the segments given, in order, replace the\n"
    "               default sequence). ALIGN defaults to a page (4K) and is\n"
    "               raised to one; MIN defaults to 0, MAX (inclusive) to\n"
    "               0xffffffffffffffff; td or bu overrides the default\n"
    "               direction for this segment. An empty field is the default.\n"
    "               NAME is printable ASCII, without spaces or ':'.\n"
    "  --initrd SIZE  add an initrd (page aligned, min 16M) to the default sequence\n"
    "  --paging 4|5  4 caps every segment's MAX at 64 TiB - 1 (hypothetical: no\n"
    "               kernel ever capped placement; in 2019 the kernel chose to\n"
    "               refuse a 4-level-only image under 5-level paging instead);\n"
    "               5 (default) is no cap\n"
    "  --explain    after the table, every candidate range of the first rule set\n"
    "               in walk order, with what the search did there\n"
    "  --json       one JSON object on standard output instead of the tables\n"
    "  --dot        Graphviz DOT of the map instead of the tables, each placed\n"
    "               segment (first rule set) a box under its RAM range\n"
    "  --max-input BYTES  refuse input larger than BYTES (default 256M), at most 1T\n"
    "  --help       this text\n"
    "  --version    the version\n"
    "Numbers (SIZE, ALIGN, MIN, MAX, BYTES) are decimal or 0x hex, optionally with\n"
    "K, M, G or T (x1024, x1024^2, x1024^3, x1024^4; lowercase too).\n"
    "Options may also be written --kernel=K, ...; -- ends the options. Options\n"
    "are checked before any input is read. --json, --dot and --explain exclude\n"
    "each other; --initrd applies to the default sequence only.\n"
    "\n"
    "The default sequence, x86-64 bzImage (sizes assumed): purgatory 0x5000 (align\n"
    "16, min 0x3000), boot parameters 0x2000 (align 16, min 0x3000), kernel 64M\n"
    "(align 2M, min 16M), then the initrd (--initrd); with --crash the ELF core\n"
    "header (64K, align 4K, bottom-up) first. Under kexec-tools: its own x86-64\n"
    "requests (kernel min 1M, then EFI setup data 4K, min 1M, bottom-up).\n"
    "Not modelled: CMA placement, kexec handover, the IMA buffer; arm64 searches\n"
    "memblock, not this map.\n"
    "\n"
    "The tables: one row per segment, one column per rule set (a cell that\n"
    "differs from the first rule set's is marked *), the RAM range the first rule\n"
    "set used; then, without --crash, the same sequence with the default\n"
    "direction flipped. Warnings (a span that wraps past 2^64 - 1, more than 16\n"
    "segments) go to standard error and leave the exit status alone.\n"
    "Exit status: 0 success: every segment placed under the first rule set; 1 a\n"
    "negative answer: a segment of the first rule set could not be placed (the\n"
    "later ones are still tried); 2 bad usage, unreadable, rejected or too large\n"
    "input (FILE:LINE:COLUMN: error: ...), a map whose addresses are hidden (all\n"
    "zero), --crash on a map without a \"Crash kernel\" reservation, out of\n"
    "memory, a write error.\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "kexec-top-down: %s (kexec-top-down --help lists the options)\n", message.c_str());
  return kExitError;
}

std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

// A span as /proc/iomem writes it: START-END, lowercase hex, at least 8 digits.
std::string span_text(kin::kexec_span s) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%08llx-%08llx", static_cast<unsigned long long>(s.start),
                static_cast<unsigned long long>(s.end));
  return buf;
}

// A size as 64M, 20K or 16 when it is a whole number of those, else 0x hex.
std::string size_text(std::uint64_t v) {
  const char* suffix = "TGMK";
  for (int shift = 40; shift >= 10; shift -= 10, ++suffix) {
    if (v != 0 && v % (std::uint64_t{1} << shift) == 0) return std::to_string(v >> shift) + *suffix;
  }
  return v < 1024 ? std::to_string(v) : hex(v);
}

const char* direction_name(kin::kexec_direction d) {
  return d == kin::kexec_direction::top_down ? "top-down" : "bottom-up";
}

// ---- segments

struct segment_spec {
  std::string name;
  std::uint64_t size = 0, align = kPage, min = 0, max = UINT64_MAX;
  std::optional<kin::kexec_direction> direction; // empty: the default direction
};

// NAME:SIZE[:ALIGN[:MIN[:MAX[:td|bu]]]]; an empty message when valid.
std::string parse_segment(std::string_view text, segment_spec& out) {
  std::vector<std::string_view> fields;
  for (std::size_t at = 0;;) {
    const std::size_t colon = text.find(':', at);
    fields.push_back(text.substr(at, colon == std::string_view::npos ? std::string_view::npos : colon - at));
    if (colon == std::string_view::npos) break;
    at = colon + 1;
  }
  const std::string what = "--segment " + std::string(text) + ": ";
  if (fields.size() < 2 || fields.size() > 6)
    return what + "takes NAME:SIZE[:ALIGN[:MIN[:MAX[:td|bu]]]] (a NAME may not contain ':')";
  if (fields[0].empty()) return what + "the NAME is empty";
  for (const char c : fields[0]) {
    if (c < 0x21 || c > 0x7e) // JSON and the tables show it as is
      return what + "a NAME is printable ASCII without spaces";
  }
  out.name = fields[0];
  if (fields[1].empty() || !parse_number(fields[1], std::uint64_t{UINT64_MAX}, true, true, out.size))
    return what + "SIZE takes a number (decimal or 0x hex, optionally K, M, G or T) that fits in 64 bits";
  if (out.size == 0) return what + "SIZE is 0";
  if (out.size > UINT64_MAX - (kPage - 1)) return what + "SIZE wraps past 2^64 when rounded up to a page";
  if (fields.size() > 2 && !fields[2].empty()) {
    if (!parse_number(fields[2], std::uint64_t{UINT64_MAX}, true, true, out.align))
      return what + "ALIGN takes a number that fits in 64 bits";
    if (out.align == 0 || (out.align & (out.align - 1)) != 0) return what + "ALIGN is not a power of two";
  }
  if (fields.size() > 3 && !fields[3].empty() && !parse_number(fields[3], std::uint64_t{UINT64_MAX}, true, true, out.min))
    return what + "MIN takes a number that fits in 64 bits";
  if (fields.size() > 4 && !fields[4].empty() && !parse_number(fields[4], std::uint64_t{UINT64_MAX}, true, true, out.max))
    return what + "MAX takes a number that fits in 64 bits";
  if (out.min > out.max) return what + "MIN is above MAX";
  if (fields.size() > 5 && !fields[5].empty()) {
    if (fields[5] == "td") {
      out.direction = kin::kexec_direction::top_down;
    } else if (fields[5] == "bu") {
      out.direction = kin::kexec_direction::bottom_up;
    } else {
      return what + "the direction is td or bu";
    }
  }
  return {};
}

struct options {
  const char* file = nullptr; // null: /proc/iomem or the bundled map
  bool bottom_up = false, crash = false, explain = false, json = false, dot = false, all = false;
  bool paging4 = false;
  kin::kexec_rules rules = kin::kexec_rules::linux_6_12;
  std::optional<std::uint64_t> initrd;
  std::vector<segment_spec> segments; // --segment, in order
  std::size_t max_input = kDefaultMaxInput;
};

constexpr kin::kexec_rules kAllRules[] = {kin::kexec_rules::linux_6_12, kin::kexec_rules::linux_6_8,
                                          kin::kexec_rules::linux_6_7, kin::kexec_rules::linux_4_18,
                                          kin::kexec_rules::kexec_tools};

// The sequence a rule set places: the user's segments, or the x86-64
// bzImage defaults (reference notes, sections 6 and 7).
std::vector<segment_spec> sequence_for(const options& o, kin::kexec_rules rules) {
  if (!o.segments.empty()) return o.segments;
  using kin::kexec_direction;
  constexpr std::uint64_t MiB = 1 << 20;
  const bool tools = rules == kin::kexec_rules::kexec_tools;
  std::vector<segment_spec> s;
  if (o.crash) s.push_back({"elfcorehdr", 64 << 10, 4096, 0, UINT64_MAX, kexec_direction::bottom_up});
  s.push_back({"purgatory", 0x5000, tools ? kPage : 16, 0x3000, UINT64_MAX, {}});
  s.push_back({"boot-params", 0x2000, 16, 0x3000, UINT64_MAX, {}});
  s.push_back({"kernel", 64 * MiB, 2 * MiB, tools ? 1 * MiB : 16 * MiB, UINT64_MAX, {}});
  if (o.initrd) s.push_back({"initrd", *o.initrd, kPage, 16 * MiB, UINT64_MAX, {}});
  if (tools) s.push_back({"efi-setup-data", 4096, kPage, 1 * MiB, UINT64_MAX, kexec_direction::bottom_up});
  return s;
}

std::string describe(const segment_spec& s, kin::kexec_direction mode) {
  std::string t = s.name + " " + size_text(s.size) + " align " + size_text(s.align);
  if (s.min != 0) t += " min " + hex(s.min);
  if (s.max != UINT64_MAX) t += " max " + hex(s.max);
  if (s.direction && *s.direction != mode) t += std::string(" ") + direction_name(*s.direction);
  return t;
}

// ---- placement

struct outcome {
  const segment_spec* spec = nullptr;
  kin::kexec_request request;
  kin::kexec_placement placement;
  std::vector<kin::kexec_event> events; // with --explain, first rule set only
};

struct run_result {
  kin::kexec_rules rules;
  kin::kexec_direction mode;
  std::vector<segment_spec> specs;
  std::vector<outcome> outcomes;
  bool all_placed = true;
};

template <class R>
run_result place_all(kin::const_value_ptr<R> root, const options& o, kin::kexec_rules rules, kin::kexec_direction mode,
                     bool explain) {
  run_result run{rules, mode, sequence_for(o, rules), {}, true};
  std::vector<kin::kexec_span> placed;
  run.outcomes.resize(run.specs.size());
  for (std::size_t i = 0; i < run.specs.size(); ++i) {
    const segment_spec& s = run.specs[i];
    outcome& out = run.outcomes[i];
    out.spec = &s;
    out.request = {s.size, s.align, s.min, o.paging4 ? std::min(s.max, kFourLevelMax) : s.max,
                   s.direction.value_or(mode)};
    auto record = [&](const kin::kexec_event& e) {
      if (explain) out.events.push_back(e);
    };
    out.placement = kin::kexec_place<R>(root, out.request, std::span<const kin::kexec_span>(placed), rules, o.crash, record);
    if (out.placement) {
      placed.push_back(out.placement.span);
    } else {
      run.all_placed = false;
    }
  }
  return run;
}

// ---- output

std::string cell_text(const outcome& c) {
  if (!c.placement) return kin::kexec_error_text(c.placement.error).data();
  return span_text(c.placement.span) + (c.placement.wraps() ? " (wraps)" : "");
}

void print_table(const std::vector<run_result>& runs, bool with_range) {
  std::size_t rows = 0;
  for (const run_result& r : runs) rows = std::max(rows, r.outcomes.size());
  std::vector<std::vector<std::string>> table;
  std::vector<std::string> head{"segment", "size", "dir"};
  for (const run_result& r : runs) head.push_back(std::string(kin::kexec_rules_name(r.rules)));
  if (with_range) head.push_back("in range (" + std::string(kin::kexec_rules_name(runs[0].rules)) + ")");
  table.push_back(head);
  for (std::size_t i = 0; i < rows; ++i) {
    const outcome* any = nullptr;
    for (const run_result& r : runs)
      if (!any && i < r.outcomes.size()) any = &r.outcomes[i];
    std::vector<std::string> row{any->spec->name, size_text(any->spec->size),
                                 any->request.direction == kin::kexec_direction::top_down ? "td" : "bu"};
    const bool first_has = i < runs[0].outcomes.size();
    const std::string first = first_has ? cell_text(runs[0].outcomes[i]) : "";
    for (std::size_t k = 0; k < runs.size(); ++k) {
      if (i >= runs[k].outcomes.size()) {
        row.push_back("-");
        continue;
      }
      std::string cell = cell_text(runs[k].outcomes[i]);
      if (k > 0 && first_has && cell != first) cell += " *";
      row.push_back(cell);
    }
    if (with_range) {
      row.push_back(first_has && runs[0].outcomes[i].placement ? span_text(runs[0].outcomes[i].placement.range) : "-");
    }
    table.push_back(row);
  }
  std::vector<std::size_t> width(head.size(), 0);
  for (const auto& row : table)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  for (const auto& row : table) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line.append(width[c] - row[c].size() + 2, ' ');
    }
    std::printf("%s\n", line.c_str());
  }
}

std::string event_text(const kin::kexec_event& e, const run_result& run, std::uint64_t memsz) {
  switch (e.verdict) {
  case kin::kexec_verdict::driver_managed: return "skipped: driver-managed RAM";
  case kin::kexec_verdict::too_small: return "skipped: smaller than the segment";
  case kin::kexec_verdict::outside_limits: return "skipped: outside [min, max]";
  case kin::kexec_verdict::no_fit: return "no aligned span here avoids the earlier segments";
  case kin::kexec_verdict::fits:
    return "fits: " + span_text({e.tried, e.tried + memsz - 1}) + " (a higher free range may fit too)";
  case kin::kexec_verdict::collided: {
    const std::string name = e.segment < run.outcomes.size() ? run.outcomes[e.segment].spec->name : "?";
    return "collided at " + hex(e.tried) + " with " + name + ", jumped to " + hex(e.jumped_to);
  }
  case kin::kexec_verdict::taken: return "taken: " + span_text({e.tried, e.tried + memsz - 1});
  }
  return "?";
}

// The index in pre-order (kin::write_dot's node numbering: n0 is the root)
// of the node a segment landed in: the one with exactly its range's bounds
// (the kernel's walks report nodes), else (kexec-tools' free ranges) the
// deepest "System RAM" that contains the range.
template <class R>
std::optional<std::size_t> dot_node_of(kin::const_value_ptr<R> root, kin::kexec_span range) {
  std::size_t index = 0;
  std::optional<std::size_t> containing;
  for (const auto& n : kin::preorder<R>(root)) {
    if (index > 0 && n.start == range.start && n.end == range.end) return index;
    if (index > 0 && n.name == std::string_view("System RAM") && n.start <= range.start && n.end >= range.end)
      containing = index;
    ++index;
  }
  return containing;
}

std::string json_escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

std::string json_run(const run_result& run) {
  std::string j = "{\"kernel\":\"" + std::string(kin::kexec_rules_name(run.rules)) + "\",\"mode\":\"" +
                  direction_name(run.mode) + "\",\"segments\":[";
  for (std::size_t i = 0; i < run.outcomes.size(); ++i) {
    const outcome& c = run.outcomes[i];
    if (i > 0) j += ',';
    j += "{\"name\":\"" + json_escape(c.spec->name) + "\",\"direction\":\"" + direction_name(c.request.direction) + "\",";
    if (c.placement) {
      j += "\"start\":\"" + hex(c.placement.span.start) + "\",\"end\":\"" + hex(c.placement.span.end) + "\"";
      if (c.placement.wraps()) j += ",\"warning\":\"wraps\"";
    } else {
      j += "\"error\":\"" + json_escape(kin::kexec_error_text(c.placement.error)) + "\"";
    }
    j += '}';
  }
  return j + "]}";
}

// ---- input

using hook = kin::list_hook<>; // a native reverse walk: no memory
using map_tree = kin::iomem_tree<hook>;
using R = map_tree::traits;

// Parses `text`; reports a rejection (exit 2) and the warnings.
std::optional<map_tree> parse_map(const std::string& label, std::string_view text, bool quiet_notices) {
  auto parsed = kin::parse_iomem<hook>(text);
  if (!parsed) {
    const auto& e = parsed.error();
    if (e.line == 0) {
      std::fprintf(stderr, "%s: error: %s\n", label.c_str(), e.message.c_str());
    } else {
      std::fprintf(stderr, "%s:%zu:%zu: error: %s\n", label.c_str(), e.line, e.column, e.message.c_str());
    }
    return std::nullopt;
  }
  map_tree t = std::move(parsed.value());
  const auto& warnings = t.warnings();
  for (std::size_t i = 0; i < warnings.size() && i < kMaxWarningsShown; ++i)
    std::fprintf(stderr, "%s:%zu: warning: %s\n", label.c_str(), warnings[i].line, warnings[i].message.c_str());
  if (warnings.size() > kMaxWarningsShown) {
    const std::size_t more = warnings.size() - kMaxWarningsShown;
    std::fprintf(stderr, "%s: ... and %zu more warning%s\n", label.c_str(), more, more == 1 ? "" : "s");
  }
  if (!quiet_notices)
    for (const auto& n : t.notices()) std::fprintf(stderr, "%s: note: %s\n", label.c_str(), n.message.c_str());
  return t;
}

// Reads the options (all of them checked before any input is read).
int parse_arguments(int argc, char** argv, options& o, bool& done) {
  std::string problem; // a common option's usage error
  for (arguments args(argc, argv); args.next();) {
    const std::string_view a = args.name;
    const std::string& value = args.value;
    if (args.operand()) {
      if (o.file) return usage_error("more than one FILE");
      o.file = args.raw();
    } else if (const common_result c =
                   common_option(args, kUsage, "kexec-top-down (kin) " KIN_VERSION_STRING "\n", {}, problem);
               c != common_result::other) {
      if (c == common_result::bad) return usage_error(problem);
      if (c == common_result::finished) {
        done = true;
        return kExitSuccess;
      }
    } else if (a == "--iomem") {
      if (!args.take_value()) return usage_error("--iomem needs a value (FILE, or - for standard input)");
      if (o.file) return usage_error("more than one FILE");
      o.file = args.has_value ? args.raw() + std::strlen("--iomem=") : args.raw();
    } else if (args.is("--bottom-up")) {
      o.bottom_up = true;
    } else if (args.is("--crash")) {
      o.crash = true;
    } else if (args.is("--explain")) {
      o.explain = true;
    } else if (args.is("--json")) {
      o.json = true;
    } else if (args.is("--dot")) {
      o.dot = true;
    } else if (a == "--kernel") {
      if (!args.take_value()) return usage_error("--kernel needs a value (6.12, 6.8, 6.7, 4.18, kexec-tools or all)");
      bool found = value == "all";
      o.all = found;
      for (const kin::kexec_rules r : kAllRules) {
        if (value == kin::kexec_rules_name(r)) {
          o.rules = r;
          found = true;
        }
      }
      if (!found) return usage_error("--kernel takes 6.12, 6.8, 6.7, 4.18, kexec-tools or all");
    } else if (a == "--paging") {
      if (!args.take_value()) return usage_error("--paging needs a value (4 or 5)");
      if (value != "4" && value != "5") return usage_error("--paging takes 4 or 5");
      o.paging4 = value == "4";
    } else if (a == "--initrd") {
      if (!args.take_value()) return usage_error("--initrd needs a value (SIZE, e.g. 32M)");
      std::uint64_t size = 0;
      if (!parse_number(value, std::uint64_t{UINT64_MAX}, true, true, size))
        return usage_error("--initrd takes a size (decimal or 0x hex, optionally K, M, G or T) that fits in 64 bits");
      if (size == 0) return usage_error("--initrd: SIZE is 0");
      if (size > UINT64_MAX - (kPage - 1)) return usage_error("--initrd: SIZE wraps past 2^64 when rounded up to a page");
      o.initrd = size;
    } else if (a == "--segment") {
      if (!args.take_value()) return usage_error("--segment needs a value (NAME:SIZE[:ALIGN[:MIN[:MAX[:td|bu]]]])");
      segment_spec s;
      if (const std::string problem = parse_segment(value, s); !problem.empty()) return usage_error(problem);
      o.segments.push_back(std::move(s));
    } else if (a == "--max-input") {
      if (!args.take_value()) return usage_error("--max-input needs a value (BYTES, e.g. 1048576 or 1M)");
      std::uint64_t bytes = 0;
      if (!parse_number(value, std::uint64_t{kMaxMaxInput}, true, true, bytes))
        return usage_error("--max-input takes a number of bytes up to 1T, optionally with K, M, G or T");
      o.max_input = static_cast<std::size_t>(bytes);
    } else {
      return usage_error("unknown option " + std::string(args.raw()));
    }
  }
  if (o.json + o.dot + o.explain > 1) return usage_error("--json, --dot and --explain exclude each other");
  if (o.initrd && !o.segments.empty())
    return usage_error("--initrd adds to the default sequence; with --segment, give the initrd as a --segment");
  if (o.paging4) {
    for (const segment_spec& s : o.segments) {
      if (s.min > kFourLevelMax)
        return usage_error("--segment " + s.name + ": MIN is above the --paging 4 cap (64 TiB - 1)");
    }
  }
  return kExitSuccess;
}

int report(const options& o, map_tree& t, const std::string& map_label) {
  const map_tree::node* root = &t.root();
  const kin::kexec_direction mode = o.bottom_up ? kin::kexec_direction::bottom_up : kin::kexec_direction::top_down;
  if (o.crash) {
    const kin::kexec_request probe{kPage};
    if (kin::kexec_place<R>(root, probe, {}, kin::kexec_rules::linux_6_12, true).error ==
        kin::kexec_error::no_crash_kernel) {
      std::fprintf(stderr, "%s: error: --crash needs a \"Crash kernel\" reservation, and the map has none (boot with crashkernel=SIZE)\n",
                   map_label.c_str());
      return kExitError;
    }
  }
  std::vector<run_result> runs;
  if (o.all) {
    for (const kin::kexec_rules r : kAllRules) runs.push_back(place_all<R>(root, o, r, mode, o.explain && runs.empty()));
  } else {
    runs.push_back(place_all<R>(root, o, o.rules, mode, o.explain));
  }
  const run_result& first = runs[0];

  // What was assumed, and the warnings.
  std::vector<std::string> assumed;
  if (o.segments.empty()) {
    for (const run_result& r : runs) {
      const bool tools = r.rules == kin::kexec_rules::kexec_tools;
      if (!assumed.empty() && !(tools && assumed.size() == 1)) continue;
      std::string line = tools ? "kexec-tools' x86-64 requests, typical sizes: "
                               : "the x86-64 bzImage sequence under kexec_file, typical sizes: ";
      for (std::size_t i = 0; i < r.specs.size(); ++i) line += (i ? ", " : "") + describe(r.specs[i], mode);
      assumed.push_back(line);
    }
  }
  std::size_t placed = 0;
  for (const outcome& c : first.outcomes) placed += c.placement ? 1 : 0;
  if (placed > kin::kexec_segment_max)
    std::fprintf(stderr, "kexec-top-down: note: %zu segments placed; the kernel refuses more than %zu (KEXEC_SEGMENT_MAX), kin has no limit\n",
                 placed, kin::kexec_segment_max);
  for (const run_result& r : runs)
    for (const outcome& c : r.outcomes)
      if (c.placement.wraps())
        std::fprintf(stderr, "kexec-top-down: warning: %s: %s's span %s wraps past 2^64 - 1 (the kernel's image check would refuse the load)\n",
                     kin::kexec_rules_name(r.rules).data(), c.spec->name.c_str(), span_text(c.placement.span).c_str());

  if (o.json) {
    for (const std::string& line : assumed) std::fprintf(stderr, "kexec-top-down: note: %s\n", line.c_str());
    std::string j;
    if (o.all) {
      j = "{\"runs\":[";
      for (std::size_t k = 0; k < runs.size(); ++k) j += (k ? "," : "") + json_run(runs[k]);
      j += "]}";
    } else {
      j = json_run(first);
    }
    std::printf("%s\n", j.c_str());
  } else if (o.dot) {
    for (const std::string& line : assumed) std::fprintf(stderr, "kexec-top-down: note: %s\n", line.c_str());
    auto label = [&](const map_tree::node& n) {
      if (&n == root) return std::string("PCI mem");
      return span_text({n.start, n.end}) + " : " + std::string(n.name.data() ? n.name : "<BAD>");
    };
    std::string text = kin::to_dot<R>(root, label, {"kexec"});
    if (text.size() >= 2 && text.ends_with("}\n")) text.resize(text.size() - 2); // reopen the digraph
    for (std::size_t i = 0; i < first.outcomes.size(); ++i) {
      const outcome& c = first.outcomes[i];
      if (!c.placement) continue;
      char id[32];
      std::snprintf(id, sizeof id, "seg%zu", i);
      text += std::string("  ") + id + " [label=\"" + kin::dot_escape(c.spec->name + "\n" + span_text(c.placement.span)) +
              "\", style=\"filled,rounded\", fillcolor=\"lightyellow\"];\n";
      if (const auto node = dot_node_of<R>(root, c.placement.range)) {
        char parent[32];
        std::snprintf(parent, sizeof parent, "n%zu", *node);
        text += std::string("  ") + parent + " -> " + id + " [style=dashed];\n";
      }
    }
    text += "}\n";
    std::fputs(text.c_str(), stdout);
  } else {
    std::printf("memory map: %s\n", map_label.c_str());
    std::printf("rules: %s; default direction %s%s%s\n",
                o.all ? "6.12, 6.8, 6.7, 4.18, kexec-tools (* marks a cell that differs from 6.12)"
                      : kin::kexec_rules_name(first.rules).data(),
                direction_name(mode), o.crash ? "; crash load: inside the \"Crash kernel\" reservation" : "",
                o.paging4 ? "; --paging 4: MAX capped at 64 TiB - 1 (hypothetical)" : "");
    for (const std::string& line : assumed) std::printf("assumed: %s\n", line.c_str());
    std::printf("\n");
    print_table(runs, true);
    if (!o.crash) {
      const kin::kexec_direction flipped =
          mode == kin::kexec_direction::top_down ? kin::kexec_direction::bottom_up : kin::kexec_direction::top_down;
      std::printf("\nthe same with the default direction %s (%s):\n", direction_name(flipped),
                  kin::kexec_rules_name(first.rules).data());
      print_table({place_all<R>(root, o, first.rules, flipped, false)}, true);
    }
    if (o.explain) {
      std::printf("\nexplain (%s): the candidate ranges in walk order\n", kin::kexec_rules_name(first.rules).data());
      for (const outcome& c : first.outcomes) {
        std::printf("%s: %s bytes (page-rounded %s), align %s, min %s, max %s, %s\n", c.spec->name.c_str(),
                    hex(c.request.size).c_str(), hex(c.placement.memsz).c_str(), hex(c.placement.align).c_str(),
                    hex(c.request.min).c_str(), hex(c.request.max).c_str(), direction_name(c.request.direction));
        for (const kin::kexec_event& e : c.events)
          std::printf("  %s  %s\n", span_text(e.range).c_str(), event_text(e, first, c.placement.memsz).c_str());
        if (!c.placement) std::printf("  => %s\n", kin::kexec_error_text(c.placement.error).data());
      }
    }
  }
  if (!first.all_placed) {
    for (const outcome& c : first.outcomes)
      if (!c.placement)
        std::fprintf(stderr, "kexec-top-down: %s: %s could not be placed: %s\n", kin::kexec_rules_name(first.rules).data(),
                     c.spec->name.c_str(), kin::kexec_error_text(c.placement.error).data());
    return kExitNegative;
  }
  return kExitSuccess;
}

int run_main(int argc, char** argv) {
  options o;
  bool done = false;
  if (const int status = parse_arguments(argc, argv, o, done); status != kExitSuccess || done) {
    return status == kExitSuccess ? finish_output("kexec-top-down", status) : status; // --help, --version
  }

  std::string text;
  std::string label;
  std::optional<map_tree> tree;
  if (o.file) {
    label = o.file;
    if (!read_input(o.file, o.max_input, text)) return kExitError;
    tree = parse_map(label, text, true);
    if (!tree) return kExitError;
    if (tree->all_addresses_zero()) {
      std::fprintf(stderr, "%s: error: the addresses are hidden (all zero: read without root); read the map as root\n",
                   o.file);
      return kExitError;
    }
  } else {
    const char* why = nullptr;
    switch (read_all("/proc/iomem", o.max_input, text)) {
    case read_status::ok:
      break;
    case read_status::cannot_read:
      why = "/proc/iomem cannot be read";
      break;
    case read_status::too_large:
      std::fprintf(stderr, "/proc/iomem: error: the input is larger than %zu bytes (--max-input BYTES raises the limit)\n",
                   o.max_input);
      return kExitError;
    }
    if (!why) {
      label = "/proc/iomem";
      tree = parse_map(label, text, true);
      if (!tree) return kExitError;
      if (tree->all_addresses_zero()) why = "/proc/iomem hides its addresses (all zero: read without root)";
    }
    if (why) {
      label = std::string("bundled ") + kBundledMapName;
      std::fprintf(stderr, "kexec-top-down: note: %s: using the bundled map %s\n", why, kBundledMapName);
      tree = parse_map(label, kBundledMap, false);
      if (!tree) return kExitError;
    } else {
      std::fprintf(stderr, "kexec-top-down: note: using this machine's /proc/iomem\n");
    }
  }
  return finish_output("kexec-top-down", report(o, *tree, label));
}

} // namespace

// The fuzz target tests/fuzz/kexec.cpp includes this file without main().
#ifndef KIN_EXAMPLE_NO_MAIN
int main(int argc, char** argv) { return guarded_main("kexec-top-down", run_main, argc, argv); }
#endif
