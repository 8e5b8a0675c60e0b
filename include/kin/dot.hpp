/// @file
/// @brief Writes any tree as Graphviz DOT, optionally numbering the order in
/// which a walk visits the nodes.
///
/// ```cpp
/// kin::write_dot<T>(kin::file_sink{stdout}, root, label);                   // the tree
/// kin::write_dot<T>(kin::file_sink{stdout}, root, label,
///                   kin::mirrored_preorder<T>(root));                    // + visit order
/// kin::write_dot(kin::file_sink{stdout}, tree, label, tree.postorder()); // the facade
/// ```
/// then `dot -Tsvg`. Labels are quoted with `"` and `\` escaped and line
/// breaks written as `\n`, so names with colons, quotes and brackets
/// (`PCI Bus 0000:00`, `pnp 00:09`, `\_SB_.PCI0`) come through intact. A
/// numbered walk adds an `xlabel` with each visited node's 1-based position;
/// nodes it does not visit (the root, for descendants) have none.
/// Node identifiers are derived from node addresses: stable within a run.
#ifndef KIN_DOT_HPP
#define KIN_DOT_HPP

#include <kin/sink.hpp>
#include <kin/traits.hpp>
#include <kin/tree.hpp>
#include <kin/walkers.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <ranges>
#include <string>
#include <string_view>

namespace kin {

/// Options of write_dot.
struct dot_options {
  std::string_view graph_name = "kin";                        ///< the digraph's name (quoted, escaped)
  std::string_view node_attributes = "shape=box, fontname=\"monospace\""; ///< default node attributes
};

/// `text` as the inside of a DOT quoted string: `"` and `\` escaped, line
/// breaks as `\n`, carriage returns dropped.
/// @complexity O(text size)
inline std::string dot_escape(std::string_view text) {
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

template <class NodePtr>
std::string dot_id(NodePtr n) {
  char buf[2 + 2 * sizeof(std::uintptr_t) + 1];
  std::snprintf(buf, sizeof buf, "n%jx", static_cast<std::uintmax_t>(reinterpret_cast<std::uintptr_t>(n)));
  return buf;
}

template <forward_tree_traits T, class Sink, class Label>
void dot_body(Sink& out, typename T::node_ptr root, Label& label) {
  for (auto n : preorder<T>(root)) {
    auto&& text = label(n);
    out("  " + dot_id(n) + " [label=\"" + dot_escape(std::string_view(text)) + "\"];\n");
    if (n != root) {
      out("  " + dot_id(T::get_parent(n)) + " -> " + dot_id(n) + ";\n");
    }
  }
}

} // namespace detail

/// Writes `root`'s subtree as a DOT digraph: one node per tree node with
/// `label(node)` as its label, one edge from each parent to each child.
/// @complexity O(size + output size)
template <forward_tree_traits T, class Sink, class Label>
void write_dot(Sink&& out, typename T::node_ptr root, Label&& label, dot_options options = {}) {
  out("digraph \"" + dot_escape(options.graph_name) + "\" {\n");
  out("  node [" + std::string(options.node_attributes) + "];\n");
  detail::dot_body<T>(out, root, label);
  out("}\n");
}

/// write_dot, and each node that `walk` (a range of node pointers, such as
/// `kin::postorder<T>(root)`) visits gets its 1-based visit number as `xlabel`.
/// @complexity O(size + walk length + output size)
template <forward_tree_traits T, class Sink, class Label, std::ranges::input_range Walk>
void write_dot(Sink&& out, typename T::node_ptr root, Label&& label, Walk&& walk, dot_options options = {}) {
  out("digraph \"" + dot_escape(options.graph_name) + "\" {\n");
  out("  node [" + std::string(options.node_attributes) + "];\n");
  detail::dot_body<T>(out, root, label);
  std::size_t number = 0;
  for (auto n : walk) {
    out("  " + detail::dot_id(n) + " [xlabel=\"" + std::to_string(++number) + "\"];\n");
  }
  out("}\n");
}

/// write_dot into a new string.
/// @complexity as write_dot.
template <forward_tree_traits T, class Label>
std::string to_dot(typename T::node_ptr root, Label&& label, dot_options options = {}) {
  std::string text;
  write_dot<T>(string_sink{text}, root, label, options);
  return text;
}

/// write_dot over a kin::tree; `label` receives `T&`.
/// @complexity as write_dot.
template <class Sink, class V, class H, class Label>
void write_dot(Sink&& out, const tree<V, H>& t, Label&& label, dot_options options = {}) {
  using traits = typename tree<V, H>::traits;
  write_dot<traits>(
      out, tree<V, H>::to_hook(t.root()),
      [&](typename traits::node_ptr n) -> decltype(auto) { return label(*tree<V, H>::to_value(n)); }, options);
}

/// write_dot over a kin::tree, numbering the visit order of `walk`, a range
/// of `T&` over the same tree (`t.mirrored_preorder()`, `t.leaves()`, ...).
/// @complexity as write_dot.
template <class Sink, class V, class H, class Label, std::ranges::input_range Walk>
void write_dot(Sink&& out, const tree<V, H>& t, Label&& label, Walk&& walk, dot_options options = {}) {
  using traits = typename tree<V, H>::traits;
  write_dot<traits>(
      out, tree<V, H>::to_hook(t.root()),
      [&](typename traits::node_ptr n) -> decltype(auto) { return label(*tree<V, H>::to_value(n)); },
      walk | std::views::transform([](V& v) { return tree<V, H>::to_hook(v); }), options);
}

} // namespace kin

#endif // KIN_DOT_HPP
