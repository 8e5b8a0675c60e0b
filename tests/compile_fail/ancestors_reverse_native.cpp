// SPDX-License-Identifier: BSL-1.0
// A root-first ancestors walk needs storage on every layout, bidirectional
// ones included (no link points down the path from the root): the native
// default is an error; a collecting strategy compiles.
// expect-error: root-first ancestors walk needs storage.*kin.*collect\(buffer\) or kin.*collect_allocating
#include <kin/layouts/compact.hpp>
#include <kin/reverse.hpp>
#include <kin/value_traits.hpp>
struct node : kin::compact_hook<> {};
using VT = kin::base_hook<node, kin::compact_hook<>>;
int main() {
  node n;
#ifndef KIN_CONTROL
  for (node& v : kin::ancestors_reverse<VT>(&n)) (void)v;
#else
  node* buf[8] = {};
  for (node& v : kin::ancestors_reverse<VT>(&n, kin::collect(buf))) (void)v;
#endif
}
