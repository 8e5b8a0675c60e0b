// Compile-time trees: the algorithms, walkers and verify run in constant
// evaluation on the singly and compact layouts, so a tree can be built and
// checked by static_assert.
#include "test_support.hpp"

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
