// SPDX-License-Identifier: BSL-1.0
// Uses the installed headers, the list_head layout included (so the package
// must have found Boost for us), and prints what the package test expects.
#include <kin/kin.hpp>

#include <cstdio>

struct node : kin::list_hook<> {
  int id = 0;
};

int main() {
  node n[4];
  for (int i = 0; i < 4; ++i) n[i].id = i;
  kin::tree<kin::base_hook<node, kin::list_hook<>>> t(n[0]);
  t.link_last_child(n[0], n[1]);
  t.link_last_child(n[0], n[2]);
  t.link_last_child(n[2], n[3]);
  std::printf("kin consumer:");
  for (node& x : kin::preorder_reverse(t)) std::printf(" %d", x.id);
  std::printf("\n");
  return t.verify() ? 0 : 1;
}
