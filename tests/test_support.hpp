// SPDX-License-Identifier: BSL-1.0
// Shared helpers for kin's tests: the typed-test layout list, a tiny tree
// notation ("0(1 2(3 4))"), walk-to-ids collection, KIN_TEST_SCALE, and a
// runner for code that must not recurse (a thread with a 128 KiB stack).
// The nodes, layouts and pool are in tree_pool.hpp, which has no gtest.
#ifndef KIN_TESTS_TEST_SUPPORT_HPP
#define KIN_TESTS_TEST_SUPPORT_HPP

#include <kin/kin.hpp>

#include "tree_pool.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kin_test {

using all_layouts = ::testing::Types<singly, list, compact>;
using bidirectional_layouts = ::testing::Types<list, compact>;

struct layout_names {
  template <class L>
  static std::string GetName(int) {
    return layout_name<L>();
  }
};

// The three hooks themselves, for tests typed on the hook (the resource
// adapter's kin::resource<Hook>, say), with the same names.
using all_hooks = ::testing::Types<kin::singly_hook<>, kin::list_hook<>, kin::compact_hook<>>;
struct hook_names {
  template <class H>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<H, kin::singly_hook<>>) return "singly";
    else if constexpr (std::is_same_v<H, kin::list_hook<>>) return "list";
    else return "compact";
  }
};

// KIN_TEST_SCALE multiplies iteration counts for longer soaks (default 1).
inline long scale() {
  const char* s = std::getenv("KIN_TEST_SCALE");
  long v = s ? std::strtol(s, nullptr, 10) : 1;
  return v > 0 ? v : 1;
}

// The ids a walk visits, in order.
template <class L, class Range>
std::vector<int> ids(Range&& r) {
  std::vector<int> out;
  for (auto&& v : r) out.push_back(v.id);
  return out;
}

// The tree below n in the build() notation, read back through the traits.
template <class L>
std::string shape(const typename L::node_type* root) {
  using T = typename L::traits;
  std::string out;
  std::ptrdiff_t depth = -1;
  const auto r = kin::preorder<T>(root).with_depth();
  for (auto it = r.begin(); it != r.end(); ++it) {
    if (it.depth() > depth) {
      if (depth >= 0) out += '(';
    } else {
      for (std::ptrdiff_t d = it.depth(); d < depth; ++d) out += ')';
      out += ' ';
    }
    out += std::to_string(it->id);
    depth = it.depth();
  }
  for (; depth > 0; --depth) out += ')';
  return out;
}

template <class L>
::testing::AssertionResult verified(const typename L::node_type* root) {
  const std::string failure = verify_failure<L>(root);
  if (failure.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << failure;
}

// Runs fn on a thread with a 128 KiB stack, so that recursion over a deep
// tree overflows instead of passing on the default 8 MiB stack.
void run_on_small_stack(const std::function<void()>& fn);

} // namespace kin_test

#endif
