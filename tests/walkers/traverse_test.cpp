// The callback walk: call order, depth limits, skip and stop from either
// callback, and the result it returns.
#include "test_support.hpp"

#include <kin/walk.hpp>

#include <cstdio>
#include <string>

namespace {

using namespace kin_test;
using T = kin::compact_traits;
using L = compact;

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
    return [this](T::node_ptr n, std::size_t depth) {
      int id = pool<L>::id(n);
      calls.push_back(call('d', id, depth));
      if (id == stop_down) return kin::walk_action::stop;
      return id == skip ? kin::walk_action::skip_children : kin::walk_action::continue_walk;
    };
  }
  auto ascend() {
    return [this](T::node_ptr n, std::size_t depth) {
      int id = pool<L>::id(n);
      calls.push_back(call('a', id, depth));
      return id == stop_up ? kin::walk_action::stop : kin::walk_action::continue_walk;
    };
  }
};
using S = std::vector<std::string>;

TEST(CallbackWalk, VisitsDescendantsNotTheRootInDocumentedOrder) {
  pool<L> p(8);
  auto root = p.build("0(1(3) 2)");
  recorder r;
  auto res = kin::walk<T>(root, r.descend(), r.ascend());
  EXPECT_TRUE(res.completed);
  EXPECT_EQ(res.stopped_at, nullptr);
  EXPECT_EQ(r.calls, (S{"d1@1", "d3@2", "a3@2", "a1@1", "d2@1", "a2@1"}));
}

TEST(CallbackWalk, SkipChildrenStillAscends) {
  pool<L> p(8);
  auto root = p.build("0(1(3(4)) 2(5))");
  recorder r;
  r.skip = 1;
  kin::walk<T>(root, r.descend(), r.ascend());
  EXPECT_EQ(r.calls, (S{"d1@1", "a1@1", "d2@1", "d5@2", "a5@2", "a2@1"}));
}

TEST(CallbackWalk, MaxDepthLimitsTheVisitedLevels) {
  pool<L> p(8);
  auto root = p.build("0(1(3(4)) 2(5))");
  recorder one;
  kin::walk<T>(root, one.descend(), one.ascend(), 1);
  EXPECT_EQ(one.calls, (S{"d1@1", "a1@1", "d2@1", "a2@1"}));
  recorder two;
  kin::walk<T>(root, two.descend(), two.ascend(), 2);
  EXPECT_EQ(two.calls, (S{"d1@1", "d3@2", "a3@2", "a1@1", "d2@1", "d5@2", "a5@2", "a2@1"}));
  recorder zero;
  EXPECT_TRUE(kin::walk<T>(root, zero.descend(), zero.ascend(), 0).completed);
  EXPECT_TRUE(zero.calls.empty());
  recorder all;
  kin::walk<T>(root, all.descend(), all.ascend(), kin::unlimited);
  EXPECT_EQ(all.calls.size(), 10u);
}

TEST(CallbackWalk, StopInDescendEndsAtOnceWithoutPendingAscends) {
  pool<L> p(8);
  auto root = p.build("0(1(3(4)) 2(5))");
  recorder r;
  r.stop_down = 4;
  auto res = kin::walk<T>(root, r.descend(), r.ascend());
  EXPECT_FALSE(res.completed);
  EXPECT_EQ(res.stopped_at, p[4]);
  EXPECT_EQ(res.depth, 3u);
  EXPECT_EQ(r.calls, (S{"d1@1", "d3@2", "d4@3"}));
}

TEST(CallbackWalk, StopInAscend) {
  pool<L> p(8);
  auto root = p.build("0(1(3(4)) 2(5))");
  recorder r;
  r.stop_up = 3;
  auto res = kin::walk<T>(root, r.descend(), r.ascend());
  EXPECT_FALSE(res.completed);
  EXPECT_EQ(res.stopped_at, p[3]);
  EXPECT_EQ(r.calls, (S{"d1@1", "d3@2", "d4@3", "a4@3", "a3@2"}));
}

TEST(CallbackWalk, ChildlessRootAndNoAscend) {
  pool<L> p(3);
  recorder r;
  EXPECT_TRUE(kin::walk<T>(p[0], r.descend()).completed);
  EXPECT_TRUE(r.calls.empty());
  auto root = p.build("0(1 2)");
  EXPECT_TRUE(kin::walk<T>(root, r.descend()).completed); // default ascend: none
  EXPECT_EQ(r.calls, (S{"d1@1", "d2@1"}));
}

template <class Lay>
class CallbackWalkLayouts : public ::testing::Test {};
TYPED_TEST_SUITE(CallbackWalkLayouts, all_layouts, layout_names);

// The same walk on every layout equals pre-order (descend) and post-order
// (ascend) without the root.
TYPED_TEST(CallbackWalkLayouts, DescendIsPreorderAscendIsPostorder) {
  using TT = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build("0(1(3 4(7 8)) 2(5 6(9)))");
  std::vector<int> down, up;
  kin::walk<TT>(
      root, [&](auto n, std::size_t) { down.push_back(pool<TypeParam>::id(n)); return kin::walk_action::continue_walk; },
      [&](auto n, std::size_t) { up.push_back(pool<TypeParam>::id(n)); return kin::walk_action::continue_walk; });
  EXPECT_EQ(down, (std::vector<int>{1, 3, 4, 7, 8, 2, 5, 6, 9}));
  EXPECT_EQ(up, (std::vector<int>{3, 7, 8, 4, 1, 5, 9, 6, 2}));
}

} // namespace
