// Singly linked walks are forward only: no operator--.
#include <kin/layouts/singly.hpp>
#include <kin/walkers.hpp>
int main() {
  kin::singly_hook root;
  auto r = kin::preorder<kin::singly_traits>(&root);
  auto it = r.end();
#ifndef KIN_CONTROL
  --it;
#else
  ++it;
#endif
}
