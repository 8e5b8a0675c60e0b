// SPDX-License-Identifier: BSL-1.0
// Reverse walks: native on the bidirectional layouts, and the named
// strategies (collect into caller storage, collect allocating, rescan) on
// every layout, the singly one above all; ancestors root first.
#include "test_support.hpp"

#include <kin/allocating.hpp>
#include <kin/reverse.hpp>

#include <algorithm>
#include <array>
#include <ranges>
#include <span>
#include <type_traits>
#include <utility>

namespace reverse_test {

using namespace kin_test;
using V = std::vector<int>;

constexpr const char* kTree = "0(1(3 4(7 8)) 2(5 6(9)))";
const V kPre{0, 1, 3, 4, 7, 8, 2, 5, 6, 9};
const V kPost{3, 7, 8, 4, 1, 5, 9, 6, 2, 0};
const V kMirrored{0, 2, 6, 9, 5, 1, 4, 8, 7, 3}; // post-order reversed = mirrored pre-order

V reversed(V v) {
  std::reverse(v.begin(), v.end());
  return v;
}

template <class L>
class Strategies : public ::testing::Test {};
TYPED_TEST_SUITE(Strategies, all_layouts, layout_names);

TYPED_TEST(Strategies, CollectIntoCallerStorage) {
  using T = typename TypeParam::traits;
  using P = typename TypeParam::node_type*; // buffers hold value pointers
  pool<TypeParam> p(10);
  auto root = p.build(kTree);
  std::array<P, 10> buf{};
  EXPECT_EQ(ids<TypeParam>(kin::children_reverse<T>(root, kin::collect(buf))), (V{2, 1}));
  EXPECT_EQ(ids<TypeParam>(kin::preorder_reverse<T>(root, kin::collect(buf))), reversed(kPre));
  // (kin::mirrored_preorder is gone: it is postorder_reverse.)
  EXPECT_EQ(ids<TypeParam>(kin::postorder_reverse<T>(root, kin::collect(buf))), kMirrored);
  EXPECT_EQ(ids<TypeParam>(kin::descendants_reverse<T>(root, kin::collect(buf))), (V{9, 6, 5, 2, 8, 7, 4, 3, 1}));
  EXPECT_EQ(ids<TypeParam>(kin::leaves_reverse<T>(root, kin::collect(buf))), (V{9, 5, 8, 7, 3}));
  EXPECT_EQ(ids<TypeParam>(kin::ancestors_reverse<T>(p[9], kin::collect(buf))), (V{0, 2, 6}));
  auto r = kin::preorder_reverse<T>(p[4], kin::collect(buf));
  EXPECT_TRUE(r.fits());
  EXPECT_EQ(r.needed(), 3u);
  // Collected results are bidirectional (no longer random access) and borrowed.
  static_assert(std::ranges::bidirectional_range<decltype(r)> && std::ranges::common_range<decltype(r)> &&
                std::ranges::borrowed_range<decltype(r)>);
  static_assert(std::is_same_v<std::ranges::range_reference_t<decltype(r)>, typename TypeParam::node_type&>);
  V back;
  for (auto it = r.end(); it != r.begin();) back.push_back((*--it).id);
  EXPECT_EQ(back, (V{4, 7, 8}));
}

TYPED_TEST(Strategies, TooSmallStorageVisitsNothingAndSaysWhatItNeeds) {
  using T = typename TypeParam::traits;
  using P = typename TypeParam::node_type*;
  pool<TypeParam> p(10);
  auto root = p.build(kTree);
  P small[9] = {};
  auto r = kin::preorder_reverse<T>(root, kin::collect(small));
  EXPECT_FALSE(r.fits());
  EXPECT_EQ(r.needed(), 10u);
  EXPECT_TRUE(r.empty());
  EXPECT_DEATH((void)std::ranges::distance(r), "must fit its storage before it is iterated"); // fast mode: iterating is refused
  std::vector<P> exact(r.needed());
  auto again = kin::preorder_reverse<T>(root, kin::collect(exact));
  EXPECT_TRUE(again.fits());
  EXPECT_EQ(ids<TypeParam>(again), reversed(kPre));
  P one[1] = {};
  auto kids = kin::children_reverse<T>(root, kin::collect(one));
  EXPECT_FALSE(kids.fits());
  EXPECT_EQ(kids.needed(), 2u);
  auto anc = kin::ancestors_reverse<T>(p[9], kin::collect(one));
  EXPECT_FALSE(anc.fits());
  EXPECT_EQ(anc.needed(), 3u);
  // No storage at all is fine for an empty walk.
  auto none = kin::children_reverse<T>(p[3], kin::collect(std::span<P>{}));
  EXPECT_TRUE(none.fits());
  EXPECT_TRUE(none.empty());
}

TYPED_TEST(Strategies, CollectAllocating) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build(kTree);
  auto pre = kin::preorder_reverse<T>(root, kin::collect_allocating);
  ASSERT_TRUE(pre.fits());
  EXPECT_EQ(ids<TypeParam>(pre), reversed(kPre));
  EXPECT_EQ(ids<TypeParam>(kin::children_reverse<T>(root, kin::collect_allocating)), (V{2, 1}));
  EXPECT_EQ(ids<TypeParam>(kin::postorder_reverse<T>(root, kin::collect_allocating)), kMirrored);
  EXPECT_EQ(ids<TypeParam>(kin::ancestors_reverse<T>(p[8], kin::collect_allocating)), (V{0, 1, 4}));
  auto moved = std::move(pre);
  EXPECT_EQ(ids<TypeParam>(moved), reversed(kPre));
  EXPECT_TRUE(kin::children_reverse<T>(p[9], kin::collect_allocating).empty());
  EXPECT_EQ(kin::preorder_reverse<T>(p[4], kin::collect_allocating).needed(), 3u);
}

// A walk started from a const value collects const value pointers.
TYPED_TEST(Strategies, ConstStartCollectsConstValuePointers) {
  using T = typename TypeParam::traits;
  using N = typename TypeParam::node_type;
  pool<TypeParam> p(10);
  const N* root = p.build(kTree);
  const N* buf[10] = {};
  auto r = kin::preorder_reverse<T>(root, kin::collect(buf));
  static_assert(std::is_same_v<std::ranges::range_reference_t<decltype(r)>, const N&>);
  ASSERT_TRUE(r.fits());
  EXPECT_EQ(ids<TypeParam>(r), reversed(kPre));
  EXPECT_EQ(ids<TypeParam>(kin::children_reverse<T>(root, kin::rescan)), (V{2, 1}));
  auto a = kin::ancestors_reverse<T>(static_cast<const N*>(p[9]), kin::collect_allocating);
  static_assert(std::is_same_v<std::ranges::range_reference_t<decltype(a)>, const N&>);
  EXPECT_EQ(ids<TypeParam>(a), (V{0, 2, 6}));
}

TYPED_TEST(Strategies, RescanNeedsNoMemory) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build(kTree);
  EXPECT_EQ(ids<TypeParam>(kin::children_reverse<T>(root, kin::rescan)), (V{2, 1}));
  EXPECT_EQ(ids<TypeParam>(kin::children_reverse<T>(p[4], kin::rescan)), (V{8, 7}));
  EXPECT_EQ(ids<TypeParam>(kin::preorder_reverse<T>(root, kin::rescan)), reversed(kPre));
  EXPECT_EQ(ids<TypeParam>(kin::preorder_reverse<T>(p[2], kin::rescan)), (V{9, 6, 5, 2}));
  EXPECT_TRUE(kin::children_reverse<T>(p[9], kin::rescan).empty());
  EXPECT_EQ(ids<TypeParam>(kin::preorder_reverse<T>(p[9], kin::rescan)), V{9});
  // Its -- is the cheap forward step: walking it backwards is the forward walk.
  auto r = kin::preorder_reverse<T>(root, kin::rescan);
  V forward;
  for (auto it = r.end(); it != r.begin();) forward.push_back((*--it).id);
  EXPECT_EQ(forward, kPre);
  EXPECT_TRUE(r.fits());
  EXPECT_EQ(r.needed(), 0u);
  // Rescan walks are walk views: depth and skip_children as natively.
  V seen, depths;
  auto m = kin::postorder_reverse<T>(root, kin::rescan).with_depth();
  for (auto it = m.begin(); it != m.end();) {
    seen.push_back(it->id);
    depths.push_back(static_cast<int>(it.depth()));
    if (it->id == 2 || it->id == 4) it.skip_children(); else ++it;
  }
  EXPECT_EQ(seen, (V{0, 2, 1, 4, 3}));
  EXPECT_EQ(depths, (V{0, 1, 1, 2, 2}));
  EXPECT_EQ(ids<TypeParam>(kin::postorder_reverse<T>(root, kin::rescan)), kMirrored);
  EXPECT_EQ(ids<TypeParam>(kin::descendants_reverse<T>(root, kin::rescan)), (V{9, 6, 5, 2, 8, 7, 4, 3, 1}));
  EXPECT_EQ(ids<TypeParam>(kin::leaves_reverse<T>(root, kin::rescan)), (V{9, 5, 8, 7, 3}));
}

template <class L>
class NativeReverse : public ::testing::Test {};
TYPED_TEST_SUITE(NativeReverse, bidirectional_layouts, layout_names);

// The native reverse walks' ranges concepts, and that the singly layout's
// forward walks are not bidirectional: compile_only/walk_concepts.cpp.

TYPED_TEST(NativeReverse, EveryWalkBackwards) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build(kTree);
  EXPECT_EQ(ids<TypeParam>(kin::children_reverse<T>(root)), (V{2, 1}));
  EXPECT_EQ(ids<TypeParam>(kin::preorder_reverse<T>(root)), reversed(kPre));
  EXPECT_EQ(ids<TypeParam>(kin::descendants_reverse<T>(root)), (V{9, 6, 5, 2, 8, 7, 4, 3, 1}));
  EXPECT_EQ(ids<TypeParam>(kin::postorder_reverse<T>(root)), reversed(kPost));
  EXPECT_EQ(ids<TypeParam>(kin::postorder_reverse<T>(root)), kMirrored);
  EXPECT_EQ(ids<TypeParam>(kin::leaves_reverse<T>(root)), (V{9, 5, 8, 7, 3}));
  EXPECT_EQ(ids<TypeParam>(kin::postorder<T>(root) | std::views::reverse), kMirrored);
  EXPECT_EQ(ids<TypeParam>(kin::preorder_reverse<T>(p[9])), V{9});
  EXPECT_TRUE(kin::descendants_reverse<T>(p[9]).empty());
  // The end of every walk can be decremented to its last node.
  EXPECT_EQ(&*std::ranges::prev(kin::preorder<T>(root).end()), p[9]);
  EXPECT_EQ(&*std::ranges::prev(kin::postorder<T>(root).end()), root);
  EXPECT_EQ(&*std::ranges::prev(kin::leaves<T>(root).end()), p[9]);
  EXPECT_EQ(&*std::ranges::prev(kin::children<T>(root).end()), p[2]);
  EXPECT_EQ(&kin::children<T>(root).back(), p[2]);
}

TYPED_TEST(NativeReverse, MirroredPreorderDepthAndSkipChildren) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build(kTree);
  V seen, depths;
  auto r = kin::postorder_reverse<T>(root).with_depth(); // the mirrored pre-order
  for (auto it = r.begin(); it != r.end();) {
    int id = it->id;
    seen.push_back(id);
    depths.push_back(static_cast<int>(it.depth()));
    if (id == 2 || id == 4) it.skip_children(); else ++it;
  }
  EXPECT_EQ(seen, (V{0, 2, 1, 4, 3}));
  EXPECT_EQ(depths, (V{0, 1, 1, 2, 2}));
  // Depth is kept when stepping backwards too.
  auto it = r.end();
  --it;
  EXPECT_EQ(&*it, p[3]);
  EXPECT_EQ(it.depth(), 2);
  --it;
  EXPECT_EQ(&*it, p[7]);
  EXPECT_EQ(it.depth(), 3);
}

TYPED_TEST(NativeReverse, WalkingBackFromEndVisitsEveryNode) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(10);
  auto root = p.build(kTree);
  auto pre = kin::preorder<T>(root).with_depth();
  V back, depths;
  for (auto it = pre.end(); it != pre.begin();) {
    --it;
    back.push_back(it->id);
    depths.push_back(static_cast<int>(it.depth()));
  }
  EXPECT_EQ(back, reversed(kPre));
  EXPECT_EQ(depths, (V{3, 2, 2, 1, 3, 3, 2, 2, 1, 0}));
}

} // namespace reverse_test
