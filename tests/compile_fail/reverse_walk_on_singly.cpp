// SPDX-License-Identifier: BSL-1.0
// Native reverse walks (the default strategy) need bidirectional traits: the
// singly layout has to name a strategy instead.
// expect-error: no previous-sibling link.*name a strategy: kin.*collect\(buffer\), kin.*collect_allocating or kin.*rescan
#include <kin/layouts/singly.hpp>
#include <kin/reverse.hpp>
#include <kin/value_traits.hpp>
struct node : kin::singly_hook<> {};
using VT = kin::base_hook<node, kin::singly_hook<>>;
int main() {
  node n;
#ifndef KIN_CONTROL
  for (node& v : kin::preorder_reverse<VT>(&n)) (void)v;
#else
  for (node& v : kin::preorder_reverse<VT>(&n, kin::rescan)) (void)v;
#endif
}
