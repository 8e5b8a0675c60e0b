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
/// "Crash kernel"); the usual x86 values, and so approximate, for the rest
/// (the `constexpr` table kin::iomem_name_table).
///
/// The parser is three parts: the line parser (kin::parse_iomem_line, in
/// kin/adapters/iomem_line.hpp: pure, `constexpr`, no allocation), the
/// builder that links the lines (the nesting and the cap's re-nesting: no
/// allocation past its one array sized up front), and the diagnostics (the
/// warnings and notices: the only part that allocates as it goes). No
/// exception escapes it: out of memory is a parse_error.
#ifndef KIN_ADAPTERS_IOMEM_HPP
#define KIN_ADAPTERS_IOMEM_HPP

#include <kin/config.hpp>
#include <kin/adapters/iomem_line.hpp>
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
#include <type_traits>
#include <utility>
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
/// position (out of memory for a line's warning: the line, column 1); one
/// about the whole listing (out of memory for its nodes, its text copy, the
/// builder's array or the notice) has line and column 0: report it without
/// a position.
struct parse_error {
  std::size_t line = 0;   ///< 1-based line; 0 when the error is about no one line
  std::size_t column = 0; ///< 1-based byte column; 0 when line is 0
  std::string message;    ///< one sentence
};

/// How a row of kin::iomem_name_table matches a name.
enum class iomem_name_match : unsigned char {
  exact,   ///< the name is `name`
  prefix,  ///< the name starts with `name`
  enclosed ///< the name starts with `name` and ends with `suffix`
};

/// One row of kin::iomem_name_table: the flags and descriptor of the
/// resources whose names match.
struct iomem_name_flags {
  std::string_view name;         ///< the name, or what it starts with
  std::string_view suffix;       ///< for iomem_name_match::enclosed: what it ends with
  iomem_name_match match = iomem_name_match::exact; ///< how `name` (and `suffix`) match
  std::uint64_t flags = 0;       ///< the IORESOURCE_* bits (without the one below)
  int desc = iores_desc_none;    ///< the IORES_DESC_* value
  bool busy_below_1mib = false;  ///< whether ioresource_busy is added when the start is below 1 MiB
};

/// The reference table of kin::iomem_flags_for_name, searched first row
/// first: exact for the RAM family, the usual x86 values for the rest. A
/// name no row matches is plain ioresource_mem.
inline constexpr iomem_name_flags iomem_name_table[] = {
    {"System RAM", {}, iomem_name_match::exact, ioresource_system_ram | ioresource_busy, iores_desc_none, false},
    {"System RAM (", ")", iomem_name_match::enclosed,
     ioresource_system_ram | ioresource_busy | ioresource_sysram_driver_managed, iores_desc_none, false},
    {"Kernel code", {}, iomem_name_match::exact, ioresource_system_ram | ioresource_busy, iores_desc_none, false},
    {"Kernel rodata", {}, iomem_name_match::exact, ioresource_system_ram | ioresource_busy, iores_desc_none, false},
    {"Kernel data", {}, iomem_name_match::exact, ioresource_system_ram | ioresource_busy, iores_desc_none, false},
    {"Kernel bss", {}, iomem_name_match::exact, ioresource_system_ram | ioresource_busy, iores_desc_none, false},
    {"Crash kernel", {}, iomem_name_match::exact, ioresource_system_ram | ioresource_busy, iores_desc_crash_kernel,
     false},
    {"Reserved", {}, iomem_name_match::exact, ioresource_mem, iores_desc_reserved, true},
    {"reserved", {}, iomem_name_match::exact, ioresource_mem | ioresource_busy, iores_desc_none, false},
    {"RAM buffer", {}, iomem_name_match::exact, ioresource_mem | ioresource_busy, iores_desc_none, false},
    {"ACPI Tables", {}, iomem_name_match::exact, ioresource_mem | ioresource_busy, iores_desc_acpi_tables, false},
    {"ACPI Non-volatile Storage", {}, iomem_name_match::exact, ioresource_mem | ioresource_busy,
     iores_desc_acpi_nv_storage, false},
    {"Persistent Memory", {}, iomem_name_match::exact, ioresource_mem | ioresource_busy,
     iores_desc_persistent_memory, false},
    {"Persistent Memory (legacy)", {}, iomem_name_match::exact, ioresource_mem, iores_desc_persistent_memory_legacy,
     true},
    {"Soft Reserved", {}, iomem_name_match::exact, ioresource_mem, iores_desc_soft_reserved, true},
    {"CXL Window ", {}, iomem_name_match::prefix, ioresource_mem, iores_desc_cxl, false},
};

/// The flags and descriptor the kernel gives a resource with this name: the
/// first row of kin::iomem_name_table that matches, else ioresource_mem.
/// `start` matters for "Reserved" and friends, busy only below 1 MiB.
/// @returns a record whose `flags` and `desc` are set (the rest is zero).
/// @throws_ Nothing. @complexity O(name length) (the table is fixed)
KIN_HARDENING_ABI constexpr resource_record<void*> iomem_flags_for_name(std::string_view name,
                                                                        std::uint64_t start) noexcept {
  resource_record<void*> r{};
  r.flags = ioresource_mem;
  for (const iomem_name_flags& row : iomem_name_table) {
    const bool matches = row.match == iomem_name_match::exact ? name == row.name
                         : row.match == iomem_name_match::prefix
                             ? name.starts_with(row.name)
                             : name.starts_with(row.name) && name.ends_with(row.suffix);
    if (matches) {
      r.flags = row.flags | (row.busy_below_1mib && start < 0x100000 ? ioresource_busy : 0);
      r.desc = row.desc;
      break;
    }
  }
  return r;
}

/// A parsed listing: one heap array of kin::resource values (the root first,
/// then one node per line, in line order) and one heap copy of the text,
/// which the names view. Move-only; a move moves no node. When `Hook` has
/// a destructor (kin::checked_hook), every node is unlinked before it is
/// freed (also one a caller detached with its subtree), in O(size); kin's
/// plain hooks are freed as they are. Nodes of the caller's own that are
/// linked to the tree's nodes must be unlinked before the tree is destroyed.
template <class Hook>
class iomem_tree {
public:
  /// The node type.
  using node = resource<Hook>;
  /// The resource traits of the nodes.
  using traits = typename node::traits;

  /// The root ("PCI mem", 0 to 2^64 - 1), never printed.
  /// @requires the tree has not been moved from. @throws_ Nothing.
  /// @complexity O(1)
  KIN_HARDENING_ABI node& root() noexcept { return nodes_[0]; }
  /// The root. @requires the tree has not been moved from.
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI const node& root() const noexcept { return nodes_[0]; }
  /// The number of lines (nodes other than the root). @throws_ Nothing.
  /// @complexity O(1)
  KIN_HARDENING_ABI std::size_t size() const noexcept { return lines_; }
  /// The node of line `line` (1-based).
  /// @requires 1 <= `line` <= size() (checked in `fast`).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI node& at_line(std::size_t line) noexcept {
    KIN_CHECK(line >= 1 && line <= lines_, "a line number must be in the listing");
    return nodes_[line];
  }
  /// The line of `n` (0 for the root).
  /// @requires `n` is a node of this tree (unchecked).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI std::size_t line_of(const node& n) const noexcept { return static_cast<std::size_t>(&n - nodes_.get()); }
  /// Warnings: accepted lines that are odd (not in kernel form, or breaking
  /// the tree's invariants). @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI const std::vector<iomem_diagnostic>& warnings() const noexcept { return warnings_; }
  /// Notices: facts about the whole listing (every address zero).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI const std::vector<iomem_diagnostic>& notices() const noexcept { return notices_; }
  /// Whether resource_check passed (so walks may take their one-pass path).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI bool well_formed() const noexcept { return well_formed_; }
  /// Whether there was at least one line and every address is zero: what a
  /// reader without CAP_SYS_ADMIN sees. Nothing that needs addresses can
  /// use such a tree. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI bool all_addresses_zero() const noexcept { return all_zero_; }
  /// The text the names view. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI std::string_view text() const noexcept { return {text_.get(), text_size_}; }

private:
  template <class H>
  friend result<iomem_tree<H>, parse_error> parse_iomem(std::string_view, iomem_options) noexcept;
  KIN_HARDENING_ABI iomem_tree() = default;

  // Frees the node array; unlinks the nodes first when the hook checks it:
  // every node of the array, also those a caller detached from the root
  // with their subtrees. In line (pre-)order each one is its parent's first
  // child by then, so each unlink is O(1) on every layout.
  struct node_array_deleter {
    std::size_t count = 0;
    KIN_HARDENING_ABI void operator()(node* nodes) const noexcept {
      if constexpr (!std::is_trivially_destructible_v<Hook>) {
        for (std::size_t i = 1; i < count; ++i) {
          if (kin::parent<traits>(&nodes[i])) {
            kin::unlink<traits>(&nodes[i]);
          }
        }
      }
      delete[] nodes;
    }
  };

  std::unique_ptr<node[], node_array_deleter> nodes_;
  std::size_t lines_ = 0;
  std::unique_ptr<char[]> text_;
  std::size_t text_size_ = 0;
  std::vector<iomem_diagnostic> warnings_;
  std::vector<iomem_diagnostic> notices_;
  bool well_formed_ = true;
  bool all_zero_ = false;
};

namespace detail {

KIN_HARDENING_ABI inline std::string format(const char* fmt, auto... args) {
  char buf[160];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

// Runs `f`, which allocates through std::string and std::vector; false when
// an allocation failed. With exceptions off there is nothing to catch: the
// containers end the program then, as they do everywhere without
// exceptions.
template <class F>
KIN_HARDENING_ABI bool iomem_allocating(F&& f) noexcept {
#if defined(__cpp_exceptions)
  try {
    f();
    return true;
  } catch (const std::bad_alloc&) {
    return false;
  }
#else
  f();
  return true;
#endif
}

// A parse_error whose message is `message` (a std::string or a view), or
// "out of memory" (short enough for every std::string's own buffer, so it
// allocates nothing) when the message could not be stored.
template <class Message>
KIN_HARDENING_ABI parse_error iomem_error(std::size_t line, std::size_t column, Message&& message) noexcept {
  parse_error e;
  e.line = line;
  e.column = column;
  if (!iomem_allocating([&] { e.message = std::forward<Message>(message); })) {
    e.message = "out of memory";
  }
  return e;
}

// The first line of `rest`, which loses it and its newline.
KIN_HARDENING_ABI constexpr std::string_view iomem_next_line(std::string_view& rest) noexcept {
  const std::size_t eol = rest.find('\n');
  const std::string_view line = rest.substr(0, eol);
  rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
  return line;
}

// ---- The first pass: every line read and checked, nothing allocated, so a
// rejected listing (a binary file, a flood of newlines) costs no memory. It
// also sizes the builder's bookkeeping.

struct iomem_shape {
  std::size_t lines = 0;     // lines read (the rejected one included)
  std::size_t max_level = 0; // the deepest level written
  std::size_t at_cap = 0;    // lines at the cap (the re-nesting chain's bound)
  iomem_line_rejection rejection; // error != none: line `lines` was rejected
};

KIN_HARDENING_ABI constexpr iomem_shape iomem_scan(std::string_view text, unsigned cap) noexcept {
  iomem_shape shape;
  std::size_t open_levels = 0;
  for (std::string_view rest = text; !rest.empty();) {
    const std::string_view s = iomem_next_line(rest);
    ++shape.lines;
    const iomem_line_result r = parse_iomem_line(s, open_levels);
    if (!r) {
      shape.rejection = r.rejection;
      return shape;
    }
    const std::size_t level = r.fields.level;
    open_levels = level + 1;
    shape.max_level = level > shape.max_level ? level : shape.max_level;
    shape.at_cap += level == cap && level > 0;
  }
  return shape;
}

// ---- The builder: where each line hangs, and the links. Its bookkeeping
// is one caller-allocated array of iomem_builder::scratch_size(shape)
// pointers, so placing a line allocates nothing and cannot fail.

template <class Hook>
class iomem_builder {
public:
  using node = resource<Hook>;
  using T = typename node::traits;

  // What placing a line found (the diagnostics word it).
  struct placement {
    std::size_t parent_line = 0;   // 0: the root
    bool deeper_than_cap = false;  // level > cap
    bool outside_parent = false;   // not inside its parent (the root excepted)
    std::size_t overlapped = 0;    // the previous sibling's line when this one starts at or before its end
  };

  KIN_HARDENING_ABI static constexpr std::size_t scratch_size(const iomem_shape& shape) noexcept {
    return (shape.lines + 1) + (shape.max_level + 1) + shape.at_cap;
  }

  // `nodes`: the root, then one node per line; `scratch`: scratch_size()
  // null pointers.
  KIN_HARDENING_ABI iomem_builder(node* nodes, node** scratch, const iomem_shape& shape, unsigned cap) noexcept
      : nodes_(nodes), last_child_(scratch), at_level_(scratch + shape.lines + 1),
        capped_(scratch + shape.lines + 1 + shape.max_level + 1), cap_(cap) {}

  // Links node `line` (its range set) written at `level`: under the latest
  // line one level up; a line at the cap under the innermost preceding
  // capped line that contains it (the cap flattened them), as its parent's
  // last child so far.
  KIN_HARDENING_ABI placement place(std::size_t line, std::size_t level) noexcept {
    node& n = nodes_[line];
    node* parent = level == 0 ? &nodes_[0] : at_level_[level - 1];
    placement p;
    if (level == cap_ && level > 0) {
      while (capped_size_ > 0 && !contains(*capped_[capped_size_ - 1], n)) --capped_size_;
      if (capped_size_ > 0) parent = capped_[capped_size_ - 1];
      capped_[capped_size_++] = &n;
    } else if (level < cap_) {
      capped_size_ = 0;
    } else {
      p.deeper_than_cap = true;
    }
    at_level_[level] = &n; // the levels above `level` are closed: never read before they are set again
    p.parent_line = static_cast<std::size_t>(parent - nodes_);
    p.outside_parent = parent != &nodes_[0] && !contains(*parent, n);
    node*& prev = last_child_[p.parent_line];
    if (prev) {
      if (n.start <= prev->end) p.overlapped = static_cast<std::size_t>(prev - nodes_);
      link_after<T>(prev, &n);
    } else {
      link_first_child<T>(parent, &n);
    }
    prev = &n;
    return p;
  }

private:
  KIN_HARDENING_ABI static constexpr bool contains(const node& outer, const node& inner) noexcept {
    return outer.start <= inner.start && inner.end <= outer.end;
  }

  node* nodes_;
  node** last_child_; // per node: its latest child so far, for linking in O(1)
  node** at_level_;   // per level: the latest line written at it
  node** capped_;     // the chain of lines at the cap, outermost first
  std::size_t capped_size_ = 0;
  unsigned cap_;
};

// ---- The diagnostics: the warnings and notices, worded. The only part of
// the second pass that allocates; a failure is remembered, not thrown.

// What keeps a line from being in kernel form (a bit set).
inline constexpr unsigned iomem_uppercase = 1, iomem_unpadded = 2, iomem_no_newline = 4;

KIN_HARDENING_ABI constexpr unsigned iomem_kernel_form_problems(const iomem_line_fields& f, unsigned width,
                                                                bool no_newline) noexcept {
  auto padded = [&](const iomem_hex& h) {
    std::size_t digits = 1;
    for (std::uint64_t v = h.value; v >>= 4;) ++digits;
    return h.digits == (digits > width ? digits : std::size_t{width});
  };
  return (f.start.uppercase || f.end.uppercase ? iomem_uppercase : 0u) |
         (!padded(f.start) || !padded(f.end) ? iomem_unpadded : 0u) | (no_newline ? iomem_no_newline : 0u);
}

class iomem_diagnostics {
public:
  std::vector<iomem_diagnostic> warnings;
  std::vector<iomem_diagnostic> notices;

  // Whether an allocation failed (then nothing more is added).
  KIN_HARDENING_ABI bool failed() const noexcept { return failed_; }

  KIN_HARDENING_ABI void not_kernel_form(std::size_t line, unsigned problems, unsigned width) noexcept {
    if (problems == 0) return;
    warn(line, iomem_diagnostic_kind::not_kernel_form, [&] {
      std::string m = "not in kernel form: ";
      const std::size_t head = m.size();
      auto add = [&](const std::string& part) { m.append(m.size() == head ? "" : ", ").append(part); };
      if (problems & iomem_uppercase) add("uppercase hex");
      if (problems & iomem_unpadded) {
        add(format("addresses not in the kernel's width (zero-padded to %u digits, no more)", width));
      }
      if (problems & iomem_no_newline) add("no newline at the end");
      return m;
    });
  }

  template <class Placement>
  KIN_HARDENING_ABI void placed(std::size_t line, std::size_t level, unsigned cap, const Placement& p) noexcept {
    if (p.deeper_than_cap) {
      warn(line, iomem_diagnostic_kind::deeper_than_cap,
           [&] { return format("indentation deeper than the cap (level %zu > %u)", level, cap); });
    }
    if (p.outside_parent) {
      warn(line, iomem_diagnostic_kind::outside_parent,
           [&] { return format("range lies outside its parent (line %zu)", p.parent_line); });
    }
    if (p.overlapped != 0) {
      warn(line, iomem_diagnostic_kind::overlaps_previous, [&] {
        return format("range starts at or before the end of its previous sibling (line %zu)", p.overlapped);
      });
    }
  }

  // Every address zero: the overlap warnings say nothing then; one notice.
  KIN_HARDENING_ABI void all_addresses_zero() noexcept {
    std::erase_if(warnings, [](const iomem_diagnostic& d) {
      return d.kind == iomem_diagnostic_kind::outside_parent || d.kind == iomem_diagnostic_kind::overlaps_previous;
    });
    failed_ = failed_ || !iomem_allocating([&] {
      notices.push_back({0, iomem_diagnostic_kind::all_addresses_zero,
                         "every address is zero: the reader could not see them (read it as root)"});
    });
  }

private:
  template <class Message>
  KIN_HARDENING_ABI void warn(std::size_t line, iomem_diagnostic_kind kind, Message&& message) noexcept {
    failed_ = failed_ || !iomem_allocating([&] { warnings.push_back({line, kind, message()}); });
  }

  bool failed_ = false;
};

} // namespace detail

/// Parses a `/proc/iomem` listing into a tree of kin::resource<Hook>.
///
/// Rejected, with line, column and a message (kin::parse_iomem_line, whose
/// rules these are): a line over 4096 bytes; a control byte other than the
/// newline (a CR included); an empty line; an odd indentation or one that
/// skips a level (or a first line that is indented); no `" : "`; bad hex;
/// more than 16 hex digits; anything between the end address and the first
/// `" : "` (a word, a second space: nothing is dropped); an end before its
/// start. Accepted with a "not in kernel form" warning (and printed
/// canonically): uppercase hex, another width than the kernel's, no final
/// newline. Accepted with a warning and round-tripped: a child outside its
/// parent, a sibling starting at or before the previous one's end. A line
/// at the cap whose range lies inside a preceding line at the cap becomes
/// its child (the cap flattened them). An all-zero listing gets one notice
/// instead of the overlap warnings. Empty text is an empty tree.
///
/// Out of memory is a rejection too, never an exception: for the node
/// array, the text copy or the bookkeeping (allocated up front, with
/// `new (std::nothrow)`), the parse_error has line and column 0; for a
/// warning, the line it is about and column 1; for the notice, line and
/// column 0. Its message says "out of memory". (With exceptions off, the
/// warnings' `std::string` and `std::vector` cannot report a failure: they
/// end the program, as they do everywhere without exceptions.)
/// @effects builds the tree; `text` need not outlive it (the names view
/// the tree's own copy).
/// @returns the tree, or the parse_error of the first rejected line (or of
/// the allocation that failed).
/// @throws_ Nothing.
/// @complexity O(text size): two passes over the text, the first (which
/// finds every rejection and sizes everything) allocating nothing but the
/// rejection's message; then one node array, one text copy, one array of
/// bookkeeping (at most three pointers a line), and the warnings.
template <class Hook>
KIN_HARDENING_ABI result<iomem_tree<Hook>, parse_error> parse_iomem(std::string_view text,
                                                                    iomem_options options = {}) noexcept {
  using node = resource<Hook>;
  using builder = detail::iomem_builder<Hook>;
  const detail::iomem_shape shape = detail::iomem_scan(text, options.cap);
  if (shape.rejection.error != iomem_line_error::none) {
    return detail::iomem_error(shape.lines, shape.rejection.column, iomem_line_message(shape.rejection).view());
  }
  const std::size_t lines = shape.lines;
  iomem_tree<Hook> tree;
  using nodes_ptr = decltype(tree.nodes_);
  tree.nodes_ = nodes_ptr(new (std::nothrow) node[lines + 1], typename nodes_ptr::deleter_type{lines + 1});
  tree.text_.reset(new (std::nothrow) char[text.size() + 1]);
  std::unique_ptr<node*[]> scratch(new (std::nothrow) node*[builder::scratch_size(shape)]());
  if (!tree.nodes_ || !tree.text_ || !scratch) {
    // Not about any one line: no position (line and column 0).
    return detail::iomem_error(0, 0, [&] {
      std::string m;
      detail::iomem_allocating([&] {
        m = detail::format("out of memory for a listing of %zu lines (%zu bytes of text)", lines, text.size());
      });
      return m.empty() ? std::string("out of memory") : std::move(m);
    }());
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

  builder build(tree.nodes_.get(), scratch.get(), shape, options.cap);
  detail::iomem_diagnostics diagnostics;
  const bool final_newline = text.empty() || text.back() == '\n';
  bool all_zero = lines > 0;
  std::size_t open_levels = 0;
  std::string_view rest(tree.text_.get(), text.size());
  for (std::size_t line = 1; line <= lines; ++line) {
    const iomem_line_result parsed = parse_iomem_line(detail::iomem_next_line(rest), open_levels);
    KIN_CHECK(static_cast<bool>(parsed), "the second pass must accept what the first pass accepted");
    const iomem_line_fields& f = parsed.fields;
    open_levels = f.level + 1;
    diagnostics.not_kernel_form(
        line, detail::iomem_kernel_form_problems(f, options.width, !final_newline && line == lines), options.width);

    node& n = tree.nodes_[line];
    n.start = f.start.value;
    n.end = f.end.value;
    n.name = f.name == "<BAD>" ? std::string_view() : f.name;
    const auto inferred = iomem_flags_for_name(f.name, n.start);
    n.flags = inferred.flags;
    n.desc = inferred.desc;
    all_zero &= n.start == 0 && n.end == 0;

    diagnostics.placed(line, f.level, options.cap, build.place(line, f.level));
    if (diagnostics.failed()) {
      return detail::iomem_error(line, 1, "out of memory for the warnings");
    }
  }
  tree.well_formed_ = static_cast<bool>(resource_check<typename node::traits>(&root));
  tree.all_zero_ = all_zero;
  if (all_zero) {
    diagnostics.all_addresses_zero();
    if (diagnostics.failed()) {
      return detail::iomem_error(0, 0, "out of memory for the notices");
    }
  }
  tree.warnings_ = std::move(diagnostics.warnings);
  tree.notices_ = std::move(diagnostics.notices);
  return tree;
}

namespace detail {

// Writes `count` copies of `fill` in chunks: any indentation or padding
// width, no buffer to overflow.
template <class Sink>
KIN_HARDENING_ABI void print_repeated(Sink& out, char fill, std::size_t count) {
  constexpr std::string_view spaces = "                                ";
  constexpr std::string_view zeros = "00000000000000000000000000000000";
  const std::string_view chunk = fill == ' ' ? spaces : zeros;
  for (; count > chunk.size(); count -= chunk.size()) {
    out(chunk);
  }
  out(chunk.substr(0, count));
}

// Lowercase hex, zero-padded to at least `width` digits.
template <class Sink>
KIN_HARDENING_ABI void print_hex(Sink& out, std::uint64_t v, std::size_t width) {
  char digits[16];
  std::size_t n = 0;
  do {
    digits[15 - n++] = "0123456789abcdef"[v & 0xf];
    v >>= 4;
  } while (v != 0);
  if (width > n) {
    print_repeated(out, '0', width - n);
  }
  out(std::string_view(digits + 16 - n, n));
}

template <resource_traits R, class Sink>
KIN_HARDENING_ABI void print_iomem_line(Sink& out, const_value_ptr<R> n, std::ptrdiff_t depth, const iomem_options& o) {
  const auto level = static_cast<unsigned>(depth - 1);
  print_repeated(out, ' ', 2 * std::size_t{level < o.cap ? level : o.cap});
  print_hex(out, R::get_start(n), o.width);
  out("-");
  print_hex(out, R::get_end(n), o.width);
  out(" : ");
  const std::string_view name = R::get_name(n);
  out(name.data() ? name : std::string_view("<BAD>"));
  out("\n");
}

} // namespace detail

/// Writes `root`'s descendants in the kernel's `/proc/iomem` format, in
/// pre-order, indentation capped at `options.cap`.
/// @requires `root` is not null; `out` does not change the tree. Any `cap`
/// and `width` work.
/// @effects calls `out(std::string_view)` with each line, piece by piece.
/// @throws_ what `out` throws; the tree is unchanged.
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
/// mirrored order (`new (std::nothrow)`, one pointer a node) and reports
/// false when that fails. Either way each line's depth is carried along the
/// walk, never recomputed from its ancestors.
/// @requires as print_iomem.
/// @effects calls `out(std::string_view)` with each line, piece by piece;
/// nothing when the allocation failed.
/// @returns false when the allocation (singly linked layouts only) failed,
/// else true.
/// @throws_ what `out` throws; an allocation failure is not an exception.
/// @complexity O(size + output size) on every layout.
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
    // The walk is a pre-order (mirrored): each value's parent is the
    // previous value or one of its ancestors. Climbing from the previous
    // value to the parent leaves subtrees that are finished, each once, so
    // the climbs cost O(size) in all.
    const_value_ptr<R> prev = root;
    std::ptrdiff_t prev_depth = 0;
    for (const auto& n : walk) {
      if (&n == root) {
        continue;
      }
      const auto p = parent<R>(&n);
      std::ptrdiff_t d = prev_depth;
      for (auto a = prev; a != p; a = parent<R>(a)) {
        --d;
      }
      prev = &n;
      prev_depth = d + 1;
      detail::print_iomem_line<R>(out, &n, prev_depth, options);
    }
    return true;
  }
}

/// print_iomem into a new string.
/// @requires as print_iomem.
/// @returns the listing.
/// @throws_ std::bad_alloc (or std::length_error) when the string cannot
/// grow; nothing is returned then.
/// @complexity as print_iomem.
template <resource_traits R>
KIN_HARDENING_ABI std::string iomem_to_text(const_value_ptr<R> root, iomem_options options = {}) {
  std::string text;
  print_iomem<R>(string_sink{text}, root, options);
  return text;
}

} // namespace kin

#endif // KIN_ADAPTERS_IOMEM_HPP
