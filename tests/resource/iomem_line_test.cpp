// SPDX-License-Identifier: BSL-1.0
// The /proc/iomem line parser on its own (kin/adapters/iomem_line.hpp):
// every field of an accepted line, every malformed shape with its column
// and its exact message, the rules' order, and the same at compile time.
#include <kin/adapters/iomem_line.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace iomem_line_test {

using E = kin::iomem_line_error;

// At compile time: an accepted line, a rejected one, and its message.
constexpr auto kAccepted = kin::parse_iomem_line("  00001000-00001FFF : ACPI Tables", 2);
static_assert(static_cast<bool>(kAccepted));
static_assert(kAccepted.fields.level == 1 && kAccepted.fields.start.value == 0x1000 &&
              kAccepted.fields.end.value == 0x1fff && kAccepted.fields.end.uppercase &&
              !kAccepted.fields.start.uppercase && kAccepted.fields.name == "ACPI Tables");
constexpr auto kRejected = kin::parse_iomem_line("0000000g-00000fff : x", 0);
static_assert(!kRejected && kRejected.rejection.error == E::bad_hex_digit && kRejected.rejection.column == 8);
static_assert(kin::iomem_line_message(kRejected.rejection).view() == "bad hex: unexpected 'g' in the start address");
static_assert(kin::iomem_line_message(kin::iomem_line_rejection{}).view().empty());

std::string message_of(const kin::iomem_line_result& r) {
  return std::string(kin::iomem_line_message(r.rejection).view());
}

TEST(IomemLine, AcceptedLineFields) {
  const auto r = kin::parse_iomem_line("    000a0000-000bffff : PCI Bus 0000:00", 3);
  ASSERT_TRUE(r);
  EXPECT_EQ(r.rejection.error, E::none);
  EXPECT_EQ(r.rejection.column, 0u);
  EXPECT_EQ(r.fields.level, 2u);
  EXPECT_EQ(r.fields.start.value, 0xa0000u);
  EXPECT_EQ(r.fields.start.digits, 8u);
  EXPECT_FALSE(r.fields.start.uppercase);
  EXPECT_EQ(r.fields.end.value, 0xbffffu);
  EXPECT_EQ(r.fields.end.digits, 8u);
  EXPECT_EQ(r.fields.name, "PCI Bus 0000:00");
}

TEST(IomemLine, DigitsAndCaseAreReportedAsWritten) {
  const auto r = kin::parse_iomem_line("0-ABcdef0123456789", SIZE_MAX);
  EXPECT_FALSE(r); // no separator
  const auto w = kin::parse_iomem_line("0-ABcdef01 : x", 0);
  ASSERT_TRUE(w);
  EXPECT_EQ(w.fields.start.digits, 1u);
  EXPECT_EQ(w.fields.start.value, 0u);
  EXPECT_EQ(w.fields.end.digits, 8u);
  EXPECT_TRUE(w.fields.end.uppercase);
  EXPECT_EQ(w.fields.end.value, 0xabcdef01u);
  // Sixteen digits is the most: the full 64-bit range.
  const auto full = kin::parse_iomem_line("0000000000000000-ffffffffffffffff : all", 0);
  ASSERT_TRUE(full);
  EXPECT_EQ(full.fields.end.value, UINT64_MAX);
  EXPECT_EQ(full.fields.end.digits, 16u);
  // A one-byte range is fine.
  EXPECT_TRUE(kin::parse_iomem_line("00001000-00001000 : one byte", 0));
}

TEST(IomemLine, TheNameIsEverythingAfterTheFirstSeparator) {
  const auto r = kin::parse_iomem_line("00000000-00000fff : a : b  ", 0);
  ASSERT_TRUE(r);
  EXPECT_EQ(r.fields.name, "a : b  ");
  const auto empty = kin::parse_iomem_line("00000000-00000fff : ", 0);
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty.fields.name, "");
  EXPECT_NE(empty.fields.name.data(), nullptr);
  // Bytes from 0x80 up (UTF-8) are name bytes like any other.
  const auto utf8 = kin::parse_iomem_line("00000000-00000fff : caf\xc3\xa9", 0);
  ASSERT_TRUE(utf8);
  EXPECT_EQ(utf8.fields.name, "caf\xc3\xa9");
  // The name views the line.
  const std::string_view line = "00000000-00000fff : view";
  EXPECT_EQ(kin::parse_iomem_line(line, 0).fields.name.data(), line.data() + 20);
}

TEST(IomemLine, OpenLevelsBoundTheIndentation) {
  const std::string_view two = "    00000000-00000fff : x";
  EXPECT_FALSE(kin::parse_iomem_line(two, 0));
  EXPECT_FALSE(kin::parse_iomem_line(two, 1));
  EXPECT_TRUE(kin::parse_iomem_line(two, 2));
  EXPECT_TRUE(kin::parse_iomem_line(two, 7));
  EXPECT_TRUE(kin::parse_iomem_line(two, SIZE_MAX));
  EXPECT_TRUE(kin::parse_iomem_line("00000000-00000fff : level 0 is always open", 0));
}

struct malformed {
  std::string line;
  std::size_t open_levels;
  kin::iomem_line_error error;
  std::size_t column;
  std::string message; // exactly
};

// Every shape parse_iomem rejects, with the message and column its users
// (tests, the iomem example's FILE:LINE:COLUMN output) rely on.
TEST(IomemLine, EveryMalformedShapeHasItsColumnAndExactMessage) {
  const std::string at_limit = "00000000-00000fff : " + std::string(kin::iomem_max_line - 20, 'x');
  const malformed cases[] = {
      // empty
      {"", 0, E::empty, 1, "empty line"},
      // control bytes: a tab, a CR (anywhere, at the end too), DEL, others;
      // reported before anything else, even the length
      {"00001000-00001fff : tab\there", 1, E::control_byte, 24, "control byte 0x09 (a tab)"},
      {"00000000-00000fff : dos\r", 0, E::control_byte, 24,
       "control byte 0x0d (a carriage return: DOS line endings?)"},
      {"\r", 0, E::control_byte, 1, "control byte 0x0d (a carriage return: DOS line endings?)"},
      {"00000000-00000fff : del\x7f", 0, E::control_byte, 24, "control byte 0x7f"},
      {std::string("\x00" "00000000-00000fff : nul", 24), 0, E::control_byte, 1, "control byte 0x00"},
      {"00000000-00000fff : esc\x1b[0m", 0, E::control_byte, 24, "control byte 0x1b"},
      {"\x7f" "ELF\x02\x01", 0, E::control_byte, 1, "control byte 0x7f"},
      {"00000000-00000fff\t: a", 0, E::control_byte, 18, "control byte 0x09 (a tab)"},
      {"\t00000000-00000fff : a", 1, E::control_byte, 1, "control byte 0x09 (a tab)"},
      {std::string(5000, 'x') + "\x01", 0, E::control_byte, 5001, "control byte 0x01"},
      // too long
      {at_limit + "x", 0, E::too_long, 4097, "line longer than 4096 bytes"},
      {std::string(10000, ' '), 0, E::too_long, 4097, "line longer than 4096 bytes"},
      // indentation
      {"   00000000-000000ff : odd", 2, E::odd_indentation, 3, "odd indentation (3 spaces)"},
      {" 00000000-000000ff : odd", 0, E::odd_indentation, 1, "odd indentation (1 space)"},
      {"  00000000-00000fff : first", 0, E::indented_first_line, 1,
       "the first line is indented (it must be at level 0)"},
      {"    00000000-000000ff : two down", 1, E::skipped_level, 1,
       "indentation skips a level (level 2 after level 0)"},
      {"          00000000-000000ff : x", 3, E::skipped_level, 1, "indentation skips a level (level 5 after level 2)"},
      // only spaces: even is "no separator", odd is odd
      {"    ", 2, E::no_separator, 5, "no \" : \" between the range and the name"},
      // the separator
      {"00000000-00000fff no separator", 0, E::no_separator, 1, "no \" : \" between the range and the name"},
      {"00000000-00000fff :name", 0, E::no_separator, 1, "no \" : \" between the range and the name"},
      {"  00000000-00000fff: name", 1, E::no_separator, 3, "no \" : \" between the range and the name"},
      {"00000000-00000fff :", 0, E::no_separator, 1, "no \" : \" between the range and the name"},
      // bad hex in either address (the column of the byte)
      {"0000000g-00000fff : x", 0, E::bad_hex_digit, 8, "bad hex: unexpected 'g' in the start address"},
      {"00000000+00000fff : x", 0, E::bad_hex_digit, 9, "bad hex: unexpected '+' in the start address"},
      {"00000000 00000fff : x", 0, E::bad_hex_digit, 9, "bad hex: unexpected ' ' in the start address"},
      {"0x000000-00000fff : x", 0, E::bad_hex_digit, 2, "bad hex: unexpected 'x' in the start address"},
      {"  0000x000-00000fff : x", 1, E::bad_hex_digit, 7, "bad hex: unexpected 'x' in the start address"},
      {"0-fffx : a", 0, E::bad_hex_digit, 6, "bad hex: unexpected 'x' in the end address"},
      {"00000000-00000fffjunk : a", 0, E::bad_hex_digit, 18, "bad hex: unexpected 'j' in the end address"},
      {"00000000-0000-fff : a", 0, E::bad_hex_digit, 14, "bad hex: unexpected '-' in the end address"},
      {"00000000-\xc3\xa9 : a", 0, E::bad_hex_digit, 10, "bad hex: unexpected byte 0xc3 in the end address"},
      // missing pieces
      {"-00000fff : x", 0, E::no_address, 1, "bad hex: no start address"},
      {"00000000- : x", 0, E::no_address, 10, "bad hex: no end address"},
      {"00000000 : x", 0, E::no_dash, 9, "bad hex: no '-' after the start address"},
      {" : x", 0, E::odd_indentation, 1, "odd indentation (1 space)"},
      {"  -1 : x", 1, E::no_address, 3, "bad hex: no start address"},
      {"  : x", 1, E::no_separator, 3, "no \" : \" between the range and the name"},
      // overlong numbers (the column of the 17th digit)
      {"00000000000000000-00000fff : x", 0, E::too_many_digits, 17, "more than 16 hex digits in the start address"},
      {"00000000-10000000000000000 : x", 0, E::too_many_digits, 26, "more than 16 hex digits in the end address"},
      // between the end address and " : ": nothing may be dropped
      {"00000000-00000fff  : Reserved", 0, E::extra_spaces, 18,
       "more than one space between the end address and \" : \""},
      {"00000000-00000fff     : a", 0, E::extra_spaces, 18, "more than one space between the end address and \" : \""},
      {"00000000-00000fff junk here : Reserved", 0, E::unexpected_text, 19,
       "unexpected text \"junk here\" between the end address and \" : \""},
      {"00000000-00000fff   junk   : a", 0, E::unexpected_text, 21,
       "unexpected text \"junk\" between the end address and \" : \""},
      {"00000000-00000fff :: : a", 0, E::unexpected_text, 19,
       "unexpected text \"::\" between the end address and \" : \""},
      {"00000000-00000fff " + std::string(100, 'j') + " : a", 0, E::unexpected_text, 19,
       "unexpected text \"" + std::string(40, 'j') + "...\" between the end address and \" : \""},
      // the range
      {"00002000-00001fff : backwards", 0, E::end_before_start, 1, "the range ends before it starts"},
      {"  00000001-00000000 : backwards", 1, E::end_before_start, 3, "the range ends before it starts"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.line.substr(0, 80));
    const auto r = kin::parse_iomem_line(c.line, c.open_levels);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.rejection.error, c.error);
    EXPECT_EQ(r.rejection.column, c.column);
    EXPECT_EQ(message_of(r), c.message);
  }
  // The limit itself is still a line.
  EXPECT_TRUE(kin::parse_iomem_line(at_limit, 0));
}

TEST(IomemLine, RejectionDetailsAreFilledIn) {
  const auto tab = kin::parse_iomem_line("0\t", 0);
  EXPECT_EQ(tab.rejection.byte, '\t');
  const auto hex = kin::parse_iomem_line("00000000-0000z000 : a", 0);
  EXPECT_EQ(hex.rejection.byte, 'z');
  EXPECT_TRUE(hex.rejection.in_end);
  const auto skip = kin::parse_iomem_line("      0-1 : a", 2);
  EXPECT_EQ(skip.rejection.count, 3u);
  EXPECT_EQ(skip.rejection.previous_level, 1u);
  const auto junk = kin::parse_iomem_line("0-1  x y  : a", 0);
  EXPECT_EQ(junk.rejection.text, "x y");
  // Huge levels are worded whole.
  const auto big = kin::parse_iomem_line(std::string(4000, ' ') + "0-1 : a", 1);
  EXPECT_EQ(message_of(big), "indentation skips a level (level 2000 after level 0)");
}

} // namespace iomem_line_test
