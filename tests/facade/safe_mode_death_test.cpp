// SPDX-License-Identifier: BSL-1.0
// Safe mode: misuse caught in link/unlink by KIN_ASSERT, before any Boost
// call. This file turns safe mode on itself (with an assert that fires under
// NDEBUG too), so it runs in every preset; it is its own test program, since
// kin's templates must not be instantiated with two configurations in one
// program.
#include <cstdio>
#include <cstdlib>

[[noreturn]] inline void kin_test_assert_failed(const char* expr, const char* file, int line) {
  std::fprintf(stderr, "kin assertion failed: %s (%s:%d)\n", expr, file, line);
  std::abort();
}
#define KIN_SAFE_MODE 1
#define KIN_ASSERT(expr) ((expr) ? (void)0 : kin_test_assert_failed(#expr, __FILE__, __LINE__))

#include "test_support.hpp"

#include <kin/tree.hpp>

namespace safe_mode_death_test {

using namespace kin_test;

// Safe mode never changes a hook's size.
static_assert(sizeof(kin::singly_hook<>) == 3 * sizeof(void*));
static_assert(sizeof(kin::compact_hook<>) == 4 * sizeof(void*));
static_assert(sizeof(kin::list_hook<>) == 5 * sizeof(void*));

template <class L>
class SafeMode : public ::testing::Test {
protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};
TYPED_TEST_SUITE(SafeMode, all_layouts, layout_names);

constexpr const char* kCaught = "kin assertion failed";

TYPED_TEST(SafeMode, LinkingALinkedNode) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(4);
  auto root = p.build("0(1 2)");
  EXPECT_DEATH(kin::link_last_child<T>(root, p[1]), kCaught);
  EXPECT_DEATH(kin::link_first_child<T>(p[2], p[1]), kCaught);
  EXPECT_DEATH(kin::link_after<T>(p[2], p[1]), kCaught);
  EXPECT_DEATH(kin::link_before<T>(p[1], p[2]), kCaught);
  EXPECT_TRUE(verified<TypeParam>(root)); // the parent process saw nothing change
}

TYPED_TEST(SafeMode, UnlinkingAnUnlinkedNode) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(3);
  auto root = p.build("0(1)");
  EXPECT_DEATH(kin::unlink<T>(p[2]), kCaught);
  EXPECT_DEATH(kin::unlink<T>(root), kCaught); // a root is unlinked
  EXPECT_DEATH(kin::hoist_children<T>(p[2]), kCaught);
  kin::unlink<T>(p[1]);
  EXPECT_DEATH(kin::unlink<T>(p[1]), kCaught); // twice
}

TYPED_TEST(SafeMode, MovingANodeUnderItsOwnDescendant) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(6);
  auto root = p.build("0(1(2(3)) 4)");
  EXPECT_DEATH(kin::reparent<T>(p[1], p[3]), kCaught);
  EXPECT_DEATH(kin::reparent<T>(p[1], p[1]), kCaught);
  EXPECT_DEATH(kin::splice_children<T>(p[3], p[1]), kCaught);
  // An unlinked root linked under its own descendant would close a cycle.
  kin::unlink<T>(p[1]);
  EXPECT_DEATH(kin::link_last_child<T>(p[3], p[1]), kCaught);
  EXPECT_DEATH(kin::link_first_child<T>(p[1], p[1]), kCaught);
  EXPECT_DEATH(kin::link_after<T>(p[3], p[1]), kCaught);
  EXPECT_FALSE(kin::try_reparent<T>(p[1], p[3])); // the checked form just says no
  EXPECT_TRUE(verified<TypeParam>(root));
}

TYPED_TEST(SafeMode, ReplaceAndAdoptNeedAFreshNode) {
  using T = typename TypeParam::traits;
  pool<TypeParam> p(6);
  auto root = p.build("0(1 2(3) 4)");
  EXPECT_DEATH(kin::replace<T>(p[1], p[4]), kCaught);        // new node is linked
  EXPECT_DEATH(kin::adopt_siblings<T>(p[2], p[1], p[1]), kCaught); // new node is linked
  kin::unlink<T>(p[2]);
  EXPECT_DEATH(kin::adopt_siblings<T>(p[2], p[1], p[4]), kCaught); // new node has children
  EXPECT_DEATH(kin::adopt_siblings<T>(p[5], p[4], p[1]), kCaught); // the run's ends swapped
  EXPECT_DEATH(kin::adopt_siblings<T>(p[5], p[1], p[3]), kCaught); // "last" is not a sibling
  (void)root;
}

TYPED_TEST(SafeMode, TheFacadeIsCheckedToo) {
  struct value : TypeParam::hook {
    int id = 0;
  };
  value v[3];
  kin::tree<kin::base_hook<value, typename TypeParam::hook>> t(v[0]);
  t.link_last_child(v[0], v[1]);
  EXPECT_DEATH(t.link_last_child(v[0], v[1]), kCaught);
  EXPECT_DEATH(t.unlink(v[2]), kCaught);
  EXPECT_DEATH(t.reparent(v[0], v[1]), kCaught);
  EXPECT_DEATH(t.link_first_child(v[1], v[0]), kCaught); // the root under its own child
  EXPECT_DEATH(t.hoist_children(v[2]), kCaught);         // not linked
  EXPECT_DEATH(t.unlink_and_dispose(v[2], [](value&) {}), kCaught);
  EXPECT_TRUE(t.verify());
}

// A foreign C struct opts in by giving its traits an is_linked check.
struct c_node {
  c_node *parent, *sibling, *child;
};
struct c_access {
  using node = c_node;
  using node_ptr = c_node*;
  using const_node_ptr = const c_node*;
  static node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static node_ptr get_first_child(const_node_ptr n) noexcept { return n->child; }
  static node_ptr get_next_sibling(const_node_ptr n) noexcept { return n->sibling; }
  static void set_parent(node_ptr n, node_ptr v) noexcept { n->parent = v; }
  static void set_first_child(node_ptr n, node_ptr v) noexcept { n->child = v; }
  static void set_next_sibling(node_ptr n, node_ptr v) noexcept { n->sibling = v; }
  static bool is_linked(const_node_ptr n) noexcept { return n->parent != nullptr; }
};
struct c_traits : kin::singly_policy<c_access> {};

TEST(SafeModeForeign, CStructWithIsLinkedOptsIn) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  c_node a{}, b{};
  kin::link_first_child<c_traits>(&a, &b);
  EXPECT_DEATH(kin::link_first_child<c_traits>(&a, &b), kCaught);
  kin::unlink<c_traits>(&b);
  EXPECT_DEATH(kin::unlink<c_traits>(&b), kCaught);
}

} // namespace safe_mode_death_test
