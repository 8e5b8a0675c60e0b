// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief Configuration macros: `KIN_ASSERT` and `KIN_SAFE_MODE`.
///
/// Both may be defined by the user before the first kin header is included:
///
/// ```cpp
/// #define KIN_ASSERT(expr) my_firmware_panic_unless(expr)
/// #define KIN_SAFE_MODE 1   // keep link/unlink misuse checks in release builds
/// #include <kin/kin.hpp>
/// ```
///
/// Release builds (`NDEBUG`) check nothing and cost nothing unless
/// `KIN_SAFE_MODE` is set explicitly.
#ifndef KIN_CONFIG_HPP
#define KIN_CONFIG_HPP

#ifndef KIN_ASSERT
#include <cassert>
/// Checks a precondition. Defaults to `assert`; define it before including
/// kin to route failures elsewhere (a firmware panic, a test hook).
#define KIN_ASSERT(expr) assert(expr)
#endif

#if !defined(KIN_SAFE_MODE) && defined(NDEBUG)
#define KIN_SAFE_MODE 0
#endif
#ifndef KIN_SAFE_MODE
/// 1 when kin checks link/unlink/reparent misuse with `KIN_ASSERT`.
/// Defaults to 1 unless `NDEBUG` is defined; define it to 0 or 1 to choose.
/// Never changes a hook's size.
#define KIN_SAFE_MODE 1
#endif

/// Asserts a precondition only in safe mode (`KIN_SAFE_MODE` != 0).
#if KIN_SAFE_MODE
#define KIN_SAFE_ASSERT(expr) KIN_ASSERT(expr)
#else
#define KIN_SAFE_ASSERT(expr) ((void)0)
#endif

/// Tells the compiler that `expr` holds, on walker hot paths where a
/// well-formed tree guarantees it (a linked node's ring pointer is not
/// null, say), so it can drop a test the hand-written loop would not make.
/// In safe mode it is checked with `KIN_ASSERT` instead. Never used by
/// kin::verify, which must cope with any pointer graph.
#if KIN_SAFE_MODE
#define KIN_ASSUME(expr) KIN_ASSERT(expr)
#elif defined(__GNUC__) || defined(__clang__)
#define KIN_ASSUME(expr) ((expr) ? (void)0 : __builtin_unreachable())
#else
#define KIN_ASSUME(expr) ((void)0)
#endif

#endif // KIN_CONFIG_HPP
