// SPDX-License-Identifier: BSL-1.0
// The mixed-mode program's two units, as mixed_test.cpp calls them.
#ifndef KIN_TEST_MIXED_UNITS_HPP
#define KIN_TEST_MIXED_UNITS_HPP

#include "test_support.hpp"

#include <cstddef>

namespace mixed {

using namespace kin_test;

bool none_splice_into_itself();
std::size_t none_iterate_a_walk_that_did_not_fit();
bool fast_splice_into_itself();
std::size_t fast_iterate_a_walk_that_did_not_fit();

} // namespace mixed

#endif
