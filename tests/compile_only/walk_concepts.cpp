// SPDX-License-Identifier: BSL-1.0
// Compile-only checks of the walks' types, on every layout: the std::ranges
// concepts each walk models (bidirectional exactly where the layout has a
// previous-sibling link), the value type they yield (const from a const
// start), the result protocol every walk shares, and the mirrored pre-order's
// iterator. Built into the test build as an object library: a failure
// breaks the build (there is nothing to run).
#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>
#include <kin/layouts/singly.hpp>
#include <kin/reverse.hpp>
#include <kin/walkers.hpp>

#include <ranges>
#include <type_traits>
#include <utility>

namespace walk_concepts {

template <class Hook>
struct node : Hook {
  int id = -1;
};

template <class Hook>
constexpr bool forward_walks() {
  using N = node<Hook>;
  using T = kin::base_hook<N, Hook>;
  using P = N*;
  constexpr bool bidirectional = kin::bidirectional_tree_traits<typename Hook::node_traits>;
  using pre = decltype(kin::preorder<T>(P{}));
  static_assert(std::ranges::forward_range<pre> && std::ranges::common_range<pre> &&
                std::ranges::borrowed_range<pre> && std::ranges::view<pre>);
  using post = decltype(kin::postorder<T>(P{}));
  static_assert(std::ranges::forward_range<post> && std::ranges::common_range<post> &&
                std::ranges::borrowed_range<post>);
  using kids = decltype(kin::children<T>(P{}));
  static_assert(std::ranges::common_range<kids> && std::ranges::borrowed_range<kids>);
  using lv = decltype(kin::leaves<T>(P{}));
  static_assert(std::ranges::common_range<lv> && std::ranges::borrowed_range<lv>);
  using desc = decltype(kin::descendants<T>(P{}));
  using anc = decltype(kin::ancestors<T>(P{}));
  static_assert(std::ranges::forward_range<anc> && !std::ranges::bidirectional_range<anc>);
  using safe = decltype(kin::postorder_safe<T>(P{}));
  static_assert(std::ranges::forward_range<safe> && std::ranges::borrowed_range<safe>);
  static_assert(std::ranges::bidirectional_range<pre> == bidirectional);
  static_assert(std::ranges::bidirectional_range<post> == bidirectional);
  static_assert(std::ranges::bidirectional_range<kids> == bidirectional);
  static_assert(std::ranges::bidirectional_range<lv> == bidirectional);
  static_assert(std::ranges::bidirectional_range<desc> == bidirectional);
  // Walks yield the value (const from a const start), and fits()/needed()
  // are the result protocol every walk shares.
  static_assert(std::is_same_v<std::ranges::range_reference_t<pre>, N&>);
  using cpre = decltype(kin::preorder<T>(static_cast<const N*>(nullptr)));
  static_assert(std::is_same_v<std::ranges::range_reference_t<cpre>, const N&>);
  static_assert(pre{}.fits() && pre{}.needed() == 0);
  return true;
}

static_assert(forward_walks<kin::singly_hook<>>());
static_assert(forward_walks<kin::list_hook<>>());
static_assert(forward_walks<kin::compact_hook<>>());

// Native reverse walks, and `--` on the forward walks' iterators, on the
// bidirectional layouts.
template <class Hook>
constexpr bool native_reverse_walks() {
  using N = node<Hook>;
  using T = kin::base_hook<N, Hook>;
  using P = N*;
#define KIN_CHECK_BIDI(expr)                                                                                     \
  static_assert(std::ranges::bidirectional_range<decltype(expr)> && std::ranges::common_range<decltype(expr)> && \
                std::ranges::borrowed_range<decltype(expr)> && std::ranges::view<decltype(expr)>)
  KIN_CHECK_BIDI(kin::children<T>(P{}));
  KIN_CHECK_BIDI(kin::preorder<T>(P{}));
  KIN_CHECK_BIDI(kin::descendants<T>(P{}));
  KIN_CHECK_BIDI(kin::postorder<T>(P{}));
  KIN_CHECK_BIDI(kin::leaves<T>(P{}));
  KIN_CHECK_BIDI(kin::children_reverse<T>(P{}));
  KIN_CHECK_BIDI(kin::preorder_reverse<T>(P{}));
  KIN_CHECK_BIDI(kin::descendants_reverse<T>(P{}));
  KIN_CHECK_BIDI(kin::postorder_reverse<T>(P{}));
  KIN_CHECK_BIDI(kin::leaves_reverse<T>(P{}));
#undef KIN_CHECK_BIDI
  // kin::mirrored_preorder is gone: postorder_reverse is the mirrored
  // pre-order, with its skip_children() and depth().
  using mirrored = decltype(kin::postorder_reverse<T>(P{}));
  static_assert(requires(typename mirrored::iterator it) { it.skip_children(); });
  static_assert(requires(decltype(std::declval<mirrored>().with_depth())::iterator it) {
    it.depth();
    it.skip_children();
  });
  static_assert(std::is_same_v<mirrored, decltype(kin::postorder_reverse<T>(P{}, kin::native))>);
  return true;
}

static_assert(native_reverse_walks<kin::list_hook<>>());
static_assert(native_reverse_walks<kin::compact_hook<>>());

} // namespace walk_concepts
