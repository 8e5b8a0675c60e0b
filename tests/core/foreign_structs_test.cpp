// SPDX-License-Identifier: BSL-1.0
// Foreign structs of every shape: kernel-style C structs that kin did not
// define — a singly linked `struct resource` shape, a compact 4-link shape
// and a `list_head` shape (with the kernel's self-linked convention for
// unlinked nodes, and with kin's null links) — get every walk, every
// mutation and verify through a few lines of access code, and behave
// exactly like kin's own hooks under the same operations.
#include "test_support.hpp"

#include <cstddef>
#include <cstdint>
#include <random>

namespace foreign_structs_test {

using namespace kin_test;
using V = std::vector<int>;

// ---- struct resource's shape: data first, then parent, sibling, child.
struct kres {
  std::uint64_t start = 0, end = 0;
  const char* name = nullptr;
  unsigned long flags = 0;
  kres *parent = nullptr, *sibling = nullptr, *child = nullptr;
  int id = -1;
};
struct kres_access {
  using node = kres;
  using node_ptr = kres*;
  using const_node_ptr = const kres*;
  static node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static node_ptr get_first_child(const_node_ptr n) noexcept { return n->child; }
  static node_ptr get_next_sibling(const_node_ptr n) noexcept { return n->sibling; }
  static void set_parent(node_ptr n, node_ptr v) noexcept { n->parent = v; }
  static void set_first_child(node_ptr n, node_ptr v) noexcept { n->child = v; }
  static void set_next_sibling(node_ptr n, node_ptr v) noexcept { n->sibling = v; }
};
struct kres_traits : kin::singly_policy<kres_access> {};
static_assert(kin::mutable_tree_traits<kres_traits> && !kin::bidirectional_tree_traits<kres_traits>);

// ---- a compact shape: parent, first child, next, and prev (the first
// child's prev is the last child).
struct cnode {
  int id = -1;
  cnode *parent = nullptr, *child = nullptr, *next = nullptr, *prev = nullptr;
};
struct cnode_access {
  using node = cnode;
  using node_ptr = cnode*;
  using const_node_ptr = const cnode*;
  static node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static node_ptr get_first_child(const_node_ptr n) noexcept { return n->child; }
  static node_ptr get_next_sibling(const_node_ptr n) noexcept { return n->next; }
  static node_ptr get_raw_prev(const_node_ptr n) noexcept { return n->prev; }
  static void set_parent(node_ptr n, node_ptr v) noexcept { n->parent = v; }
  static void set_first_child(node_ptr n, node_ptr v) noexcept { n->child = v; }
  static void set_next_sibling(node_ptr n, node_ptr v) noexcept { n->next = v; }
  static void set_raw_prev(node_ptr n, node_ptr v) noexcept { n->prev = v; }
  static bool is_linked(const_node_ptr n) noexcept { return n->parent != nullptr; }
};
struct cnode_traits : kin::compact_policy<cnode_access> {};
static_assert(kin::mutable_tree_traits<cnode_traits> && kin::bidirectional_tree_traits<cnode_traits>);

// ---- Baoquan He's list_head resource: parent, sibling ring, child ring.
struct list_head {
  list_head *next, *prev;
};
inline void init_list_head(list_head* h) {
  h->next = h;
  h->prev = h;
}
struct lres {
  std::uint64_t start = 0, end = 0;
  lres* parent = nullptr;
  list_head sibling;
  list_head child;
  int id = -1;
  lres() {
    init_list_head(&sibling); // the kernel's convention: unlinked = self-linked
    init_list_head(&child);
  }
};
template <bool SelfLinked>
struct lres_access {
  using node = lres;
  using node_ptr = lres*;
  using const_node_ptr = const lres*;
  using link = list_head;
  static constexpr bool unlinked_is_self_linked = SelfLinked;
  static node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static void set_parent(node_ptr n, node_ptr v) noexcept { n->parent = v; }
  static link* sibling_link(node_ptr n) noexcept { return &n->sibling; }
  static link* child_link(node_ptr n) noexcept { return &n->child; }
  static node_ptr from_sibling_link(link* l) noexcept {
    return reinterpret_cast<lres*>(reinterpret_cast<char*>(l) - offsetof(lres, sibling));
  }
};
template <bool SelfLinked>
struct lres_traits : kin::list_policy<lres_access<SelfLinked>> {};
static_assert(kin::mutable_tree_traits<lres_traits<true>> && kin::bidirectional_tree_traits<lres_traits<true>>);
static_assert(offsetof(lres, sibling) != 0, "the ring is not the first field: conversions cost something");

// One foreign shape under test, and kin's compact hook as the reference.
template <class Node, class Traits>
struct foreign {
  using node_type = Node;
  using traits = Traits;
};
using shapes = ::testing::Types<foreign<kres, kres_traits>, foreign<cnode, cnode_traits>,
                                foreign<lres, lres_traits<true>>, foreign<lres, lres_traits<false>>>;
struct shape_names {
  template <class F>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<F, foreign<kres, kres_traits>>) return "resource_singly";
    else if constexpr (std::is_same_v<F, foreign<cnode, cnode_traits>>) return "compact";
    else if constexpr (std::is_same_v<F, foreign<lres, lres_traits<true>>>) return "list_head_self_linked";
    else return "list_head_null_links";
  }
};

template <class F>
class ForeignStructs : public ::testing::Test {};
TYPED_TEST_SUITE(ForeignStructs, shapes, shape_names);

template <class Range>
V id_list(Range&& r) {
  V out;
  for (auto&& v : r) out.push_back(v.id);
  return out;
}

// Every walk of `T` from `n`, forward and reverse with every strategy that
// exists on the layout, as one list of id sequences.
template <class T, class N>
std::vector<V> all_walks(N* n, std::size_t size) {
  std::vector<N*> buf(size);
  std::vector<V> out = {id_list(kin::children<T>(n)),    id_list(kin::preorder<T>(n)),
                        id_list(kin::descendants<T>(n)), id_list(kin::postorder<T>(n)),
                        id_list(kin::postorder_safe<T>(n)), id_list(kin::leaves<T>(n)),
                        id_list(kin::ancestors<T>(n))};
  auto reverses = [&](auto strategy) {
    out.push_back(id_list(kin::children_reverse<T>(n, strategy)));
    out.push_back(id_list(kin::preorder_reverse<T>(n, strategy)));
    out.push_back(id_list(kin::descendants_reverse<T>(n, strategy)));
    out.push_back(id_list(kin::postorder_reverse<T>(n, strategy)));
    out.push_back(id_list(kin::leaves_reverse<T>(n, strategy)));
  };
  if constexpr (kin::bidirectional_tree_traits<kin::node_traits_of<T>>) {
    reverses(kin::native);
  } else {
    reverses(kin::collect(buf)); // keeps the list the same length on every layout
  }
  reverses(kin::collect(buf));
  reverses(kin::collect_allocating);
  reverses(kin::rescan);
  out.push_back(id_list(kin::ancestors_reverse<T>(n, kin::collect(buf))));
  out.push_back(id_list(kin::ancestors_reverse<T>(n, kin::collect_allocating)));
  std::vector<int> depths;
  const auto pre = kin::preorder<T>(n).with_depth();
  for (auto it = pre.begin(); it != pre.end(); ++it) depths.push_back(static_cast<int>(it.depth()));
  out.push_back(depths);
  return out;
}

TYPED_TEST(ForeignStructs, EveryWalkEveryMutationAndVerifyMatchKinsOwnHooks) {
  using N = typename TypeParam::node_type;
  using T = typename TypeParam::traits;
  using R = compact;                 // kin's own hooks as the reference
  using RT = typename R::traits;
  constexpr std::size_t size = 24;
  std::vector<N> nodes(size);
  pool<R> ref(size);
  for (std::size_t i = 0; i < size; ++i) nodes[i].id = static_cast<int>(i);
  std::mt19937 rng(11);
  auto same = [&](const char* what) {
    ASSERT_TRUE(kin::verify<T>(&nodes[0])) << what << ": " << kin::describe(kin::verify<T>(&nodes[0]).error);
    ASSERT_TRUE(verified<R>(ref[0])) << what;
    for (std::size_t i = 0; i < size; ++i) {
      ASSERT_EQ((all_walks<T>(&nodes[i], size)), (all_walks<RT>(ref[i], size))) << what << " from " << i;
      ASSERT_EQ(kin::child_count<T>(&nodes[i]), kin::child_count<RT>(ref[i]));
      ASSERT_EQ(kin::depth<T>(&nodes[i]), kin::depth<RT>(ref[i]));
      auto id_of = [](auto* p) { return p ? p->id : -1; };
      ASSERT_EQ(id_of(kin::last_child<T>(&nodes[i])), id_of(kin::last_child<RT>(ref[i])));
      ASSERT_EQ(id_of(kin::prev_sibling<T>(&nodes[i])), id_of(kin::prev_sibling<RT>(ref[i])));
      ASSERT_EQ(id_of(kin::parent<T>(&nodes[i])), id_of(kin::parent<RT>(ref[i])));
    }
  };
  auto linked = [&](std::size_t i) { return kin::parent<RT>(ref[i]) != nullptr; };
  auto in_tree = [&](std::size_t i) { return i == 0 || linked(i); };
  // Builds 0 with children, then a random sequence of every mutation.
  for (std::size_t i = 1; i < 8; ++i) {
    kin::link_last_child<T>(&nodes[0], &nodes[i]);
    kin::link_last_child<RT>(ref[0], ref[i]);
  }
  same("built");
  const long steps = 300 * scale();
  for (long step = 0; step < steps; ++step) {
    const std::size_t a = rng() % size, b = rng() % size, c = rng() % size;
    switch (rng() % 11) {
    case 0: // link first / last / before / after: a free, childless node
    case 1:
      if (in_tree(a) && !in_tree(b) && !kin::first_child<RT>(ref[b])) {
        switch (rng() % 4) {
        case 0: kin::link_first_child<T>(&nodes[a], &nodes[b]); kin::link_first_child<RT>(ref[a], ref[b]); break;
        case 1: kin::link_last_child<T>(&nodes[a], &nodes[b]); kin::link_last_child<RT>(ref[a], ref[b]); break;
        case 2:
          if (linked(a)) { kin::link_before<T>(&nodes[a], &nodes[b]); kin::link_before<RT>(ref[a], ref[b]); }
          break;
        default:
          if (linked(a)) { kin::link_after<T>(&nodes[a], &nodes[b]); kin::link_after<RT>(ref[a], ref[b]); }
        }
      }
      break;
    case 2: // unlink a subtree and free it node by node
      if (linked(a)) {
        kin::unlink<T>(&nodes[a]);
        kin::unlink<RT>(ref[a]);
        for (std::size_t i = 1; i < size; ++i) // everything no longer under the root goes back to the pool
          if (!kin::is_ancestor<RT>(ref[0], ref[i]) && linked(i)) { kin::unlink<T>(&nodes[i]); kin::unlink<RT>(ref[i]); }
      }
      break;
    case 3: // reparent
      if (a != 0 && in_tree(a) && in_tree(b) && kin::try_reparent<RT>(ref[a], ref[b])) {
        ASSERT_TRUE(kin::try_reparent<T>(&nodes[a], &nodes[b]));
      } else if (a != 0 && in_tree(a) && in_tree(b)) {
        ASSERT_FALSE(kin::try_reparent<T>(&nodes[a], &nodes[b])); // under its own subtree: refused
      }
      break;
    case 4: // splice children
      if (in_tree(a) && in_tree(b) && a != b && !kin::is_ancestor<RT>(ref[b], ref[a])) {
        kin::splice_children<T>(&nodes[a], &nodes[b]);
        kin::splice_children<RT>(ref[a], ref[b]);
      }
      break;
    case 5: // replace a linked node by a free childless one
      if (linked(a) && !in_tree(b) && !kin::first_child<RT>(ref[b])) {
        kin::replace<T>(&nodes[a], &nodes[b]);
        kin::replace<RT>(ref[a], ref[b]);
      }
      break;
    case 6: { // adopt a run of siblings
      if (!linked(a) || in_tree(c) || kin::first_child<RT>(ref[c])) break;
      auto* last = ref[a];
      for (std::size_t k = rng() % 3; k > 0 && kin::next_sibling<RT>(last); --k) last = kin::next_sibling<RT>(last);
      kin::adopt_siblings<T>(&nodes[c], &nodes[a], &nodes[static_cast<std::size_t>(last->id)]);
      kin::adopt_siblings<RT>(ref[c], ref[a], last);
      break;
    }
    case 7: // hoist children
      if (linked(a)) {
        kin::hoist_children<T>(&nodes[a]);
        kin::hoist_children<RT>(ref[a]);
      }
      break;
    default: // grow
      if (in_tree(a) && !in_tree(b) && b != 0 && !kin::first_child<RT>(ref[b])) {
        kin::link_last_child<T>(&nodes[a], &nodes[b]);
        kin::link_last_child<RT>(ref[a], ref[b]);
      }
    }
    same("after a mutation");
  }
}

TEST(ForeignStructs, ListHeadUnlinkFollowsTheChosenConvention) {
  lres root, a;
  using self = lres_traits<true>;
  using null = lres_traits<false>;
  kin::link_last_child<self>(&root, &a);
  EXPECT_TRUE(kin::is_linked<self>(&a));
  kin::unlink<self>(&a);
  EXPECT_FALSE(kin::is_linked<self>(&a));
  EXPECT_EQ(a.sibling.next, &a.sibling); // list_del_init's state
  EXPECT_EQ(a.sibling.prev, &a.sibling);
  kin::link_last_child<null>(&root, &a); // a self-linked node counts as unlinked under either convention
  kin::unlink<null>(&a);
  EXPECT_FALSE(kin::is_linked<null>(&a));
  EXPECT_EQ(a.sibling.next, nullptr); // kin's convention
  EXPECT_TRUE(kin::verify<self>(&root));
  EXPECT_TRUE(kin::children<self>(&root).empty());
}

} // namespace foreign_structs_test
