// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief One `/proc/iomem` line read into its fields, or rejected with a
/// column and a reason: the lexer of kin::parse_iomem, on its own. Nothing
/// allocates; everything is `constexpr`.
///
/// ```cpp
/// #include <kin/adapters/iomem_line.hpp>
/// constexpr auto r = kin::parse_iomem_line("  00001000-00001fff : ACPI Tables", 2);
/// static_assert(r && r.fields.level == 1 && r.fields.end.value == 0x1fff);
/// auto bad = kin::parse_iomem_line("0000000g-00000fff : x", 1);
/// if (!bad) {
///   const kin::iomem_line_message m(bad.rejection);  // "bad hex: unexpected 'g' in the start address"
///   std::printf("column %zu: %.*s\n", bad.rejection.column, int(m.view().size()), m.view().data());
/// }
/// ```
///
/// The line is the text between two newlines, the newline excluded. The
/// rules, checked in this order (the first broken one is reported): no
/// control byte (below 0x20, or 0x7f: a tab, a CR); at most
/// kin::iomem_max_line bytes; not empty; an even number of leading spaces
/// (two per level), the level at most `open_levels`; a `" : "` after the
/// indentation; `START-END` made of 1 to 16 hex digits each (either case),
/// directly followed by the first `" : "`; START <= END. The name is every
/// byte after the first `" : "`, untrimmed.
#ifndef KIN_ADAPTERS_IOMEM_LINE_HPP
#define KIN_ADAPTERS_IOMEM_LINE_HPP

#include <kin/config.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kin {

/// The longest line kin::parse_iomem_line accepts, in bytes (its newline
/// not counted).
inline constexpr std::size_t iomem_max_line = 4096;

/// One address of a line, as written.
struct iomem_hex {
  std::uint64_t value = 0; ///< its value
  std::size_t digits = 0;  ///< how many hex digits it was written with (1 to 16)
  bool uppercase = false;  ///< whether any digit is an uppercase A-F
};

/// The fields of an accepted line.
struct iomem_line_fields {
  std::size_t level = 0;  ///< the indentation's level (two spaces each)
  iomem_hex start;        ///< the first address
  iomem_hex end;          ///< the last address (start.value <= end.value)
  std::string_view name;  ///< every byte after the first `" : "`, untrimmed (a view of the line)
};

/// Why kin::parse_iomem_line rejected a line.
enum class iomem_line_error : unsigned char {
  none,                ///< not rejected
  control_byte,        ///< a byte below 0x20 or 0x7f (`byte`)
  too_long,            ///< more than kin::iomem_max_line bytes
  empty,               ///< no byte at all
  odd_indentation,     ///< an odd number of leading spaces (`count`)
  indented_first_line, ///< the first line is not at level 0
  skipped_level,       ///< the level (`count`) is more than one below the previous line's (`previous_level`)
  no_separator,        ///< no `" : "` after the indentation
  bad_hex_digit,       ///< a byte (`byte`) that is no hex digit in an address (`in_end`)
  no_address,          ///< an address (`in_end`) with no digit
  no_dash,             ///< no `'-'` after the start address
  too_many_digits,     ///< more than 16 hex digits in an address (`in_end`)
  extra_spaces,        ///< more than one space between the end address and `" : "`
  unexpected_text,     ///< text (`text`) between the end address and `" : "`
  end_before_start     ///< END < START
};

/// A rejection: what, where, and what its message quotes.
struct iomem_line_rejection {
  iomem_line_error error = iomem_line_error::none; ///< what is wrong
  std::size_t column = 0;        ///< 1-based byte column (0 when not rejected)
  unsigned char byte = 0;        ///< control_byte, bad_hex_digit: the byte
  bool in_end = false;           ///< bad_hex_digit, no_address, too_many_digits: the end address, else the start
  std::size_t count = 0;         ///< odd_indentation: the spaces; skipped_level: the level
  std::size_t previous_level = 0; ///< skipped_level: the previous line's level
  std::string_view text;         ///< unexpected_text: the text, trimmed of spaces (a view of the line)
};

/// What kin::parse_iomem_line returns: the fields, or the rejection.
struct iomem_line_result {
  iomem_line_fields fields;       ///< meaningful when the line was accepted
  iomem_line_rejection rejection; ///< `error` is `none` when the line was accepted
  /// Whether the line was accepted. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr explicit operator bool() const noexcept {
    return rejection.error == iomem_line_error::none;
  }
};

namespace detail {

KIN_HARDENING_ABI constexpr int iomem_hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

KIN_HARDENING_ABI constexpr iomem_line_result iomem_reject(iomem_line_error e, std::size_t column) noexcept {
  iomem_line_result r;
  r.rejection.error = e;
  r.rejection.column = column;
  return r;
}

// Reads one address from `pos` up to `stop` or `limit`; on a rejection,
// `out`'s rejection is set and false returned.
KIN_HARDENING_ABI constexpr bool iomem_read_hex(std::string_view s, std::size_t& pos, std::size_t limit, char stop,
                                                bool in_end, iomem_hex& field, iomem_line_result& out) noexcept {
  const std::size_t begin = pos;
  while (pos < limit && s[pos] != stop) {
    const int d = iomem_hex_digit(s[pos]);
    if (d < 0) {
      out = iomem_reject(iomem_line_error::bad_hex_digit, pos + 1);
      out.rejection.byte = static_cast<unsigned char>(s[pos]);
      out.rejection.in_end = in_end;
      return false;
    }
    if (++field.digits > 16) {
      out = iomem_reject(iomem_line_error::too_many_digits, pos + 1);
      out.rejection.in_end = in_end;
      return false;
    }
    field.uppercase |= s[pos] >= 'A' && s[pos] <= 'F';
    field.value = field.value << 4 | static_cast<unsigned>(d);
    ++pos;
  }
  if (pos == begin) {
    out = iomem_reject(iomem_line_error::no_address, pos + 1);
    out.rejection.in_end = in_end;
    return false;
  }
  return true;
}

} // namespace detail

/// Reads one line of a `/proc/iomem` listing (see the file's rules).
/// @requires `line` has no newline; `open_levels` is the number of levels
/// the line may use: 0 for a listing's first line, else the previous
/// line's level + 1 (pass SIZE_MAX to accept any level).
/// @returns the fields (`name` views `line`), or the first broken rule with
/// its 1-based column (kin::iomem_line_message words it).
/// @throws_ Nothing. @complexity O(line size); no allocation.
KIN_HARDENING_ABI constexpr iomem_line_result parse_iomem_line(std::string_view line, std::size_t open_levels) noexcept {
  const std::string_view s = line;
  // Control bytes first: a binary file is better told so than "too long".
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x20 || byte == 0x7f) {
      auto r = detail::iomem_reject(iomem_line_error::control_byte, i + 1);
      r.rejection.byte = byte;
      return r;
    }
  }
  if (s.size() > iomem_max_line) return detail::iomem_reject(iomem_line_error::too_long, iomem_max_line + 1);
  if (s.empty()) return detail::iomem_reject(iomem_line_error::empty, 1);
  std::size_t spaces = 0;
  while (spaces < s.size() && s[spaces] == ' ') ++spaces;
  if (spaces % 2) {
    auto r = detail::iomem_reject(iomem_line_error::odd_indentation, spaces);
    r.rejection.count = spaces;
    return r;
  }
  const std::size_t level = spaces / 2;
  if (level > open_levels) {
    if (open_levels == 0) return detail::iomem_reject(iomem_line_error::indented_first_line, 1);
    auto r = detail::iomem_reject(iomem_line_error::skipped_level, 1);
    r.rejection.count = level;
    r.rejection.previous_level = open_levels - 1;
    return r;
  }
  const std::size_t sep = s.find(" : ", spaces);
  if (sep == std::string_view::npos) return detail::iomem_reject(iomem_line_error::no_separator, spaces + 1);
  iomem_line_result out;
  std::size_t pos = spaces;
  if (!detail::iomem_read_hex(s, pos, sep, '-', false, out.fields.start, out)) return out;
  if (pos >= sep || s[pos] != '-') return detail::iomem_reject(iomem_line_error::no_dash, pos + 1);
  ++pos;
  if (!detail::iomem_read_hex(s, pos, sep, ' ', true, out.fields.end, out)) return out;
  if (pos != sep) {
    // Something between the end address and the first " : ": nothing may
    // be dropped, so extra spaces or words there reject the line.
    std::size_t junk = pos;
    while (junk < sep && s[junk] == ' ') ++junk;
    if (junk == sep) return detail::iomem_reject(iomem_line_error::extra_spaces, pos + 1);
    std::size_t junk_end = sep;
    while (junk_end > junk && s[junk_end - 1] == ' ') --junk_end;
    auto r = detail::iomem_reject(iomem_line_error::unexpected_text, junk + 1);
    r.rejection.text = s.substr(junk, junk_end - junk);
    return r;
  }
  if (out.fields.end.value < out.fields.start.value) {
    return detail::iomem_reject(iomem_line_error::end_before_start, spaces + 1);
  }
  out.fields.level = level;
  out.fields.name = s.substr(sep + 3);
  return out;
}

/// A rejection's message, in a fixed buffer (one sentence, no position).
class iomem_line_message {
public:
  /// Words `r` (an empty message for `iomem_line_error::none`); quoted text
  /// is cut at 40 bytes. @throws_ Nothing. @complexity O(message size)
  KIN_HARDENING_ABI constexpr explicit iomem_line_message(const iomem_line_rejection& r) noexcept {
    using E = iomem_line_error;
    const std::string_view which = r.in_end ? "end" : "start";
    switch (r.error) {
    case E::none: break;
    case E::control_byte:
      put("control byte 0x");
      put_hex2(r.byte);
      put(r.byte == '\t' ? " (a tab)" : r.byte == '\r' ? " (a carriage return: DOS line endings?)" : "");
      break;
    case E::too_long: put("line longer than 4096 bytes"); break;
    case E::empty: put("empty line"); break;
    case E::odd_indentation:
      put("odd indentation (");
      put_decimal(r.count);
      put(r.count == 1 ? " space)" : " spaces)");
      break;
    case E::indented_first_line: put("the first line is indented (it must be at level 0)"); break;
    case E::skipped_level:
      put("indentation skips a level (level ");
      put_decimal(r.count);
      put(" after level ");
      put_decimal(r.previous_level);
      put(")");
      break;
    case E::no_separator: put("no \" : \" between the range and the name"); break;
    case E::bad_hex_digit:
      if (r.byte >= 0x80) { // half a UTF-8 character would garble the message
        put("bad hex: unexpected byte 0x");
        put_hex2(r.byte);
        put(" in the ");
      } else {
        put("bad hex: unexpected '");
        put_char(static_cast<char>(r.byte));
        put("' in the ");
      }
      put(which);
      put(" address");
      break;
    case E::no_address:
      put("bad hex: no ");
      put(which);
      put(" address");
      break;
    case E::no_dash: put("bad hex: no '-' after the start address"); break;
    case E::too_many_digits:
      put("more than 16 hex digits in the ");
      put(which);
      put(" address");
      break;
    case E::extra_spaces: put("more than one space between the end address and \" : \""); break;
    case E::unexpected_text:
      put("unexpected text \"");
      put(r.text.substr(0, 40));
      put(r.text.size() > 40 ? "...\" between the end address and \" : \"" : "\" between the end address and \" : \"");
      break;
    case E::end_before_start: put("the range ends before it starts"); break;
    }
  }
  /// The message. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr std::string_view view() const noexcept { return {text_, size_}; }

private:
  KIN_HARDENING_ABI constexpr void put_char(char c) noexcept {
    if (size_ < sizeof text_) text_[size_++] = c;
  }
  KIN_HARDENING_ABI constexpr void put(std::string_view s) noexcept {
    for (char c : s) put_char(c);
  }
  KIN_HARDENING_ABI constexpr void put_hex2(unsigned char b) noexcept {
    put_char("0123456789abcdef"[b >> 4]);
    put_char("0123456789abcdef"[b & 0xf]);
  }
  KIN_HARDENING_ABI constexpr void put_decimal(std::size_t v) noexcept {
    char digits[20] = {};
    std::size_t n = 0;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n > 0) put_char(digits[--n]);
  }

  char text_[128] = {};
  std::size_t size_ = 0;
};

} // namespace kin

#endif // KIN_ADAPTERS_IOMEM_LINE_HPP
