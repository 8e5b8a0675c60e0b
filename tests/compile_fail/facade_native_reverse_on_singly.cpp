// SPDX-License-Identifier: BSL-1.0
// A native reverse walk over a singly linked kin::tree does not exist: the
// walks are free functions taking the tree, and the native one stops with an
// error naming the strategies (kin::collect, kin::collect_allocating,
// kin::rescan); naming one compiles.
// expect-error: no previous-sibling link.*name a strategy: kin.*collect\(buffer\), kin.*collect_allocating or kin.*rescan
#include <kin/layouts/singly.hpp>
#include <kin/reverse.hpp>
#include <kin/tree.hpp>
struct node : kin::singly_hook<> {};
using tree = kin::tree<kin::base_hook<node, kin::singly_hook<>>>;
template <class Tree>
concept has_rescan_reverse = requires(const Tree& t) { kin::children_reverse(t, kin::rescan); };
static_assert(has_rescan_reverse<tree>);
int main() {
  node root;
  tree t(root);
#ifndef KIN_CONTROL
  for (node& n : kin::children_reverse(t)) (void)n;
#else
  for (node& n : kin::children_reverse(t, kin::rescan)) (void)n;
#endif
}
