// SPDX-License-Identifier: BSL-1.0
// Fuzz target: kexec-top-down's command line, and kin::kexec_place against
// the naive model. The low bit of the first byte picks the mode:
// - 0, arguments: the rest, split at NUL bytes, is the command line (at most
//   16 arguments after "kexec-top-down"). parse_arguments must answer 0 or 2,
//   and what it accepted must be valid and survive a round trip through
//   parse_segment. Every argument, and every piece of it between ':' and
//   '=', also goes through parse_segment and parse_u64 / parse_number,
//   against references written here from the documented grammar (the usage
//   text and example_support.hpp's comments).
// - 1, placement: one case of the kexec differential test
//   (tests/kexec/kexec_model.hpp) drawn from the rest of the bytes: every
//   rule set, crash mode too, the three layouts against the naive model. A
//   case that exhausts the model's step budget is skipped.
#include "fuzz_support.hpp"
#include "kexec/kexec_model.hpp"
#include "sources.hpp"

// Its main() is left out (KIN_EXAMPLE_NO_MAIN); its functions sit in an
// anonymous namespace, so this file's helpers live in one of their own.
#include "../../examples/kexec-top-down/main.cpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kexec_fuzz {

// ---- references, from the documentation ---------------------------------

// "decimal or 0x hex, optionally with K, M, G or T (x1024, x1024^2, x1024^3,
// x1024^4; lowercase too)", at most `max`; nothing else (signs, spaces).
// 0X is taken as 0x (example_support.hpp says so).
std::optional<std::uint64_t> ref_number(std::string_view t, std::uint64_t max, bool hex, bool suffixes) {
  unsigned shift = 0;
  if (suffixes && !t.empty()) {
    switch (t.back()) {
    case 'K': case 'k': shift = 10; break;
    case 'M': case 'm': shift = 20; break;
    case 'G': case 'g': shift = 30; break;
    case 'T': case 't': shift = 40; break;
    default: break;
    }
    if (shift != 0) t.remove_suffix(1);
  }
  unsigned base = 10;
  if (hex && (t.starts_with("0x") || t.starts_with("0X"))) {
    base = 16;
    t.remove_prefix(2);
  }
  if (t.empty()) return std::nullopt;
  std::uint64_t v = 0;
  for (const char c : t) {
    unsigned d = 99;
    if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
    if (c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a') + 10;
    if (c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A') + 10;
    if (d >= base) return std::nullopt;
    if (__builtin_mul_overflow(v, std::uint64_t{base}, &v) || __builtin_add_overflow(v, std::uint64_t{d}, &v))
      return std::nullopt;
    if (v > max) return std::nullopt; // a prefix above max only grows
  }
  if (shift != 0 && v > (UINT64_MAX >> shift)) return std::nullopt;
  v <<= shift;
  if (v > max) return std::nullopt;
  return v;
}

// --segment NAME:SIZE[:ALIGN[:MIN[:MAX[:td|bu]]]] as the usage text puts
// it: NAME printable ASCII without spaces or ':'; ALIGN a power of two,
// default a page; MIN default 0, MAX default 2^64 - 1; an empty field is the
// default. And what the parser's messages add: SIZE not 0 nor wrapping when
// rounded up to a page, MIN not above MAX.
struct ref_segment_fields {
  std::string name;
  std::uint64_t size = 0, align = 4096, min = 0, max = UINT64_MAX;
  std::optional<kin::kexec_direction> direction;
};

std::optional<ref_segment_fields> ref_segment(std::string_view text) {
  std::vector<std::string_view> f;
  std::size_t from = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ':') {
      f.push_back(text.substr(from, i - from));
      from = i + 1;
    }
  }
  if (f.size() < 2 || f.size() > 6 || f[0].empty()) return std::nullopt;
  ref_segment_fields r;
  for (const char c : f[0])
    if (c <= ' ' || c > '~') return std::nullopt; // signed char: bytes >= 0x80 are negative
  r.name = f[0];
  const auto number = [&](std::size_t i, std::uint64_t& out) {
    if (i >= f.size() || f[i].empty()) return true; // the default
    const auto v = ref_number(f[i], UINT64_MAX, true, true);
    if (v) out = *v;
    return v.has_value();
  };
  if (f[1].empty() || !number(1, r.size) || r.size == 0 || r.size > UINT64_MAX - 4095) return std::nullopt;
  if (!number(2, r.align) || r.align == 0 || (r.align & (r.align - 1)) != 0) return std::nullopt;
  if (!number(3, r.min) || !number(4, r.max) || r.min > r.max) return std::nullopt;
  if (f.size() > 5 && !f[5].empty()) {
    if (f[5] != "td" && f[5] != "bu") return std::nullopt;
    r.direction = f[5] == "td" ? kin::kexec_direction::top_down : kin::kexec_direction::bottom_up;
  }
  return r;
}

// ---- checks ----------------------------------------------------------------

std::string printable(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c >= ' ' && c <= '~' && c != '\\') {
      out += c;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
      out += buf;
    }
  }
  return out;
}

std::string hex_text(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

// parse_u64 and parse_number against ref_number: the maxima the examples
// pass, small ones, and the text's own value and one below it.
void check_number(std::string_view text) {
  for (const bool hex : {false, true}) {
    for (const bool suffixes : {false, true}) {
      std::vector<std::uint64_t> maxima = {UINT64_MAX, UINT64_MAX - 1, kMaxMaxInput, UINT32_MAX, 64, 15, 9, 1, 0};
      if (const auto v = ref_number(text, UINT64_MAX, hex, suffixes)) {
        maxima.push_back(*v);
        if (*v > 0) maxima.push_back(*v - 1);
      }
      for (const std::uint64_t max : maxima) {
        const auto want = ref_number(text, max, hex, suffixes);
        std::uint64_t got = 0;
        const bool ok = parse_u64(text, max, hex, suffixes, got);
        KIN_FUZZ_CHECK(ok == want.has_value() && (!ok || got == *want),
                       "parse_u64(\"%s\", max 0x%llx, hex %d, suffixes %d): %s; the documented grammar: %s",
                       printable(text).c_str(), static_cast<unsigned long long>(max), hex, suffixes,
                       ok ? hex_text(got).c_str() : "rejected", want ? hex_text(*want).c_str() : "rejected");
      }
      // parse_number into narrower types, with the maxima the examples use.
      std::uint32_t u32 = 0;
      const auto w32 = ref_number(text, UINT32_MAX, hex, suffixes);
      const bool ok32 = parse_number(text, std::uint32_t{UINT32_MAX}, hex, suffixes, u32);
      KIN_FUZZ_CHECK(ok32 == w32.has_value() && (!ok32 || u32 == *w32),
                     "parse_number<uint32_t>(\"%s\", hex %d, suffixes %d)", printable(text).c_str(), hex, suffixes);
      std::size_t sz = 0;
      const auto w64 = ref_number(text, 64, hex, suffixes);
      const bool ok64 = parse_number(text, std::size_t{64}, hex, suffixes, sz);
      KIN_FUZZ_CHECK(ok64 == w64.has_value() && (!ok64 || sz == *w64),
                     "parse_number<size_t>(\"%s\", max 64, hex %d, suffixes %d)", printable(text).c_str(), hex,
                     suffixes);
    }
  }
}

std::string segment_text(const segment_spec& s) {
  char buf[128];
  std::snprintf(buf, sizeof buf, ":0x%llx:0x%llx:0x%llx:0x%llx", static_cast<unsigned long long>(s.size),
                static_cast<unsigned long long>(s.align), static_cast<unsigned long long>(s.min),
                static_cast<unsigned long long>(s.max));
  std::string t = s.name + buf;
  if (s.direction) t += *s.direction == kin::kexec_direction::top_down ? ":td" : ":bu";
  return t;
}

bool same_fields(const segment_spec& s, const ref_segment_fields& r) {
  return s.name == r.name && s.size == r.size && s.align == r.align && s.min == r.min && s.max == r.max &&
         s.direction == r.direction;
}

// A segment parse_segment or parse_arguments accepted: valid, and the same
// after a round trip through its canonical text.
void check_accepted_segment(const segment_spec& s, std::string_view from) {
  KIN_FUZZ_CHECK(s.size > 0 && s.size <= UINT64_MAX - 4095, "--segment %s: size 0x%llx", printable(from).c_str(),
                 static_cast<unsigned long long>(s.size));
  KIN_FUZZ_CHECK(s.align != 0 && (s.align & (s.align - 1)) == 0, "--segment %s: align 0x%llx", printable(from).c_str(),
                 static_cast<unsigned long long>(s.align));
  KIN_FUZZ_CHECK(s.min <= s.max, "--segment %s: min above max", printable(from).c_str());
  KIN_FUZZ_CHECK(!s.name.empty(), "--segment %s: empty name", printable(from).c_str());
  for (const char c : s.name)
    KIN_FUZZ_CHECK(c > ' ' && c <= '~' && c != ':', "--segment %s: name %s", printable(from).c_str(),
                   printable(s.name).c_str());
  const std::string canonical = segment_text(s);
  segment_spec again;
  const std::string problem = parse_segment(canonical, again);
  KIN_FUZZ_CHECK(problem.empty(), "--segment %s: the round trip %s is refused: %s", printable(from).c_str(),
                 canonical.c_str(), problem.c_str());
  KIN_FUZZ_CHECK(again.name == s.name && again.size == s.size && again.align == s.align && again.min == s.min &&
                     again.max == s.max && again.direction == s.direction,
                 "--segment %s: the round trip %s reads back differently", printable(from).c_str(), canonical.c_str());
}

// parse_segment on any text, against ref_segment.
void check_segment(std::string_view text) {
  segment_spec s;
  const std::string problem = parse_segment(text, s);
  const auto want = ref_segment(text);
  KIN_FUZZ_CHECK(problem.empty() == want.has_value(), "parse_segment(\"%s\"): %s; the documented grammar %s",
                 printable(text).c_str(), problem.empty() ? "accepted" : problem.c_str(), want ? "accepts" : "rejects");
  if (!problem.empty()) {
    KIN_FUZZ_CHECK(problem.starts_with("--segment "), "parse_segment(\"%s\"): message %s", printable(text).c_str(),
                   problem.c_str());
    return;
  }
  KIN_FUZZ_CHECK(same_fields(s, *want), "parse_segment(\"%s\") reads other fields than the documented grammar",
                 printable(text).c_str());
  check_accepted_segment(s, text);
}

// Standard output and error go to /dev/null while it lives: the parser's
// usage errors and --help. Only around the call, so that sanitizer reports
// from elsewhere still show.
class quiet_output {
public:
  quiet_output() {
    static const int null = open("/dev/null", O_WRONLY);
    KIN_FUZZ_CHECK(null >= 0, "cannot open /dev/null");
    std::fflush(stdout);
    std::fflush(stderr);
    out_ = dup(1);
    err_ = dup(2);
    KIN_FUZZ_CHECK(out_ >= 0 && err_ >= 0, "dup failed");
    dup2(null, 1);
    dup2(null, 2);
  }
  ~quiet_output() {
    std::fflush(stdout);
    std::fflush(stderr);
    dup2(out_, 1);
    dup2(err_, 2);
    close(out_);
    close(err_);
  }
  quiet_output(const quiet_output&) = delete;
  quiet_output& operator=(const quiet_output&) = delete;

private:
  int out_ = -1, err_ = -1;
};

constexpr std::size_t kMaxArguments = 16;

void fuzz_arguments(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> args{"kexec-top-down"};
  const char* text = reinterpret_cast<const char*>(data);
  for (std::size_t from = 0, i = 0; i <= size && args.size() <= kMaxArguments; ++i) {
    if (i == size || data[i] == 0) {
      args.emplace_back(text + from, i - from);
      from = i + 1;
    }
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int argc = static_cast<int>(args.size());

  // Every argument and every piece of one, as a number and as a segment.
  for (std::size_t k = 1; k < args.size(); ++k) {
    const std::string_view a = args[k];
    check_number(a);
    check_segment(a);
    std::size_t from = 0;
    for (std::size_t i = 0; i <= a.size(); ++i) {
      if (i < a.size() && a[i] != ':' && a[i] != '=') continue;
      if (from != 0 || i != a.size()) check_number(a.substr(from, i - from)); // (the whole one was)
      if (i < a.size() && a[i] == '=') check_segment(a.substr(i + 1));        // --segment=VALUE
      from = i + 1;
    }
  }

  options o;
  bool done = false;
  int status = 0;
  {
    quiet_output q;
    status = parse_arguments(argc, argv.data(), o, done);
  }
  KIN_FUZZ_CHECK(status == kExitSuccess || status == kExitError, "parse_arguments answered %d", status);
  KIN_FUZZ_CHECK(!done || status == kExitSuccess, "done with status %d", status);
  if (status != kExitSuccess || done) return;
  for (const segment_spec& s : o.segments) {
    check_accepted_segment(s, s.name);
    KIN_FUZZ_CHECK(!o.paging4 || s.min <= kFourLevelMax, "--paging 4 accepted segment %s with MIN 0x%llx",
                   printable(s.name).c_str(), static_cast<unsigned long long>(s.min));
  }
  if (o.initrd) {
    KIN_FUZZ_CHECK(*o.initrd > 0 && *o.initrd <= UINT64_MAX - 4095, "--initrd 0x%llx accepted",
                   static_cast<unsigned long long>(*o.initrd));
    KIN_FUZZ_CHECK(o.segments.empty(), "--initrd accepted with --segment");
  }
  KIN_FUZZ_CHECK(o.json + o.dot + o.explain <= 1, "--json, --dot and --explain accepted together");
  KIN_FUZZ_CHECK(o.max_input <= kMaxMaxInput, "--max-input %zu accepted", o.max_input);
  if (o.file) { // points into one of the arguments
    bool inside = false;
    for (std::size_t k = 1; k < args.size(); ++k)
      inside |= o.file >= args[k].data() && o.file <= args[k].data() + args[k].size();
    KIN_FUZZ_CHECK(inside, "FILE does not point into an argument");
  }
}

void fuzz_placement(const std::uint8_t* data, std::size_t size) {
  kin_test::byte_source src(data, size);
  kin_kexec_model::coverage cov;
  kin_fuzz::check_empty(kin_kexec_model::run_case(src, "this input", cov, kin_kexec_model::budget::skip));
}

} // namespace kexec_fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)run_main; // the example's, unused here
  if (size == 0) return 0;
  if ((data[0] & 1) == 0) {
    kexec_fuzz::fuzz_arguments(data + 1, size - 1);
  } else {
    kexec_fuzz::fuzz_placement(data + 1, size - 1);
  }
  return 0;
}
