// SPDX-License-Identifier: BSL-1.0
// Read-only traits give walks, not surgery.
#include <kin/algorithms.hpp>
#include <kin/queries.hpp>
struct c_node { c_node *parent, *sibling, *child; };
struct read_only {
  using node = c_node;
  using node_ptr = c_node*;
  using const_node_ptr = const c_node*;
  static node_ptr get_parent(const_node_ptr n) noexcept { return n->parent; }
  static node_ptr get_first_child(const_node_ptr n) noexcept { return n->child; }
  static node_ptr get_next_sibling(const_node_ptr n) noexcept { return n->sibling; }
};
int main() {
  c_node a{}, b{};
#ifndef KIN_CONTROL
  kin::link_first_child<read_only>(&a, &b);
#else
  (void)kin::depth<read_only>(&b);
  (void)a;
#endif
}
