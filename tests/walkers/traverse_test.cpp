// SPDX-License-Identifier: BSL-1.0
// kin::traverse (was kin::walk), the callback walk: call order, depth
// limits, skip and stop from either callback, and the result it returns.
#include "test_support.hpp"

#include <kin/traverse.hpp>

#include <cstdio>
#include <string>
#include <type_traits>

namespace traverse_test {

using namespace kin_test;
using L = compact;
using T = L::traits; // value traits: callbacks get the value
using N = L::node_type;

std::string call(char kind, int id, std::size_t depth) {
  char text[32];
  std::snprintf(text, sizeof text, "%c%d@%zu", kind, id, depth); // GCC 12 -Wrestrict trips on "a" + to_string
  return text;
}

// Records "d<id>@<depth>" and "a<id>@<depth>" calls.
struct recorder {
  std::vector<std::string> calls;
  int skip = -1, stop_down = -1, stop_up = -1;
  auto descend() {
    return [this](N& n, std::size_t depth) {
      int id = n.id;
      calls.push_back(call('d', id, depth));
      if (id == stop_down) return kin::traverse_action::stop;
      return id == skip ? kin::traverse_action::skip_children : kin::traverse_action::proceed;
    };
  }
  auto ascend() {
    return [this](N& n, std::size_t depth) {
      int id = n.id;
      calls.push_back(call('a', id, depth));
      return id == stop_up ? kin::traverse_action::stop : kin::traverse_action::proceed;
    };
  }
};
using S = std::vector<std::string>;

TEST(Traverse, VisitsDescendantsNotTheRootInDocumentedOrder) {
  pool<L> p(8);
  auto root = p.build("0(1(3) 2)");
  recorder r;
  auto res = kin::traverse<T>(root, r.descend(), r.ascend());
  static_assert(std::is_same_v<decltype(res), kin::traverse_result<N*>>);
  EXPECT_TRUE(res.completed);
  EXPECT_EQ(res.stopped_at, nullptr);
  EXPECT_EQ(r.calls, (S{"d1@1", "d3@2", "a3@2", "a1@1", "d2@1", "a2@1"}));
}

TEST(Traverse, SkipChildrenStillAscends) {
  pool<L> p(8);
  auto root = p.build("0(1(3(4)) 2(5))");
  recorder r;
  r.skip = 1;
  kin::traverse<T>(root, r.descend(), r.ascend());
  EXPECT_EQ(r.calls, (S{"d1@1", "a1@1", "d2@1", "d5@2", "a5@2", "a2@1"}));
}

TEST(Traverse, MaxDepthLimitsTheVisitedLevels) {
  pool<L> p(8);
  auto root = p.build("0(1(3(4)) 2(5))");
  recorder one;
  kin::traverse<T>(root, one.descend(), one.ascend(), 1);
  EXPECT_EQ(one.calls, (S{"d1@1", "a1@1", "d2@1", "a2@1"}));
  recorder two;
  kin::traverse<T>(root, two.descend(), two.ascend(), 2);
  EXPECT_EQ(two.calls, (S{"d1@1", "d3@2", "a3@2", "a1@1", "d2@1", "d5@2", "a5@2", "a2@1"}));
  recorder zero;
  EXPECT_TRUE(kin::traverse<T>(root, zero.descend(), zero.ascend(), 0).completed);
  EXPECT_TRUE(zero.calls.empty());
  recorder all;
  kin::traverse<T>(root, all.descend(), all.ascend(), kin::unlimited);
  EXPECT_EQ(all.calls.size(), 10u);
}

TEST(Traverse, StopInDescendEndsAtOnceWithoutPendingAscends) {
  pool<L> p(8);
  auto root = p.build("0(1(3(4)) 2(5))");
  recorder r;
  r.stop_down = 4;
  auto res = kin::traverse<T>(root, r.descend(), r.ascend());
  EXPECT_FALSE(res.completed);
  EXPECT_EQ(res.stopped_at, p[4]);
  EXPECT_EQ(res.depth, 3u);
  EXPECT_EQ(r.calls, (S{"d1@1", "d3@2", "d4@3"}));
}

TEST(Traverse, StopInAscend) {
  pool<L> p(8);
  auto root = p.build("0(1(3(4)) 2(5))");
  recorder r;
  r.stop_up = 3;
  auto res = kin::traverse<T>(root, r.descend(), r.ascend());
  EXPECT_FALSE(res.completed);
  EXPECT_EQ(res.stopped_at, p[3]);
  EXPECT_EQ(r.calls, (S{"d1@1", "d3@2", "d4@3", "a4@3", "a3@2"}));
}

TEST(Traverse, ChildlessRootAndNoAscend) {
  pool<L> p(3);
  recorder r;
  EXPECT_TRUE(kin::traverse<T>(p[0], r.descend()).completed);
  EXPECT_TRUE(r.calls.empty());
  auto root = p.build("0(1 2)");
  EXPECT_TRUE(kin::traverse<T>(root, r.descend()).completed); // default ascend: none
  EXPECT_EQ(r.calls, (S{"d1@1", "d2@1"}));
}

TEST(Traverse, ConstStartGivesConstValues) {
  pool<L> p(4);
  const N* root = p.build("0(1(3) 2)");
  std::vector<int> down;
  auto res = kin::traverse<T>(root, [&](const N& n, std::size_t) {
    down.push_back(n.id);
    return n.id == 3 ? kin::traverse_action::stop : kin::traverse_action::proceed;
  });
  static_assert(std::is_same_v<decltype(res), kin::traverse_result<const N*>>);
  EXPECT_FALSE(res.completed);
  EXPECT_EQ(res.stopped_at, p[3]);
  EXPECT_EQ(res.depth, 2u);
  EXPECT_EQ(down, (std::vector<int>{1, 3}));
}

template <class Lay>
class TraverseLayouts : public ::testing::Test {};
TYPED_TEST_SUITE(TraverseLayouts, all_layouts, layout_names);

// The same walk on every layout equals pre-order (descend) and post-order
// (ascend) without the root.
TYPED_TEST(TraverseLayouts, DescendIsPreorderAscendIsPostorder) {
  using TT = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build("0(1(3 4(7 8)) 2(5 6(9)))");
  std::vector<int> down, up;
  kin::traverse<TT>(
      root, [&](auto& n, std::size_t) { down.push_back(n.id); return kin::traverse_action::proceed; },
      [&](auto& n, std::size_t) { up.push_back(n.id); return kin::traverse_action::proceed; });
  EXPECT_EQ(down, (std::vector<int>{1, 3, 4, 7, 8, 2, 5, 6, 9}));
  EXPECT_EQ(up, (std::vector<int>{3, 7, 8, 4, 1, 5, 9, 6, 2}));
}

} // namespace traverse_test
