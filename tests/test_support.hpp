// SPDX-License-Identifier: BSL-1.0
// Shared helpers for kin's tests: the typed-test layout list, a tiny tree
// notation ("0(1 2(3 4))"), walk-to-ids collection, KIN_TEST_SCALE, and a
// runner for code that must not recurse (a thread with a 128 KiB stack).
#ifndef KIN_TESTS_TEST_SUPPORT_HPP
#define KIN_TESTS_TEST_SUPPORT_HPP

#include <kin/kin.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kin_test {

// A test node: a hook as base class plus an id.
template <class Hook>
struct node : Hook {
  int id = -1;
};

// One layout under test: `traits` are the value traits every kin call takes
// (walks yield node_type&), `node_traits` the layout's own.
template <class Hook>
struct layout {
  using hook = Hook;
  using node_type = node<Hook>;
  using traits = kin::base_hook<node_type, Hook>;
  using node_traits = typename Hook::node_traits;
  static constexpr bool bidirectional = kin::bidirectional_tree_traits<node_traits>;
};

using singly = layout<kin::singly_hook<>>;
using list = layout<kin::list_hook<>>;
using compact = layout<kin::compact_hook<>>;
using all_layouts = ::testing::Types<singly, list, compact>;
using bidirectional_layouts = ::testing::Types<list, compact>;

struct layout_names {
  template <class L>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<L, singly>) return "singly";
    else if constexpr (std::is_same_v<L, list>) return "list";
    else return "compact";
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

// A pool of nodes with ids 0..n-1; node 0 is usually the root.
template <class L>
class pool {
public:
  using traits = typename L::traits;
  using node_type = typename L::node_type;
  using node_ptr = node_type*;

  explicit pool(std::size_t n) : nodes_(new node_type[n]), size_(n) {
    for (std::size_t i = 0; i < n; ++i) nodes_[i].id = static_cast<int>(i);
  }
  node_ptr operator[](std::size_t i) const { return &nodes_[i]; }
  std::size_t size() const { return size_; }
  static int id(const node_type* p) { return p ? p->id : -1; }

  // Builds a tree from "0(1 2(3 4) 5)": ids, children in parentheses.
  // Returns the root of the first tree in the text.
  node_ptr build(const std::string& text) {
    std::vector<node_ptr> stack;
    node_ptr first = nullptr, last = nullptr;
    for (std::size_t i = 0; i < text.size();) {
      char c = text[i];
      if (c == ' ') { ++i; continue; }
      if (c == '(') { stack.push_back(last); ++i; continue; }
      if (c == ')') { stack.pop_back(); ++i; continue; }
      std::size_t j = i;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
      node_ptr n = (*this)[std::stoul(text.substr(i, j - i))];
      if (!stack.empty()) kin::link_last_child<traits>(stack.back(), n);
      if (!first) first = n;
      last = n;
      i = j;
    }
    return first;
  }

private:
  std::unique_ptr<node_type[]> nodes_;
  std::size_t size_;
};

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
  auto r = kin::verify<typename L::traits>(root);
  if (r) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << kin::describe(r.error) << " at node " << pool<L>::id(r.node);
}

// Runs fn on a thread with a 128 KiB stack, so that recursion over a deep
// tree overflows instead of passing on the default 8 MiB stack.
void run_on_small_stack(const std::function<void()>& fn);

} // namespace kin_test

#endif
