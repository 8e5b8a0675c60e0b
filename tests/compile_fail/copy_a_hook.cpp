// SPDX-License-Identifier: BSL-1.0
// Hooks are not copyable: a copy would not be in the tree its links name.
#include <kin/layouts/singly.hpp>
int main() {
  kin::singly_hook<> a;
#ifndef KIN_CONTROL
  kin::singly_hook<> b = a;
  (void)b;
#endif
  (void)a;
}
