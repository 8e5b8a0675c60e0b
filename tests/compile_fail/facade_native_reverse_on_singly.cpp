// The facade's native reverse walks are constrained to bidirectional
// layouts, so the error names the user's call (and a requires-expression
// can test for them).
#include <kin/layouts/singly.hpp>
#include <kin/tree.hpp>
struct node : kin::singly_hook {};
using tree = kin::tree<node, kin::base_hook<kin::singly_hook>>;
template <class Tree>
concept has_native_reverse = requires(const Tree& t) { t.children_reverse(); };
template <class Tree>
concept has_rescan_reverse = requires(const Tree& t) { t.children_reverse(kin::rescan); };
static_assert(!has_native_reverse<tree> && has_rescan_reverse<tree>);
int main() {
  node root;
  tree t(root);
#ifndef KIN_CONTROL
  for (node& n : t.preorder_reverse()) (void)n;
#else
  for (node& n : t.preorder_reverse(kin::rescan)) (void)n;
#endif
}
