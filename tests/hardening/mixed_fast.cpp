// SPDX-License-Identifier: BSL-1.0
// One half of the mixed-mode program: a unit built with the default checks. Built
// at -O0, so the calls below reach the out-of-line kin functions the linker
// chose; without the mode in their symbols they would be shared with
// mixed_none.cpp's and one of the two units would get the other's checks.
#define KIN_HARDENING_MODE KIN_HARDENING_MODE_FAST
#include "mixed_units.hpp"

namespace mixed {

bool fast_splice_into_itself() {
  pool<compact> p(3);
  auto root = p.build("0(1 2)");
  kin::splice_children<compact::traits>(root, root); // checked: refused
  return verified<compact>(root) && shape<compact>(root) == "0(1 2)";
}

std::size_t fast_iterate_a_walk_that_did_not_fit() {
  pool<compact> p(3);
  auto root = p.build("0(1 2)");
  compact::node_type* small[1];
  std::size_t visited = 0;
  for (auto& v : kin::preorder_reverse<compact::traits>(root, kin::collect(small))) (void)v, ++visited;
  return visited; // never reached: iterating is refused
}

} // namespace mixed
