// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief Writes any tree as Graphviz DOT, optionally numbering the order in
/// which a walk visits the nodes.
///
/// ```cpp
/// kin::write_dot<VT>(kin::file_sink{stdout}, &root, label);              // the tree
/// kin::write_dot<VT>(kin::file_sink{stdout}, &root, label,
///                    kin::postorder_reverse<VT>(&root));                 // + visit order
/// std::string text = kin::to_dot(tree, label, kin::preorder_reverse(tree, kin::collect_allocating));
/// ```
/// then `dot -Tsvg`. The drawing runs left to right (`graph [rankdir=LR]`,
/// dot_options::graph_attributes). Labels are quoted with `"` and `\` escaped and line
/// breaks written as `\n`, so names with colons, quotes and brackets
/// (`PCI Bus 0000:00`, `pnp 00:09`, `\_SB_.PCI0`) come through intact. A
/// numbered walk (any range of the tree's values, a move-only collected one
/// included) adds an `xlabel` with each visited value's 1-based position;
/// values it does not visit (the root, for descendants) have none. The label
/// callable receives the value.
/// Node identifiers are `n0`, `n1`, ... in pre-order, so the same tree gives
/// the same text on every run.
#ifndef KIN_DOT_HPP
#define KIN_DOT_HPP

#include <kin/config.hpp>
#include <kin/sink.hpp>
#include <kin/value_traits.hpp>
#include <kin/walkers.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <ranges>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kin {

/// Options of write_dot.
struct dot_options {
  std::string_view graph_name = "kin";                        ///< the digraph's name (quoted, escaped)
  std::string_view node_attributes = "shape=box, fontname=\"monospace\""; ///< default node attributes
  /// Graph attributes, written as `graph [...]` (none when empty). The
  /// default lays the tree out left to right: the root at the left, each
  /// level one column further right, siblings stacked, which suits long
  /// labels and deep trees better than Graphviz's top-to-bottom default.
  std::string_view graph_attributes = "rankdir=LR";
};

/// `text` as the inside of a DOT quoted string: `"` and `\` escaped, line
/// breaks as `\n`, carriage returns dropped.
/// @complexity O(text size)
KIN_HARDENING_ABI inline std::string dot_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

namespace detail {

// "n<index>". Built with snprintf: GCC 12 warns (-Wrestrict, a false
// positive) on "n" + std::to_string(...) in the user's translation unit.
KIN_HARDENING_ABI inline std::string dot_id(std::size_t preorder_index) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "n%zu", preorder_index);
  return buf;
}

// Writes the pieces one after the other (no temporary concatenations).
template <class Sink, class... Pieces>
KIN_HARDENING_ABI void emit(Sink& out, const Pieces&... pieces) {
  (out(std::string_view(pieces)), ...);
}

// Nodes and edges in pre-order; node k of the pre-order is "nk". Calls
// on_value(value address, k) for each, for numbering.
template <class VT, class Sink, class From, class Label, class OnValue>
KIN_HARDENING_ABI void dot_body(Sink& out, const From& from, Label& label, OnValue on_value) {
  std::vector<std::size_t> path; // the identifiers of the current value's ancestors, by depth
  std::size_t next = 0;
  const auto walk = preorder<VT>(from).with_depth();
  for (auto it = walk.begin(); it != walk.end(); ++it) {
    const auto depth = static_cast<std::size_t>(it.depth());
    const std::size_t id = next++;
    on_value(static_cast<const void*>(&*it), id);
    auto&& text = label(*it);
    emit(out, "  ", dot_id(id), " [label=\"", dot_escape(std::string_view(text)), "\"];\n");
    path.resize(depth);
    if (depth > 0) {
      emit(out, "  ", dot_id(path.back()), " -> ", dot_id(id), ";\n");
    }
    path.push_back(id);
  }
}

template <class Sink>
KIN_HARDENING_ABI void dot_head(Sink& out, const dot_options& options) {
  emit(out, "digraph \"", dot_escape(options.graph_name), "\" {\n");
  if (!options.graph_attributes.empty()) {
    emit(out, "  graph [", options.graph_attributes, "];\n");
  }
  emit(out, "  node [", options.node_attributes, "];\n");
}

} // namespace detail

/// Writes the subtree of `from` (a value pointer with `VT` named, or a
/// kin::tree) as a DOT digraph: one node per value with `label(value)` as
/// its label, one edge from each parent to each child.
/// @complexity O(size + output size)
template <class VT = detail::deduce, class Sink, class From, class Label>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI void write_dot(Sink&& out, From&& from, Label&& label, dot_options options = {}) {
  detail::dot_head(out, options);
  detail::dot_body<VT>(out, from, label, [](const void*, std::size_t) {});
  out("}\n");
}

/// write_dot, and each value that `walk` visits (any range of the tree's
/// values: `kin::postorder<VT>(&root)`, a collected reverse walk, ...) gets
/// its 1-based visit number as `xlabel` (values outside the drawn subtree
/// are not numbered).
/// @complexity O(size + walk length + output size); a hash map of the values.
template <class VT = detail::deduce, class Sink, class From, class Label, std::ranges::input_range Walk>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI void write_dot(Sink&& out, From&& from, Label&& label, Walk&& walk, dot_options options = {}) {
  detail::dot_head(out, options);
  std::unordered_map<const void*, std::size_t> id_of;
  detail::dot_body<VT>(out, from, label, [&](const void* v, std::size_t id) { id_of.emplace(v, id); });
  std::size_t number = 0;
  for (auto&& v : walk) {
    const auto found = id_of.find(static_cast<const void*>(&v));
    if (found != id_of.end()) {
      char label_text[24];
      std::snprintf(label_text, sizeof label_text, "%zu", ++number);
      detail::emit(out, "  ", detail::dot_id(found->second), " [xlabel=\"", label_text, "\"];\n");
    }
  }
  out("}\n");
}

/// write_dot into a new string.
/// @complexity as write_dot.
template <class VT = detail::deduce, class From, class Label>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI std::string to_dot(From&& from, Label&& label, dot_options options = {}) {
  std::string text;
  write_dot<VT>(string_sink{text}, from, label, options);
  return text;
}

/// write_dot with a numbered walk, into a new string.
/// @complexity as write_dot.
template <class VT = detail::deduce, class From, class Label, std::ranges::input_range Walk>
  requires detail::startable<VT, From>
KIN_HARDENING_ABI std::string to_dot(From&& from, Label&& label, Walk&& walk, dot_options options = {}) {
  std::string text;
  write_dot<VT>(string_sink{text}, from, label, std::forward<Walk>(walk), options);
  return text;
}

} // namespace kin

#endif // KIN_DOT_HPP
