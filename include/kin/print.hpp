/// @file
/// @brief Draws any tree in a terminal with box-drawing characters, like
/// `tree(1)`.
///
/// ```cpp
/// kin::print_tree<T>(kin::file_sink{stdout}, root, [](auto* n) { return name_of(n); });
/// ```
/// prints
/// ```
/// PCI mem
/// ├── System RAM
/// │   ├── Kernel code
/// │   └── Kernel data
/// └── PCI Bus 0000:00
/// ```
/// The label callable receives a node pointer (or `T&` for a kin::tree) and
/// returns anything convertible to `std::string_view`. Iterative: deep trees
/// are fine (each line costs O(its depth), like its indentation).
#ifndef KIN_PRINT_HPP
#define KIN_PRINT_HPP

#include <kin/sink.hpp>
#include <kin/traits.hpp>
#include <kin/tree.hpp>
#include <kin/walkers.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace kin {

/// The characters print_tree draws with.
enum class tree_style {
  unicode, ///< `├──`, `└──`, `│` (UTF-8), as `tree(1)` draws
  ascii,   ///< `|--`, `` `-- ``, `|`, for terminals without UTF-8
};

/// Options of print_tree.
struct print_options {
  tree_style style = tree_style::unicode; ///< drawing characters
};

/// Draws `root`'s subtree: the root's label on the first line, then every
/// descendant in pre-order, indented under its parent with branch lines.
/// Each line ends with `\n`.
/// @complexity O(size + output size); allocates one string for the indentation.
template <forward_tree_traits T, class Sink, class Label>
void print_tree(Sink&& out, typename T::node_ptr root, Label&& label, print_options options = {}) {
  const bool ascii = options.style == tree_style::ascii;
  const std::string_view tee = ascii ? "|-- " : "\u251c\u2500\u2500 ";
  const std::string_view elbow = ascii ? "`-- " : "\u2514\u2500\u2500 ";
  const std::string_view pipe = ascii ? "|   " : "\u2502   ";
  const std::string_view blank = "    ";
  // One char per level below the root: '|' when that ancestor has a next
  // sibling (its branch line continues), ' ' when it was the last child.
  std::string open_levels;
  auto walk = preorder<T>(root);
  for (auto it = walk.begin(); it != walk.end(); ++it) {
    const auto depth = static_cast<std::size_t>(it.depth());
    if (depth > 0) {
      open_levels.resize(depth - 1);
      for (char level : open_levels) {
        out(level == '|' ? pipe : blank);
      }
      const bool more = T::get_next_sibling(*it) != nullptr;
      out(more ? tee : elbow);
      open_levels.push_back(more ? '|' : ' ');
    }
    auto&& text = label(*it);
    out(std::string_view(text));
    out("\n");
  }
}

/// print_tree into a new string.
/// @complexity as print_tree.
template <forward_tree_traits T, class Label>
std::string tree_to_text(typename T::node_ptr root, Label&& label, print_options options = {}) {
  std::string text;
  print_tree<T>(string_sink{text}, root, label, options);
  return text;
}

/// print_tree over a kin::tree; `label` receives `T&`.
/// @complexity as print_tree.
template <class Sink, class V, class H, class Label>
void print_tree(Sink&& out, const tree<V, H>& t, Label&& label, print_options options = {}) {
  using traits = typename tree<V, H>::traits;
  print_tree<traits>(
      out, tree<V, H>::to_hook(t.root()), [&](typename traits::node_ptr n) -> decltype(auto) {
        return label(*tree<V, H>::to_value(n));
      },
      options);
}

/// tree_to_text over a kin::tree; `label` receives `T&`.
/// @complexity as print_tree.
template <class V, class H, class Label>
std::string tree_to_text(const tree<V, H>& t, Label&& label, print_options options = {}) {
  std::string text;
  print_tree(string_sink{text}, t, label, options);
  return text;
}

} // namespace kin

#endif // KIN_PRINT_HPP
