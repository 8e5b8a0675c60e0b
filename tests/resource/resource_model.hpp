// SPDX-License-Identifier: BSL-1.0
// An independent model of the resource tree's operations, and a step driver
// that applies one operation to a kin tree and to the model and compares
// them. Written from the behaviour in the reference notes
// (linux-resource-and-kexec.md, section 2), not from kin's code: the model is
// a plain tree of ranges, each parent with a sorted std::vector of children,
// and every rule is spelt out as the notes phrase it (scan every child, check
// every child, ...). Where the notes are silent, kin's documented choices are
// the rule, and the comment says so.
//
// Not a gtest file: a fuzzer can drive it. Everything it draws comes from a
// "source" of tests/sources.hpp: rng_source (a seeded generator) or
// byte_source (the bytes of a fuzzer input, then zeros).
//
//   kin_resource_model::harness<R> h(40);        // R: resource traits
//   kin_resource_model::byte_source src(data, size);
//   while (!src.exhausted())
//     if (std::string e = h.step(src); !e.empty()) { std::fputs(e.c_str(), stderr); std::abort(); }
//
// h.step draws an operation and its parameters, applies it to both trees and
// returns "" when kin and the model agree on the result (the conflicting
// node included, by id) and on the whole forest afterwards (shape, ranges,
// flags, descriptors of every node in the pool), kin::verify passes on every
// tree of the pool, and kin::resource_check agrees with the model's own
// check; otherwise a description of the step and both trees.
#ifndef KIN_TESTS_RESOURCE_MODEL_HPP
#define KIN_TESTS_RESOURCE_MODEL_HPP

#include <kin/adapters/resource.hpp>
#include <kin/adapters/resource_alloc.hpp>
#include <kin/adapters/resource_ops.hpp>
#include <kin/adapters/resource_region.hpp>
#include <kin/algorithms.hpp>
#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>
#include <kin/layouts/singly.hpp>
#include <kin/queries.hpp>
#include <kin/value_traits.hpp>
#include <kin/verify.hpp>

#include "sources.hpp"

#include <algorithm>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <iterator>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace kin_resource_model {

using u64 = std::uint64_t;
inline constexpr u64 kTop = UINT64_MAX;

// The values the model uses, from the reference's tables (section 1).
namespace flag {
inline constexpr u64 io = 0x100;
inline constexpr u64 mem = 0x200;
inline constexpr u64 type_bits = 0x1f00;      // "the type field is mask 0x1f00"
inline constexpr u64 sysram = 0x01000000;
inline constexpr u64 ext_type_bits = sysram;  // "the extended-type bits, which include SYSTEM_RAM"
inline constexpr u64 exclusive = 0x08000000;
inline constexpr u64 busy = 0x80000000;
inline constexpr u64 muxed = kin::ioresource_muxed; // its value is not in the notes; the model only passes it on
} // namespace flag
inline constexpr int kEbusy = -16, kEinval = -22;

// ---- sources (tests/sources.hpp) --------------------------------------------

using kin_test::byte_source;
using kin_test::rng_source;

inline std::string format(const char* f, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, f);
  std::vsnprintf(buf, sizeof buf, f, ap);
  va_end(ap);
  return buf;
}

// allocate_resource's alignment callbacks under test (user code, the same
// for kin and the model): 1 places at the top of the gap, 2 skips odd
// blocks of `align`, 3 answers just below the gap (rejected, except where
// it wraps round to 2^64 - 1).
inline u64 choose_start(int kind, u64 avail_start, u64 avail_end, u64 size, u64 align) {
  switch (kind) {
  case 1:
    return (avail_end - (size - 1)) & ~(align - 1);
  case 2:
    return avail_start + (((avail_start / align) & 1) ? align : 0);
  default:
    return avail_start - 1;
  }
}

// ---- the model -------------------------------------------------------------

struct mres {
  u64 start = 0, end = 0, flags = 0;
  int desc = 0;
  int parent = -1;       // -1: none (a root, or not in a tree)
  std::vector<int> kids; // in address order
};

struct alloc_request {
  u64 size = 1, min = 0, max = kTop, align = 1;
  bool top_down = false;
  int callback = 0; // 0: none; else choose_start's kind
};

struct split_outcome {
  int error = 0;
  bool clipped = false;
  std::size_t placed = 0;
  bool operator==(const split_outcome&) const = default;
};

class model {
public:
  explicit model(std::size_t n) : r_(n) {}

  std::size_t size() const { return r_.size(); }
  mres& operator[](int i) { return r_[static_cast<std::size_t>(i)]; }
  const mres& operator[](int i) const { return r_[static_cast<std::size_t>(i)]; }
  // What the last operation did, for the coverage counts.
  const char* outcome() const { return tag_; }

  bool overlaps(int a, u64 s, u64 e) const { return (*this)[a].start <= e && (*this)[a].end >= s; }
  bool contains(int a, u64 s, u64 e) const { return (*this)[a].start <= s && (*this)[a].end >= e; }
  std::size_t index_in_parent(int n) const {
    const auto& kids = (*this)[(*this)[n].parent].kids;
    return static_cast<std::size_t>(std::find(kids.begin(), kids.end(), n) - kids.begin());
  }
  int top_of(int n) const {
    while ((*this)[n].parent >= 0) n = (*this)[n].parent;
    return n;
  }

  // Claim a child (request_resource_conflict): the parent for an inverted
  // range or one sticking out of it; else the first child, in order, that
  // overlaps; else linked before the first child starting after the end, or
  // last. -1: claimed.
  int claim(int p, int n) {
    const u64 s = (*this)[n].start, e = (*this)[n].end;
    if (s > e || s < (*this)[p].start || e > (*this)[p].end) {
      return out("claim.parent", p);
    }
    auto& kids = (*this)[p].kids;
    for (int c : kids) {
      if (overlaps(c, s, e)) {
        return out(c == n ? "claim.double" : "claim.child", c);
      }
    }
    kids.insert(std::find_if(kids.begin(), kids.end(), [&](int c) { return (*this)[c].start > e; }), n);
    (*this)[n].parent = p;
    return out("claim.ok", -1);
  }

  // Insert and adopt (insert_resource_conflict).
  int insert(int p, int n) {
    const u64 s = (*this)[n].start, e = (*this)[n].end;
    bool descended = false;
    for (;;) {
      const int c = claim(p, n);
      if (c < 0) {
        return out(descended ? "insert.descended" : "insert.plain", -1);
      }
      if (c == p) {
        return out("insert.parent", c);
      }
      if (c == n) {
        return out("insert.double", c);
      }
      if (contains(c, s, e) && !((*this)[c].start == s && (*this)[c].end == e)) {
        p = c; // strictly encloses: one level down
        descended = true;
        continue;
      }
      auto& kids = (*this)[p].kids;
      const std::size_t first = static_cast<std::size_t>(std::find(kids.begin(), kids.end(), c) - kids.begin());
      std::size_t last = first;
      for (; last < kids.size() && overlaps(kids[last], s, e); ++last) {
        if ((*this)[kids[last]].start < s || (*this)[kids[last]].end > e) {
          return out("insert.sticks_out", kids[last]);
        }
      }
      std::vector<int> run(kids.begin() + static_cast<std::ptrdiff_t>(first),
                           kids.begin() + static_cast<std::ptrdiff_t>(last));
      kids.erase(kids.begin() + static_cast<std::ptrdiff_t>(first), kids.begin() + static_cast<std::ptrdiff_t>(last));
      kids.insert(kids.begin() + static_cast<std::ptrdiff_t>(first), n);
      (*this)[n].parent = p;
      for (int k : run) {
        (*this)[k].parent = n;
      }
      const bool same = run.size() == 1 && (*this)[run[0]].start == s && (*this)[run[0]].end == e;
      (*this)[n].kids = std::move(run);
      return out(same ? "insert.adopt_equal" : "insert.adopt", -1);
    }
  }

  // Insert, growing as needed. The kernel returns nothing; kin's documented
  // values: 0 inserted, -22 already in a tree, -16 gave up.
  int expand_to_fit(int root, int n) {
    if ((*this)[n].parent >= 0) {
      return out("expand.in_tree", kEinval);
    }
    for (int widened = 0;; ++widened) {
      const int c = insert(root, n);
      if (c < 0) {
        return out(widened ? "expand.widened" : "expand.plain", 0);
      }
      if (c == root) {
        return out("expand.gave_up", kEbusy);
      }
      (*this)[n].start = std::min((*this)[n].start, (*this)[c].start);
      (*this)[n].end = std::max((*this)[n].end, (*this)[c].end);
    }
  }

  // Detach with subtree. Not in a tree: -22.
  int release(int n) {
    if ((*this)[n].parent < 0) {
      return out("release.not_linked", kEinval);
    }
    auto& kids = (*this)[(*this)[n].parent].kids;
    kids.erase(std::find(kids.begin(), kids.end(), n));
    (*this)[n].parent = -1;
    return out((*this)[n].kids.empty() ? "release.leaf" : "release.subtree", 0);
  }

  // Detach, keep children: they take its place, in order.
  int remove(int n) {
    const int p = (*this)[n].parent;
    if (p < 0) {
      return out("remove.not_linked", kEinval);
    }
    tag((*this)[n].kids.empty() ? "remove.leaf" : "remove.hoist");
    auto& kids = (*this)[p].kids;
    const auto at = std::find(kids.begin(), kids.end(), n);
    std::vector<int> moved = std::move((*this)[n].kids);
    (*this)[n].kids.clear();
    for (int k : moved) {
      (*this)[k].parent = p;
    }
    const auto pos = kids.erase(at);
    kids.insert(pos, moved.begin(), moved.end());
    (*this)[n].parent = -1;
    return 0;
  }

  // Strip all descendants: each detached, its size kept, renumbered to 0.
  void release_children(int r) {
    const char* t = (*this)[r].kids.empty() ? "release_children.none" : "release_children.some";
    std::vector<int> kids = std::move((*this)[r].kids);
    (*this)[r].kids.clear();
    for (int k : kids) {
      release_children(k);
      (*this)[k].parent = -1;
      (*this)[k].end -= (*this)[k].start;
      (*this)[k].start = 0;
    }
    tag(t);
  }

  // Move or resize in place to [s, s + size - 1] (modulo 2^64).
  int adjust(int n, u64 s, u64 size) {
    const u64 e = s + size - 1;
    if (const int p = (*this)[n].parent; p >= 0) {
      if (s < (*this)[p].start || e > (*this)[p].end) {
        return out("adjust.outside_parent", kEbusy);
      }
      const auto& kids = (*this)[p].kids;
      const std::size_t i = index_in_parent(n);
      if (i + 1 < kids.size() && !(e < (*this)[kids[i + 1]].start)) {
        return out("adjust.next", kEbusy);
      }
      if (i > 0 && !(s > (*this)[kids[i - 1]].end)) {
        return out("adjust.prev", kEbusy);
      }
    }
    for (int k : (*this)[n].kids) {
      if ((*this)[k].start < s || (*this)[k].end > e) {
        return out("adjust.children", kEbusy);
      }
    }
    if (e < s) { // kin's documented choice: the kernel would invert the node
      return out("adjust.wrapped", kEbusy);
    }
    (*this)[n].start = s;
    (*this)[n].end = e;
    return out((*this)[n].parent < 0 ? "adjust.unparented" : "adjust.ok", 0);
  }

  // allocate_resource. -22 for an alignment that is not a power of two and
  // for a node linked under another parent, -16 for size 0: kin's
  // documented choices (the notes do not say).
  int allocate(int root, int n, const alloc_request& q) {
    if (q.align & (q.align - 1)) {
      return out("alloc.bad_align", kEinval);
    }
    const int placed = (*this)[n].parent;
    if (placed >= 0 && placed != root) {
      return out("alloc.other_parent", kEinval);
    }
    if (q.size == 0) {
      return out("alloc.size0", kEbusy);
    }
    const u64 align = q.align ? q.align : 1;
    // The gaps between the root's children, the node's own space free.
    // Bottom-up, as the kernel enumerates them when re-allocating: the gap
    // that runs into the node is offered first ending at the node's end
    // (unless the node starts the root), then again up to the next child.
    std::vector<std::pair<u64, u64>> gaps;
    u64 lo = (*this)[root].start;
    bool last_gap = true;
    for (int c : (*this)[root].kids) {
      if (c == n) {
        if (!q.top_down && (*this)[n].start != (*this)[root].start) {
          if (lo <= (*this)[n].end) {
            gaps.emplace_back(lo, (*this)[n].end);
          }
          if ((*this)[n].end >= (*this)[root].end) {
            last_gap = false;
            break;
          }
        }
        continue;
      }
      if ((*this)[c].start > lo) {
        gaps.emplace_back(lo, (*this)[c].start - 1);
      }
      if ((*this)[c].end >= (*this)[root].end) {
        last_gap = false;
        break;
      }
      lo = (*this)[c].end + 1;
    }
    if (last_gap) {
      gaps.emplace_back(lo, (*this)[root].end);
    }
    u64 start = 0;
    auto fits = [&](std::pair<u64, u64> gap) {
      const u64 lo2 = std::max(gap.first, q.min), hi2 = std::min(gap.second, q.max);
      u64 aligned = lo2;
      if (const u64 rem = lo2 % align) {
        if (lo2 > kTop - (align - rem)) {
          return false; // aligning wrapped past 2^64
        }
        aligned = lo2 + (align - rem);
      }
      u64 s = aligned;
      if (q.callback) {
        s = choose_start(q.callback, aligned, hi2, q.size, align);
      } else if (q.top_down) { // the highest aligned start that fits
        if (hi2 < q.size - 1) {
          return false;
        }
        s = (hi2 - (q.size - 1)) / align * align;
      }
      const u64 e = s + q.size - 1;
      if (s > e || s < aligned || e > hi2) {
        return false;
      }
      start = s;
      return true;
    };
    const bool found = q.top_down ? std::find_if(gaps.rbegin(), gaps.rend(), fits) != gaps.rend()
                                  : std::find_if(gaps.begin(), gaps.end(), fits) != gaps.end();
    if (!found) {
      return out("alloc.no_space", kEbusy);
    }
    const u64 end = start + q.size - 1;
    if (placed >= 0) {
      const u64 os = (*this)[n].start, oe = (*this)[n].end;
      if (start <= os && end >= oe) {
        (*this)[n].start = start;
        (*this)[n].end = end;
        return out("alloc.realloc_grow", 0);
      }
      if (!(*this)[n].kids.empty()) {
        return out("alloc.realloc_has_children", kEbusy);
      }
      if (start >= os && end <= oe) {
        (*this)[n].start = start;
        (*this)[n].end = end;
        return out("alloc.realloc_shrink", 0);
      }
      release(n);
      (*this)[n].start = start;
      (*this)[n].end = end;
      const int c = claim(root, n);
      return out("alloc.realloc_move", c < 0 ? 0 : kEbusy);
    }
    (*this)[n].start = start;
    (*this)[n].end = end;
    const int c = claim(root, n);
    tag(q.callback ? "alloc.callback" : q.top_down ? "alloc.top_down" : "alloc.bottom_up");
    return c < 0 ? 0 : kEbusy;
  }

  // Busy regions (__request_region): the conflict, or -1. The node's range,
  // flags and descriptor are set before each attempt, so they stay set on
  // failure (kin's documented behaviour; the kernel's node is freed then).
  int request_region(int p, int n, u64 s, u64 size, u64 flags) {
    (*this)[n].start = s;
    (*this)[n].end = s + size - 1;
    bool nested = false;
    for (;;) {
      (*this)[n].flags = ((*this)[p].flags & (flag::type_bits | flag::ext_type_bits)) | flag::busy | flags;
      (*this)[n].desc = (*this)[p].desc;
      const int c = claim(p, n);
      if (c < 0) {
        return out(nested ? "region.nested" : "region.top", -1);
      }
      if (c == p) {
        return out(s + size - 1 < s ? "region.wrapped" : nested ? "region.outside_container" : "region.parent", c);
      }
      if ((*this)[c].flags & flag::busy) {
        // Both muxed: the kernel waits for the holder; kin returns it.
        return out((flags & flag::muxed) && ((*this)[c].flags & flag::muxed) ? "region.muxed" : "region.busy", c);
      }
      p = c; // a container that is not busy: try again inside it
      nested = true;
    }
  }

  // __release_region: the node unlinked, or -1 ("nonexistent resource").
  int release_region(int p, u64 s, u64 size) {
    const u64 e = s + size - 1;
    bool nested = false;
    for (;;) {
      int found = -1;
      for (int c : (*this)[p].kids) {
        if (contains(c, s, e)) {
          found = c;
          break;
        }
      }
      if (found < 0) {
        return out("release_region.none", -1);
      }
      if (!((*this)[found].flags & flag::busy)) {
        p = found;
        nested = true;
        continue;
      }
      if ((*this)[found].start != s || (*this)[found].end != e) {
        return out("release_region.inexact", -1);
      }
      release(found);
      return out(nested ? "release_region.nested" : "release_region.top", found);
    }
  }

  // reserve_region_with_split. `make(s, e)` gives a free node id (or -1),
  // `drop(id)` takes one back. Pieces are BUSY with the root's type bits and
  // descriptor none (kin's documented values; the notes say only BUSY).
  template <class Make, class Drop>
  split_outcome reserve(int root, u64 s, u64 e, Make make, Drop drop) {
    split_outcome result;
    const u64 rs = (*this)[root].start, re = (*this)[root].end;
    if (s < rs || e > re) {
      result.clipped = true;
      if (s > re || e < rs) {
        result.error = kEinval;
        return out("reserve.outside", result);
      }
      s = std::max(s, rs);
      e = std::min(e, re);
    }
    bool split = false, dropped = false;
    auto piece = [&](u64 ps, u64 pe) {
      const int id = make(ps, pe);
      if (id >= 0) {
        (*this)[id].start = ps;
        (*this)[id].end = pe;
        (*this)[id].flags = ((*this)[root].flags & flag::type_bits) | flag::busy;
        (*this)[id].desc = 0;
      }
      return id;
    };
    std::deque<int> pieces;
    if (const int first = piece(s, e); first >= 0) {
      pieces.push_back(first);
    } else {
      result.error = -12;
    }
    while (!pieces.empty()) {
      const int cur = pieces.front();
      const int c = claim(root, cur);
      if (c < 0) {
        ++result.placed;
        pieces.pop_front();
        continue;
      }
      const u64 cs = (*this)[c].start, ce = (*this)[c].end, ps = (*this)[cur].start, pe = (*this)[cur].end;
      if (cs <= ps && ce >= pe) { // covers the piece
        drop(cur);
        dropped = true;
        pieces.pop_front();
      } else if (cs > ps) { // starts inside it: cut before, queue what lies beyond
        (*this)[cur].end = cs - 1;
        if (ce < pe) {
          const int rest = piece(ce + 1, pe);
          if (rest < 0) { // not reached: the driver keeps enough free nodes
            result.error = -12;
            break;
          }
          pieces.push_back(rest);
          split = true;
        }
      } else { // starts at or before it
        (*this)[cur].start = ce + 1;
      }
    }
    tag(result.clipped                ? "reserve.clipped"
        : split                       ? "reserve.split"
        : dropped && !result.placed   ? "reserve.dropped"
                                      : "reserve.plain");
    return result;
  }

  int lookup(int root, u64 start) {
    for (int c : (*this)[root].kids) {
      if ((*this)[c].start == start) {
        return out("lookup.found", c);
      }
    }
    return out("lookup.none", -1);
  }

  // region_intersects, the v6.13 rules: 0 intersects, 1 disjoint, 2 mixed.
  int intersects(int root, u64 s, u64 size, u64 flags, int desc) {
    const u64 e = s + size - 1;
    auto typed = [&](int i) { return ((*this)[i].flags & flags) == flags && (desc == 0 || (*this)[i].desc == desc); };
    int n_typed = 0, n_other = 0;
    for (int top : (*this)[root].kids) {
      if (!overlaps(top, s, e)) {
        continue;
      }
      if (typed(top)) {
        ++n_typed;
        continue;
      }
      // Its typed descendants that overlap the region, clipped to its overlap.
      const u64 from = std::max((*this)[top].start, s), to = std::min((*this)[top].end, e);
      std::vector<std::pair<u64, u64>> cover;
      std::vector<int> stack((*this)[top].kids.begin(), (*this)[top].kids.end());
      while (!stack.empty()) {
        const int d = stack.back();
        stack.pop_back();
        stack.insert(stack.end(), (*this)[d].kids.begin(), (*this)[d].kids.end());
        if (overlaps(d, s, e) && typed(d)) {
          ++n_typed;
          cover.emplace_back(std::max((*this)[d].start, from), std::min((*this)[d].end, to));
        }
      }
      std::sort(cover.begin(), cover.end());
      u64 next = from; // the first address not yet covered
      bool covered = false;
      for (const auto& [cs, ce] : cover) {
        if (cs > next) {
          break;
        }
        if (ce >= to) {
          covered = true;
          break;
        }
        next = std::max(next, ce + 1);
      }
      if (!covered) {
        ++n_other;
      }
    }
    const int r = n_typed == 0 ? 1 : n_other == 0 ? 0 : 2;
    return out(r == 0 ? "intersects.intersects" : r == 1 ? "intersects.disjoint" : "intersects.mixed", r);
  }

  // The rules resource_check checks, below `root`: start <= end; inside the
  // parent below the top level; each sibling after the previous one.
  bool well_formed(int root) const {
    std::vector<int> stack{root};
    while (!stack.empty()) {
      const int p = stack.back();
      stack.pop_back();
      const auto& kids = (*this)[p].kids;
      for (std::size_t i = 0; i < kids.size(); ++i) {
        const mres& k = (*this)[kids[i]];
        if (k.start > k.end || (p != root && (k.start < (*this)[p].start || k.end > (*this)[p].end)) ||
            (i > 0 && k.start <= (*this)[kids[i - 1]].end)) {
          return false;
        }
        stack.push_back(kids[i]);
      }
    }
    return true;
  }

  // "3[10-1f f=80000200 d=0](4[...] 5[...])".
  std::string describe(int n) const {
    const mres& m = (*this)[n];
    std::string s = format("%d[%llx-%llx f=%llx d=%d]", n, static_cast<unsigned long long>(m.start),
                           static_cast<unsigned long long>(m.end), static_cast<unsigned long long>(m.flags), m.desc);
    if (!m.kids.empty()) {
      s += "(";
      for (std::size_t i = 0; i < m.kids.size(); ++i) {
        s += (i ? " " : "") + describe(m.kids[i]);
      }
      s += ")";
    }
    return s;
  }
  // Every tree of the pool: the root's, then each detached node.
  std::string describe_all() const {
    std::string s;
    for (std::size_t i = 0; i < r_.size(); ++i) {
      const int n = static_cast<int>(i);
      if ((*this)[n].parent < 0 && (n == 0 || !(*this)[n].kids.empty())) {
        s += (s.empty() ? "" : "\n    ") + describe(n);
      }
    }
    return s;
  }

private:
  void tag(const char* t) { tag_ = t; }
  template <class T>
  T out(const char* t, T v) {
    tag_ = t;
    return v;
  }
  std::vector<mres> r_;
  const char* tag_ = "";
};

// ---- foreign C structs with resource traits --------------------------------

// The kernel's struct resource shape, through kin::singly_policy.
struct kres {
  u64 start = 0, end = 0;
  const char* name = nullptr;
  unsigned long flags = 0;
  unsigned long desc = 0;
  kres *parent = nullptr, *sibling = nullptr, *child = nullptr;
};
struct kres_access {
  using node = kres;
  using node_ptr = kres*;
  using const_node_ptr = const kres*;
  static node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static node_ptr get_first_child(const_node_ptr n) noexcept { return n->child; }
  static node_ptr get_next_sibling(const_node_ptr n) noexcept { return n->sibling; }
  static void set_parent(node_ptr n, node_ptr v) noexcept { n->parent = v; }
  static void set_first_child(node_ptr n, node_ptr v) noexcept { n->child = v; }
  static void set_next_sibling(node_ptr n, node_ptr v) noexcept { n->sibling = v; }
  static bool is_linked(const_node_ptr n) noexcept { return n->parent != nullptr; }
};
// Its own value traits: the resource accessors on the struct itself.
struct kres_traits : kin::singly_policy<kres_access> {
  static u64 get_start(const kres* n) noexcept { return n->start; }
  static u64 get_end(const kres* n) noexcept { return n->end; }
  static u64 get_flags(const kres* n) noexcept { return n->flags; }
  static int get_desc(const kres* n) noexcept { return static_cast<int>(n->desc); }
  static std::string_view get_name(const kres* n) noexcept { return n->name ? std::string_view(n->name) : std::string_view(); }
  static void set_range(kres* n, u64 s, u64 e) noexcept {
    n->start = s;
    n->end = e;
  }
  static void set_flags(kres* n, u64 f) noexcept { n->flags = static_cast<unsigned long>(f); }
  static void set_desc(kres* n, int d) noexcept { n->desc = static_cast<unsigned long>(d); }
};
static_assert(kin::region_resource_traits<kres_traits> && !kin::bidirectional_tree_traits<kres_traits>);

// Baoquan He's list_head resource (the kernel's self-linked convention for
// an unlinked node), through kin::list_policy.
struct list_head {
  list_head *next, *prev;
};
struct lres {
  u64 start = 0, end = 0;
  const char* name = nullptr;
  unsigned long flags = 0;
  unsigned long desc = 0;
  lres* parent = nullptr;
  list_head sibling;
  list_head child;
  lres() {
    sibling.next = sibling.prev = &sibling;
    child.next = child.prev = &child;
  }
  lres(const lres&) = delete;
  lres& operator=(const lres&) = delete;
};
struct lres_access {
  using node = lres;
  using node_ptr = lres*;
  using const_node_ptr = const lres*;
  using link = list_head;
  static constexpr bool unlinked_is_self_linked = true;
  static node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static void set_parent(node_ptr n, node_ptr v) noexcept { n->parent = v; }
  static link* sibling_link(node_ptr n) noexcept { return &n->sibling; }
  static link* child_link(node_ptr n) noexcept { return &n->child; }
  static node_ptr from_sibling_link(link* l) noexcept {
    return reinterpret_cast<lres*>(reinterpret_cast<char*>(l) - offsetof(lres, sibling));
  }
};
struct lres_traits : kin::list_policy<lres_access> {
  static u64 get_start(const lres* n) noexcept { return n->start; }
  static u64 get_end(const lres* n) noexcept { return n->end; }
  static u64 get_flags(const lres* n) noexcept { return n->flags; }
  static int get_desc(const lres* n) noexcept { return static_cast<int>(n->desc); }
  static std::string_view get_name(const lres* n) noexcept { return n->name ? std::string_view(n->name) : std::string_view(); }
  static void set_range(lres* n, u64 s, u64 e) noexcept {
    n->start = s;
    n->end = e;
  }
  static void set_flags(lres* n, u64 f) noexcept { n->flags = static_cast<unsigned long>(f); }
  static void set_desc(lres* n, int d) noexcept { n->desc = static_cast<unsigned long>(d); }
};
static_assert(kin::region_resource_traits<lres_traits> && kin::bidirectional_tree_traits<lres_traits>);

// ---- the step driver -------------------------------------------------------

// The operations, in the order apply() numbers them.
enum class op : unsigned {
  request,
  insert,
  expand_to_fit,
  release,
  remove,
  release_children,
  adjust,
  allocate,
  request_region,
  release_region,
  reserve_split,
  lookup,
  intersects,
  count
};
inline constexpr unsigned kOpCount = static_cast<unsigned>(op::count);
inline constexpr const char* kOpNames[kOpCount] = {
    "request_resource", "insert_resource",     "insert_resource_expand_to_fit", "release_resource",
    "remove_resource",  "release_child_resources", "adjust_resource",           "allocate_resource",
    "request_region",   "release_region",      "reserve_region_with_split",     "lookup_resource",
    "region_intersects"};
// How often step() draws each: the claims and the releases balance, so the
// tree stays at a few dozen nodes with the pool in use.
inline constexpr unsigned kOpWeights[kOpCount] = {14, 14, 5, 5, 5, 1, 10, 14, 12, 6, 5, 3, 4};

// The alignment callback functor kin calls (choose_start on kin's window).
struct align_callback {
  int kind;
  u64 operator()(kin::window avail, u64 size, u64 align) const noexcept {
    return choose_start(kind, avail.start, avail.end, size, align);
  }
};

template <kin::region_resource_traits R>
class harness {
public:
  using V = std::remove_pointer_t<kin::value_ptr<R>>;

  // A pool of `n` nodes; node 0 is the root, [0, 2^64 - 1], MEM.
  explicit harness(std::size_t n = 40) : nodes_(new V[n]), m_(n) {
    set(0, 0, kTop, flag::mem, 0);
  }

  V* node(int i) const { return i < 0 ? nullptr : &nodes_[static_cast<std::size_t>(i)]; }
  int id(const V* p) const { return p ? static_cast<int>(p - nodes_.get()) : -1; }
  const model& reference() const { return m_; }
  // How often each outcome of the model's operations happened.
  const std::map<std::string, long>& outcomes() const { return outcomes_; }

  // One operation drawn from `src`, with its parameters.
  template <class Src>
  std::string step(Src& src) {
    unsigned total = 0;
    for (unsigned w : kOpWeights) total += w;
    u64 k = src.below(total);
    unsigned o = 0;
    while (k >= kOpWeights[o]) k -= kOpWeights[o++];
    return apply(o, src);
  }

  // Operation `o` (op's numbering; taken modulo kOpCount), its parameters
  // drawn from `src`.
  template <class Src>
  std::string apply(unsigned o, Src& src) {
    before_ = m_;
    what_.clear();
    std::string err = run(static_cast<op>(o % kOpCount), src);
    if (err.empty()) err = compare();
    if (!err.empty()) {
      return what_ + ": " + err + "\n  model before: " + before_.describe_all() + "\n  model after:  " +
             m_.describe_all() + "\n  kin after:    " + describe_kin();
    }
    if (!what_.empty()) {
      ++outcomes_[m_.outcome()];
      for (std::size_t i = 1; i < m_.size(); ++i)
        if (m_[static_cast<int>(i)].end == kTop && m_.top_of(static_cast<int>(i)) == 0) {
          ++outcomes_["tree.ends_at_top"];
          break;
        }
    }
    // Compared again only when something was put back.
    const bool repaired = repair();
    const bool recycled = recycle();
    return repaired || recycled ? compare_after("after putting nodes back: ") : std::string();
  }

  // The whole pool, kin against the model: parent, children in order,
  // range, flags, descriptor; kin::verify on every tree; resource_check
  // against the model's own check.
  std::string compare() const {
    for (std::size_t i = 0; i < m_.size(); ++i) {
      const int n = static_cast<int>(i);
      const V* v = node(n);
      const mres& m = m_[n];
      if (const int p = id(kin::parent<R>(v)); p != m.parent)
        return format("node %d: kin's parent is %d, the model's %d", n, p, m.parent);
      std::vector<int> kids;
      for (const V* c = kin::first_child<R>(v); c && kids.size() <= m_.size(); c = kin::next_sibling<R>(c))
        kids.push_back(id(c));
      if (kids != m.kids) return format("node %d: kin's children are", n) + ids(kids) + ", the model's" + ids(m.kids);
      if (R::get_start(v) != m.start || R::get_end(v) != m.end || static_cast<u64>(R::get_flags(v)) != m.flags ||
          static_cast<int>(R::get_desc(v)) != m.desc)
        return format("node %d: kin has [%llx-%llx f=%llx d=%d], the model [%llx-%llx f=%llx d=%d]", n,
                      ull(R::get_start(v)), ull(R::get_end(v)), ull(R::get_flags(v)), int(R::get_desc(v)),
                      ull(m.start), ull(m.end), ull(m.flags), m.desc);
      if (m.parent < 0 && (n == 0 || !m.kids.empty())) {
        if (auto r = kin::verify<R>(v); !r) return format("kin::verify on the tree of %d: %s", n, kin::describe(r.error));
      }
    }
    if (bool(kin::resource_check<R>(node(0))) != m_.well_formed(0))
      return format("kin::resource_check says %s, the model %s", kin::resource_check<R>(node(0)) ? "ok" : "broken",
                    m_.well_formed(0) ? "ok" : "broken");
    return {};
  }

  std::string describe_kin() const {
    std::string s;
    for (std::size_t i = 0; i < m_.size(); ++i) {
      const V* v = node(static_cast<int>(i));
      if (!kin::parent<R>(v) && (i == 0 || kin::first_child<R>(v))) s += (s.empty() ? "" : "\n    ") + describe_kin(v);
    }
    return s;
  }

private:
  static unsigned long long ull(u64 v) { return static_cast<unsigned long long>(v); }
  static std::string ids(const std::vector<int>& v) {
    std::string s;
    for (int i : v) s += " " + std::to_string(i);
    return s.empty() ? " none" : s;
  }

  std::string describe_kin(const V* v) const {
    std::string s = format("%d[%llx-%llx f=%llx d=%d]", id(v), ull(R::get_start(v)), ull(R::get_end(v)),
                           ull(R::get_flags(v)), int(R::get_desc(v)));
    if (const V* c = kin::first_child<R>(v)) {
      s += "(";
      for (std::size_t k = 0; c && k <= m_.size(); c = kin::next_sibling<R>(c), ++k) {
        s += (k ? " " : "") + describe_kin(c);
      }
      s += ")";
    }
    return s;
  }

  // Sets a node's fields on both sides.
  void set(int n, u64 s, u64 e, u64 f, int d) {
    R::set_range(node(n), s, e);
    R::set_flags(node(n), f);
    R::set_desc(node(n), d);
    m_[n].start = s;
    m_[n].end = e;
    m_[n].flags = f;
    m_[n].desc = d;
  }

  // ---- what the parameters are drawn from (the model's state, which is
  // kin's: they were compared after the previous step).
  std::vector<int> in_tree() const {
    std::vector<int> out;
    for (std::size_t i = 0; i < m_.size(); ++i)
      if (m_.top_of(static_cast<int>(i)) == 0) out.push_back(static_cast<int>(i));
    return out;
  }
  std::vector<int> free_nodes() const {
    std::vector<int> out;
    for (std::size_t i = 1; i < m_.size(); ++i)
      if (m_[static_cast<int>(i)].parent < 0 && m_[static_cast<int>(i)].kids.empty()) out.push_back(static_cast<int>(i));
    return out;
  }
  template <class Src>
  static int pick(Src& src, const std::vector<int>& from) {
    return from.empty() ? -1 : from[static_cast<std::size_t>(src.below(from.size()))];
  }
  // A node of the tree; the root a third of the time.
  template <class Src>
  int pick_parent(Src& src) {
    return src.below(3) == 0 ? 0 : pick(src, in_tree());
  }
  // A node below the root, or -1.
  template <class Src>
  int pick_linked(Src& src) {
    std::vector<int> t = in_tree();
    t.erase(t.begin()); // the root is 0, the first
    return pick(src, t);
  }
  template <class Src>
  int pick_kid(Src& src, int p) {
    return pick(src, m_[p].kids);
  }

  // Addresses: mostly in [0, 255], some at a node's edge, some in the last
  // 256 bytes below 2^64, a few anywhere.
  template <class Src>
  u64 addr(Src& src) {
    const u64 k = src.below(16);
    if (k < 9) return src.below(256);
    if (k < 12) {
      const int n = pick_linked(src);
      if (n >= 0) return (src.below(2) ? m_[n].start : m_[n].end) + src.below(3) - 1;
      return src.below(256);
    }
    if (k < 15) return kTop - src.below(256);
    return src.below(0);
  }
  // Ranges: an existing node's (exact-equal ranges are frequent), one inside
  // a node, one around a run of siblings, near 2^64 - 1, inverted, small.
  template <class Src>
  std::pair<u64, u64> range(Src& src) {
    const int n = pick_linked(src);
    switch (src.below(12)) {
    case 0:
    case 1:
      if (n >= 0) return {m_[n].start, m_[n].end};
      break;
    case 2:
      if (n >= 0) {
        const u64 s = m_[n].start + src.below(m_[n].end - m_[n].start + 1);
        return {s, s + src.below(m_[n].end - s + 1)};
      }
      break;
    case 3:
      if (n >= 0) {
        const auto& sibs = m_[m_[n].parent].kids;
        const std::size_t i = m_.index_in_parent(n);
        const std::size_t j = std::min(sibs.size() - 1, i + static_cast<std::size_t>(src.below(3)));
        return {m_[n].start - src.below(4), m_[sibs[j]].end + src.below(4)};
      }
      break;
    case 4: {
      const u64 s = kTop - src.below(64);
      return {s, s + src.below(kTop - s + 1)};
    }
    case 5: {
      const u64 s = addr(src);
      return {s, s - 1 - src.below(4)}; // inverted (or, from 0, wrapped to the top)
    }
    default:
      break;
    }
    const u64 s = src.below(256);
    return {s, s + src.below(48)};
  }
  // Sizes for the operations that take start and size: some wrap
  // start + size - 1 past 2^64, some are 0.
  template <class Src>
  u64 size_for(Src& src, u64 start) {
    switch (src.below(16)) {
    case 0:
      return 0;
    case 1:
      return (kTop - start) + 2 + src.below(8); // start + size - 1 wraps past 2^64
    case 2:
      return u64{1} << 63;
    default:
      return 1 + src.below(48);
    }
  }
  template <class Src>
  u64 new_flags(Src& src) {
    static constexpr u64 choices[] = {flag::mem,
                                      flag::mem | flag::busy,
                                      flag::mem | flag::sysram | flag::busy,
                                      flag::mem | flag::sysram,
                                      flag::io,
                                      flag::io | flag::busy,
                                      flag::mem | flag::muxed | flag::busy,
                                      flag::mem | flag::muxed,
                                      0,
                                      flag::mem | flag::busy | flag::exclusive};
    return choices[src.below(std::size(choices))];
  }
  template <class Src>
  int new_desc(Src& src) {
    return src.below(2) ? 0 : static_cast<int>(src.below(4));
  }
  // A range for a claim under `p`: half the time inside `p` (below the
  // root), or one of its children's, so that claims get past the parent.
  template <class Src>
  std::pair<u64, u64> range_under(Src& src, int p) {
    if (p != 0 && src.below(2)) {
      if (const int k = pick_kid(src, p); k >= 0 && src.below(3) == 0) return {m_[k].start, m_[k].end};
      const u64 len = m_[p].end - m_[p].start + 1; // 0: all of 2^64
      const u64 s = m_[p].start + src.below(len);
      const u64 room = m_[p].end - s + 1;
      return {s, s + src.below(room == 0 || room > 48 ? 48 : room)};
    }
    return range(src);
  }
  // Gives free node `n` a fresh range (for a claim under `p`), flags and
  // descriptor.
  template <class Src>
  void fresh(Src& src, int n, int p) {
    const auto [s, e] = range_under(src, p);
    set(n, s, e, new_flags(src), new_desc(src));
  }

  std::string expect_id(const char* what, int kin_id, int model_id) {
    return kin_id == model_id ? std::string() : format("%s: kin gives node %d, the model %d", what, kin_id, model_id);
  }
  std::string expect_int(const char* what, int kin_v, int model_v) {
    return kin_v == model_v ? std::string() : format("%s: kin returns %d, the model %d", what, kin_v, model_v);
  }

  template <class Src>
  std::string run(op o, Src& src) {
    switch (o) {
    case op::request:
    case op::insert: {
      const bool insert = o == op::insert;
      const int p = pick_parent(src);
      int n = -1;
      if (src.below(16) == 0) {
        n = pick_kid(src, p); // a double request or insert
      }
      if (n < 0) {
        n = pick(src, free_nodes());
        if (n < 0) return {};
        fresh(src, n, p);
      }
      const bool conflict_form = src.below(2);
      what_ = format("%s%s(%d, %d [%llx-%llx])", kOpNames[static_cast<unsigned>(o)], conflict_form ? "_conflict" : "", p, n,
                     ull(m_[n].start), ull(m_[n].end));
      const int expected = insert ? m_.insert(p, n) : m_.claim(p, n);
      if (conflict_form) {
        const int got = id(insert ? kin::insert_resource_conflict<R>(node(p), node(n))
                                  : kin::request_resource_conflict<R>(node(p), node(n)));
        return expect_id("conflict", got, expected);
      }
      const int got = insert ? kin::insert_resource<R>(node(p), node(n)) : kin::request_resource<R>(node(p), node(n));
      return expect_int("result", got, expected < 0 ? 0 : kEbusy);
    }
    case op::expand_to_fit: {
      const int root = pick_parent(src);
      int n = src.below(16) == 0 ? pick_linked(src) : -1;
      if (n < 0) {
        n = pick(src, free_nodes());
        if (n < 0) return {};
        fresh(src, n, root);
      }
      what_ = format("insert_resource_expand_to_fit(%d, %d [%llx-%llx])", root, n, ull(m_[n].start), ull(m_[n].end));
      const int expected = m_.expand_to_fit(root, n);
      return expect_int("result", kin::insert_resource_expand_to_fit<R>(node(root), node(n)), expected);
    }
    case op::release:
    case op::remove: {
      int n = src.below(8) == 0 ? static_cast<int>(src.below(m_.size())) : pick_linked(src);
      if (n < 0) n = 0;
      what_ = format("%s(%d)", kOpNames[static_cast<unsigned>(o)], n);
      if (o == op::release) {
        const int expected = m_.release(n);
        return expect_int("result", kin::release_resource<R>(node(n)), expected);
      }
      const int expected = m_.remove(n);
      return expect_int("result", kin::remove_resource<R>(node(n)), expected);
    }
    case op::release_children: {
      int r = src.below(4) == 0 ? 0 : pick_linked(src);
      if (r < 0) r = 0;
      what_ = format("release_child_resources(%d)", r);
      m_.release_children(r);
      kin::release_child_resources<R>(node(r));
      return {};
    }
    case op::adjust: {
      int n = src.below(16) == 0 ? static_cast<int>(src.below(m_.size())) : pick_linked(src);
      if (n < 0) n = 0;
      u64 s, size;
      if (src.below(2)) { // nudge its own range
        s = m_[n].start + src.below(5) - 2;
        size = (m_[n].end - m_[n].start + 1) + src.below(5) - 2;
      } else {
        s = addr(src);
        size = size_for(src, s);
      }
      what_ = format("adjust_resource(%d, %llx, %llx)", n, ull(s), ull(size));
      adjusted_ = n;
      adjusted_from_ = {m_[n].start, m_[n].end};
      const int expected = m_.adjust(n, s, size);
      return expect_int("result", kin::adjust_resource<R>(node(n), s, size), expected);
    }
    case op::allocate: {
      const int root = pick_parent(src);
      int n = -1;
      const u64 who = src.below(16);
      if (who < 4) n = pick_kid(src, root); // re-allocation
      else if (who == 4) n = pick_linked(src); // placed elsewhere (or under root)
      if (n < 0) {
        n = pick(src, free_nodes());
        if (n < 0) return {};
        fresh(src, n, root);
      }
      alloc_request q;
      switch (src.below(8)) {
      case 0: q.size = 0; break;
      case 1: q.size = u64{1} << src.below(64); break;
      case 2: q.size = (m_[n].end - m_[n].start + 1) + src.below(5) - 2; break; // about its own size
      default: q.size = 1 + src.below(32);
      }
      q.min = src.below(2) ? 0 : addr(src);
      q.max = src.below(2) ? kTop : addr(src);
      static constexpr u64 aligns[] = {0, 1, 1, 2, 4, 8, 16, 64, u64{1} << 63, 3, 24};
      q.align = aligns[src.below(std::size(aligns))];
      if (m_[n].parent == root && src.below(2)) { // about its own size and place: grown or shrunk in place
        q.size = (m_[n].end - m_[n].start + 1) + src.below(5) - 2;
        q.min = m_[n].start - src.below(3);
        q.max = m_[n].end + src.below(3);
        q.align = src.below(2);
      }
      q.top_down = src.below(2);
      q.callback = src.below(2) ? 0 : static_cast<int>(1 + src.below(3));
      what_ = format("allocate_resource(%d, %d [%llx-%llx], size %llx, min %llx, max %llx, align %llx, %s, callback %d)",
                     root, n, ull(m_[n].start), ull(m_[n].end), ull(q.size), ull(q.min), ull(q.max), ull(q.align),
                     q.top_down ? "top-down" : "bottom-up", q.callback);
      const int expected = m_.allocate(root, n, q);
      const kin::resource_constraint c{q.min, q.max, q.align,
                                       q.top_down ? kin::allocation_order::top_down : kin::allocation_order::bottom_up};
      const int got = q.callback ? kin::allocate_resource<R>(node(root), node(n), q.size, c, align_callback{q.callback})
                                 : kin::allocate_resource<R>(node(root), node(n), q.size, c);
      return expect_int("result", got, expected);
    }
    case op::request_region: {
      const int p = pick_parent(src);
      const int n = pick(src, free_nodes());
      if (n < 0) return {};
      u64 s, size;
      if (const int like = src.below(3) == 0 ? pick_linked(src) : -1; like >= 0) {
        s = m_[like].start + (src.below(4) == 0 ? 1 : 0);
        size = m_[like].end - m_[like].start + 1 - (src.below(4) == 0 ? 2 : 0);
      } else if (src.below(2)) {
        const auto r = range_under(src, p);
        s = r.first;
        size = r.second - r.first + 1;
      } else {
        s = addr(src);
        size = size_for(src, s);
      }
      static constexpr u64 caller_flags[] = {0, 0, flag::muxed, flag::muxed, flag::exclusive};
      const u64 f = caller_flags[src.below(std::size(caller_flags))];
      const bool conflict_form = src.below(2);
      what_ = format("request_region%s(%d, %d, %llx, %llx, flags %llx)", conflict_form ? "_conflict" : "", p, n, ull(s),
                     ull(size), ull(f));
      const int expected = m_.request_region(p, n, s, size, f);
      if (conflict_form) return expect_id("conflict", id(kin::request_region_conflict<R>(node(p), node(n), s, size, f)), expected);
      return expect_int("result", kin::request_region<R>(node(p), node(n), s, size, f), expected < 0 ? 0 : kEbusy);
    }
    case op::release_region: {
      const int p = pick_parent(src);
      u64 s, size;
      if (const int like = src.below(3) ? pick_linked(src) : -1; like >= 0) {
        s = m_[like].start;
        size = m_[like].end - m_[like].start + 1;
        if (src.below(6) == 0) size -= 1;
      } else {
        s = addr(src);
        size = size_for(src, s);
      }
      what_ = format("release_region(%d, %llx, %llx)", p, ull(s), ull(size));
      const int expected = m_.release_region(p, s, size);
      return expect_id("released", id(kin::release_region<R>(node(p), s, size)), expected);
    }
    case op::reserve_split: {
      const int root = pick_parent(src);
      // Enough free nodes for every piece: one more than the children.
      if (free_nodes().size() < m_[root].kids.size() + 2) return {};
      u64 s, e;
      if (src.below(3) == 0) {
        s = addr(src);
        e = s + src.below(256);
      } else {
        std::tie(s, e) = range(src);
      }
      what_ = format("reserve_region_with_split(%d, %llx, %llx)", root, ull(s), ull(e));
      // Each side takes the lowest free node and gives dropped ones back.
      std::vector<int> kin_free = free_nodes(), model_free = kin_free;
      auto take = [](std::vector<int>& f) {
        if (f.empty()) return -1;
        const int n = f.front();
        f.erase(f.begin());
        return n;
      };
      auto give = [](std::vector<int>& f, int n) { f.insert(std::lower_bound(f.begin(), f.end(), n), n); };
      std::vector<std::pair<u64, u64>> kin_made, model_made;
      const split_outcome expected = m_.reserve(
          root, s, e,
          [&](u64 a, u64 b) {
            model_made.emplace_back(a, b);
            return take(model_free);
          },
          [&](int n) { give(model_free, n); });
      const kin::split_reservation got = kin::reserve_region_with_split<R>(
          node(root), s, e,
          [&](u64 a, u64 b) {
            kin_made.emplace_back(a, b);
            return node(take(kin_free));
          },
          [&](V* n) { give(kin_free, id(n)); });
      if (kin_made != model_made) return "the pieces asked for differ";
      if (kin_free != model_free) return "the nodes dropped differ";
      const split_outcome g{got.error, got.clipped, got.placed};
      if (!(g == expected))
        return format("kin gives error %d, clipped %d, placed %zu; the model %d, %d, %zu", g.error, int(g.clipped),
                      g.placed, expected.error, int(expected.clipped), expected.placed);
      return {};
    }
    case op::lookup: {
      const int p = pick_parent(src);
      const int k = pick_kid(src, p);
      const u64 s = k >= 0 && src.below(3) ? m_[k].start : addr(src);
      what_ = format("lookup_resource(%d, %llx)", p, ull(s));
      const int expected = m_.lookup(p, s);
      return expect_id("found", id(kin::lookup_resource<R>(node(p), s)), expected);
    }
    case op::intersects: {
      const int p = src.below(4) ? 0 : pick_parent(src);
      const u64 s = addr(src);
      u64 size = 1 + src.below(64);
      if (s + size - 1 < s) size = kTop - s + 1; // no wrap: the notes do not say what it means here
      static constexpr u64 types[] = {flag::mem, flag::mem | flag::busy, flag::mem | flag::sysram | flag::busy,
                                      flag::mem | flag::sysram, flag::busy, flag::io};
      const u64 f = types[src.below(std::size(types))];
      const int d = new_desc(src);
      what_ = format("region_intersects(%d, %llx, %llx, flags %llx, desc %d)", p, ull(s), ull(size), ull(f), d);
      const int expected = m_.intersects(p, s, size, f, d);
      return expect_int("result", static_cast<int>(kin::region_intersects<R>(node(p), s, size, f, d)), expected);
    }
    case op::count:
      break;
    }
    return {};
  }

  // adjust_resource accepts a range whose end wrapped past 2^64 (see the
  // model's adjust): the tree is then not well formed, which the step has
  // just compared. Put the old range back so that the next operations meet
  // a well-formed tree, as they require; and the root back to everything.
  bool repair() {
    const int n = adjusted_;
    adjusted_ = -1;
    if (n < 0 || !(m_[n].end < m_[n].start || (n == 0 && (m_[n].start != 0 || m_[n].end != kTop)))) {
      return false;
    }
    const auto [s, e] = n == 0 ? std::pair<u64, u64>{0, kTop} : adjusted_from_;
    R::set_range(node(n), s, e);
    m_[n].start = s;
    m_[n].end = e;
    return true;
  }

  // Released subtrees go back to the pool node by node (kin::unlink, which
  // is not under test here).
  bool recycle() {
    bool any = false;
    for (std::size_t i = 1; i < m_.size(); ++i) {
      const int n = static_cast<int>(i);
      if (m_[n].parent >= 0 && m_.top_of(n) != 0) {
        kin::unlink<R>(node(n));
        auto& kids = m_[m_[n].parent].kids;
        kids.erase(std::find(kids.begin(), kids.end(), n));
        m_[n].parent = -1;
        any = true;
      }
    }
    return any;
  }

  std::string compare_after(const char* when) {
    std::string err = compare();
    return err.empty() ? err : when + err + "\n  model: " + m_.describe_all() + "\n  kin:   " + describe_kin();
  }

  std::unique_ptr<V[]> nodes_;
  model m_;
  model before_{0};
  std::string what_;
  int adjusted_ = -1;
  std::pair<u64, u64> adjusted_from_{};
  std::map<std::string, long> outcomes_;
};

} // namespace kin_resource_model

#endif
