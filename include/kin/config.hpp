// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief Configuration: the hardening mode and the assertion handler.
///
/// Both may be chosen by the user before the first kin header is included:
///
/// ```cpp
/// #define KIN_HARDENING_MODE KIN_HARDENING_MODE_EXTENSIVE   // or _NONE, _FAST (the default)
/// #define KIN_ASSERTION_HANDLER(file, line, rule) my_panic(file, line, rule)
/// #include <kin/kin.hpp>
/// ```
///
/// Modes (see docs/safe-mode.md for the table of what each one catches):
/// - `KIN_HARDENING_MODE_NONE`: no checks;
/// - `KIN_HARDENING_MODE_FAST`, **the default in every build type**, `NDEBUG`
///   or not: O(1) checks on every mutation (linking a linked node, unlinking
///   an unlinked one, neighbour links that do not point back, a run whose ends
///   do not share a parent) and on iterating a collected walk that did not fit;
/// - `KIN_HARDENING_MODE_EXTENSIVE`: adds the O(depth) and O(siblings) checks
///   (a move into the node's own subtree, a run that is not a run) and checks
///   the facts the walkers otherwise hand to the optimiser.
///
/// `KIN_SAFE_MODE`, the old spelling, still works when `KIN_HARDENING_MODE`
/// is not defined: 0 selects `none`, 1 selects `extensive`.
///
/// Mixing modes in one program is safe: every kin function carries the mode
/// in its symbol name (`KIN_HARDENING_ABI`), while hooks, nodes and traits
/// are the same types in every mode.
#ifndef KIN_CONFIG_HPP
#define KIN_CONFIG_HPP

#include <cstdio>
#include <cstdlib>

/// No checks at all.
#define KIN_HARDENING_MODE_NONE 1
/// O(1) checks on every mutation (the default).
#define KIN_HARDENING_MODE_FAST 2
/// Every check, including O(depth) and O(siblings) ones and the walkers'
/// assumptions.
#define KIN_HARDENING_MODE_EXTENSIVE 3

#ifndef KIN_HARDENING_MODE
#ifdef KIN_SAFE_MODE
#if KIN_SAFE_MODE
#define KIN_HARDENING_MODE KIN_HARDENING_MODE_EXTENSIVE
#else
#define KIN_HARDENING_MODE KIN_HARDENING_MODE_NONE
#endif
#else
/// The hardening mode: one of `KIN_HARDENING_MODE_NONE`, `_FAST` (default)
/// or `_EXTENSIVE`. Never changes a type: hooks are the same size and the
/// same type in every mode.
#define KIN_HARDENING_MODE KIN_HARDENING_MODE_FAST
#endif
#endif

#if KIN_HARDENING_MODE != KIN_HARDENING_MODE_NONE && KIN_HARDENING_MODE != KIN_HARDENING_MODE_FAST &&                 \
    KIN_HARDENING_MODE != KIN_HARDENING_MODE_EXTENSIVE
#error "KIN_HARDENING_MODE must be KIN_HARDENING_MODE_NONE, KIN_HARDENING_MODE_FAST or KIN_HARDENING_MODE_EXTENSIVE"
#endif

/// The mode's name, as it appears in kin's function symbols; a unit with
/// its own assertion handler (or old-style `KIN_ASSERT`) gets its own name,
/// so it never shares a function body with a unit using the default one.
#if KIN_HARDENING_MODE == KIN_HARDENING_MODE_NONE
#define KIN_HARDENING_TAG_ "kin_hardening_none"
#elif defined(KIN_ASSERTION_HANDLER) || defined(KIN_ASSERT)
#if KIN_HARDENING_MODE == KIN_HARDENING_MODE_FAST
#define KIN_HARDENING_TAG_ "kin_hardening_fast_own_handler"
#else
#define KIN_HARDENING_TAG_ "kin_hardening_extensive_own_handler"
#endif
#elif KIN_HARDENING_MODE == KIN_HARDENING_MODE_FAST
#define KIN_HARDENING_TAG_ "kin_hardening_fast"
#else
#define KIN_HARDENING_TAG_ "kin_hardening_extensive"
#endif

/// Put on every kin function (not on types): the mode becomes part of the
/// function's symbol, so a unit built with one mode and a unit built with
/// another never share a function body (no one-definition-rule clash).
#if defined(__GNUC__) || defined(__clang__)
#define KIN_HARDENING_ABI [[gnu::abi_tag(KIN_HARDENING_TAG_)]]
#else
#define KIN_HARDENING_ABI
#endif

namespace kin {

/// The default assertion handler: prints `FILE:LINE: kin: broken rule: RULE` to standard
/// error and aborts. Needs `fprintf` and `abort` from the C library only.
/// @requires `file` and `rule` are null-terminated strings.
/// @effects writes one line to `stderr`, then calls `std::abort()`; never
/// returns.
/// @throws_ Nothing.
/// @complexity O(message length)
[[noreturn]] inline void default_assertion_handler(const char* file, int line, const char* rule) noexcept {
  std::fprintf(stderr, "%s:%d: kin: broken rule: %s\n", file, line, rule);
  std::abort();
}

} // namespace kin

#ifndef KIN_ASSERTION_HANDLER
/// Called with the file, the line and the broken rule (a sentence) when a
/// check fails. Define it before including kin to report elsewhere (a
/// firmware panic, a test hook). It must not return: if it does, kin traps
/// (`__builtin_trap`) rather than carry on into the damage it found.
#define KIN_ASSERTION_HANDLER(file, line, rule) ::kin::default_assertion_handler(file, line, rule)
#endif

namespace kin::detail {

// Out of line and cold, so the check at the call site stays one compare and
// a call. A handler that returns is not trusted: kin traps rather than carry
// on into the damage it found.
[[noreturn, gnu::cold]] KIN_HARDENING_ABI inline void check_failed(const char* file, int line,
                                                                    const char* rule) noexcept {
  KIN_ASSERTION_HANDLER(file, line, rule);
  __builtin_trap();
}

} // namespace kin::detail

/// Checks `expr` in the `fast` and `extensive` modes; `rule` is the broken
/// rule's sentence, passed to the assertion handler when `expr` is false.
/// A user-defined `KIN_ASSERT(expr)` (the old way to route failures) is
/// still called, with `expr && rule`, and kin traps if it returns.
#if KIN_HARDENING_MODE == KIN_HARDENING_MODE_NONE
#define KIN_CHECK(expr, rule) ((void)0)
#elif defined(KIN_ASSERT)
#define KIN_CHECK(expr, rule) ((expr) ? (void)0 : (KIN_ASSERT((expr) && rule), __builtin_trap()))
#else
#define KIN_CHECK(expr, rule) ((expr) ? (void)0 : ::kin::detail::check_failed(__FILE__, __LINE__, rule))
#endif

/// Checks `expr` in the `extensive` mode only (O(depth) or O(siblings)
/// checks).
#if KIN_HARDENING_MODE == KIN_HARDENING_MODE_EXTENSIVE
#define KIN_CHECK_EXTENSIVE(expr, rule) KIN_CHECK(expr, rule)
#else
#define KIN_CHECK_EXTENSIVE(expr, rule) ((void)0)
#endif

/// Tells the compiler that `expr` holds, on walker hot paths where a
/// well-formed tree guarantees it (a linked node's ring pointer is not
/// null, say), so it can drop a test the hand-written loop would not make.
/// In the `extensive` mode it is checked instead. Never used by
/// kin::verify, which must cope with any pointer graph.
#if KIN_HARDENING_MODE == KIN_HARDENING_MODE_EXTENSIVE
#define KIN_ASSUME(expr) KIN_CHECK(expr, "a walker's assumption about a well-formed tree: " #expr)
#elif defined(__GNUC__) || defined(__clang__)
#define KIN_ASSUME(expr) ((expr) ? (void)0 : __builtin_unreachable())
#else
#define KIN_ASSUME(expr) ((void)0)
#endif

#ifndef KIN_SAFE_MODE
/// The old spelling, kept for code that tests it: 1 when kin checks link
/// and unlink misuse (the `fast` and `extensive` modes), 0 in `none`.
#define KIN_SAFE_MODE (KIN_HARDENING_MODE != KIN_HARDENING_MODE_NONE)
#endif

#endif // KIN_CONFIG_HPP
