// SPDX-License-Identifier: BSL-1.0
// kin::kexec_place against a deliberately naive model written here from the
// reference notes (sections 5 and 7): the candidate ranges computed from a
// plain list of the map's lines, the per-range filter, and inside a range
// the literal loop of the notes, one page per step, all arithmetic modulo
// 2^64; kexec-tools' locate_hole over free ranges computed by plain interval
// subtraction. Random maps within 64 MiB (top-level, driver-managed and
// nested System RAM, sometimes a range at 0 with requests whose max is just
// above 0, sometimes one or two "Crash kernel" reservations; one case in
// ten moved to the top of the address space, often with RAM up to
// 2^64 - 1), up to 16 requests each, every rule set, both directions, crash
// mode too, every layout; each result is placed before the next request.
//
// Not a gtest file: shared by the differential test
// (tests/kexec/kexec_differential_test.cpp, a seeded kin_test::rng_source)
// and the fuzz target tests/fuzz/kexec.cpp (kin_test::byte_source); the
// choices come from any source of tests/sources.hpp.
//
//   kin_test::rng_source src(seed);
//   kin_kexec_model::coverage cov;
//   std::string e = kin_kexec_model::run_case(src, "seed 1", cov); // "" = kin agrees
#ifndef KIN_TESTS_KEXEC_MODEL_HPP
#define KIN_TESTS_KEXEC_MODEL_HPP

#include <kin/adapters/iomem.hpp>
#include <kin/adapters/kexec.hpp>
#include <kin/kin.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace kin_kexec_model {

using kin::kexec_direction;
using kin::kexec_error;
using kin::kexec_rules;
using kin::kexec_span;

constexpr std::uint64_t page = 4096;
constexpr std::uint64_t MiB = 1 << 20;
constexpr std::uint64_t map_limit = 64 * MiB;

inline std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

// One line of the map, as a plain record (pre-order, like the text).
enum class kind { ram, driver_ram, kernel_code, crash, container, reserved };
struct line {
  std::uint64_t start, end;
  kind k;
  int depth;
  int parent; // index of the parent line, -1 for top level
};

inline std::string_view name_of(kind k) {
  switch (k) {
  case kind::ram: return "System RAM";
  case kind::driver_ram: return "System RAM (driver)";
  case kind::kernel_code: return "Kernel code";
  case kind::crash: return "Crash kernel";
  case kind::container: return "CXL Window 0";
  case kind::reserved: return "Reserved";
  }
  return "?";
}
inline bool ram_flagged(kind k) { // SYSTEM_RAM | BUSY, as the kernel flags these names
  return k == kind::ram || k == kind::driver_ram || k == kind::kernel_code || k == kind::crash;
}

inline std::string text_of(const std::vector<line>& lines) {
  std::string out;
  char buf[96];
  for (const line& l : lines) {
    out.append(static_cast<std::size_t>(2 * l.depth), ' ');
    std::snprintf(buf, sizeof buf, "%08llx-%08llx : ", static_cast<unsigned long long>(l.start),
                  static_cast<unsigned long long>(l.end));
    out += buf;
    out += name_of(l.k);
    out += '\n';
  }
  return out;
}

// ---- the naive model ----------------------------------------------------

struct candidate {
  kexec_span range;
  bool driver_managed;
};

struct outcome {
  kexec_error error = kexec_error::none;
  kexec_span span{}, range{};
  std::uint64_t memsz = 0, align = 0;
};

struct model_stats {
  long steps = 0; // collisions stepped past, one page each
  bool budget_exhausted = false;
};

inline bool old_rules(kexec_rules r) { return r == kexec_rules::linux_6_7 || r == kexec_rules::linux_4_18; }

inline bool has_ram_ancestor(const std::vector<line>& lines, int i) {
  for (int p = lines[static_cast<std::size_t>(i)].parent; p >= 0; p = lines[static_cast<std::size_t>(p)].parent)
    if (ram_flagged(lines[static_cast<std::size_t>(p)].k)) return true;
  return false;
}

// The highest "Crash kernel" line, or -1.
inline int main_crash_kernel(const std::vector<line>& lines) {
  int best = -1;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].k == kind::crash && (best < 0 || lines[i].start > lines[static_cast<std::size_t>(best)].start))
      best = static_cast<int>(i);
  return best;
}

// The kernel's candidate ranges in walk order.
inline std::vector<candidate> kernel_ranges(const std::vector<line>& lines, kexec_rules rules, kexec_direction d, bool crash) {
  std::vector<candidate> out;
  if (crash) { // the main reservation alone (the maps nest nothing under it)
    const line& c = lines[static_cast<std::size_t>(main_crash_kernel(lines))];
    out.push_back({{c.start, c.end}, false});
    return out;
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const line& l = lines[i];
    if (!ram_flagged(l.k)) continue;
    if (rules == kexec_rules::linux_4_18 ? l.depth != 0 : has_ram_ancestor(lines, static_cast<int>(i))) continue;
    out.push_back({{l.start, l.end}, l.k == kind::driver_ram});
  }
  if (d == kexec_direction::top_down && (rules == kexec_rules::linux_6_12 || rules == kexec_rules::linux_6_8))
    std::reverse(out.begin(), out.end());
  return out;
}

inline bool overlaps(std::uint64_t c, std::uint64_t m, kexec_span s, bool exclusive) {
  if (exclusive) return !(c + m <= s.start || c >= s.end + 1);
  return !(c + m - 1 < s.start || c > s.end);
}
inline bool overlaps_any(std::uint64_t c, std::uint64_t m, std::span<const kexec_span> placed, bool exclusive) {
  for (const kexec_span& s : placed)
    if (overlaps(c, m, s, exclusive)) return true;
  return false;
}

constexpr long step_budget = 1L << 22;

// The literal loop of the notes inside one range.
inline std::optional<std::uint64_t> search_range(kexec_span r, std::uint64_t m, std::uint64_t a, const kin::kexec_request& q,
                                          std::span<const kexec_span> placed, kexec_rules rules, model_stats& st) {
  const bool old = old_rules(rules);
  if (q.direction == kexec_direction::top_down) {
    const std::uint64_t ceiling = r.end < q.max ? r.end : q.max;
    std::uint64_t start = old ? ceiling - m : ceiling - m + 1;
    for (long step = 0; step < step_budget; ++step) {
      start &= ~(a - 1);
      if (start < r.start || start < q.min) return std::nullopt;
      if (!overlaps_any(start, m, placed, old)) return start;
      ++st.steps;
      start -= page;
    }
  } else {
    std::uint64_t start = r.start > q.min ? r.start : q.min;
    for (long step = 0; step < step_budget; ++step) {
      start = (start + a - 1) & ~(a - 1);
      const std::uint64_t end = start + m - 1;
      if (end > r.end || end > q.max) return std::nullopt;
      if (!overlaps_any(start, m, placed, old)) return start;
      ++st.steps;
      start += page;
    }
  }
  st.budget_exhausted = true;
  return std::nullopt;
}

// RAM minus the segments: the free pieces of [s, e], lowest first.
inline std::vector<kexec_span> subtract(kexec_span ram, std::span<const kexec_span> placed) {
  std::vector<kexec_span> pieces{ram};
  for (const kexec_span& s : placed) {
    std::vector<kexec_span> next;
    for (const kexec_span& p : pieces) {
      if (s.end < p.start || s.start > p.end) {
        next.push_back(p);
        continue;
      }
      if (s.start > p.start) next.push_back({p.start, s.start - 1});
      if (s.end < p.end) next.push_back({s.end + 1, p.end});
    }
    pieces = next;
  }
  std::sort(pieces.begin(), pieces.end(), [](kexec_span x, kexec_span y) { return x.start < y.start; });
  return pieces;
}

inline outcome naive_kexec_tools(const std::vector<line>& lines, const kin::kexec_request& q, std::uint64_t m, std::uint64_t a,
                          std::span<const kexec_span> placed, bool crash) {
  outcome o;
  o.memsz = m;
  o.align = a;
  std::uint64_t gmin = 0, gmax = UINT64_MAX;
  if (crash) {
    const line& c = lines[static_cast<std::size_t>(main_crash_kernel(lines))];
    gmin = c.start;
    gmax = c.end;
  }
  bool found = false;
  for (const line& l : lines) {
    if (l.k != kind::ram) continue; // "System RAM" by exact name, any depth
    kexec_span ram{l.start < 0x100 ? 0x100 : l.start, l.end};
    if (ram.start > ram.end) continue;
    for (const kexec_span& piece : subtract(ram, placed)) {
      const std::uint64_t floor = std::max({piece.start, gmin, q.min});
      const std::uint64_t start = (floor + a - 1) & ~(a - 1);
      if (start < floor) continue; // no aligned start at or above the floor (user space does not wrap)
      const std::uint64_t end = std::min({piece.end, gmax, q.max});
      if (start > end || end - start + 1 < m) continue;
      o.range = piece;
      o.span.start = q.direction == kexec_direction::bottom_up ? start : (end - m + 1) & ~(a - 1);
      o.span.end = o.span.start + m - 1;
      found = true;
      if (q.direction == kexec_direction::bottom_up) return o;
    }
  }
  if (!found || o.span.end > q.max) {
    o = {};
    o.error = kexec_error::no_hole;
    o.memsz = m;
    o.align = a;
  }
  return o;
}

inline outcome naive_place(const std::vector<line>& lines, const kin::kexec_request& q, std::span<const kexec_span> placed,
                    kexec_rules rules, bool crash, model_stats& st) {
  outcome o;
  if (q.size == 0) return {kexec_error::zero_size};
  if (q.size > UINT64_MAX - (page - 1)) return {kexec_error::size_overflows};
  if (q.align == 0 || (q.align & (q.align - 1)) != 0) return {kexec_error::bad_alignment};
  if (q.min > q.max) return {kexec_error::min_above_max};
  const std::uint64_t m = (q.size + page - 1) / page * page;
  const std::uint64_t a = q.align < page ? page : q.align;
  o.memsz = m;
  o.align = a;
  if (crash && main_crash_kernel(lines) < 0) {
    o.error = kexec_error::no_crash_kernel;
    return o;
  }
  if (rules == kexec_rules::kexec_tools) return naive_kexec_tools(lines, q, m, a, placed, crash);
  const bool top_down = q.direction == kexec_direction::top_down;
  for (const candidate& c : kernel_ranges(lines, rules, q.direction, crash)) {
    const bool skip_driver = !(rules == kexec_rules::linux_4_18 || (rules == kexec_rules::linux_6_8 && top_down));
    if (skip_driver && c.driver_managed) continue;
    if (c.range.end - c.range.start + 1 < m) continue; // the whole range (no range here is 2^64 long)
    if (c.range.end < q.min || c.range.start > q.max) continue;
    if (const auto start = search_range(c.range, m, a, q, placed, rules, st)) {
      o.span = {*start, *start + m - 1};
      o.range = c.range;
      return o;
    }
    if (st.budget_exhausted) break;
  }
  o.error = kexec_error::no_hole;
  return o;
}

// ---- random maps and requests ------------------------------------------

// Every loop below runs a bounded number of times (at most 7 top-level
// lines, 2 nested under each, 16 requests) whatever the source draws, so a
// byte source can neither make it loop nor make it allocate without bound.
template <class Source>
struct generator {
  Source& src;
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : src.below(n); }
  bool chance(int percent) { return below(100) < static_cast<std::uint64_t>(percent); }
  // A boundary granule: pages mostly, sometimes 1 KiB (as /proc/iomem's 0x9fc00).
  std::uint64_t granule() { return chance(80) ? page : 1024; }

  std::vector<line> map(bool small) {
    std::vector<line> lines;
    int crashes = 0;
    std::uint64_t at = chance(35) ? 0 : below(small ? 4 : 64) * page;
    const int top_level = 1 + static_cast<int>(below(small ? 3 : 7));
    for (int i = 0; i < top_level && at < map_limit; ++i) {
      const std::uint64_t g = granule();
      const std::uint64_t len = (1 + below(small ? 64 : (chance(50) ? 512 : 4096))) * g;
      const std::uint64_t start = at, end = std::min(at + len, map_limit) - 1;
      at = end + 1 + (chance(40) ? 0 : (1 + below(256)) * g);
      const std::uint64_t pick = below(100);
      const kind k = pick < 55 ? kind::ram : pick < 70 ? kind::driver_ram : pick < 88 ? kind::container : kind::reserved;
      const int self = static_cast<int>(lines.size());
      lines.push_back({start, end, k, 0, -1});
      if (k == kind::container) { // one or two nested ranges
        std::uint64_t c = start;
        for (int j = 0, n = 1 + static_cast<int>(below(2)); j < n && c < end; ++j) {
          const std::uint64_t cs = c + (chance(50) ? 0 : below((end - c) / 4 / page + 1) * page);
          const std::uint64_t ce = std::min(end, cs + (1 + below((end - cs) / page + 1)) * page - 1);
          if (cs > ce) break;
          const std::uint64_t p2 = below(100);
          lines.push_back({cs, ce, p2 < 60 ? kind::ram : p2 < 85 ? kind::driver_ram : kind::reserved, 1, self});
          c = ce + 1;
        }
      } else if (k == kind::ram) { // maybe "Kernel code" and a "Crash kernel" inside
        std::uint64_t c = start;
        if (chance(25) && end - c >= 4 * page) {
          const std::uint64_t cs = c + below((end - c) / 2 / page) * page;
          const std::uint64_t ce = cs + (1 + below(16)) * page - 1;
          if (ce <= end) {
            lines.push_back({cs, ce, kind::kernel_code, 1, self});
            c = ce + 1;
          }
        }
        if (crashes < 2 && chance(40) && c < end && end - c >= 2 * page) {
          const std::uint64_t cs = c + below((end - c) / 2 / page) * page;
          const std::uint64_t ce = std::min(end, cs + (1 + below(small ? 64 : 2048)) * page - 1);
          if (cs <= ce) {
            lines.push_back({cs, ce, kind::crash, 1, self});
            ++crashes;
          }
        }
      }
    }
    return lines;
  }

  // wrap: the map has a range at 0; some top-down requests then get a max
  // just above 0, whose first candidate wraps past 2^64 - 1.
  kin::kexec_request request(bool small, bool wrap) {
    kin::kexec_request q;
    if (wrap && chance(30)) {
      q.size = (1 + below(small ? 8 : 64)) * page - (chance(30) ? below(page) : 0);
      q.align = std::uint64_t{1} << (12 + below(4));
      q.max = below(8 * page);
      return q; // top-down, min 0
    }
    const std::uint64_t pages_max = small ? 8 : (chance(50) ? 16 : 1024);
    q.size = (1 + below(pages_max)) * page - (chance(30) ? below(page) : 0);
    q.align = chance(85) ? std::uint64_t{1} << (12 + below(11)) : std::uint64_t{1} << below(12);
    q.direction = chance(50) ? kexec_direction::top_down : kexec_direction::bottom_up;
    q.min = chance(55) ? 0 : below(map_limit) & ~(chance(70) ? page - 1 : 0);
    if (chance(45)) {
      q.max = UINT64_MAX;
    } else if (chance(15)) {
      q.max = q.min + below(4 * page); // just above min (wraps at a range's start)
    } else {
      q.max = q.min + below(map_limit + MiB - q.min);
      if (chance(60)) q.max |= page - 1;
    }
    switch (below(60)) { // one invalid request now and then
    case 0: q.size = 0; break;
    case 1: q.size = UINT64_MAX - below(page - 1); break;
    case 2: q.align = std::uint64_t{3} << below(20); break;
    case 3: q.align = 0; break;
    case 4:
      q.max = q.min;
      q.min = q.min + 1 + below(MiB);
      break;
    default: break;
    }
    return q;
  }
};

inline std::string describe(const kin::kexec_request& q) {
  std::ostringstream os;
  os << "{size " << hex(q.size) << ", align " << hex(q.align) << ", min " << hex(q.min) << ", max " << hex(q.max)
     << (q.direction == kexec_direction::top_down ? ", top-down}" : ", bottom-up}");
  return os.str();
}
inline std::string describe(const outcome& o) {
  if (o.error != kexec_error::none) return std::string(kin::kexec_error_text(o.error));
  return "[" + hex(o.span.start) + ", " + hex(o.span.end) + "] in [" + hex(o.range.start) + ", " + hex(o.range.end) +
         "] memsz " + hex(o.memsz) + " align " + hex(o.align);
}
inline outcome as_outcome(const kin::kexec_placement& p) {
  outcome o{p.error, p.span, p.range, p.memsz, p.align};
  if (p.error != kexec_error::none && p.error != kexec_error::no_crash_kernel && p.error != kexec_error::no_hole)
    o.memsz = o.align = 0; // a request error: normalised values are meaningless
  return o;
}
inline bool same(const outcome& x, const outcome& y) {
  if (x.error != y.error) return false;
  if (x.error != kexec_error::none) return x.error == kexec_error::zero_size || x.error == kexec_error::size_overflows ||
                                           x.error == kexec_error::bad_alignment ||
                                           x.error == kexec_error::min_above_max ||
                                           (x.memsz == y.memsz && x.align == y.align);
  return x.span.start == y.span.start && x.span.end == y.span.end && x.range.start == y.range.start &&
         x.range.end == y.range.end && x.memsz == y.memsz && x.align == y.align;
}

// What the run saw, to check that it reached the interesting cases.
struct coverage {
  long placed = 0, no_hole = 0, errors = 0, wraps = 0, steps = 0, crash_placed = 0, no_crash = 0;
  long high = 0, high_to_low = 0; // placed in a map at the top; of those, wrapped to a low address
  long skipped = 0;               // cases given up on: the model's step budget ran out (budget::skip)
};

template <class Hook>
kin::kexec_placement lib_place(const kin::iomem_tree<Hook>& t, const kin::kexec_request& q,
                               std::span<const kexec_span> placed, kexec_rules rules, bool crash) {
  return kin::kexec_place<typename kin::iomem_tree<Hook>::traits>(&t.root(), q, placed, rules, crash);
}

constexpr std::array<kexec_rules, 5> all_rules = {kexec_rules::linux_6_12, kexec_rules::linux_6_8,
                                                  kexec_rules::linux_6_7, kexec_rules::linux_4_18,
                                                  kexec_rules::kexec_tools};

// What run_case does when the naive model's step budget runs out: the
// test's maps never need that many steps (a failure); a fuzzer's might (a skip).
enum class budget { fail, skip };

// One case drawn from `src`: a map, a request sequence, every rule set with
// and without crash mode, the three layouts against the model. Returns ""
// when kin agrees (or the case was skipped), else a report that starts with
// `label` (what reproduces the case: a seed, an input).
template <class Source>
std::string run_case(Source& src, std::string_view label, coverage& cov, budget on_budget = budget::fail) {
  generator<Source> g{src};
  const bool small = g.chance(25);
  std::vector<line> lines = g.map(small);
  std::vector<kin::kexec_request> requests(1 + g.below(16));
  const bool wrap = !lines.empty() && lines.front().start == 0 && g.chance(50);
  for (auto& q : requests) q = g.request(small, wrap);
  // Now and then the whole case moves to the top of the address space,
  // ending at 2^64 - 1 at most: bottom-up's align-up and end then wrap.
  if (!wrap && g.chance(10)) {
    const std::uint64_t base = 0 - map_limit;
    // Often RAM up to 2^64 - 1 itself, starting within its last 4 MiB.
    std::uint64_t last = 0; // one past the highest end
    for (const line& l : lines) last = std::max(last, l.end + 1);
    if (g.chance(70) && last < map_limit) {
      const std::uint64_t start = std::max(last, map_limit - (1 + g.below(1024)) * page);
      lines.push_back({start, map_limit - 1, g.chance(80) ? kind::ram : kind::driver_ram, 0, -1});
    }
    for (line& l : lines) {
      l.start += base;
      l.end += base;
    }
    for (auto& q : requests) {
      q.min += base;
      if (q.max != UINT64_MAX) q.max = q.max >= map_limit ? UINT64_MAX : q.max + base;
    }
  }
  const std::string text = text_of(lines);
  auto ps = kin::parse_iomem<kin::singly_hook<>>(text);
  auto pl = kin::parse_iomem<kin::list_hook<>>(text);
  auto pc = kin::parse_iomem<kin::compact_hook<>>(text);
  if (!ps || !pl || !pc || !ps.value().warnings().empty() || !ps.value().well_formed())
    return std::string(label) + ": the generated map does not parse cleanly:\n" + text;
  for (kexec_rules rules : all_rules) {
    for (bool crash : {false, true}) {
      std::vector<kexec_span> placed;
      for (std::size_t i = 0; i < requests.size(); ++i) {
        const kin::kexec_request& q = requests[i];
        model_stats st;
        const outcome want = naive_place(lines, q, placed, rules, crash, st);
        cov.steps += st.steps;
        auto report = [&](const char* layout, const outcome& got) {
          std::ostringstream os;
          os << label << ", rules " << kin::kexec_rules_name(rules) << (crash ? " crash" : "") << ", layout "
             << layout << ", request #" << i << " " << describe(q) << "\nmap:\n"
             << text << "placed before:";
          for (const kexec_span& s : placed) os << " [" << hex(s.start) << ", " << hex(s.end) << "]";
          os << "\nmodel: " << describe(want) << "\nkin:   " << describe(got);
          return os.str();
        };
        if (st.budget_exhausted) {
          if (on_budget == budget::skip) {
            ++cov.skipped;
            return {};
          }
          return "the naive model's step budget ran out: " + report("-", want);
        }
        const outcome got[3] = {as_outcome(lib_place(ps.value(), q, placed, rules, crash)),
                                as_outcome(lib_place(pl.value(), q, placed, rules, crash)),
                                as_outcome(lib_place(pc.value(), q, placed, rules, crash))};
        const char* names[3] = {"singly", "list", "compact"};
        for (int l = 0; l < 3; ++l) {
          if (!same(want, got[l])) return report(names[l], got[l]);
        }
        if (want.error == kexec_error::none) {
          ++cov.placed;
          if (crash) ++cov.crash_placed;
          if (want.span.end < want.span.start) ++cov.wraps;
          if (!lines.empty() && lines.front().start >= 0 - map_limit) {
            ++cov.high;
            if (want.span.start < map_limit) ++cov.high_to_low;
          }
          placed.push_back(want.span);
        } else if (want.error == kexec_error::no_hole) {
          ++cov.no_hole;
        } else if (want.error == kexec_error::no_crash_kernel) {
          ++cov.no_crash;
        } else {
          ++cov.errors;
        }
      }
    }
  }
  return {};
}

} // namespace kin_kexec_model

#endif // KIN_TESTS_KEXEC_MODEL_HPP
