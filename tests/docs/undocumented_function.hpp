// SPDX-License-Identifier: BSL-1.0
/// @file undocumented_function.hpp
/// @brief Fixture for tests/docs/doxygen_test.cmake (not part of kin): a
/// member function without documentation, which the docs check must reject.
#ifndef KIN_TESTS_DOCS_UNDOCUMENTED_FUNCTION_HPP
#define KIN_TESTS_DOCS_UNDOCUMENTED_FUNCTION_HPP

/// Fixture namespace.
namespace kin_docs_fixture {

/// A documented struct with an undocumented member function.
struct walker {
  using value_type = int;
  int forgotten_step(int n) const { return n + 1; }
};

} // namespace kin_docs_fixture

#endif
