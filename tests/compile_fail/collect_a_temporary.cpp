// SPDX-License-Identifier: BSL-1.0
// kin::collect refuses a temporary container: the walk's result would point
// into storage destroyed at the end of the statement.
#include <kin/layouts/singly.hpp>
#include <kin/reverse.hpp>
#include <kin/value_traits.hpp>
#include <vector>
struct node : kin::singly_hook<> {};
using VT = kin::base_hook<node, kin::singly_hook<>>;
int main() {
  node root;
#ifndef KIN_CONTROL
  auto r = kin::preorder_reverse<VT>(&root, kin::collect(std::vector<node*>(8)));
#else
  std::vector<node*> buf(8);
  auto r = kin::preorder_reverse<VT>(&root, kin::collect(buf));
#endif
  (void)r;
}
