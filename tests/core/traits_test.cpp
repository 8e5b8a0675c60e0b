// SPDX-License-Identifier: BSL-1.0
// Traits: a plain C struct gets kin's walkers through a few lines of traits,
// and kin::singly_policy turns its setters into a full sibling-list policy.
#include "test_support.hpp"

#include <ranges>
#include <type_traits>
#include <utility>
#include <vector>

namespace traits_test {

// The shape of Linux's struct resource links, as a C programmer writes it.
struct c_node {
  c_node* parent;
  c_node* sibling;
  c_node* child;
  int value;
};

// Read-only traits: all a forward walk needs.
struct c_read_traits {
  using node = c_node;
  using node_ptr = c_node*;
  using const_node_ptr = const c_node*;
  static node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static node_ptr get_first_child(const_node_ptr n) noexcept { return n->child; }
  static node_ptr get_next_sibling(const_node_ptr n) noexcept { return n->sibling; }
};

static_assert(kin::forward_tree_traits<c_read_traits>);
static_assert(!kin::bidirectional_tree_traits<c_read_traits>);
static_assert(!kin::mutable_tree_traits<c_read_traits>);

// Adding setters and deriving from singly_policy makes it mutable.
struct c_access : c_read_traits {
  static void set_parent(node_ptr n, node_ptr v) noexcept { n->parent = v; }
  static void set_first_child(node_ptr n, node_ptr v) noexcept { n->child = v; }
  static void set_next_sibling(node_ptr n, node_ptr v) noexcept { n->sibling = v; }
};
struct c_traits : kin::singly_policy<c_access> {};
static_assert(kin::mutable_tree_traits<c_traits>);

static_assert(kin::mutable_tree_traits<kin::singly_traits> && !kin::bidirectional_tree_traits<kin::singly_traits>);
static_assert(kin::mutable_tree_traits<kin::list_traits> && kin::bidirectional_tree_traits<kin::list_traits>);
static_assert(kin::mutable_tree_traits<kin::compact_traits> && kin::bidirectional_tree_traits<kin::compact_traits>);

// Hook sizes are the layouts' pointer counts.
static_assert(sizeof(kin::singly_hook<>) == 3 * sizeof(void*));
static_assert(sizeof(kin::compact_hook<>) == 4 * sizeof(void*));
static_assert(sizeof(kin::list_hook<>) == 5 * sizeof(void*));
static_assert(!std::is_copy_constructible_v<kin::singly_hook<>> && !std::is_move_constructible_v<kin::singly_hook<>>);
static_assert(!std::is_copy_constructible_v<kin::list_hook<>> && !std::is_move_constructible_v<kin::list_hook<>>);
static_assert(!std::is_copy_constructible_v<kin::compact_hook<>> && !std::is_move_constructible_v<kin::compact_hook<>>);

// Node traits are value traits whose value is the node itself: a C struct is
// walked through its own traits, and the walks yield the struct.
static_assert(kin::value_traits<c_read_traits> && kin::value_traits<c_traits>);
static_assert(std::is_same_v<kin::value_traits_of<c_read_traits>, kin::node_value_traits<c_read_traits>>);
static_assert(std::is_same_v<kin::value_ptr<c_read_traits>, c_node*>);
static_assert(std::is_same_v<kin::const_value_ptr<c_read_traits>, const c_node*>);
static_assert(std::is_same_v<std::ranges::range_reference_t<decltype(kin::preorder<c_read_traits>(
                                 std::declval<c_node*>()))>,
                             c_node&>);

std::vector<int> values(auto&& range) {
  std::vector<int> out;
  for (const c_node& n : range) out.push_back(n.value);
  return out;
}

TEST(Traits, CStructWalkedThroughReadOnlyTraits) {
  // root(a(c d) b), linked by hand the C way.
  c_node root{nullptr, nullptr, nullptr, 0}, a{}, b{}, c{}, d{};
  a = {&root, &b, &c, 1};
  b = {&root, nullptr, nullptr, 2};
  c = {&a, &d, nullptr, 3};
  d = {&a, nullptr, nullptr, 4};
  root.child = &a;
  using T = c_read_traits;
  EXPECT_EQ(values(kin::preorder<T>(&root)), (std::vector<int>{0, 1, 3, 4, 2}));
  EXPECT_EQ(values(kin::postorder<T>(&root)), (std::vector<int>{3, 4, 1, 2, 0}));
  EXPECT_EQ(values(kin::children<T>(&a)), (std::vector<int>{3, 4}));
  EXPECT_EQ(values(kin::leaves<T>(&root)), (std::vector<int>{3, 4, 2}));
  EXPECT_EQ(values(kin::ancestors<T>(&d)), (std::vector<int>{1, 0}));
  EXPECT_EQ(kin::depth<T>(&d), 2u);
  EXPECT_TRUE(kin::verify<T>(&root));
  d.parent = &root; // the kind of slip verify exists for
  auto r = kin::verify<T>(&root);
  EXPECT_EQ(r.error, kin::verify_error::parent_mismatch);
  EXPECT_EQ(r.node, &a);
}

TEST(Traits, CStructMutatedThroughSinglyPolicy) {
  c_node n[5] = {};
  for (int i = 0; i < 5; ++i) n[i].value = i;
  using T = c_traits;
  kin::link_last_child<T>(&n[0], &n[1]);
  kin::link_last_child<T>(&n[0], &n[3]);
  kin::link_before<T>(&n[3], &n[2]);
  kin::link_first_child<T>(&n[1], &n[4]);
  EXPECT_EQ(values(kin::preorder<T>(&n[0])), (std::vector<int>{0, 1, 4, 2, 3}));
  EXPECT_TRUE(kin::verify<T>(&n[0]));
  kin::unlink<T>(&n[2]);
  EXPECT_EQ(values(kin::preorder<T>(&n[0])), (std::vector<int>{0, 1, 4, 3}));
  EXPECT_EQ(n[2].parent, nullptr); // kin clears what it detaches
  EXPECT_EQ(n[2].sibling, nullptr);
  EXPECT_TRUE(kin::verify<T>(&n[0]));
}

// A read-only view with const node pointers: no casts, usable in constexpr.
struct const_traits {
  using node = const c_node;
  using node_ptr = const c_node*;
  using const_node_ptr = const c_node*;
  static constexpr node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static constexpr node_ptr get_first_child(const_node_ptr n) noexcept { return n->child; }
  static constexpr node_ptr get_next_sibling(const_node_ptr n) noexcept { return n->sibling; }
};
static_assert(kin::forward_tree_traits<const_traits> && !kin::mutable_tree_traits<const_traits>);

TEST(Traits, ConstTraitsWalkAConstTree) {
  c_node root{}, a{}, b{};
  root.child = &a;
  a = {&root, &b, nullptr, 1};
  b = {&root, nullptr, nullptr, 2};
  const c_node& croot = root;
  EXPECT_EQ(values(kin::descendants<const_traits>(&croot)), (std::vector<int>{1, 2}));
  static_assert(std::is_same_v<std::ranges::range_reference_t<decltype(kin::descendants<const_traits>(&croot))>,
                               const c_node&>);
  // kin::const_traits is gone: any traits walk a const tree when the walk
  // starts from a const pointer, and then yield const values.
  EXPECT_EQ(values(kin::descendants<c_read_traits>(&croot)), (std::vector<int>{1, 2}));
  static_assert(std::is_same_v<std::ranges::range_reference_t<decltype(kin::descendants<c_read_traits>(&croot))>,
                               const c_node&>);
}

} // namespace traits_test
