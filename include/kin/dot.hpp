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
/// Node identifiers are `n0`, `n1`, ... in pre-order, so the same tree gives
/// the same text on every run.
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
#include <unordered_map>
#include <vector>

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

// "n<index>". Built with snprintf: GCC 12 warns (-Wrestrict, a false
// positive) on "n" + std::to_string(...) in the user's translation unit.
inline std::string dot_id(std::size_t preorder_index) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "n%zu", preorder_index);
  return buf;
}

// Writes the pieces one after the other (no temporary concatenations).
template <class Sink, class... Pieces>
void emit(Sink& out, const Pieces&... pieces) {
  (out(std::string_view(pieces)), ...);
}

// Nodes and edges in pre-order; node k of the pre-order is "nk". Returns
// each node's identifier index through `index_of` when asked (for numbering).
template <forward_tree_traits T, class Sink, class Label, class OnNode>
void dot_body(Sink& out, typename T::node_ptr root, Label& label, OnNode on_node) {
  std::vector<std::size_t> path; // the identifiers of the current node's ancestors, by depth
  std::size_t next = 0;
  auto walk = preorder<T>(root);
  for (auto it = walk.begin(); it != walk.end(); ++it) {
    const auto depth = static_cast<std::size_t>(it.depth());
    const std::size_t id = next++;
    on_node(*it, id);
    auto&& text = label(*it);
    emit(out, "  ", dot_id(id), " [label=\"", dot_escape(std::string_view(text)), "\"];\n");
    path.resize(depth);
    if (depth > 0) {
      emit(out, "  ", dot_id(path.back()), " -> ", dot_id(id), ";\n");
    }
    path.push_back(id);
  }
}

} // namespace detail

/// Writes `root`'s subtree as a DOT digraph: one node per tree node with
/// `label(node)` as its label, one edge from each parent to each child.
/// @complexity O(size + output size)
template <forward_tree_traits T, class Sink, class Label>
void write_dot(Sink&& out, typename T::node_ptr root, Label&& label, dot_options options = {}) {
  detail::emit(out, "digraph \"", dot_escape(options.graph_name), "\" {\n  node [", options.node_attributes, "];\n");
  detail::dot_body<T>(out, root, label, [](typename T::node_ptr, std::size_t) {});
  out("}\n");
}

/// write_dot, and each node that `walk` (a range of node pointers, such as
/// `kin::postorder<T>(root)`) visits gets its 1-based visit number as
/// `xlabel` (nodes outside `root`'s subtree are not numbered).
/// @complexity O(size + walk length + output size); a hash map of the nodes.
template <forward_tree_traits T, class Sink, class Label, std::ranges::input_range Walk>
void write_dot(Sink&& out, typename T::node_ptr root, Label&& label, Walk&& walk, dot_options options = {}) {
  detail::emit(out, "digraph \"", dot_escape(options.graph_name), "\" {\n  node [", options.node_attributes, "];\n");
  std::unordered_map<typename T::const_node_ptr, std::size_t> id_of;
  detail::dot_body<T>(out, root, label, [&](typename T::node_ptr n, std::size_t id) { id_of.emplace(n, id); });
  std::size_t number = 0;
  for (auto n : walk) {
    const auto found = id_of.find(n);
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
