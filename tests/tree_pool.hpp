// SPDX-License-Identifier: BSL-1.0
// The test nodes, the three layouts under test and the pool of numbered
// nodes, without GoogleTest: the fuzz targets (tests/fuzz/, no gtest) use
// them as the tests do (test_support.hpp includes this header).
#ifndef KIN_TESTS_TREE_POOL_HPP
#define KIN_TESTS_TREE_POOL_HPP

#include <kin/kin.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <type_traits>
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

// The name of a layout, for test names and failure messages.
template <class L>
constexpr const char* layout_name() {
  if constexpr (std::is_same_v<L, singly>) return "singly";
  else if constexpr (std::is_same_v<L, list>) return "list";
  else return "compact";
}

// A pool of nodes with ids 0..n-1; node 0 is usually the root.
template <class L>
class pool {
public:
  using layout_type = L;
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

// What kin::verify finds wrong with the tree rooted at `root`: "" when
// nothing (test_support.hpp's verified() turns it into an assertion).
template <class L>
std::string verify_failure(const typename L::node_type* root) {
  auto r = kin::verify<typename L::traits>(root);
  if (r) return {};
  return std::string(kin::describe(r.error)) + " at node " + std::to_string(pool<L>::id(r.node));
}

} // namespace kin_test

#endif
