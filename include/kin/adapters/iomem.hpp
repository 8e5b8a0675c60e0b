// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief `/proc/iomem` text in and out: parse_iomem builds a resource tree
/// from a listing, print_iomem writes one back in the kernel's format.
///
/// ```cpp
/// #include <kin/layouts/compact.hpp>  // the layout you name, and only that one
/// #include <kin/adapters/iomem.hpp>
/// auto parsed = kin::parse_iomem<kin::compact_hook<>>(text);
/// if (!parsed) { report(parsed.error()); return 2; }      // line, column, message
/// kin::iomem_tree<kin::compact_hook<>>& t = *parsed;
/// for (auto& w : t.warnings()) ...                          // accepted, but odd
/// using R = kin::iomem_tree<kin::compact_hook<>>::traits;   // the resource traits
/// kin::print_iomem<R>(kin::file_sink{stdout}, &t.root());   // walks take value pointers
/// ```
///
/// The format (one line per node, pre-order, the root not printed):
/// two spaces of indentation per level, capped at level 5; start and end in
/// lowercase hex zero-padded to at least 8 digits; `" : "`; the name (every
/// byte after the first `" : "`, untrimmed; `<BAD>` for an absent name).
/// Printing what was parsed reproduces a kernel's listing byte for byte.
///
/// Flags and descriptors are not printed by the kernel, so parse_iomem
/// infers them from names (iomem_flags_for_name): exact for the RAM family
/// ("System RAM", "System RAM (driver)", "Kernel code/rodata/data/bss",
/// "Crash kernel"); the usual x86 values, and so approximate, for the rest.
#ifndef KIN_ADAPTERS_IOMEM_HPP
#define KIN_ADAPTERS_IOMEM_HPP

#include <kin/config.hpp>
#include <kin/adapters/resource.hpp>
#include <kin/algorithms.hpp>
#include <kin/allocating.hpp>
#include <kin/queries.hpp>
#include <kin/result.hpp>
#include <kin/reverse.hpp>
#include <kin/sink.hpp>
#include <kin/walkers.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

namespace kin {

/// Options of parse_iomem and print_iomem.
struct iomem_options {
  unsigned cap = 5;   ///< deepest indentation level printed (Linux 2.4: 4)
  unsigned width = 8; ///< minimum hex digits (4 for a small /proc/ioports)
};

/// What a parse diagnostic is about.
enum class iomem_diagnostic_kind {
  not_kernel_form,   ///< uppercase hex, another width, no final newline: printed canonically
  deeper_than_cap,   ///< indentation beyond the cap, which the kernel never prints
  outside_parent,    ///< a child outside its parent (kernels do print these)
  overlaps_previous, ///< a sibling starting at or before the previous one's end
  all_addresses_zero ///< every address is zero: the reader could not see them
};

/// A warning or notice from parse_iomem: the listing was accepted.
struct iomem_diagnostic {
  std::size_t line = 0; ///< 1-based line, 0 for the whole listing
  iomem_diagnostic_kind kind = iomem_diagnostic_kind::not_kernel_form; ///< what it is about
  std::string message;  ///< one sentence, no file or line prefix
};

/// Why parse_iomem rejected a listing. An error about one line has its
/// position; one about the whole listing (out of memory for its nodes) has
/// line and column 0: report it without a position.
struct parse_error {
  std::size_t line = 0;   ///< 1-based line; 0 when the error is about no one line
  std::size_t column = 0; ///< 1-based byte column; 0 when line is 0
  std::string message;    ///< one sentence
};

/// The flags and descriptor the kernel gives a resource with this name (the
/// reference table; exact for the RAM family, the usual x86 values for the
/// rest). `start` matters for "Reserved" and friends, busy only below 1 MiB.
/// @complexity O(name length)
KIN_HARDENING_ABI inline resource_record<void*> iomem_flags_for_name(std::string_view name, std::uint64_t start) noexcept {
  constexpr std::uint64_t mem = ioresource_mem, busy = ioresource_busy, ram = ioresource_system_ram | busy;
  const std::uint64_t low_busy = start < 0x100000 ? busy : 0;
  auto is = [&](std::string_view s) { return name == s; };
  resource_record<void*> r{};
  if (is("System RAM")) {
    r.flags = ram;
  } else if (name.starts_with("System RAM (") && name.ends_with(")")) {
    r.flags = ram | ioresource_sysram_driver_managed;
  } else if (is("Kernel code") || is("Kernel rodata") || is("Kernel data") || is("Kernel bss")) {
    r.flags = ram;
  } else if (is("Crash kernel")) {
    r = {0, 0, ram, iores_desc_crash_kernel, nullptr};
  } else if (is("Reserved")) {
    r = {0, 0, mem | low_busy, iores_desc_reserved, nullptr};
  } else if (is("reserved") || is("RAM buffer")) {
    r.flags = mem | busy;
  } else if (is("ACPI Tables")) {
    r = {0, 0, mem | busy, iores_desc_acpi_tables, nullptr};
  } else if (is("ACPI Non-volatile Storage")) {
    r = {0, 0, mem | busy, iores_desc_acpi_nv_storage, nullptr};
  } else if (is("Persistent Memory")) {
    r = {0, 0, mem | busy, iores_desc_persistent_memory, nullptr};
  } else if (is("Persistent Memory (legacy)")) {
    r = {0, 0, mem | low_busy, iores_desc_persistent_memory_legacy, nullptr};
  } else if (is("Soft Reserved")) {
    r = {0, 0, mem | low_busy, iores_desc_soft_reserved, nullptr};
  } else if (name.starts_with("CXL Window ")) {
    r = {0, 0, mem, iores_desc_cxl, nullptr};
  } else {
    r.flags = mem;
  }
  return r;
}

/// A parsed listing: one heap array of kin::resource values (the root first,
/// then one node per line, in line order) and one heap copy of the text,
/// which the names view. Move-only; a move moves no node.
template <class Hook>
class iomem_tree {
public:
  /// The node type.
  using node = resource<Hook>;
  /// The resource traits of the nodes.
  using traits = typename node::traits;

  /// The root ("PCI mem", 0 to 2^64 - 1), never printed. @complexity O(1)
  KIN_HARDENING_ABI node& root() noexcept { return nodes_[0]; }
  /// The root. @complexity O(1)
  KIN_HARDENING_ABI const node& root() const noexcept { return nodes_[0]; }
  /// The number of lines (nodes other than the root). @complexity O(1)
  KIN_HARDENING_ABI std::size_t size() const noexcept { return lines_; }
  /// The node of line `line` (1-based). @pre 1 <= line <= size(). @complexity O(1)
  KIN_HARDENING_ABI node& at_line(std::size_t line) noexcept {
    KIN_CHECK(line >= 1 && line <= lines_, "a line number must be in the listing");
    return nodes_[line];
  }
  /// The line of `n` (0 for the root). @complexity O(1)
  KIN_HARDENING_ABI std::size_t line_of(const node& n) const noexcept { return static_cast<std::size_t>(&n - nodes_.get()); }
  /// Warnings: accepted lines that are odd (not in kernel form, or breaking
  /// the tree's invariants). @complexity O(1)
  KIN_HARDENING_ABI const std::vector<iomem_diagnostic>& warnings() const noexcept { return warnings_; }
  /// Notices: facts about the whole listing (every address zero).
  /// @complexity O(1)
  KIN_HARDENING_ABI const std::vector<iomem_diagnostic>& notices() const noexcept { return notices_; }
  /// Whether resource_check passed (so walks may take their one-pass path).
  /// @complexity O(1)
  KIN_HARDENING_ABI bool well_formed() const noexcept { return well_formed_; }
  /// Whether there was at least one line and every address is zero: what a
  /// reader without CAP_SYS_ADMIN sees. Nothing that needs addresses can
  /// use such a tree. @complexity O(1)
  KIN_HARDENING_ABI bool all_addresses_zero() const noexcept { return all_zero_; }
  /// The text the names view. @complexity O(1)
  KIN_HARDENING_ABI std::string_view text() const noexcept { return {text_.get(), text_size_}; }

private:
  template <class H>
  friend result<iomem_tree<H>, parse_error> parse_iomem(std::string_view, iomem_options);
  KIN_HARDENING_ABI iomem_tree() = default;

  std::unique_ptr<node[]> nodes_;
  std::size_t lines_ = 0;
  std::unique_ptr<char[]> text_;
  std::size_t text_size_ = 0;
  std::vector<iomem_diagnostic> warnings_;
  std::vector<iomem_diagnostic> notices_;
  bool well_formed_ = true;
  bool all_zero_ = false;
};

namespace detail {

struct hex_field {
  std::uint64_t value = 0;
  std::size_t digits = 0;
  bool uppercase = false;
};

KIN_HARDENING_ABI inline int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

KIN_HARDENING_ABI inline std::string format(const char* fmt, auto... args) {
  char buf[160];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

// One line of a listing, as read (the text without its '\n').
struct iomem_line {
  std::size_t level = 0;  // the indentation's level
  hex_field start, end;   // the range as written
  std::string_view name;  // every byte after the first " : "
};

// Reads one line; false, with `error_out` set, when the line is rejected.
// `open_levels` is the number of levels a line may use: 0 before the first
// line, then the previous line's level + 1.
KIN_HARDENING_ABI inline bool parse_iomem_line(std::string_view s, std::size_t line, std::size_t open_levels, iomem_line& out,
                             parse_error& error_out) {
  constexpr std::size_t max_line = 4096;
  auto error = [&](std::size_t l, std::size_t column, std::string message) {
    error_out = parse_error{l, column, std::move(message)};
    return false;
  };
  // Control bytes first: a binary file is better told so than "too long".
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x20 || byte == 0x7f) {
      const char* what = byte == '\t' ? " (a tab)" : byte == '\r' ? " (a carriage return: DOS line endings?)" : "";
      return error(line, i + 1, detail::format("control byte 0x%02x%s", byte, what));
    }
  }
  if (s.size() > max_line) {
    return error(line, max_line + 1, "line longer than 4096 bytes");
  }
  if (s.empty()) {
    return error(line, 1, "empty line");
  }
  std::size_t spaces = 0;
  while (spaces < s.size() && s[spaces] == ' ') ++spaces;
  if (spaces % 2) {
    return error(line, spaces, detail::format("odd indentation (%zu spaces)", spaces));
  }
  const std::size_t level = spaces / 2;
  if (level > open_levels) {
    if (open_levels == 0) {
      return error(line, 1, "the first line is indented (it must be at level 0)");
    }
    return error(line, 1,
                 detail::format("indentation skips a level (level %zu after level %zu)", level, open_levels - 1));
  }
  const std::size_t sep = s.find(" : ", spaces);
  if (sep == std::string_view::npos) {
    return error(line, spaces + 1, "no \" : \" between the range and the name");
  }
  // START-END between the indentation and the separator.
  std::size_t pos = spaces;
  std::string why;
  auto field = [&](char stop, const char* which, hex_field& field_out) {
    const std::size_t begin = pos;
    while (pos < sep && s[pos] != stop) {
      const int d = hex_digit(s[pos]);
      if (d < 0) {
        why = detail::format("bad hex: unexpected '%c' in the %s address", s[pos], which);
        return false;
      }
      if (++field_out.digits > 16) {
        why = detail::format("more than 16 hex digits in the %s address", which);
        return false;
      }
      field_out.uppercase |= s[pos] >= 'A' && s[pos] <= 'F';
      field_out.value = field_out.value << 4 | static_cast<unsigned>(d);
      ++pos;
    }
    if (pos == begin) {
      why = detail::format("bad hex: no %s address", which);
      return false;
    }
    return true;
  };
  hex_field& start = out.start;
  hex_field& end = out.end;
  if (!field('-', "start", start)) {
    return error(line, pos + 1, why);
  }
  if (pos >= sep || s[pos] != '-') {
    return error(line, pos + 1, "bad hex: no '-' after the start address");
  }
  ++pos;
  if (!field(' ', "end", end)) {
    return error(line, pos + 1, why);
  }
  if (pos != sep) {
    // Something between the end address and the first " : ": nothing may
    // be dropped, so extra spaces or words there reject the line.
    std::size_t junk = pos;
    while (junk < sep && s[junk] == ' ') ++junk;
    if (junk == sep) {
      return error(line, pos + 1, "more than one space between the end address and \" : \"");
    }
    std::size_t junk_end = sep;
    while (junk_end > junk && s[junk_end - 1] == ' ') --junk_end;
    return error(line, junk + 1,
                 detail::format("unexpected text \"%.*s\" between the end address and \" : \"",
                                static_cast<int>(junk_end - junk < 40 ? junk_end - junk : 40), s.data() + junk));
  }
  if (end.value < start.value) {
    return error(line, spaces + 1, "the range ends before it starts");
  }
  out.level = level;
  out.name = s.substr(sep + 3);
  return true;
}

} // namespace detail

/// Parses a `/proc/iomem` listing into a tree of kin::resource<Hook>.
///
/// Rejected, with line, column and a message: a line over 4096 bytes; a
/// control byte other than the newline (a CR included); an empty line; an
/// odd indentation or one that skips a level (or a first line that is
/// indented); no `" : "`; bad hex; more than 16 hex digits; anything
/// between the end address and the first `" : "` (a word, a second space:
/// nothing is dropped); an end before its start. Out of memory for the
/// node array or the text copy is an error with line and column 0.
/// Accepted with a "not in kernel form" warning
/// (and printed canonically): uppercase hex, another width than the
/// kernel's, no final newline. Accepted with a warning and round-tripped:
/// a child outside its parent, a sibling starting at or before the previous
/// one's end. A line at the cap whose range lies inside a preceding line at
/// the cap becomes its child (the cap flattened them). An all-zero listing
/// gets one notice instead of the overlap warnings. Empty text is an empty
/// tree.
/// @complexity O(text size): two passes over the text, the first (which
/// finds every rejection) allocating nothing; then one node array, one text
/// copy.
template <class Hook>
KIN_HARDENING_ABI result<iomem_tree<Hook>, parse_error> parse_iomem(std::string_view text, iomem_options options = {}) {
  using node = resource<Hook>;
  using T = typename node::traits;
  iomem_tree<Hook> tree;
  // First pass: every line read and checked, nothing allocated, so a
  // rejected listing (a binary file, a flood of newlines) costs no memory.
  std::size_t lines = 0;
  {
    std::size_t open_levels = 0;
    for (std::string_view rest = text; !rest.empty();) {
      const std::size_t eol = rest.find('\n');
      const std::string_view s = rest.substr(0, eol);
      rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
      detail::iomem_line parsed;
      parse_error rejected;
      if (!detail::parse_iomem_line(s, ++lines, open_levels, parsed, rejected)) {
        return rejected;
      }
      open_levels = parsed.level + 1;
    }
  }
  const bool final_newline = text.empty() || text.back() == '\n';
  tree.nodes_.reset(new (std::nothrow) node[lines + 1]);
  tree.text_.reset(new (std::nothrow) char[text.size() + 1]);
  // One slot per node: its latest child so far, for linking in O(1).
  std::unique_ptr<node*[]> last_child(new (std::nothrow) node*[lines + 1]());
  if (!tree.nodes_ || !tree.text_ || !last_child) {
    // Not about any one line: no position (line and column 0).
    return parse_error{0, 0,
                       detail::format("out of memory for a listing of %zu lines (%zu bytes of text)", lines,
                                      text.size())};
  }
  tree.lines_ = lines;
  std::memcpy(tree.text_.get(), text.data(), text.size());
  tree.text_[text.size()] = '\0';
  tree.text_size_ = text.size();
  node& root = tree.nodes_[0];
  root.start = 0;
  root.end = UINT64_MAX;
  root.flags = ioresource_mem;
  root.name = "PCI mem";

  std::vector<node*> at_level;                         // the latest node of each level
  std::vector<node*> capped;                           // the chain of lines at the cap
  bool all_zero = lines > 0;
  std::string_view rest(tree.text_.get(), text.size());
  for (std::size_t line = 1; line <= lines; ++line) {
    const std::size_t eol = rest.find('\n');
    const std::string_view s = rest.substr(0, eol);
    rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
    detail::iomem_line parsed;
    parse_error unexpected;
    const bool ok = detail::parse_iomem_line(s, line, at_level.size(), parsed, unexpected);
    KIN_CHECK(ok, "the second pass must accept what the first pass accepted"); // the first pass accepted every line
    (void)ok;
    const std::size_t level = parsed.level;
    const detail::hex_field& start = parsed.start;
    const detail::hex_field& end = parsed.end;
    // Accepted from here on; note what the kernel would have printed otherwise.
    auto width_of = [&](std::uint64_t v) {
      std::size_t digits = 1;
      while (v >>= 4) ++digits;
      return digits > options.width ? digits : std::size_t{options.width};
    };
    std::string odd;
    if (start.uppercase || end.uppercase) odd += "uppercase hex";
    if (start.digits != width_of(start.value) || end.digits != width_of(end.value)) {
      odd += odd.empty() ? "" : ", ";
      odd += detail::format("addresses not zero-padded to %u digits", options.width);
    }
    if (!final_newline && line == lines) {
      odd += odd.empty() ? "" : ", ";
      odd += "no newline at the end";
    }
    if (!odd.empty()) {
      tree.warnings_.push_back({line, iomem_diagnostic_kind::not_kernel_form, std::string("not in kernel form: ").append(odd)});
    }

    node& n = tree.nodes_[line];
    n.start = start.value;
    n.end = end.value;
    const std::string_view name = parsed.name;
    n.name = name == "<BAD>" ? std::string_view() : name;
    const auto inferred = iomem_flags_for_name(name, n.start);
    n.flags = inferred.flags;
    n.desc = inferred.desc;
    all_zero &= n.start == 0 && n.end == 0;

    // Where it hangs: under the latest line one level up; a line at the cap
    // under the innermost preceding capped line that contains it.
    auto contains = [](const node* outer, const node& inner) {
      return outer->start <= inner.start && inner.end <= outer->end;
    };
    node* parent = level == 0 ? &root : at_level[level - 1];
    if (level == options.cap && level > 0) {
      while (!capped.empty() && !contains(capped.back(), n)) capped.pop_back();
      if (!capped.empty()) parent = capped.back();
      capped.push_back(&n);
    } else if (level < options.cap) {
      capped.clear();
    } else {
      tree.warnings_.push_back({line, iomem_diagnostic_kind::deeper_than_cap,
                                detail::format("indentation deeper than the cap (level %zu > %u)", level,
                                               options.cap)});
    }
    at_level.resize(level);
    at_level.push_back(&n);

    if (parent != &root && !contains(parent, n)) {
      tree.warnings_.push_back({line, iomem_diagnostic_kind::outside_parent,
                                detail::format("range lies outside its parent (line %zu)", tree.line_of(*parent))});
    }
    node*& prev = last_child[tree.line_of(*parent)];
    if (prev && n.start <= prev->end) {
      tree.warnings_.push_back(
          {line, iomem_diagnostic_kind::overlaps_previous,
           detail::format("range starts at or before the end of its previous sibling (line %zu)", tree.line_of(*prev))});
    }
    if (prev) {
      link_after<T>(prev, &n);
    } else {
      link_first_child<T>(parent, &n);
    }
    prev = &n;
  }
  tree.well_formed_ = static_cast<bool>(resource_check<T>(&root));
  tree.all_zero_ = all_zero;
  if (all_zero) {
    std::erase_if(tree.warnings_, [](const iomem_diagnostic& d) {
      return d.kind == iomem_diagnostic_kind::outside_parent || d.kind == iomem_diagnostic_kind::overlaps_previous;
    });
    tree.notices_.push_back({0, iomem_diagnostic_kind::all_addresses_zero,
                             "every address is zero: the reader could not see them (read it as root)"});
  }
  return tree;
}

namespace detail {

template <resource_traits R, class Sink>
KIN_HARDENING_ABI void print_iomem_line(Sink& out, const_value_ptr<R> n, std::ptrdiff_t depth, const iomem_options& o) {
  const auto level = static_cast<unsigned>(depth - 1);
  const int indent = 2 * static_cast<int>(level < o.cap ? level : o.cap);
  const int w = static_cast<int>(o.width);
  char head[96];
  const int len = std::snprintf(head, sizeof head, "%*s%0*llx-%0*llx : ", indent, "", w,
                                static_cast<unsigned long long>(R::get_start(n)), w,
                                static_cast<unsigned long long>(R::get_end(n)));
  out(std::string_view(head, static_cast<std::size_t>(len)));
  const std::string_view name = R::get_name(n);
  out(name.data() ? name : std::string_view("<BAD>"));
  out("\n");
}

} // namespace detail

/// Writes `root`'s descendants in the kernel's `/proc/iomem` format, in
/// pre-order, indentation capped at `options.cap`.
/// @complexity O(size + output size)
template <resource_traits R, class Sink>
KIN_HARDENING_ABI void print_iomem(Sink&& out, const_value_ptr<R> root, iomem_options options = {}) {
  const auto walk = descendants<R>(root).with_depth();
  for (auto it = walk.begin(); it != walk.end(); ++it) {
    detail::print_iomem_line<R>(out, &*it, it.depth(), options);
  }
}

/// Writes the listing in mirrored order: each level's children last to
/// first, parents still before their children (top of memory first).
/// Native on bidirectional layouts; on singly linked ones it collects the
/// post-order (`new (std::nothrow)`) and reports false when that fails.
/// @complexity O(size + output size) on bidirectional layouts; O(size x
/// depth) on singly linked ones.
template <resource_traits R, class Sink>
KIN_HARDENING_ABI bool print_iomem_mirrored(Sink&& out, const_value_ptr<R> root, iomem_options options = {}) {
  if constexpr (bidirectional_tree_traits<node_traits_of<R>>) {
    const auto walk = postorder_reverse<R>(root).with_depth();
    for (auto it = std::next(walk.begin()); it != walk.end(); ++it) {
      detail::print_iomem_line<R>(out, &*it, it.depth(), options);
    }
    return true;
  } else {
    const auto walk = postorder_reverse<R>(root, collect_allocating);
    if (!walk.fits()) {
      return false;
    }
    for (const auto& n : walk) {
      if (&n != root) {
        const auto d = static_cast<std::ptrdiff_t>(depth<R>(&n) - depth<R>(root));
        detail::print_iomem_line<R>(out, &n, d, options);
      }
    }
    return true;
  }
}

/// print_iomem into a new string.
/// @complexity as print_iomem.
template <resource_traits R>
KIN_HARDENING_ABI std::string iomem_to_text(const_value_ptr<R> root, iomem_options options = {}) {
  std::string text;
  print_iomem<R>(string_sink{text}, root, options);
  return text;
}

} // namespace kin

#endif // KIN_ADAPTERS_IOMEM_HPP
