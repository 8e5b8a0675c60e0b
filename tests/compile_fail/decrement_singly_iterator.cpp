// SPDX-License-Identifier: BSL-1.0
// Singly linked walks are forward only: no operator--.
#include <kin/layouts/singly.hpp>
#include <kin/value_traits.hpp>
#include <kin/walkers.hpp>
struct node : kin::singly_hook<> {};
using VT = kin::base_hook<node, kin::singly_hook<>>;
int main() {
  node root;
  auto r = kin::preorder<VT>(&root);
  auto it = r.end();
#ifndef KIN_CONTROL
  --it;
#else
  ++it;
#endif
}
