// kin::tree, the typed facade: member and base hooks on all three layouts,
// T& ranges for every walker, typed algorithms, clear_and_dispose on deep
// and wide trees.
#include "test_support.hpp"

#include <kin/tree.hpp>

#include <string>

namespace {

using V = std::vector<int>;

// A value with a member hook of layout Hook.
template <class Hook>
struct member_value {
  int id = -1;
  Hook hook;
  std::string payload = "payload"; // something after the hook, to catch a wrong offset
};
// A value whose base class is the hook.
template <class Hook>
struct base_value : Hook {
  int id = -1;
};

template <class Value, class Option>
struct combo {
  using value = Value;
  using tree = kin::tree<Value, Option>;
  static constexpr bool bidirectional = kin::bidirectional_tree_traits<typename tree::traits>;
};

template <class Hook>
using member_combo = combo<member_value<Hook>, kin::member_hook<&member_value<Hook>::hook>>;
template <class Hook>
using base_combo = combo<base_value<Hook>, kin::base_hook<Hook>>;

using combos = ::testing::Types<member_combo<kin::singly_hook>, base_combo<kin::singly_hook>,
                                member_combo<kin::list_hook>, base_combo<kin::list_hook>,
                                member_combo<kin::compact_hook>, base_combo<kin::compact_hook>>;

template <class C>
class Facade : public ::testing::Test {
protected:
  using value = typename C::value;
  using tree = typename C::tree;
  Facade() : nodes(new value[kSize]) {
    for (int i = 0; i < kSize; ++i) nodes[i].id = i;
  }
  static constexpr int kSize = 12;
  std::unique_ptr<value[]> nodes;
  value& operator[](int i) { return nodes[i]; }
  // 0(1(3 4(7 8)) 2(5 6(9)))
  tree build() {
    tree t(nodes[0]);
    for (auto [p, c] : {std::pair{0, 1}, {0, 2}, {1, 3}, {1, 4}, {2, 5}, {2, 6}, {4, 7}, {4, 8}, {6, 9}})
      t.link_last_child(nodes[p], nodes[c]);
    return t;
  }
  template <class R>
  static V ids(R&& r) {
    V out;
    for (value& v : r) out.push_back(v.id);
    return out;
  }
};
TYPED_TEST_SUITE(Facade, combos);

TYPED_TEST(Facade, RangesYieldValuesForEveryWalk) {
  auto t = this->build();
  auto& n = *this;
  EXPECT_EQ(this->ids(t.children()), (V{1, 2}));
  EXPECT_EQ(this->ids(t.preorder()), (V{0, 1, 3, 4, 7, 8, 2, 5, 6, 9}));
  EXPECT_EQ(this->ids(t.descendants(n[2])), (V{5, 6, 9}));
  EXPECT_EQ(this->ids(t.postorder()), (V{3, 7, 8, 4, 1, 5, 9, 6, 2, 0}));
  EXPECT_EQ(this->ids(t.postorder_safe()), (V{3, 7, 8, 4, 1, 5, 9, 6, 2, 0}));
  EXPECT_EQ(this->ids(t.leaves()), (V{3, 7, 8, 5, 9}));
  EXPECT_EQ(this->ids(t.ancestors(n[9])), (V{6, 2, 0}));
  typename TestFixture::tree::node_ptr buf[16];
  EXPECT_EQ(this->ids(t.preorder_reverse(n[0], kin::collect(buf))), (V{9, 6, 5, 2, 8, 7, 4, 3, 1, 0}));
  EXPECT_EQ(this->ids(t.preorder_reverse(n[0], kin::rescan)), (V{9, 6, 5, 2, 8, 7, 4, 3, 1, 0}));
  EXPECT_EQ(this->ids(t.children_reverse(n[0], kin::rescan)), (V{2, 1}));
  EXPECT_EQ(this->ids(t.mirrored_preorder(n[0], kin::collect_allocating)), (V{0, 2, 6, 9, 5, 1, 4, 8, 7, 3}));
  EXPECT_EQ(this->ids(t.ancestors_reverse(n[8], kin::collect(buf))), (V{0, 1, 4}));
  if constexpr (TypeParam::bidirectional) {
    EXPECT_EQ(this->ids(t.children_reverse()), (V{2, 1}));
    EXPECT_EQ(this->ids(t.preorder_reverse()), (V{9, 6, 5, 2, 8, 7, 4, 3, 1, 0}));
    EXPECT_EQ(this->ids(t.descendants_reverse()), (V{9, 6, 5, 2, 8, 7, 4, 3, 1}));
    EXPECT_EQ(this->ids(t.mirrored_preorder()), (V{0, 2, 6, 9, 5, 1, 4, 8, 7, 3}));
    EXPECT_EQ(this->ids(t.postorder_reverse()), (V{0, 2, 6, 9, 5, 1, 4, 8, 7, 3}));
    EXPECT_EQ(this->ids(t.leaves_reverse()), (V{9, 5, 8, 7, 3}));
    auto pre = t.preorder();
    static_assert(std::ranges::bidirectional_range<decltype(pre)>);
    EXPECT_EQ(std::ranges::prev(pre.end())->id, 9);
  } else {
    static_assert(!std::ranges::bidirectional_range<decltype(t.preorder())>);
  }
  static_assert(std::ranges::forward_range<decltype(t.preorder())> && std::ranges::borrowed_range<decltype(t.preorder())>);
  // Typed iterators keep depth() and skip_children().
  V seen;
  auto pre = t.preorder();
  for (auto it = pre.begin(); it != pre.end();) {
    seen.push_back(it->id * 10 + static_cast<int>(it.depth()));
    if (it->id == 1) it.skip_children(); else ++it;
  }
  EXPECT_EQ(seen, (V{0, 11, 21, 52, 62, 93}));
  if constexpr (requires { this->nodes[5].payload; }) {
    EXPECT_EQ(this->nodes[5].payload, "payload");
  }
}

TYPED_TEST(Facade, QueriesAndAlgorithms) {
  auto t = this->build();
  auto& n = *this;
  EXPECT_EQ(t.parent(n[4]), &n[1]);
  EXPECT_EQ(t.parent(n[0]), nullptr);
  EXPECT_EQ(t.first_child(n[1]), &n[3]);
  EXPECT_EQ(t.last_child(n[1]), &n[4]);
  EXPECT_EQ(t.next_sibling(n[3]), &n[4]);
  EXPECT_EQ(t.prev_sibling(n[4]), &n[3]);
  EXPECT_EQ(t.child_count(n[0]), 2u);
  EXPECT_EQ(t.depth(n[9]), 3u);
  EXPECT_TRUE(t.is_ancestor(n[2], n[9]));
  EXPECT_TRUE(t.is_linked(n[9]));
  EXPECT_FALSE(t.is_linked(n[10]));
  EXPECT_TRUE(t.verify());
  t.adopt_siblings(n[10], n[3], n[4]);          // 1(10(3 4(7 8)))
  EXPECT_EQ(this->ids(t.children(n[1])), V{10});
  t.hoist_children(n[10]);
  EXPECT_EQ(this->ids(t.children(n[1])), (V{3, 4}));
  t.replace(n[4], n[10]);                       // 10 takes 4's place and 7 8
  EXPECT_EQ(this->ids(t.descendants(n[1])), (V{3, 10, 7, 8}));
  EXPECT_FALSE(t.try_reparent(n[1], n[7]));
  EXPECT_TRUE(t.try_reparent(n[7], n[5]));
  t.reparent(n[8], n[5]);
  EXPECT_EQ(this->ids(t.children(n[5])), (V{7, 8}));
  t.splice_children(n[3], n[5]);
  t.unlink(n[2]);
  t.link_first_child(n[0], n[11]);
  t.link_after(n[11], n[4]);
  t.link_before(n[4], n[2]);
  EXPECT_EQ(this->ids(t.preorder()), (V{0, 11, 2, 5, 6, 9, 4, 1, 3, 7, 8, 10}));
  EXPECT_TRUE(t.verify());
  V disposed;
  t.unlink_and_dispose(n[1], [&](auto& v) { disposed.push_back(v.id); });
  EXPECT_EQ(disposed, (V{7, 8, 3, 10, 1}));
  EXPECT_FALSE(t.is_linked(n[3]));
  EXPECT_EQ(this->ids(t.preorder()), (V{0, 11, 2, 5, 6, 9, 4}));
}

TYPED_TEST(Facade, CallbackWalkSeesValues) {
  auto t = this->build();
  V down;
  auto r = t.walk(
      t.root(), [&](auto& v, std::size_t d) { down.push_back(v.id * 10 + static_cast<int>(d));
        return v.id == 4 ? kin::walk_action::skip_children : kin::walk_action::continue_walk; },
      kin::no_ascend{}, 2);
  EXPECT_TRUE(r.completed);
  EXPECT_EQ(down, (V{11, 32, 42, 21, 52, 62}));
}

TYPED_TEST(Facade, ClearAndDisposeFreesEveryDescendantChildrenFirst) {
  using value = typename TestFixture::value;
  using tree = typename TestFixture::tree;
  value root;
  root.id = 0;
  tree t(root);
  // Heap nodes in a mixed shape; the disposer frees them (ASan watches).
  std::vector<value*> made;
  for (int i = 1; i <= 30; ++i) {
    value* v = new value;
    v->id = i;
    made.push_back(v);
    t.link_last_child(i <= 3 ? root : *made[static_cast<std::size_t>((i - 1) / 3 - 1)], *v);
  }
  ASSERT_TRUE(t.verify());
  V order;
  t.clear_and_dispose([&](value& v) {
    EXPECT_FALSE(t.is_linked(v));          // unlinked before it is handed over
    EXPECT_EQ(t.first_child(v), nullptr);  // its children went first
    order.push_back(v.id);
    delete &v;
  });
  EXPECT_EQ(order.size(), 30u);
  EXPECT_TRUE(t.empty());
  EXPECT_TRUE(t.verify());
}

TYPED_TEST(Facade, ClearAndDisposeDeepAndWide) {
  using value = typename TestFixture::value;
  using tree = typename TestFixture::tree;
  constexpr int kBig = 100000;
  std::unique_ptr<value[]> v(new value[kBig + 1]);
  tree deep(v[0]);
  std::size_t disposed = 0;
  kin_test::run_on_small_stack([&] {
    for (int i = 1; i <= kBig; ++i) deep.link_first_child(v[i - 1], v[i]);
    deep.clear_and_dispose([&](value&) { ++disposed; });
  });
  EXPECT_EQ(disposed, static_cast<std::size_t>(kBig));
  EXPECT_TRUE(deep.empty());
  // Wide: linear on every layout (each node is its parent's first child
  // when unlinked).
  tree wide(v[0]);
  wide.link_first_child(v[0], v[1]);
  for (int i = 2; i <= kBig; ++i) wide.link_after(v[i - 1], v[i]);
  disposed = 0;
  wide.clear_and_dispose([&](value&) { ++disposed; });
  EXPECT_EQ(disposed, static_cast<std::size_t>(kBig));
  EXPECT_TRUE(wide.empty());
  for (int i = 1; i <= kBig; i += 997) EXPECT_FALSE(wide.is_linked(v[i]));
}

} // namespace
