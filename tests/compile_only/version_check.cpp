// SPDX-License-Identifier: BSL-1.0
// Compile-only: kin/version.hpp's numbers and its text say the same version
// (CMake reads the text; code compares the numbers).
#include <kin/version.hpp>

#include <string_view>

namespace version_check {

constexpr unsigned number_at(std::string_view s, unsigned field) {
  unsigned value = 0;
  for (char c : s) {
    if (c == '.') {
      if (field-- == 0) return value;
      value = 0;
    } else {
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
  }
  return value;
}

static_assert(number_at(KIN_VERSION_STRING, 0) == KIN_VERSION_MAJOR);
static_assert(number_at(KIN_VERSION_STRING, 1) == KIN_VERSION_MINOR);
static_assert(number_at(KIN_VERSION_STRING, 2) == KIN_VERSION_PATCH);
static_assert(KIN_VERSION == KIN_VERSION_MAJOR * 10000 + KIN_VERSION_MINOR * 100 + KIN_VERSION_PATCH);

} // namespace version_check
