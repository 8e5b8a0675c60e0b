// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief Draws any tree in a terminal with box-drawing characters, like
/// `tree(1)`.
///
/// ```cpp
/// kin::print_tree<VT>(kin::file_sink{stdout}, &root, [](region& r) { return r.name; });
/// kin::print_tree(kin::file_sink{stdout}, tree, label);   // a kin::tree: from its root
/// ```
/// prints
/// ```
/// PCI mem
/// ├── System RAM
/// │   ├── Kernel code
/// │   └── Kernel data
/// └── PCI Bus 0000:00
/// ```
/// The label callable receives the value (`const` when the walk starts from
/// a `const` value) and returns anything convertible to `std::string_view`.
/// Iterative: deep trees are fine (each line costs O(its depth), like its
/// indentation).
#ifndef KIN_PRINT_HPP
#define KIN_PRINT_HPP

#include <kin/config.hpp>
#include <kin/sink.hpp>
#include <kin/value_traits.hpp>
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

/// Draws the subtree of `from` (a value pointer with `VT` named, or a
/// kin::tree): its label on the first line, then every descendant in
/// pre-order, indented under its parent with branch lines. Each line ends
/// with `\n`.
/// @complexity O(size + output size); allocates one string for the indentation.
template <class VT = detail::deduce, class Sink, class From, class Label>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI void print_tree(Sink&& out, From&& from, Label&& label, print_options options = {}) {
  using T = typename detail::start_t<VT, From>::traits::node_traits;
  const bool ascii = options.style == tree_style::ascii;
  const std::string_view tee = ascii ? "|-- " : "\u251c\u2500\u2500 ";
  const std::string_view elbow = ascii ? "`-- " : "\u2514\u2500\u2500 ";
  const std::string_view pipe = ascii ? "|   " : "\u2502   ";
  const std::string_view blank = "    ";
  // One char per level below the root: '|' when that ancestor has a next
  // sibling (its branch line continues), ' ' when it was the last child.
  std::string open_levels;
  const auto walk = preorder<VT>(from).with_depth();
  for (auto it = walk.begin(); it != walk.end(); ++it) {
    const auto depth = static_cast<std::size_t>(it.depth());
    if (depth > 0) {
      open_levels.resize(depth - 1);
      for (char level : open_levels) {
        out(level == '|' ? pipe : blank);
      }
      const bool more = T::get_next_sibling(it.node()) != nullptr;
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
template <class VT = detail::deduce, class From, class Label>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI std::string tree_to_text(From&& from, Label&& label, print_options options = {}) {
  std::string text;
  print_tree<VT>(string_sink{text}, from, label, options);
  return text;
}

} // namespace kin

#endif // KIN_PRINT_HPP
