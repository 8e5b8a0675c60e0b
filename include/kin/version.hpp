// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief kin's version, the one place it is written: CMake's
/// `project(kin VERSION ...)`, the CMake package's version file, kin.pc,
/// the Debian package and the examples' `--version` all read it from here.
///
/// ```cpp
/// #include <kin/version.hpp>
/// #if KIN_VERSION >= 100   // 0.1.0 or later
/// ```
///
/// Before 1.0 a minor version may change the API (CHANGELOG.md says what
/// changed; its "API stability" section says what may change).
#ifndef KIN_VERSION_HPP
#define KIN_VERSION_HPP

/// The major version: 0 until the API is declared stable.
#define KIN_VERSION_MAJOR 0
/// The minor version: before 1.0, a new one may change the API.
#define KIN_VERSION_MINOR 1
/// The patch version: fixes only, no API change.
#define KIN_VERSION_PATCH 0
/// MAJOR × 10000 + MINOR × 100 + PATCH (0.1.0 is 100), for `#if` comparisons.
#define KIN_VERSION (KIN_VERSION_MAJOR * 10000 + KIN_VERSION_MINOR * 100 + KIN_VERSION_PATCH)
/// The version as text, "MAJOR.MINOR.PATCH".
#define KIN_VERSION_STRING "0.1.0"

#endif
