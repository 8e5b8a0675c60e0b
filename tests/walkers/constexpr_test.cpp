// Compile-time trees: the algorithms, walkers, collected reverse walks, the
// callback walk and verify run in constant evaluation on the singly and
// compact layouts and over plain aggregates, so a static memory map can be
// built and checked by static_assert.
#include "test_support.hpp"

#include <kin/reverse.hpp>
#include <kin/walk.hpp>

namespace {

// Builds 0(1(3 4) 2) with kin's own operations, then reads it back: the
// digits of the pre-order (01342) then of the post-order (34120).
template <class Hook, class T>
constexpr int preorder_signature() {
  struct node : Hook {
    int id;
  };
  node n[5]{};
  for (int i = 0; i < 5; ++i) n[i].id = i;
  kin::link_last_child<T>(&n[0], &n[1]);
  kin::link_last_child<T>(&n[0], &n[2]);
  kin::link_last_child<T>(&n[1], &n[4]);
  kin::link_before<T>(&n[4], &n[3]);
  if (!kin::verify<T>(&n[0])) return -1;
  int signature = 0;
  for (auto* h : kin::preorder<T>(&n[0])) signature = signature * 10 + static_cast<node*>(h)->id;
  for (auto* h : kin::postorder<T>(&n[0])) signature = signature * 10 + static_cast<node*>(h)->id;
  kin::hoist_children<T>(&n[1]);
  if (!kin::verify<T>(&n[0]) || kin::child_count<T>(&n[0]) != 3) return -2;
  return signature;
}

static_assert(preorder_signature<kin::singly_hook, kin::singly_traits>() == 1342'34120);
static_assert(preorder_signature<kin::compact_hook, kin::compact_traits>() == 1342'34120);

TEST(Constexpr, SameResultAtRunTime) {
  EXPECT_EQ((preorder_signature<kin::singly_hook, kin::singly_traits>()), 134234120);
}

} // namespace

// A firmware-style memory map in static storage, as a plain aggregate with
// const links and a few lines of read-only traits: checked at compile time.
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
  for (auto* r : kin::descendants<traits>(&map[0]))
    if (r->ram) total += r->end - r->start + 1;
  return total;
}
constexpr unsigned long long highest_start_via_collect() {
  const region* buf[8] = {};
  auto r = kin::preorder_reverse<traits>(&map[0], kin::collect(buf));
  return r.fits() ? (*r.begin())->start : 0;
}
constexpr std::size_t visited_at_depth_one() {
  std::size_t n = 0;
  kin::walk<traits>(&map[0], [&](const region*, std::size_t) { ++n; return kin::walk_action::continue_walk; },
                    kin::no_ascend{}, 1);
  return n;
}

static_assert(kin::verify<traits>(&map[0]));
static_assert(ram_bytes() == 0x9f000 + 0x140000000);
static_assert(highest_start_via_collect() == 0x100000000);
static_assert(visited_at_depth_one() == 3);
static_assert(kin::depth<traits>(&map[2]) == 2);

} // namespace fw

// The same map with kin's own compact hooks, linked by kin's operations in a
// constexpr constructor, stored in a constexpr global and read back through
// kin::const_traits: natively backwards, at compile time.
namespace hooks {

struct region : kin::compact_hook {
  constexpr region(unsigned long long s, unsigned long long e) : start(s), end(e) {}
  unsigned long long start, end;
};

struct memory_map {
  region r[5]{{0, ~0ULL}, {0x1000, 0x9ffff}, {0x2000, 0x2fff}, {0xc0000000, 0xfebfffff}, {0x100000000, 0x23fffffff}};
  constexpr memory_map() {
    using T = kin::compact_traits;
    kin::link_last_child<T>(&r[0], &r[1]);
    kin::link_last_child<T>(&r[0], &r[3]);
    kin::link_last_child<T>(&r[0], &r[4]);
    kin::link_first_child<T>(&r[1], &r[2]);
  }
};
constexpr memory_map map;
using CT = kin::const_traits<kin::compact_traits>;
static_assert(kin::bidirectional_tree_traits<CT>);

constexpr unsigned long long mirrored_signature() {
  unsigned long long sig = 0;
  for (auto* h : kin::mirrored_preorder<CT>(&map.r[0])) sig = sig * 16 + (static_cast<const region*>(h) - map.r);
  return sig;
}

static_assert(kin::verify<CT>(&map.r[0]));
static_assert(mirrored_signature() == 0x04312); // 0, 4, 3, 1, 2
static_assert(static_cast<const region*>(kin::children_reverse<CT>(&map.r[0]).front())->start == 0x100000000);

} // namespace hooks

TEST(Constexpr, StaticMapsAlsoHoldAtRunTime) {
  EXPECT_EQ(fw::ram_bytes(), 0x9f000ULL + 0x140000000ULL);
  EXPECT_EQ(hooks::mirrored_signature(), 0x04312u);
}
