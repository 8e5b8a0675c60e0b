// SPDX-License-Identifier: BSL-1.0
// What every kin example shares (docs/examples.md): the exit statuses, the
// option splitter (--opt VALUE, --opt=VALUE, --), numbers with K/M/G/T
// suffixes, bounded input, and the write-error check. Examples only: not
// part of the library.
#ifndef KIN_EXAMPLES_EXAMPLE_SUPPORT_HPP
#define KIN_EXAMPLES_EXAMPLE_SUPPORT_HPP

#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>
#include <kin/layouts/singly.hpp>

#include <algorithm>
#include <cerrno>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

namespace kin_example {

constexpr int kExitSuccess = 0;  // the answer, printed
constexpr int kExitNegative = 1; // a negative answer (nothing found, could not place)
constexpr int kExitError = 2;    // bad arguments, unreadable or rejected input, write error, out of memory
constexpr std::size_t kMaxWarningsShown = 100;
constexpr std::size_t kDefaultMaxInput = std::size_t{256} << 20; // 256 MiB
constexpr std::size_t kMaxMaxInput = std::size_t{1} << 40;       // 1 TiB

// The command line, one argument at a time: `name` is the option (without
// "=VALUE") or the operand; `value` holds "=VALUE" when given inline, or the
// next argument after take_value().
class arguments {
public:
  arguments(int argc, char** argv) : argc_(argc), argv_(argv) {}

  // Moves to the next argument; false at the end.
  bool next() {
    if (++i_ >= argc_) return false;
    name = argv_[i_];
    value.clear();
    has_value = false;
    if (!options_done_ && name.starts_with("--") && name.find('=') != std::string_view::npos) {
      value = name.substr(name.find('=') + 1);
      name = name.substr(0, name.find('='));
      has_value = true;
    }
    if (!options_done_ && name == "--") {
      options_done_ = true;
      return next();
    }
    return true;
  }
  // Whether the current argument is an operand (a FILE, or "-").
  bool operand() const { return options_done_ || name == "-" || name.empty() || name[0] != '-'; }
  // The current argument as given (for messages).
  const char* raw() const { return argv_[i_]; }
  // The option's value: inline, or the next argument; false when missing.
  bool take_value() {
    if (has_value) return true;
    if (i_ + 1 >= argc_) return false;
    value = argv_[++i_];
    return true;
  }
  // Whether the current argument is the flag `flag` (no value allowed).
  bool is(std::string_view flag) const { return !operand() && name == flag && !has_value; }

  std::string_view name;
  std::string value;
  bool has_value = false;

private:
  int argc_;
  char** argv_;
  int i_ = 0;
  bool options_done_ = false;
};

// A number, at most `max`: decimal, or also 0x (or 0X) hex with `hex`, with an
// optional K, M, G or T suffix (powers of 1024, either case) with
// `suffixes`. False on anything else (signs, spaces, overflow).
inline bool parse_u64(std::string_view text, std::uint64_t max, bool hex, bool suffixes, std::uint64_t& out) {
  unsigned base = 10;
  std::size_t i = 0;
  if (hex && text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    i = 2;
  }
  const std::size_t first = i;
  std::uint64_t value = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    unsigned digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if (base == 16 && c >= 'a' && c <= 'f') {
      digit = static_cast<unsigned>(c - 'a' + 10);
    } else if (base == 16 && c >= 'A' && c <= 'F') {
      digit = static_cast<unsigned>(c - 'A' + 10);
    } else {
      break;
    }
    // digit > max: one digit is already too large (max - digit would wrap;
    // the fuzz target tests/fuzz/kexec.cpp found it).
    if (digit > max || value > (max - digit) / base) return false;
    value = value * base + digit;
  }
  if (i == first) return false;
  if (suffixes && i + 1 == text.size()) {
    const char s = text[i];
    const int shift = s == 'K' || s == 'k'   ? 10
                      : s == 'M' || s == 'm' ? 20
                      : s == 'G' || s == 'g' ? 30
                      : s == 'T' || s == 't' ? 40
                                             : -1;
    if (shift < 0 || value > (max >> shift)) return false;
    value <<= shift;
    ++i;
  }
  if (i != text.size()) return false;
  out = value;
  return true;
}

// parse_u64 into any unsigned type (`max` fits it).
template <std::unsigned_integral T>
bool parse_number(std::string_view text, T max, bool hex, bool suffixes, T& out) {
  std::uint64_t v = 0;
  if (!parse_u64(text, std::uint64_t{max}, hex, suffixes, v)) return false;
  out = static_cast<T>(v);
  return true;
}

enum class read_status { ok, cannot_read, too_large };

// Reads the whole file (or standard input for "-"), at most `limit` bytes:
// one byte more is too_large, and reading stops there.
inline read_status read_all(const char* path, std::size_t limit, std::string& out) {
  std::FILE* f = std::strcmp(path, "-") == 0 ? stdin : std::fopen(path, "rb");
  if (!f) return read_status::cannot_read;
  char buf[65536];
  read_status status = read_status::ok;
  for (;;) {
    const std::size_t want = std::min(sizeof buf, limit + 1 - out.size());
    const std::size_t n = std::fread(buf, 1, want, f);
    if (n == 0) break;
    if (out.size() + n > out.capacity()) {
      // Grow geometrically, but never past the limit's one extra byte.
      out.reserve(std::min(limit + 1, std::max(out.size() + n, 2 * out.capacity())));
    }
    out.append(buf, n);
    if (out.size() > limit) {
      status = read_status::too_large;
      break;
    }
  }
  if (status == read_status::ok && std::ferror(f)) status = read_status::cannot_read;
  const int saved = errno;
  if (f != stdin) std::fclose(f);
  errno = saved;
  return status;
}

// read_all, with the conventions' messages for what went wrong; true when
// the text was read.
inline bool read_input(const char* path, std::size_t limit, std::string& out) {
  switch (read_all(path, limit, out)) {
  case read_status::ok:
    return true;
  case read_status::cannot_read:
    std::fprintf(stderr, "%s: error: cannot read: %s\n", path, std::strerror(errno));
    return false;
  case read_status::too_large:
    std::fprintf(stderr, "%s: error: the input is larger than %zu bytes (--max-input BYTES raises the limit)\n", path,
                 limit);
    return false;
  }
  return false;
}

// Flushes standard output: `status` when it was written, else the
// conventions' write error (exit 2).
inline int finish_output(const char* program, int status) {
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::fprintf(stderr, "%s: error writing the output: %s\n", program, std::strerror(errno));
    return kExitError;
  }
  return status;
}

/// The kin layout an example runs on (`--layout singly|list|compact`).
enum class layout { singly, list, compact };

/// Reads a `--layout` value. @returns false when it names no layout.
inline bool parse_layout(std::string_view value, layout& out) {
  if (value == "singly") {
    out = layout::singly;
  } else if (value == "list") {
    out = layout::list;
  } else if (value == "compact") {
    out = layout::compact;
  } else {
    return false;
  }
  return true;
}

/// What common_option did with the current argument.
enum class common_result {
  other,    ///< not one of the common options: the example's own
  taken,    ///< read into its target
  finished, ///< --help or --version printed: exit 0 without reading input
  bad       ///< a usage error, worded in `message`
};

/// Where common_option stores --layout and --max-input; null: the example
/// does not take that option.
struct common_targets {
  layout* layout_choice = nullptr;
  std::size_t* max_input = nullptr;
};

/// The options the examples take alike: --help (-h) and --version (printing
/// `usage` or `version_line` to standard output), --layout, --max-input
/// (decimal bytes with K, M, G or T, up to 1T). The caller turns `bad` into
/// its usage error and `finished` into exit 0.
inline common_result common_option(arguments& args, const char* usage, const char* version_line,
                                   const common_targets& targets, std::string& message) {
  if (args.operand()) return common_result::other;
  if (args.is("--help") || args.is("-h")) {
    std::fputs(usage, stdout);
    return common_result::finished;
  }
  if (args.is("--version")) {
    std::fputs(version_line, stdout);
    return common_result::finished;
  }
  if (targets.layout_choice && args.name == "--layout") {
    if (!args.take_value()) {
      message = "--layout needs a value (singly, list or compact)";
      return common_result::bad;
    }
    if (!parse_layout(args.value, *targets.layout_choice)) {
      message = "--layout takes singly, list or compact";
      return common_result::bad;
    }
    return common_result::taken;
  }
  if (targets.max_input && args.name == "--max-input") {
    if (!args.take_value()) {
      message = "--max-input needs a value (BYTES, e.g. 1048576 or 1M)";
      return common_result::bad;
    }
    if (!parse_number(args.value, kMaxMaxInput, false, true, *targets.max_input)) {
      message = "--max-input takes a number of bytes up to 1T, optionally with K, M, G or T";
      return common_result::bad;
    }
    return common_result::taken;
  }
  return common_result::other;
}

/// Runs `f.template operator()<Hook>()` with the hook of `l`: the same
/// code on every layout, e.g. `on_layout(l, [&]<class Hook>() { return run<Hook>(o); })`.
template <class F>
int on_layout(layout l, F&& f) {
  switch (l) {
  case layout::singly:
    return f.template operator()<kin::singly_hook<>>();
  case layout::list:
    return f.template operator()<kin::list_hook<>>();
  case layout::compact:
    break;
  }
  return f.template operator()<kin::compact_hook<>>();
}

/// An example's main(): runs `run_main`; kin itself never throws, but the
/// strings and vectors around it may: out of memory is reported as
/// "PROGRAM: error: out of memory" with exit status 2.
inline int guarded_main(const char* program, int (*run_main)(int, char**), int argc, char** argv) {
  try {
    return run_main(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "%s: error: out of memory\n", program);
    return kExitError;
  }
}

} // namespace kin_example

#endif // KIN_EXAMPLES_EXAMPLE_SUPPORT_HPP
