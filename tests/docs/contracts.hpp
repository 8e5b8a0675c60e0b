// SPDX-License-Identifier: BSL-1.0
/// @file contracts.hpp
/// @brief Fixture for tests/docs/doxygen_test.cmake (not part of kin): every
/// function and class documented, contracts under kin's headings, member
/// types and data members left undocumented (the docs check allows those).
#ifndef KIN_TESTS_DOCS_CONTRACTS_HPP
#define KIN_TESTS_DOCS_CONTRACTS_HPP

/// Fixture namespace.
namespace kin_docs_fixture {

/// A documented struct with undocumented member types and data members.
struct node {
  using value_type = int;
  typedef node* pointer;
  int id;
  node* parent;
};

/// An undocumented alias at namespace scope is allowed too.
using node_alias = node;
using other_alias = node;

/// Unlinks `n` from its parent.
/// @requires `n` is linked. @effects `n` has no parent.
/// @returns the old parent.
/// @throws_ Nothing.
/// @complexity O(1)
inline node* unlink(node& n) {
  node* p = n.parent;
  n.parent = nullptr;
  return p;
}

} // namespace kin_docs_fixture

#endif
