// kin::collect refuses a temporary container: the walk's result would point
// into storage destroyed at the end of the statement.
#include <kin/layouts/singly.hpp>
#include <kin/reverse.hpp>
#include <vector>
int main() {
  kin::singly_hook root;
#ifndef KIN_CONTROL
  auto r = kin::preorder_reverse<kin::singly_traits>(&root, kin::collect(std::vector<kin::singly_hook*>(8)));
#else
  std::vector<kin::singly_hook*> buf(8);
  auto r = kin::preorder_reverse<kin::singly_traits>(&root, kin::collect(buf));
#endif
  (void)r;
}
