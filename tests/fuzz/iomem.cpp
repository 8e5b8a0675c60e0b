// SPDX-License-Identifier: BSL-1.0
// Fuzz target: the /proc/iomem parser and printer. The input is a listing.
// A rejected one has an error whose line and column point into the text,
// the same on every layout. An accepted one:
// - print -> parse -> print is a fixed point (the printed text parses with
//   no warning about its form and prints back byte for byte);
// - every line's text survives, which the fixed point alone cannot show (a
//   parser that dropped a line, or a name's bytes, would still reach a
//   fixed point): line i of the input is node i of the tree, with the
//   line's start, end and name (every byte after the first " : "), and the
//   printed listing holds the same (start, end, name) lines;
// - the three layouts print the same text, and the mirrored printer prints
//   the same lines.
// The first pass uses the defaults (cap 5, width 8); a second one a cap and
// width taken from the input's length, so every cap is exercised too.
#include "fuzz_support.hpp"

#include <kin/adapters/iomem.hpp>
#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>
#include <kin/layouts/singly.hpp>
#include <kin/verify.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace {

using fields = std::tuple<std::uint64_t, std::uint64_t, std::string>; // start, end, name

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    out.push_back(text.substr(0, eol));
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
  }
  return out;
}

std::uint64_t hex_value(std::string_view s) {
  std::uint64_t v = 0;
  for (const char c : s) v = v * 16 + static_cast<std::uint64_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  return v;
}

// A line the parser accepted: indentation, START-END, " : ", the name.
fields fields_of(std::string_view line) {
  const std::size_t sep = line.find(" : ");
  KIN_FUZZ_CHECK(sep != std::string_view::npos, "an accepted line without \" : \": %.*s", static_cast<int>(line.size()),
                 line.data());
  std::string_view range = line.substr(0, sep);
  range.remove_prefix(std::min(range.find_first_not_of(' '), range.size()));
  const std::size_t dash = range.find('-');
  return {hex_value(range.substr(0, dash)), hex_value(range.substr(dash + 1)), std::string(line.substr(sep + 3))};
}

std::vector<fields> sorted_fields(std::string_view text) {
  std::vector<fields> out;
  for (const std::string_view line : lines_of(text)) out.push_back(fields_of(line));
  std::sort(out.begin(), out.end());
  return out;
}

template <class Hook>
std::string parse_error_text(const kin::parse_error& e) {
  return std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.message;
}

// Parses `text` on one layout; returns the printed text (or the error, with
// `accepted` false) and checks everything that layout alone can show.
template <class Hook>
std::string check_layout(std::string_view text, const kin::iomem_options& o, bool& accepted) {
  using R = typename kin::iomem_tree<Hook>::traits;
  auto parsed = kin::parse_iomem<Hook>(text, o);
  accepted = bool(parsed);
  const std::vector<std::string_view> lines = lines_of(text);
  if (!parsed) {
    const kin::parse_error& e = parsed.error();
    KIN_FUZZ_CHECK(e.line >= 1 && e.line <= lines.size(), "error line %zu of %zu lines: %s", e.line, lines.size(),
                   e.message.c_str());
    KIN_FUZZ_CHECK(e.column >= 1 && e.column <= lines[e.line - 1].size() + 1, "error column %zu of a %zu-byte line: %s",
                   e.column, lines[e.line - 1].size(), e.message.c_str());
    return parse_error_text<Hook>(e);
  }
  auto& t = *parsed;
  KIN_FUZZ_CHECK(kin::verify<R>(&t.root()), "verify fails on a parsed listing");
  // Every line is its node.
  KIN_FUZZ_CHECK(t.size() == lines.size(), "%zu lines, %zu nodes", lines.size(), t.size());
  for (std::size_t i = 1; i <= lines.size(); ++i) {
    const auto& n = t.at_line(i);
    const auto [start, end, name] = fields_of(lines[i - 1]);
    KIN_FUZZ_CHECK(R::get_start(&n) == start && R::get_end(&n) == end && R::get_name(&n) == name,
                   "line %zu: the node does not hold the line's range and name", i);
    KIN_FUZZ_CHECK(t.line_of(n) == i, "line_of(at_line(%zu)) is %zu", i, t.line_of(n));
  }
  // Printed: the same lines, and a fixed point.
  const std::string printed = kin::iomem_to_text<R>(&t.root(), o);
  KIN_FUZZ_CHECK(sorted_fields(printed) == sorted_fields(text), "the printed listing lost or changed a line");
  auto again = kin::parse_iomem<Hook>(printed, o);
  KIN_FUZZ_CHECK(again, "the printed listing is rejected: %s", again ? "" : again.error().message.c_str());
  for (const auto& w : again->warnings()) {
    KIN_FUZZ_CHECK(w.kind != kin::iomem_diagnostic_kind::not_kernel_form &&
                       w.kind != kin::iomem_diagnostic_kind::deeper_than_cap,
                   "the printed listing has a warning about its form: %s", w.message.c_str());
  }
  KIN_FUZZ_CHECK(kin::iomem_to_text<R>(&again->root(), o) == printed, "print -> parse -> print is not a fixed point");
  // The mirrored printer: the same lines.
  std::string mirrored;
  KIN_FUZZ_CHECK(kin::print_iomem_mirrored<R>(kin::string_sink{mirrored}, &t.root(), o), "print_iomem_mirrored failed");
  KIN_FUZZ_CHECK(sorted_fields(mirrored) == sorted_fields(printed), "the mirrored listing has other lines");
  return printed;
}

void check(std::string_view text, const kin::iomem_options& o) {
  bool a1 = false, a2 = false, a3 = false;
  const std::string s = check_layout<kin::singly_hook<>>(text, o, a1);
  const std::string l = check_layout<kin::list_hook<>>(text, o, a2);
  const std::string c = check_layout<kin::compact_hook<>>(text, o, a3);
  KIN_FUZZ_CHECK(a1 == a2 && a2 == a3 && s == l && l == c, "the layouts disagree:\n%s\n%s\n%s", s.c_str(), l.c_str(),
                 c.c_str());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check(text, {});
  check(text, {static_cast<unsigned>(1 + size % 6), size % 3 == 0 ? 4u : 8u});
  return 0;
}
