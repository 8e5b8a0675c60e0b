// SPDX-License-Identifier: BSL-1.0
// request_resource, insert_resource (and their conflict forms),
// release_resource and remove_resource with the kernel's rules (reference
// section 2), on every layout; each case worked out by hand. A failure
// leaves the tree untouched; every tree stays well formed.
#include "resource_support.hpp"

#include <kin/adapters/resource_ops.hpp>

#include <cstdint>
#include <string>
#include <utility>

namespace resource_ops_test {

using namespace kin_test;

template <class Hook>
class ResourceOps : public ::testing::Test {};
using hooks = ::testing::Types<kin::singly_hook<>, kin::list_hook<>, kin::compact_hook<>>;
TYPED_TEST_SUITE(ResourceOps, hooks);

// The tree as text: each resource's start, its children in parentheses.
template <class R, class P>
std::string shape(P n) {
  std::string s;
  for (auto c = kin::first_child<R>(n); c; c = kin::next_sibling<R>(c)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(R::get_start(c)));
    s += (s.empty() ? "" : " ") + std::string(buf);
    if (kin::first_child<R>(c)) s += "(" + shape<R>(c) + ")";
  }
  return s;
}

// Root [0, 2^64-1]: 1000-1fff, 4000-7fff(5000-5fff), 9000-9fff.
const std::vector<spec> kTree = {
    {-1, 0x1000, 0x1fff, kMem}, {-1, 0x4000, 0x7fff, kMem}, {1, 0x5000, 0x5fff, kMem}, {-1, 0x9000, 0x9fff, kMem}};

TYPED_TEST(ResourceOps, RequestLooksAtTheParentsChildrenOnly) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  using res = typename F::node;
  F f(kTree);
  const std::string before = shape<R>(f.root());
  ASSERT_EQ(before, "1000 4000(5000) 9000");
  res gap(0x2000, 0x3fff, "gap"), tail(0xa000, 0xafff, "tail"), head(0, 0xfff, "head");
  EXPECT_EQ(kin::request_resource_conflict<R>(f.root(), &gap), nullptr);
  EXPECT_EQ(kin::request_resource<R>(f.root(), &tail), 0);
  EXPECT_EQ(kin::request_resource<R>(f.root(), &head), 0);
  EXPECT_EQ(shape<R>(f.root()), "0 1000 2000 4000(5000) 9000 a000");
  // Overlaps: the first overlapping child is the conflict; nothing changes.
  res wide(0x1800, 0x4800, "wide");
  EXPECT_EQ(kin::request_resource_conflict<R>(f.root(), &wide), &f[0]);
  EXPECT_EQ(kin::request_resource<R>(f.root(), &wide), kin::resource_ebusy);
  // Inverted, or outside the parent: the parent is the conflict.
  res inverted(0x3000, 0x2fff, "inverted"), outside(0x7000, 0x8fff, "outside");
  EXPECT_EQ(kin::request_resource_conflict<R>(f.root(), &inverted), f.root());
  EXPECT_EQ(kin::request_resource_conflict<R>(&f[1], &outside), &f[1]);
  // Under a child: only that child's children count.
  res inner(0x6000, 0x6fff, "inner");
  EXPECT_EQ(kin::request_resource_conflict<R>(&f[1], &inner), nullptr);
  EXPECT_EQ(shape<R>(f.root()), "0 1000 2000 4000(5000 6000) 9000 a000");
  // A double request: the node itself is the conflict.
  EXPECT_EQ(kin::request_resource_conflict<R>(f.root(), &gap), &gap);
  EXPECT_TRUE(kin::resource_check<R>(f.root()));
  EXPECT_TRUE(kin::verify<R>(f.root()));
  for (res* r : {&inner, &head, &tail, &gap}) EXPECT_EQ(kin::release_resource<R>(r), 0);
  EXPECT_EQ(shape<R>(f.root()), before);
}

TYPED_TEST(ResourceOps, InsertGoesDownAndAdoptsTheCoveredRun) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  using res = typename F::node;
  F f(kTree);
  // Strictly inside 4000-7fff, covering 5000-5fff: one level down, adopting it.
  res mid(0x4800, 0x67ff, "mid");
  EXPECT_EQ(kin::insert_resource_conflict<R>(f.root(), &mid), nullptr);
  EXPECT_EQ(shape<R>(f.root()), "1000 4000(4800(5000)) 9000");
  // Covering two top-level resources and the gap between: they become its children.
  res span(0x1000, 0x9fff, "span");
  EXPECT_EQ(kin::insert_resource<R>(f.root(), &span), 0);
  EXPECT_EQ(shape<R>(f.root()), "1000(1000 4000(4800(5000)) 9000)");
  // Exactly the same range as an existing one: the old one becomes the child.
  res same(0x9000, 0x9fff, "same");
  EXPECT_EQ(kin::insert_resource<R>(f.root(), &same), 0);
  EXPECT_EQ(shape<R>(f.root()), "1000(1000 4000(4800(5000)) 9000(9000))");
  EXPECT_EQ(kin::parent<R>(&f[3]), &same);
  // A run member sticking out of the new range: it is the conflict, nothing changes.
  const std::string before = shape<R>(f.root());
  res partial(0x4000, 0x4fff, "partial"); // down to 4000-7fff, whose child 4800-67ff sticks out of it
  EXPECT_EQ(kin::insert_resource_conflict<R>(f.root(), &partial), &mid);
  EXPECT_EQ(shape<R>(f.root()), before);
  // Outside the parent, and a double insert.
  res big(0x500, 0x1ffff, "big");
  EXPECT_EQ(kin::insert_resource_conflict<R>(&f[1], &big), &f[1]);
  EXPECT_EQ(kin::insert_resource_conflict<R>(f.root(), &same), &same);
  EXPECT_EQ(shape<R>(f.root()), before);
  EXPECT_TRUE(kin::resource_check<R>(f.root()));
  EXPECT_TRUE(kin::verify<R>(f.root()));
  // remove_resource is the inverse: each insert undone in reverse order.
  for (res* r : {&same, &span, &mid}) EXPECT_EQ(kin::remove_resource<R>(r), 0);
  EXPECT_EQ(shape<R>(f.root()), "1000 4000(5000) 9000");
  EXPECT_EQ(kin::remove_resource<R>(&mid), -22); // no longer in a tree
}

TYPED_TEST(ResourceOps, ReleaseDetachesTheSubtree) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  F f(kTree);
  EXPECT_EQ(kin::release_resource<R>(&f[1]), 0);
  EXPECT_EQ(shape<R>(f.root()), "1000 9000");
  EXPECT_EQ(kin::parent<R>(&f[1]), nullptr);
  EXPECT_EQ(kin::next_sibling<R>(&f[1]), nullptr); // kin clears the links it detaches
  EXPECT_EQ(kin::first_child<R>(&f[1]), &f[2]);    // the subtree stays attached
  EXPECT_EQ(kin::release_resource<R>(&f[1]), -22);
  EXPECT_EQ(kin::request_resource<R>(f.root(), &f[1]), 0); // and it can be claimed again
  EXPECT_EQ(shape<R>(f.root()), "1000 4000(5000) 9000");
}

} // namespace resource_ops_test

namespace resource_ops_test {

TYPED_TEST(ResourceOps, AdjustResourceKeepsItsPlaceAndItsChildren) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  F f(kTree); // 1000-1fff, 4000-7fff(5000-5fff), 9000-9fff
  auto range = [&](std::size_t i) { return std::make_pair(R::get_start(&f[i]), R::get_end(&f[i])); };
  // Grow 4000-7fff to 2000-8fff: between its neighbours, around its child.
  EXPECT_EQ(kin::adjust_resource<R>(&f[1], 0x2000, 0x7000), 0);
  EXPECT_EQ(range(1), std::make_pair(std::uint64_t{0x2000}, std::uint64_t{0x8fff}));
  // Touching the next sibling's start, or the previous one's end: refused.
  EXPECT_EQ(kin::adjust_resource<R>(&f[1], 0x2000, 0x7001), kin::resource_ebusy); // ends at 9000
  EXPECT_EQ(kin::adjust_resource<R>(&f[1], 0x1fff, 0x100), kin::resource_ebusy);  // starts at 1fff
  // No longer containing its child 5000-5fff: refused.
  EXPECT_EQ(kin::adjust_resource<R>(&f[1], 0x5800, 0x1000), kin::resource_ebusy);
  // The child inside its parent only.
  EXPECT_EQ(kin::adjust_resource<R>(&f[2], 0x1fff, 0x10), kin::resource_ebusy);
  EXPECT_EQ(kin::adjust_resource<R>(&f[2], 0x8000, 0x1000), 0);
  EXPECT_EQ(range(1), std::make_pair(std::uint64_t{0x2000}, std::uint64_t{0x8fff}));
  EXPECT_EQ(range(2), std::make_pair(std::uint64_t{0x8000}, std::uint64_t{0x8fff}));
  // A failure changed nothing; the order never changes.
  EXPECT_EQ(shape<R>(f.root()), "1000 2000(8000) 9000");
  EXPECT_TRUE(kin::resource_check<R>(f.root()));
  // A root (no parent): only its children count.
  EXPECT_EQ(kin::adjust_resource<R>(f.root(), 0x1000, 0x9000), 0);
  EXPECT_EQ(kin::adjust_resource<R>(f.root(), 0x1001, 0x9000), kin::resource_ebusy);
}

TYPED_TEST(ResourceOps, ReleaseChildResourcesDetachesAndRenumbersEveryDescendant) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  F f(kTree);
  kin::release_child_resources<R>(f.root());
  EXPECT_EQ(kin::first_child<R>(f.root()), nullptr);
  const std::uint64_t sizes[] = {0x1000, 0x4000, 0x1000, 0x1000};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(kin::parent<R>(&f[i]), nullptr) << i;
    EXPECT_EQ(kin::first_child<R>(&f[i]), nullptr) << i; // released recursively
    EXPECT_EQ(R::get_start(&f[i]), 0u) << i;
    EXPECT_EQ(R::get_end(&f[i]), sizes[i] - 1) << i;
    EXPECT_EQ(R::get_flags(&f[i]), kMem) << i;
  }
}

TYPED_TEST(ResourceOps, InsertExpandToFitWidensOverConflicts) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  using res = typename F::node;
  F f(kTree);
  // 3000-47ff overlaps 4000-7fff partly: widened to 3000-7fff, then it adopts it.
  res n(0x3000, 0x47ff, "n");
  EXPECT_EQ(kin::insert_resource_expand_to_fit<R>(f.root(), &n), 0);
  EXPECT_EQ(R::get_start(&n), 0x3000u);
  EXPECT_EQ(R::get_end(&n), 0x7fffu);
  EXPECT_EQ(shape<R>(f.root()), "1000 3000(4000(5000)) 9000");
  EXPECT_EQ(kin::insert_resource_expand_to_fit<R>(f.root(), &n), -22); // already in a tree: nothing
  // Sticking out of the root itself: it gives up.
  res outside(0x7000, 0x10fff, "o");
  EXPECT_EQ(kin::insert_resource_expand_to_fit<R>(&f[1], &outside), kin::resource_ebusy);
  EXPECT_EQ(kin::parent<R>(&outside), nullptr);
  EXPECT_TRUE(kin::resource_check<R>(f.root()));
  EXPECT_TRUE(kin::verify<R>(f.root()));
}

} // namespace resource_ops_test
