// SPDX-License-Identifier: BSL-1.0
// The reverse grid, enumerated: every forward order (children, pre-order,
// descendants, post-order, leaves, ancestors) walked backwards with every
// strategy (native, collect into a buffer, collect_allocating, rescan) on
// every layout, from every start of random trees, equals the forward walk
// reversed, with one result protocol (ok(), needed()). The cells that must
// not exist (native on singly, native and rescan for ancestors) are counted
// here and are compile errors (tests/compile_fail/).
#include "test_support.hpp"

#include <algorithm>
#include <random>
#include <tuple>

namespace reverse_grid_test {

using namespace kin_test;
using V = std::vector<int>;

#define KIN_ORDER(name)                                                                   \
  struct name##_order {                                                                   \
    static constexpr const char* label = #name;                                           \
    static constexpr bool is_ancestors = std::string_view(#name) == "ancestors";          \
    template <class VT, class P>                                                          \
    static auto forward(P p) {                                                            \
      return kin::name<VT>(p);                                                            \
    }                                                                                     \
    template <class VT, class P, class S>                                                 \
    static auto backward(P p, S s) {                                                      \
      return kin::name##_reverse<VT>(p, s);                                               \
    }                                                                                     \
  };
KIN_ORDER(children)
KIN_ORDER(preorder)
KIN_ORDER(descendants)
KIN_ORDER(postorder)
KIN_ORDER(leaves)
KIN_ORDER(ancestors)
#undef KIN_ORDER

using orders = std::tuple<children_order, preorder_order, descendants_order, postorder_order, leaves_order,
                          ancestors_order>;

enum class strategy { native, collect, collect_allocating, rescan };

// The grid of the issue: which cells exist.
template <class L, class O>
constexpr bool exists(strategy s) {
  switch (s) {
  case strategy::native: return L::bidirectional && !O::is_ancestors;
  case strategy::rescan: return !O::is_ancestors;
  default: return true;
  }
}

template <class L>
constexpr int cells() {
  int n = 0;
  std::apply([&](auto... o) { ((n += exists<L, decltype(o)>(strategy::native) + exists<L, decltype(o)>(strategy::collect) +
                                     exists<L, decltype(o)>(strategy::collect_allocating) +
                                     exists<L, decltype(o)>(strategy::rescan)),
                               ...); },
             orders{});
  return n;
}
static_assert(cells<singly>() == 5 * 3 + 2);
static_assert(cells<list>() == 5 * 4 + 2 && cells<compact>() == 5 * 4 + 2);

template <class L>
class ReverseGrid : public ::testing::Test {};
TYPED_TEST_SUITE(ReverseGrid, all_layouts, layout_names);

// Checks one cell from one start; returns 1 when the cell exists.
template <class L, class O, strategy S>
int check_cell(typename L::node_type* start, std::size_t pool_size) {
  using VT = typename L::traits;
  if constexpr (!exists<L, O>(S)) {
    return 0;
  } else {
    V expected = ids<L>(O::template forward<VT>(start));
    std::reverse(expected.begin(), expected.end());
    std::vector<typename L::node_type*> buffer(pool_size);
    auto run = [&](auto strategy_value) {
      auto r = O::template backward<VT>(start, strategy_value);
      EXPECT_TRUE(r.fits()) << O::label;
      EXPECT_EQ(ids<L>(r), expected) << O::label << " strategy " << static_cast<int>(S);
      if constexpr (S == strategy::native || S == strategy::rescan) {
        EXPECT_EQ(r.needed(), 0u);
        // The result is bidirectional: walked from its end it is the forward order.
        V back;
        for (auto it = r.end(); it != r.begin();) back.push_back((--it)->id);
        std::reverse(back.begin(), back.end());
        EXPECT_EQ(back, expected) << O::label << " walked backwards";
      } else {
        EXPECT_EQ(r.needed(), expected.size()) << O::label;
      }
    };
    if constexpr (S == strategy::native) {
      run(kin::native);
    } else if constexpr (S == strategy::rescan) {
      run(kin::rescan);
    } else if constexpr (S == strategy::collect) {
      run(kin::collect(buffer));
      if (!expected.empty()) { // one entry short: nothing visited, the size it needs
        auto r = O::template backward<VT>(start, kin::collect(std::span(buffer).first(expected.size() - 1)));
        EXPECT_FALSE(r.fits());
        EXPECT_EQ(r.needed(), expected.size());
        EXPECT_TRUE(r.empty());
      }
    } else {
      run(kin::collect_allocating);
    }
    return 1;
  }
}

template <class L, class O>
int check_order(typename L::node_type* start, std::size_t pool_size) {
  return check_cell<L, O, strategy::native>(start, pool_size) + check_cell<L, O, strategy::collect>(start, pool_size) +
         check_cell<L, O, strategy::collect_allocating>(start, pool_size) +
         check_cell<L, O, strategy::rescan>(start, pool_size);
}

TYPED_TEST(ReverseGrid, EveryCellIsTheForwardWalkReversed) {
  using L = TypeParam;
  std::mt19937 rng(7);
  const long trees = 12 * scale();
  for (long t = 0; t < trees; ++t) {
    const std::size_t n = 1 + rng() % 24;
    pool<L> p(n);
    for (std::size_t i = 1; i < n; ++i) {
      // Random shapes: wide (parent 0), deep (the previous node) or anywhere.
      const std::size_t parent = rng() % 3 == 0 ? 0 : rng() % 3 == 0 ? i - 1 : rng() % i;
      kin::link_last_child<typename L::traits>(p[parent], p[i]);
    }
    ASSERT_TRUE(verified<L>(p[0]));
    for (std::size_t s = 0; s < n; ++s) {
      const int checked = std::apply([&](auto... o) { return (check_order<L, decltype(o)>(p[s], n) + ...); }, orders{});
      ASSERT_EQ(checked, cells<L>());
    }
  }
}

// A walk started from a const value yields const values in every cell.
TYPED_TEST(ReverseGrid, ConstStartsGiveConstValues) {
  using L = TypeParam;
  using VT = typename L::traits;
  pool<L> p(4);
  const typename L::node_type* root = p.build("0(1 2(3))");
  const typename L::node_type* buf[4];
  using collected = decltype(*kin::preorder_reverse<VT>(root, kin::collect(buf)).begin());
  static_assert(std::is_same_v<collected, const typename L::node_type&>);
  using rescanned = decltype(*kin::children_reverse<VT>(root, kin::rescan).begin());
  static_assert(std::is_same_v<rescanned, const typename L::node_type&>);
  EXPECT_EQ(ids<L>(kin::preorder_reverse<VT>(root, kin::collect(buf))), (V{3, 2, 1, 0}));
  EXPECT_EQ(ids<L>(kin::ancestors_reverse<VT>(p[3], kin::collect_allocating)), (V{0, 2}));
  // A buffer of const pointers serves a walk from a non-const value too.
  auto from_mutable = kin::preorder_reverse<VT>(p[0], kin::collect(buf));
  static_assert(std::is_same_v<decltype(*from_mutable.begin()), const typename L::node_type&>);
  EXPECT_EQ(ids<L>(from_mutable), (V{3, 2, 1, 0}));
  // Queries and steps keep constness.
  static_assert(std::is_same_v<decltype(kin::first_child<VT>(root)), const typename L::node_type*>);
  static_assert(std::is_same_v<decltype(kin::first_child<VT>(p[0])), typename L::node_type*>);
  static_assert(std::is_same_v<decltype(kin::preorder_next<VT>(root, root)), const typename L::node_type*>);
  EXPECT_EQ(kin::last_child<VT>(root)->id, 2);
  EXPECT_EQ(kin::preorder_next<VT>(kin::first_child<VT>(root), root)->id, 2);
}

} // namespace reverse_grid_test
