// SPDX-License-Identifier: BSL-1.0
// Compile-time trees, shared by the compile-only checks
// (compile_only/constexpr_checks.cpp, static_assert) and the run-time test
// of the same functions (walkers/constexpr_test.cpp): the algorithms,
// walkers, collected reverse walks, the callback traversal and verify in
// constant evaluation on the singly and compact layouts (kin's hooks through
// kin::base_hook) and over plain aggregates (their own value traits), so a
// static memory map can be built and checked by static_assert.
#ifndef KIN_TESTS_CONSTEXPR_MAPS_HPP
#define KIN_TESTS_CONSTEXPR_MAPS_HPP

#include <kin/algorithms.hpp>
#include <kin/layouts/compact.hpp>
#include <kin/layouts/singly.hpp>
#include <kin/queries.hpp>
#include <kin/reverse.hpp>
#include <kin/traverse.hpp>
#include <kin/verify.hpp>
#include <kin/walkers.hpp>

#include <cstddef>

namespace constexpr_test {

// Builds 0(1(3 4) 2) with kin's own operations, then reads it back: the
// digits of the pre-order (01342) then of the post-order (34120).
template <class Hook>
constexpr int preorder_signature() {
  struct node : Hook {
    int id;
  };
  using VT = kin::base_hook<node, Hook>;
  node n[5]{};
  for (int i = 0; i < 5; ++i) n[i].id = i;
  kin::link_last_child<VT>(&n[0], &n[1]);
  kin::link_last_child<VT>(&n[0], &n[2]);
  kin::link_last_child<VT>(&n[1], &n[4]);
  kin::link_before<VT>(&n[4], &n[3]);
  if (!kin::verify<VT>(&n[0])) return -1;
  int signature = 0;
  for (node& v : kin::preorder<VT>(&n[0])) signature = signature * 10 + v.id;
  for (node& v : kin::postorder<VT>(&n[0])) signature = signature * 10 + v.id;
  kin::hoist_children<VT>(&n[1]);
  if (!kin::verify<VT>(&n[0]) || kin::child_count<VT>(&n[0]) != 3) return -2;
  return signature;
}

} // namespace constexpr_test

// A firmware-style memory map in static storage, as a plain aggregate with
// const links and a few lines of read-only traits (its own value traits:
// walks yield `const region&`): checked at compile time.
namespace fw {

struct region {
  const region* parent;
  const region* sibling;
  const region* child;
  unsigned long long start, end;
  bool ram;
};

struct traits {
  using node = const region;
  using node_ptr = const region*;
  using const_node_ptr = const region*;
  static constexpr node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static constexpr node_ptr get_first_child(const_node_ptr n) noexcept { return n->child; }
  static constexpr node_ptr get_next_sibling(const_node_ptr n) noexcept { return n->sibling; }
};

//  root [0, 2^64)
//    [0x1000, 0x9ffff] RAM
//      [0x2000, 0x2fff] (firmware)
//    [0xc0000000, 0xfebfffff] PCI
//    [0x100000000, 0x23fffffff] RAM
constexpr region map[5] = {
    {nullptr, nullptr, &map[1], 0, ~0ULL, false},
    {&map[0], &map[3], &map[2], 0x1000, 0x9ffff, true},
    {&map[1], nullptr, nullptr, 0x2000, 0x2fff, false},
    {&map[0], &map[4], nullptr, 0xc0000000, 0xfebfffff, false},
    {&map[0], nullptr, nullptr, 0x100000000, 0x23fffffff, true},
};

constexpr unsigned long long ram_bytes() {
  unsigned long long total = 0;
  for (const region& r : kin::descendants<traits>(&map[0]))
    if (r.ram) total += r.end - r.start + 1;
  return total;
}
constexpr unsigned long long highest_start_via_collect() {
  const region* buf[8] = {};
  auto r = kin::preorder_reverse<traits>(&map[0], kin::collect(buf));
  return r.fits() ? r.begin()->start : 0;
}
constexpr std::size_t visited_at_depth_one() {
  std::size_t n = 0;
  kin::traverse<traits>(&map[0], [&](const region&, std::size_t) { ++n; return kin::traverse_action::proceed; },
                        kin::no_ascend{}, 1);
  return n;
}

} // namespace fw

// The same map with kin's own compact hooks, linked by kin's operations in a
// constexpr constructor through kin::base_hook, stored in a constexpr global
// and walked from a const pointer (const values; kin::const_traits is gone):
// natively backwards, and collected into const value pointers, at compile
// time.
namespace hooks {

struct region : kin::compact_hook<> {
  constexpr region(unsigned long long s, unsigned long long e) : start(s), end(e) {}
  unsigned long long start, end;
};
using VT = kin::base_hook<region, kin::compact_hook<>>;

struct memory_map {
  region r[5]{{0, ~0ULL}, {0x1000, 0x9ffff}, {0x2000, 0x2fff}, {0xc0000000, 0xfebfffff}, {0x100000000, 0x23fffffff}};
  constexpr memory_map() {
    kin::link_last_child<VT>(&r[0], &r[1]);
    kin::link_last_child<VT>(&r[0], &r[3]);
    kin::link_last_child<VT>(&r[0], &r[4]);
    kin::link_first_child<VT>(&r[1], &r[2]);
  }
};
constexpr memory_map map;

// kin::postorder_reverse is the mirrored pre-order (was kin::mirrored_preorder).
constexpr unsigned long long mirrored_signature() {
  unsigned long long sig = 0;
  for (const region& h : kin::postorder_reverse<VT>(&map.r[0])) sig = sig * 16 + static_cast<unsigned>(&h - map.r);
  return sig;
}
constexpr unsigned long long collected_signature() {
  const region* buf[5] = {};
  auto r = kin::preorder_reverse<VT>(&map.r[0], kin::collect(buf));
  if (!r.fits() || r.needed() != 5) return 0;
  unsigned long long sig = 0;
  for (const region& h : r) sig = sig * 16 + static_cast<unsigned>(&h - map.r);
  return sig;
}
constexpr unsigned long long collected_ancestors() {
  const region* buf[2] = {};
  auto r = kin::ancestors_reverse<VT>(&map.r[2], kin::collect(buf));
  unsigned long long sig = 0;
  for (const region& h : r) sig = sig * 16 + static_cast<unsigned>(&h - map.r);
  return r.fits() ? sig : 0;
}

} // namespace hooks

#endif
