// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief kexec_file's memory-hole search over a resource tree: where the
/// kernel (or kexec-tools) places one buffer, given the segments already
/// placed, under the rules of several kernel versions.
///
/// ```cpp
/// std::vector<kin::kexec_span> placed;
/// kin::kexec_request kernel{64 << 20, 2 << 20, 16 << 20};      // size, align, min
/// auto p = kin::kexec_place<R>(root, kernel, placed, kin::kexec_rules::linux_6_12);
/// if (p) placed.push_back(p.span);                             // later buffers avoid it
/// ```
///
/// The rules come from the behavioural description in kin's reference
/// notes (linux-resource-and-kexec.md, sections 5 to 8); no kernel or
/// kexec-tools code was used. What is modelled: the normalisation of size and
/// alignment, the candidate ranges in walk order (the reverse System RAM walk
/// for top-down since 6.8, the forward walk otherwise, only the main "Crash
/// kernel" reservation in crash mode), the per-range filter, the search inside
/// one range, and "the first range in walk order that yields an address
/// wins" (adjacent ranges are never merged). Under the kernel rule sets the
/// arithmetic is modulo 2^64 as in the kernel, and a placement whose search
/// wrapped is reported as such (kin::kexec_placement::wraps); under the
/// kexec-tools rules an aligned start that would wrap past 2^64 - 1 leaves
/// its range without a fit (kin does not reproduce user space's overflow). Where the kernel steps
/// one page at a time past a colliding segment, kin jumps straight past it
/// with the same result. Not modelled: CMA placement (≈6.17+, unpredictable
/// from a memory map: kin models loads without CMA), kexec handover, the IMA
/// buffer, the random-offset buffer, arm64's memblock search, and the whole
/// image's later sanity checks.
#ifndef KIN_ADAPTERS_KEXEC_HPP
#define KIN_ADAPTERS_KEXEC_HPP

#include <kin/config.hpp>
#include <kin/adapters/resource.hpp>
#include <kin/allocating.hpp>
#include <kin/walkers.hpp>
#include <kin/value_traits.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>

namespace kin {

/// The page size kexec rounds to (x86).
inline constexpr std::uint64_t kexec_page_size = 4096;
/// The kernel's segment limit (KEXEC_SEGMENT_MAX); kin places more (an
/// extension) and leaves the note to the caller.
inline constexpr std::size_t kexec_segment_max = 16;

/// Which placement rules to apply (reference section 8).
enum class kexec_rules {
  linux_6_12,  ///< Linux >= 6.12 (and later kernels loading without CMA or kexec handover)
  linux_6_8,   ///< 6.8 to 6.11: as 6.12, but top-down does not skip driver-managed RAM
  linux_6_7,   ///< about 5.11 to 6.7: ranges lowest first, top-down one byte low, exclusive-end overlap
  linux_4_18,  ///< the 2018 kernels: as 6.7, top-level System RAM only, driver-managed RAM not skipped
  kexec_tools, ///< user space locate_hole: free ranges = RAM minus segments, highest fit for top-down
};

/// The short name of `r`: "6.12", "6.8", "6.7", "4.18" or "kexec-tools".
/// @throws_ Nothing. @complexity O(1)
KIN_HARDENING_ABI constexpr std::string_view kexec_rules_name(kexec_rules r) noexcept {
  switch (r) {
  case kexec_rules::linux_6_12: return "6.12";
  case kexec_rules::linux_6_8: return "6.8";
  case kexec_rules::linux_6_7: return "6.7";
  case kexec_rules::linux_4_18: return "4.18";
  case kexec_rules::kexec_tools: return "kexec-tools";
  }
  return "?";
}

/// Which end of a range a buffer is placed at.
enum class kexec_direction {
  top_down,  ///< as high as possible
  bottom_up, ///< as low as possible
};

/// One buffer to place (kexec_buf): its memory size, alignment, limits and
/// direction. `size` is rounded up to a page and `align` raised to a page by
/// kin::kexec_place, as the kernel does.
struct kexec_request {
  std::uint64_t size = 0;                            ///< memsz in bytes (not 0)
  std::uint64_t align = kexec_page_size;             ///< a power of two
  std::uint64_t min = 0;                             ///< lowest allowed byte
  std::uint64_t max = UINT64_MAX;                    ///< highest allowed byte (inclusive)
  kexec_direction direction = kexec_direction::top_down; ///< where in a range
};

/// An address span, both ends included. `end < start` means it wraps past
/// 2^64 - 1 (the kernel's arithmetic allows it).
struct kexec_span {
  std::uint64_t start = 0; ///< first byte
  std::uint64_t end = 0;   ///< last byte
};

/// Why a buffer was not placed.
enum class kexec_error {
  none,            ///< placed
  zero_size,       ///< the size is 0
  size_overflows,  ///< the size wraps when rounded up to a page
  bad_alignment,   ///< the alignment is not a power of two
  min_above_max,   ///< min > max
  no_crash_kernel, ///< crash mode, and the map has no "Crash kernel" reservation
  no_hole,         ///< no range yields an address (the kernel's EADDRNOTAVAIL)
};

/// A short sentence for `e`. @throws_ Nothing. @complexity O(1)
KIN_HARDENING_ABI constexpr std::string_view kexec_error_text(kexec_error e) noexcept {
  switch (e) {
  case kexec_error::none: return "placed";
  case kexec_error::zero_size: return "size 0";
  case kexec_error::size_overflows: return "the size wraps when rounded up to a page";
  case kexec_error::bad_alignment: return "the alignment is not a power of two";
  case kexec_error::min_above_max: return "min is above max";
  case kexec_error::no_crash_kernel: return "no Crash kernel reservation";
  case kexec_error::no_hole: return "no hole";
  }
  return "?";
}

/// What the search did with one candidate range (for an explanation).
enum class kexec_verdict {
  driver_managed, ///< skipped: driver-managed RAM
  too_small,      ///< skipped: the whole range is smaller than the size
  outside_limits, ///< skipped: it ends below min or starts above max
  no_fit,         ///< no aligned span inside it avoids the earlier segments
  fits,           ///< kexec-tools top-down: it fits, but a higher range may too
  collided,       ///< a candidate span hit an earlier segment; the search jumped on
  taken,          ///< the buffer is placed here
};

/// One step of the search, for kin::kexec_place's `explain` callback.
struct kexec_event {
  kexec_span range{};          ///< the candidate range (for kexec-tools: a free range)
  kexec_verdict verdict{};     ///< what happened
  std::size_t segment = 0;     ///< collided: the index of the earlier segment hit
  std::uint64_t tried = 0;     ///< collided: the start that hit it; taken: the start
  std::uint64_t jumped_to = 0; ///< collided: the next start tried
};

/// Where one buffer went.
struct kexec_placement {
  kexec_error error = kexec_error::none; ///< none when placed
  kexec_span span{};                     ///< the placed bytes (error none)
  kexec_span range{};                    ///< the range it landed in (error none)
  std::uint64_t memsz = 0;               ///< the size after page rounding
  std::uint64_t align = 0;               ///< the alignment after the page raise
  bool wrapped = false;                  ///< see wraps()
  /// Whether the buffer was placed. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr explicit operator bool() const noexcept { return error == kexec_error::none; }
  /// Whether the search's arithmetic wrapped past 2^64 - 1 on the way to
  /// this span (the kernel computes modulo 2^64 and takes it; its later
  /// image check would refuse the load): the span itself wraps, or it lies
  /// outside its range or outside [min, max]. @throws_ Nothing.
  /// @complexity O(1)
  KIN_HARDENING_ABI constexpr bool wraps() const noexcept { return error == kexec_error::none && wrapped; }
};

/// An `explain` callback that ignores every event.
struct kexec_no_explain {
  /// Ignores `e`. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr void operator()(const kexec_event& e) const noexcept { (void)e; }
};

namespace detail {

struct kexec_norm {
  std::uint64_t memsz, align;
};

// Size rounded up to a page, alignment raised to a page; or the error.
KIN_HARDENING_ABI constexpr kexec_error kexec_normalise(const kexec_request& r, kexec_norm& out) noexcept {
  if (r.size == 0) {
    return kexec_error::zero_size;
  }
  if (r.size > UINT64_MAX - (kexec_page_size - 1)) {
    return kexec_error::size_overflows;
  }
  if (r.align == 0 || (r.align & (r.align - 1)) != 0) {
    return kexec_error::bad_alignment;
  }
  if (r.min > r.max) {
    return kexec_error::min_above_max;
  }
  out.memsz = (r.size + kexec_page_size - 1) & ~(kexec_page_size - 1);
  out.align = r.align < kexec_page_size ? kexec_page_size : r.align;
  return kexec_error::none;
}

// Whether [c, c + m - 1] (mod 2^64) overlaps segment `s`: inclusive spans
// (>= 6.8), or the exclusive-end test of older kernels.
KIN_HARDENING_ABI constexpr bool kexec_overlaps(std::uint64_t c, std::uint64_t m, kexec_span s, bool exclusive) noexcept {
  if (exclusive) {
    return !(c + m <= s.start || c >= s.end + 1);
  }
  return !(c + m - 1 < s.start || c > s.end);
}

// The first earlier segment the span at `c` overlaps, or placed.size().
KIN_HARDENING_ABI constexpr std::size_t kexec_first_overlap(std::uint64_t c, std::uint64_t m, std::span<const kexec_span> placed,
                                                            bool exclusive) noexcept {
  for (std::size_t i = 0; i < placed.size(); ++i) {
    if (kexec_overlaps(c, m, placed[i], exclusive)) {
      return i;
    }
  }
  return placed.size();
}

// The kernel's search inside one range [rs, re], top-down: from the
// ceiling, aligned down, one page lower past each collision (which, with a
// power-of-two alignment of at least a page, is one alignment unit lower).
// A collision with segment s is left in one jump, to the highest aligned
// start whose span ends below s, unless the arithmetic wraps on the way (then
// one step at a time, as the kernel). Returns whether it found a start.
template <class Explain>
KIN_HARDENING_ABI constexpr bool kexec_top_down(kexec_span range, std::uint64_t m, std::uint64_t a, const kexec_request& r,
                                                std::span<const kexec_span> placed, bool one_byte_low, bool exclusive,
                                                Explain& explain, std::uint64_t& out) {
  const std::uint64_t ceiling = range.end < r.max ? range.end : r.max;
  const std::uint64_t lo = range.start > r.min ? range.start : r.min;
  std::uint64_t c = one_byte_low ? ceiling - m : ceiling - m + 1;
  for (;;) {
    c &= ~(a - 1);
    if (c < lo) {
      return false;
    }
    const std::size_t hit = kexec_first_overlap(c, m, placed, exclusive);
    if (hit == placed.size()) {
      out = c;
      return true;
    }
    const kexec_span s = placed[hit];
    std::uint64_t next = c - a; // the kernel's next try (one page down, realigned)
    const bool span_wraps = c + m - 1 < c;
    if (!span_wraps && s.start >= m && c > s.start - m) {
      // Every start down to the first one whose span ends below s collides
      // with s; if that one is below lo, so is an earlier one: no fit.
      const std::uint64_t target = (s.start - m) & ~(a - 1);
      next = target;
    } else if (!span_wraps && s.start < m) {
      // No span below s fits under 2^64: every start down to 0 collides
      // with s. With a floor above 0 the kernel gives up on the way; with
      // floor 0 it goes on from 0 (and from there wraps).
      if (lo > 0) {
        explain(kexec_event{range, kexec_verdict::collided, hit, c, c});
        return false;
      }
      next = c >= a ? 0 : c - a;
    }
    explain(kexec_event{range, kexec_verdict::collided, hit, c, next});
    c = next;
  }
}

// Bottom-up inside one range: from the floor, aligned up, one page higher
// past each collision; a collision is left in one jump unless the
// arithmetic wraps on the way.
template <class Explain>
KIN_HARDENING_ABI constexpr bool kexec_bottom_up(kexec_span range, std::uint64_t m, std::uint64_t a, const kexec_request& r,
                                                 std::span<const kexec_span> placed, bool exclusive, Explain& explain,
                                                 std::uint64_t& out) {
  const std::uint64_t hi = range.end < r.max ? range.end : r.max;
  std::uint64_t c = range.start > r.min ? range.start : r.min;
  for (;;) {
    c = (c + a - 1) & ~(a - 1);
    const std::uint64_t e = c + m - 1;
    if (e > hi) {
      return false;
    }
    const std::size_t hit = kexec_first_overlap(c, m, placed, exclusive);
    if (hit == placed.size()) {
      out = c;
      return true;
    }
    const kexec_span s = placed[hit];
    std::uint64_t next = c + kexec_page_size; // realigned up at the loop's top
    const std::uint64_t past = (s.end + a) & ~(a - 1); // the first aligned start past s
    if (e >= c && s.end != UINT64_MAX && past > c && past + m - 1 >= past) {
      next = past; // every start up to it collides with s, and no span on the way wraps
    }
    explain(kexec_event{range, kexec_verdict::collided, hit, c, (next + a - 1) & ~(a - 1)});
    c = next;
  }
}

// Searches one candidate range under the kernel's rules; reports the
// verdict. True when placed.
template <class Explain>
KIN_HARDENING_ABI constexpr bool kexec_try_range(kexec_span range, std::uint64_t flags, const kexec_norm& n, const kexec_request& r,
                                                 std::span<const kexec_span> placed, kexec_rules rules, bool crash,
                                                 Explain& explain, kexec_placement& out) {
  const bool top_down = r.direction == kexec_direction::top_down;
  // 4.18 predates the flag; 6.8 to 6.11's reverse walk copied only start
  // and end, so the flag was lost there (the crash walk is a forward one).
  const bool skip_driver =
      rules != kexec_rules::linux_4_18 && !(rules == kexec_rules::linux_6_8 && top_down && !crash);
  if (skip_driver && (flags & ioresource_sysram_driver_managed) != 0) {
    explain(kexec_event{range, kexec_verdict::driver_managed, 0, 0, 0});
    return false;
  }
  if (range.end - range.start < n.memsz - 1) { // the whole, unclipped range
    explain(kexec_event{range, kexec_verdict::too_small, 0, 0, 0});
    return false;
  }
  if (range.end < r.min || range.start > r.max) {
    explain(kexec_event{range, kexec_verdict::outside_limits, 0, 0, 0});
    return false;
  }
  const bool old = rules == kexec_rules::linux_6_7 || rules == kexec_rules::linux_4_18;
  std::uint64_t start = 0;
  const bool found = top_down ? kexec_top_down(range, n.memsz, n.align, r, placed, old, old, explain, start)
                              : kexec_bottom_up(range, n.memsz, n.align, r, placed, old, explain, start);
  if (!found) {
    explain(kexec_event{range, kexec_verdict::no_fit, 0, 0, 0});
    return false;
  }
  explain(kexec_event{range, kexec_verdict::taken, 0, start, 0});
  out.span = {start, start + n.memsz - 1};
  out.range = range;
  return true;
}

// kexec-tools' locate_hole: RAM ("System RAM" at any depth, in file order,
// moved up to 0x100) minus the earlier segments, each free piece clipped to
// the limits; the first fit bottom-up, the last fit top-down.
template <class R, class Explain>
KIN_HARDENING_ABI constexpr bool kexec_tools_hole(const_value_ptr<R> root, const kexec_norm& n, const kexec_request& r,
                                                  std::span<const kexec_span> placed, kexec_span limits, Explain& explain,
                                                  kexec_placement& out) {
  const std::uint64_t lo_limit = r.min > limits.start ? r.min : limits.start;
  const std::uint64_t hi_limit = r.max < limits.end ? r.max : limits.end;
  bool found = false;
  for (const auto& res : descendants<R>(root)) {
    if (R::get_name(&res) != std::string_view("System RAM")) {
      continue;
    }
    std::uint64_t rs = R::get_start(&res);
    const std::uint64_t re = R::get_end(&res);
    if (rs < 0x100) {
      rs = 0x100;
    }
    // The free pieces of [rs, re], lowest first: the segments in the way
    // are found afresh for each piece (no allocation).
    for (std::uint64_t at = rs; at <= re;) {
      std::uint64_t piece_end = re;
      std::uint64_t resume = 0;
      bool covered = false;
      for (const kexec_span& s : placed) {
        if (s.start <= at && s.end >= at) { // `at` is inside a segment: skip past it
          covered = true;
          if (s.end >= resume) {
            resume = s.end;
          }
        } else if (s.start > at && s.start <= piece_end) {
          piece_end = s.start - 1;
        }
      }
      if (covered) {
        if (resume >= re) {
          break;
        }
        at = resume + 1;
        continue;
      }
      const kexec_span piece{at, piece_end};
      std::uint64_t start = at > lo_limit ? at : lo_limit;
      const std::uint64_t aligned = (start + n.align - 1) & ~(n.align - 1);
      const std::uint64_t end = piece_end < hi_limit ? piece_end : hi_limit;
      if (aligned >= start && aligned <= end && end - aligned >= n.memsz - 1) {
        start = aligned;
        const std::uint64_t placed_start =
            r.direction == kexec_direction::bottom_up ? start : (end - n.memsz + 1) & ~(n.align - 1);
        out.span = {placed_start, placed_start + n.memsz - 1};
        out.range = piece;
        found = true;
        if (r.direction == kexec_direction::bottom_up) {
          explain(kexec_event{piece, kexec_verdict::taken, 0, placed_start, 0});
          return true;
        }
        explain(kexec_event{piece, kexec_verdict::fits, 0, placed_start, 0});
      } else {
        explain(kexec_event{piece, start > end ? kexec_verdict::outside_limits : kexec_verdict::too_small, 0, 0, 0});
      }
      if (piece_end >= re) {
        break;
      }
      at = piece_end + 1;
    }
  }
  if (found && r.direction == kexec_direction::top_down) {
    explain(kexec_event{out.range, kexec_verdict::taken, 0, out.span.start, 0});
  }
  return found && out.span.end <= r.max;
}

// The main "Crash kernel" reservation: the highest one, or null.
template <class R>
KIN_HARDENING_ABI constexpr const_value_ptr<R> kexec_crash_kernel(const_value_ptr<R> root) noexcept {
  const_value_ptr<R> best = nullptr;
  for (const auto& res : descendants<R>(root)) {
    if (static_cast<int>(R::get_desc(&res)) == iores_desc_crash_kernel &&
        (!best || R::get_start(&res) > R::get_start(best))) {
      best = &res;
    }
  }
  return best;
}

} // namespace detail

/// Places one buffer as kexec_file (or kexec-tools) would, given the
/// segments already placed for the same image.
/// @requires `root` is not null; the tree is not changed during the call;
/// `explain`, if given, does not change it either.
/// @effects none on the tree. Calls `explain(kin::kexec_event)` for every
/// candidate range in walk order (skipped, collided, no fit, taken).
/// Kernel rules: the candidate ranges are, in crash mode, the main (highest)
/// "Crash kernel" reservation found by a descriptor walk inside its span;
/// otherwise the System RAM ranges, highest first for a top-down request
/// under 6.12 and 6.8, lowest first otherwise (4.18: top-level ones only).
/// A range is skipped when it is driver-managed RAM (not under 4.18, nor
/// top-down under 6.8), when the whole range is smaller than the size, or
/// when it ends below `min` or starts above `max`; the first range with an
/// aligned span that avoids every earlier segment wins. kexec-tools rules:
/// RAM minus the earlier segments, the limits (and in crash mode the crash
/// reservation) applied to each free range, the lowest fit bottom-up, the
/// highest top-down.
/// @returns the span and its range, or why it failed (kin::kexec_error).
/// @throws_ what `explain` throws. A failed allocation of the reverse
/// walk's records (singly layout, or a tree that fails resource_check, under
/// 6.12 and 6.8 top-down) is reported as no_hole.
/// @complexity O(size of the tree x earlier segments) at most; a collision
/// costs one jump, not one step per page (except where the arithmetic
/// wraps past 2^64, where kin steps as the kernel does).
template <resource_traits R, class Explain = kexec_no_explain>
KIN_HARDENING_ABI kexec_placement kexec_place(const_value_ptr<R> root, const kexec_request& request,
                                              std::span<const kexec_span> placed, kexec_rules rules, bool crash = false,
                                              Explain&& explain = {}) {
  kexec_placement out;
  detail::kexec_norm n{};
  if (const kexec_error e = detail::kexec_normalise(request, n); e != kexec_error::none) {
    out.error = e;
    return out;
  }
  out.memsz = n.memsz;
  out.align = n.align;
  const_value_ptr<R> crash_kernel = nullptr;
  if (crash) {
    crash_kernel = detail::kexec_crash_kernel<R>(root);
    if (!crash_kernel) {
      out.error = kexec_error::no_crash_kernel;
      return out;
    }
  }
  if (rules == kexec_rules::kexec_tools) {
    const kexec_span limits = crash ? kexec_span{R::get_start(crash_kernel), R::get_end(crash_kernel)}
                                    : kexec_span{0, UINT64_MAX};
    if (!detail::kexec_tools_hole<R>(root, n, request, placed, limits, explain, out)) {
      out.error = kexec_error::no_hole;
      out.span = {};
      out.range = {};
    }
    return out;
  }
  bool done = false;
  auto visit = [&](const resource_record<value_ptr<R>>& rec) {
    done = detail::kexec_try_range({rec.start, rec.end}, rec.flags, n, request, placed, rules, crash, explain, out);
    return done ? 1 : 0;
  };
  const kexec_span everything{0, UINT64_MAX};
  if (crash) {
    // A descriptor walk inside the reservation's span: always ascending.
    walk_resources<R>(root, window{R::get_start(crash_kernel), R::get_end(crash_kernel)},
                      resource_filter{ioresource_system_ram | ioresource_busy, iores_desc_crash_kernel}, visit);
  } else if (rules == kexec_rules::linux_4_18) {
    for (const auto& res : children<R>(root)) { // top-level System RAM only
      const std::uint64_t flags = static_cast<std::uint64_t>(R::get_flags(&res));
      if ((flags & system_ram_filter.flags) == system_ram_filter.flags) {
        const resource_record<value_ptr<R>> rec{R::get_start(&res), R::get_end(&res), flags,
                                                static_cast<int>(R::get_desc(&res)), const_cast<value_ptr<R>>(&res)};
        if (visit(rec) != 0) {
          break;
        }
      }
    }
  } else if (request.direction == kexec_direction::top_down &&
             (rules == kexec_rules::linux_6_12 || rules == kexec_rules::linux_6_8)) {
    walk_resources_reverse<R>(root, window{everything.start, everything.end}, system_ram_filter, visit,
                              collect_allocating);
  } else {
    walk_resources<R>(root, window{everything.start, everything.end}, system_ram_filter, visit);
  }
  if (!done) {
    out.error = kexec_error::no_hole;
    out.span = {};
    out.range = {};
    return out;
  }
  out.wrapped = out.span.end < out.span.start || out.span.start < out.range.start || out.span.end > out.range.end ||
                out.span.start < request.min || out.span.end > request.max;
  return out;
}

} // namespace kin

#endif // KIN_ADAPTERS_KEXEC_HPP
