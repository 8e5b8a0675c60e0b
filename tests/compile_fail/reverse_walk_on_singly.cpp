// Native reverse walks need bidirectional traits: the singly layout has to
// name a strategy instead.
#include <kin/layouts/singly.hpp>
#include <kin/walkers.hpp>
int main() {
  kin::singly_hook root;
#ifndef KIN_CONTROL
  for (auto* n : kin::children_reverse<kin::singly_traits>(&root)) (void)n;
#else
  for (auto* n : kin::children<kin::singly_traits>(&root)) (void)n;
#endif
}
