// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief kin::checked_hook: a hook that reports being destroyed while linked.
///
/// ```cpp
/// struct task : kin::checked_hook<kin::list_hook<>> { int pid; };
/// using by_task = kin::base_hook<task, kin::checked_hook<kin::list_hook<>>>;
/// ```
///
/// Opt-in: kin's plain hooks have no destructor, so static and `constexpr`
/// trees keep working; this one checks, in its destructor, what a plain hook
/// cannot: that the tree no longer points at it.
#ifndef KIN_CHECKED_HOOK_HPP
#define KIN_CHECKED_HOOK_HPP

#include <kin/config.hpp>
#include <kin/traits.hpp>

namespace kin {

/// `Hook` (a kin hook: kin::singly_hook, kin::list_hook, kin::compact_hook)
/// plus a destructor that checks it is no longer linked. Same size, same
/// node traits and tag as `Hook`; use it wherever `Hook` is used
/// (kin::base_hook, kin::member_hook).
/// @pre When destroyed, the hook is not linked (it may still have
/// children: a root may die with its tree).
/// @throws Nothing. A linked hook's destruction is a checked error in the
/// `fast` and `extensive` modes (the assertion handler is called); `none`
/// checks nothing.
template <class Hook>
  requires detail::has_is_linked<typename Hook::node_traits>
class checked_hook : public Hook {
public:
  /// The layout's node traits, as `Hook`'s.
  using node_traits = typename Hook::node_traits;
  /// The tag, as `Hook`'s.
  using tag = typename Hook::tag;

  /// An unlinked hook. @complexity O(1)
  KIN_HARDENING_ABI constexpr checked_hook() noexcept = default;
  /// Checks that the hook is no longer linked. @complexity O(1)
  KIN_HARDENING_ABI constexpr ~checked_hook() {
    KIN_CHECK(!node_traits::is_linked(this), "a checked hook must be unlinked before it is destroyed");
  }
};

} // namespace kin

#endif // KIN_CHECKED_HOOK_HPP
