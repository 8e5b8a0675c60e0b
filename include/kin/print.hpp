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
/// indentation). A depth limit (print_options::max_depth) bounds the output
/// of a very deep tree: below a value at the limit one marker line stands for
/// all its descendants,
/// ```
/// └── System RAM
///     └── … 2 levels deeper (3 values)
/// ```
/// (`... 2 levels deeper (3 values)` in the ASCII style).
#ifndef KIN_PRINT_HPP
#define KIN_PRINT_HPP

#include <kin/config.hpp>
#include <kin/sink.hpp>
#include <kin/value_traits.hpp>
#include <kin/walkers.hpp>

#include <cstddef>
#include <cstdio>
#include <limits>
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
  /// The deepest level drawn (the start value is level 0, its children 1).
  /// A value at this level that has children is drawn, followed by one
  /// marker line in place of all its descendants:
  /// `… N levels deeper (M values)` (`...` in the ASCII style), where N is
  /// the height of the hidden part and M its number of values. The default
  /// (the largest std::size_t, kin::unlimited's value) draws every level.
  std::size_t max_depth = std::numeric_limits<std::size_t>::max();
};

/// Draws the subtree of `from` (a value pointer with `VT` named, or a
/// kin::tree): its label on the first line, then every descendant in
/// pre-order, indented under its parent with branch lines, down to
/// `options.max_depth` levels (deeper ones summarised by one marker line per
/// value at the limit that has children). Each line ends with `\n`.
/// @complexity O(size + output size); allocates one string for the
/// indentation. The output has O(min(depth, max_depth)) bytes per line.
template <class VT = detail::deduce, class Sink, class From, class Label>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI void print_tree(Sink&& out, From&& from, Label&& label, print_options options = {}) {
  using V = typename detail::start_t<VT, From>::traits;
  using T = typename V::node_traits;
  const bool ascii = options.style == tree_style::ascii;
  const std::string_view tee = ascii ? "|-- " : "\u251c\u2500\u2500 ";
  const std::string_view elbow = ascii ? "`-- " : "\u2514\u2500\u2500 ";
  const std::string_view pipe = ascii ? "|   " : "\u2502   ";
  const std::string_view blank = "    ";
  // One char per level below the root: '|' when that ancestor has a next
  // sibling (its branch line continues), ' ' when it was the last child.
  std::string open_levels;
  const auto walk = preorder<VT>(from).with_depth();
  for (auto it = walk.begin(); it != walk.end();) {
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
    if (depth == options.max_depth && T::get_first_child(it.node()) != nullptr) {
      // Count the hidden descendants, draw one marker line for them as this
      // value's last child, and go on after them.
      std::size_t values = 0, levels = 0;
      const auto hidden = preorder<V>(&*it).with_depth();
      auto h = hidden.begin();
      for (++h; h != hidden.end(); ++h) { // after the value itself
        ++values;
        const auto d = static_cast<std::size_t>(h.depth());
        levels = d > levels ? d : levels;
      }
      for (char level : open_levels) {
        out(level == '|' ? pipe : blank);
      }
      out(elbow);
      char marker[96];
      const int len = std::snprintf(marker, sizeof marker, "%s %zu level%s deeper (%zu value%s)\n",
                                    ascii ? "..." : "\u2026", levels, levels == 1 ? "" : "s", values,
                                    values == 1 ? "" : "s");
      out(std::string_view(marker, static_cast<std::size_t>(len)));
      it.skip_children();
    } else {
      ++it;
    }
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
