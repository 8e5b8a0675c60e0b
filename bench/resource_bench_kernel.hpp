// SPDX-License-Identifier: BSL-1.0
// Kernel-shaped code for bench/resource_bench.cpp: what Linux does, written
// for this benchmark from the behavioural description in kin's reference
// notes (linux-resource-and-kexec.md, sections 1, 3 and 5). No kernel or
// kexec-tools code was used or copied; the names say which kernel function
// each piece stands for.
//
//   - kres: a kernel-style node, `struct resource`'s fields in its order
//     (start, end, name, flags, desc, then parent, sibling, child: singly
//     linked), 64 bytes on a 64-bit target;
//   - find_next / walk: the forward walk that finds the next matching range
//     in plain pre-order *from the root* (skipping ranges that end before
//     the current start, still descending into them: v6.17), reports it
//     clipped, and rescans from the root one past its end;
//   - walk_rev: v6.8's walk_system_ram_res_rev: the forward walk copies
//     every report (a whole 64-byte node) into a heap array that starts at
//     16 entries and grows by 16 (a realloc each time), then visits the
//     copies last to first;
//   - place / hole_top_down / hole_bottom_up: kexec_file's hole search
//     (v6.12 rules): the candidate ranges in walk order (the reverse walk
//     for top-down), the per-range filter, and inside a range one page at a
//     time past every earlier segment.
//
// One thing is not kernel-shaped on purpose: the visitor is a template
// argument (inlined), where the kernel passes a function pointer and a
// void*. kin's walks inline their visitor too, so both sides pay the same
// for it and the comparison is about the walks.
#ifndef KIN_BENCH_RESOURCE_BENCH_KERNEL_HPP
#define KIN_BENCH_RESOURCE_BENCH_KERNEL_HPP

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace kshape {

// `struct resource`: the same fields in the same order.
struct kres {
  std::uint64_t start;
  std::uint64_t end;
  const char* name;
  unsigned long flags;
  unsigned long desc;
  kres* parent;
  kres* sibling;
  kres* child;
};
static_assert(sizeof(void*) != 8 || sizeof(kres) == 64, "struct resource is 64 bytes on 64-bit targets");

inline constexpr unsigned long res_mem = 0x00000200;
inline constexpr unsigned long res_sysram = 0x01000000;
inline constexpr unsigned long res_system_ram = res_mem | res_sysram;
inline constexpr unsigned long res_driver_managed = 0x02000000;
inline constexpr unsigned long res_busy = 0x80000000;
inline constexpr unsigned long desc_none = 0;
inline constexpr int e_inval = 22;
inline constexpr int e_nodev = 19;

// The pre-order successor (next_resource without skipping children): the
// first child, else the next sibling of the nearest node that has one. The
// root has no parent and no sibling, so the walk ends there.
inline kres* next_preorder(kres* p) {
  if (p->child) {
    return p->child;
  }
  while (!p->sibling && p->parent) {
    p = p->parent;
  }
  return p->sibling;
}

// find_next_iomem_res: from the root's first child, in pre-order, the first
// node that overlaps [start, end] and has every bit of `flags` (and `desc`,
// unless desc_none); a node starting after `end` ends the search. The
// report is a copy clipped to the window (flags, desc and parent with it;
// no name).
inline int find_next(kres* root, std::uint64_t start, std::uint64_t end, unsigned long flags, unsigned long desc,
                     kres* out) {
  kres* p = root->child;
  for (; p; p = next_preorder(p)) {
    if (p->start > end) {
      p = nullptr;
      break;
    }
    if (p->end < start) {
      continue; // ends before the window: skipped, its children still looked at
    }
    if ((p->flags & flags) != flags) {
      continue;
    }
    if (desc != desc_none && p->desc != desc) {
      continue;
    }
    break;
  }
  if (!p) {
    return -e_nodev;
  }
  out->start = p->start > start ? p->start : start;
  out->end = p->end < end ? p->end : end;
  out->name = nullptr;
  out->flags = p->flags;
  out->desc = p->desc;
  out->parent = p->parent;
  out->sibling = nullptr;
  out->child = nullptr;
  return 0;
}

// walk_iomem_res_desc / walk_system_ram_res: find, visit, go on one past the
// report, from the root again. -EINVAL when nothing was visited.
template <class Visit>
int walk(kres* root, unsigned long flags, unsigned long desc, std::uint64_t start, std::uint64_t end, Visit&& visit) {
  kres res;
  int ret = -e_inval;
  while (start < end && find_next(root, start, end, flags, desc, &res) == 0) {
    ret = visit(res);
    if (ret) {
      break;
    }
    if (res.end == UINT64_MAX) {
      break; // the kernel's start would wrap to 0 here; no listing here reaches it
    }
    start = res.end + 1;
  }
  return ret;
}

template <class Visit>
int walk_system_ram_res(kres* root, std::uint64_t start, std::uint64_t end, Visit&& visit) {
  return walk(root, res_system_ram | res_busy, desc_none, start, end, visit);
}

// What the reverse walk's array cost: its largest capacity in bytes, and
// the most bytes live at once (a realloc that moves the array holds the old
// and the new block while it copies; one that grows in place does not).
struct heap_stats {
  std::size_t live = 0;       // bytes held now
  std::size_t peak = 0;       // the largest capacity, in bytes
  std::size_t transient = 0;  // old + new during the largest growth that moved the array
  std::size_t growths = 0;    // reallocations
};

// v6.8's walk_system_ram_res_rev: collect the forward walk's reports into an
// array that grows by 16 whole records at a time, then visit it backwards.
// -1 when nothing matched or the array could not grow (no visit then).
template <class Visit>
int walk_system_ram_res_rev(kres* root, std::uint64_t start, std::uint64_t end, Visit&& visit,
                            heap_stats* stats = nullptr) {
  kres* rams = nullptr;
  std::size_t count = 0, capacity = 0;
  kres res;
  while (start < end && find_next(root, start, end, res_system_ram | res_busy, desc_none, &res) == 0) {
    if (count >= capacity) {
      const std::size_t grown_capacity = capacity + 16;
      auto* grown = static_cast<kres*>(std::realloc(rams, grown_capacity * sizeof(kres)));
      if (!grown) {
        std::free(rams);
        return -1;
      }
      if (stats) {
        const std::size_t before = capacity * sizeof(kres), after = grown_capacity * sizeof(kres);
        stats->live = after;
        stats->peak = after > stats->peak ? after : stats->peak;
        if (grown != rams && before > 0) { // moved: old and new were both live while it copied
          stats->transient = before + after > stats->transient ? before + after : stats->transient;
        }
        ++stats->growths;
      }
      rams = grown;
      capacity = grown_capacity;
    }
    rams[count++] = res;
    if (res.end == UINT64_MAX) {
      break; // as in walk()
    }
    start = res.end + 1;
  }
  int ret = -1;
  for (std::size_t i = count; i-- > 0;) {
    ret = visit(static_cast<const kres&>(rams[i]));
    if (ret) {
      break;
    }
  }
  std::free(rams);
  if (stats) {
    stats->live = 0;
  }
  return ret;
}

// ---- kexec_file's hole search (kexec_add_buffer, v6.12 rules).

inline constexpr std::uint64_t page_size = 4096;

struct segment {
  std::uint64_t mem;   // first byte
  std::uint64_t memsz; // bytes (page multiple)
};

// kexec_buf, reduced to what the search reads and writes.
struct kbuf {
  const segment* segments; // the image's segments so far
  std::size_t nr_segments;
  std::uint64_t memsz;
  std::uint64_t buf_align;
  std::uint64_t buf_min;
  std::uint64_t buf_max;
  bool top_down;
  std::uint64_t mem; // out
};

// Whether [start, end] shares a byte with an earlier segment (inclusive
// spans, >= 6.8): the first hit ends the scan.
inline bool hits_segment(const kbuf& kb, std::uint64_t start, std::uint64_t end) {
  for (std::size_t i = 0; i < kb.nr_segments; ++i) {
    const std::uint64_t s = kb.segments[i].mem, e = s + kb.segments[i].memsz - 1;
    if (end >= s && start <= e) {
      return true;
    }
  }
  return false;
}

// Top-down inside [rs, re]: from the ceiling, aligned down; on a hit, one
// page lower, aligned down again.
inline int hole_top_down(std::uint64_t rs, std::uint64_t re, kbuf& kb) {
  const std::uint64_t ceiling = re < kb.buf_max ? re : kb.buf_max;
  std::uint64_t temp_start = ceiling - kb.memsz + 1;
  for (;;) {
    temp_start &= ~(kb.buf_align - 1);
    if (temp_start < rs || temp_start < kb.buf_min) {
      return 0;
    }
    const std::uint64_t temp_end = temp_start + kb.memsz - 1;
    if (hits_segment(kb, temp_start, temp_end)) {
      temp_start -= page_size;
      continue;
    }
    kb.mem = temp_start;
    return 1;
  }
}

// Bottom-up inside [rs, re]: from the floor, aligned up; on a hit, one page
// higher, aligned up again.
inline int hole_bottom_up(std::uint64_t rs, std::uint64_t re, kbuf& kb) {
  const std::uint64_t ceiling = re < kb.buf_max ? re : kb.buf_max;
  std::uint64_t temp_start = rs > kb.buf_min ? rs : kb.buf_min;
  for (;;) {
    temp_start = (temp_start + kb.buf_align - 1) & ~(kb.buf_align - 1);
    const std::uint64_t temp_end = temp_start + kb.memsz - 1;
    if (temp_end > ceiling) {
      return 0;
    }
    if (hits_segment(kb, temp_start, temp_end)) {
      temp_start += page_size;
      continue;
    }
    kb.mem = temp_start;
    return 1;
  }
}

// The per-range callback: skip driver-managed RAM, a range smaller than
// the buffer (before clipping) and one outside [min, max]; else search it.
// Non-zero (found) stops the walk.
inline int try_range(const kres& r, kbuf& kb) {
  if (r.flags & res_driver_managed) {
    return 0;
  }
  if (r.end - r.start < kb.memsz - 1) {
    return 0;
  }
  if (r.end < kb.buf_min || r.start > kb.buf_max) {
    return 0;
  }
  return kb.top_down ? hole_top_down(r.start, r.end, kb) : hole_bottom_up(r.start, r.end, kb);
}

// kexec_locate_mem_hole for a normal load: System RAM highest first for a
// top-down buffer (the v6.8 reverse walk), lowest first otherwise. 0 when
// placed (kb.mem set), else -EADDRNOTAVAIL (-99).
inline int locate_mem_hole(kres* root, kbuf& kb, heap_stats* stats = nullptr) {
  auto visit = [&](const kres& r) { return try_range(r, kb); };
  const int ret = kb.top_down ? walk_system_ram_res_rev(root, 0, UINT64_MAX, visit, stats)
                              : walk_system_ram_res(root, 0, UINT64_MAX, visit);
  return ret == 1 ? 0 : -99;
}

// kexec_add_buffer's normalisation and search: size rounded up to a page,
// alignment raised to a page. 0 when placed.
inline int add_buffer(kres* root, segment* segments, std::size_t& nr_segments, std::uint64_t size, std::uint64_t align,
                      std::uint64_t min, std::uint64_t max, bool top_down, heap_stats* stats = nullptr) {
  kbuf kb{segments, nr_segments, (size + page_size - 1) & ~(page_size - 1), align < page_size ? page_size : align,
          min, max, top_down, 0};
  if (const int ret = locate_mem_hole(root, kb, stats); ret != 0) {
    return ret;
  }
  segments[nr_segments++] = segment{kb.mem, kb.memsz};
  return 0;
}

} // namespace kshape

#endif
