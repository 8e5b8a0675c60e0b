// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief ACPICA's namespace node on any kin layout, and the namespace
/// operations with ACPICA's semantics: install (append), the next-node
/// steps, walk_namespace, path lookup with `\`, `^`, multi-segment paths
/// and the ACPI upward search rule, and full pathnames.
///
/// ```cpp
/// using node = kin::acpi::namespace_node<kin::list_hook<>>;
/// node* lpcb = kin::acpi::lookup(root, "\\_SB.PCI0.LPCB");
/// node* gl = kin::acpi::lookup(lpcb, "_GL");          // upward search: \_GL_
/// std::string path = kin::acpi::pathname(lpcb);       // "\_SB_.PCI0.LPCB"
/// kin::acpi::walk_namespace(kin::acpi::object_type::device, root, 8,
///     [](node& d, std::uint32_t level) { ...; return kin::acpi::status::ok; }, nullptr);
/// ```
///
/// A namespace with its predefined root objects, declarations and the AML
/// loader are in kin/adapters/acpi_namespace.hpp and kin/adapters/aml.hpp;
/// this header allocates only in pathname(). The rules come from kin's
/// reference notes (devicetree-and-acpi.md, section 4); no ACPICA code
/// was used.
#ifndef KIN_ADAPTERS_ACPI_NODE_HPP
#define KIN_ADAPTERS_ACPI_NODE_HPP

#include <kin/config.hpp>
#include <kin/algorithms.hpp>
#include <kin/queries.hpp>
#include <kin/value_traits.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace kin::acpi {

/// The object type of a namespace node: ACPICA's type codes (the values
/// are ACPICA's, so they can be compared with its dumps).
enum class object_type : std::uint8_t {
  untyped = 0,          ///< no object (a retyped Scope target); also "any type" in walks
  integer = 1,          ///< Name with an integer constant
  string = 2,           ///< Name with a string
  buffer = 3,           ///< Name with a buffer
  package = 4,          ///< Name with a package or variable package
  field_unit = 5,       ///< a field unit (not created by tables: they make region/bank/index fields)
  device = 6,           ///< Device
  event = 7,            ///< Event
  method = 8,           ///< Method
  mutex = 9,            ///< Mutex
  region = 10,          ///< OperationRegion, DataTableRegion
  power = 11,           ///< PowerResource
  processor = 12,       ///< Processor
  thermal = 13,         ///< ThermalZone
  buffer_field = 14,    ///< CreateBitField ... CreateQWordField, CreateField
  ddb_handle = 15,      ///< a table handle (not created by tables)
  debug_object = 16,    ///< the Debug object (not in the namespace)
  region_field = 17,    ///< a unit of a Field list
  bank_field = 18,      ///< a unit of a BankField list
  index_field = 19,     ///< a unit of an IndexField list
  reference = 20,       ///< a reference (not created by tables)
  alias = 21,           ///< Alias of a non-method
  method_alias = 22,    ///< Alias of a method
  notify = 23,          ///< a notify handler (internal to ACPICA)
  address_handler = 24, ///< an address-space handler (internal to ACPICA)
  resource = 25,        ///< a resource descriptor (internal to ACPICA)
  resource_field = 26,  ///< a resource field (internal to ACPICA)
  scope = 27,           ///< the predefined `_GPE`, `_PR_`, `_SI_`
};

/// "Any type" for walk_namespace and next_node_of_type: ACPICA's
/// ACPI_TYPE_ANY, the same code as object_type::untyped.
inline constexpr object_type any_type = object_type::untyped;

/// The type's name as acpiexec's namespace dump prints it (`Device`,
/// `RegionField`, `MethodAlias`, ...); `Invalid` for a code above 27.
/// @throws_ Nothing. @complexity O(1)
KIN_HARDENING_ABI constexpr std::string_view type_name(object_type t) noexcept {
  constexpr std::array<std::string_view, 28> names = {
      "Untyped",   "Integer",     "String",     "Buffer",   "Package",     "FieldUnit",   "Device",
      "Event",     "Method",      "Mutex",      "Region",   "Power",       "Processor",   "Thermal",
      "BufferField", "DdbHandle", "DebugObject", "RegionField", "BankField", "IndexField", "Reference",
      "Alias",     "MethodAlias", "Notify",     "AddrHandler", "ResourceDesc", "ResourceFld", "Scope"};
  const auto i = static_cast<std::size_t>(t);
  return i < names.size() ? names[i] : std::string_view("Invalid");
}

/// Whether a node of type `t` opens a scope (may have children and is a
/// search scope): Device, Method, Power, Processor, Thermal, Scope and
/// Untyped, as in ACPICA. @throws_ Nothing. @complexity O(1)
KIN_HARDENING_ABI constexpr bool opens_scope(object_type t) noexcept {
  switch (t) {
  case object_type::untyped:
  case object_type::device:
  case object_type::method:
  case object_type::power:
  case object_type::processor:
  case object_type::thermal:
  case object_type::scope:
    return true;
  default:
    return false;
  }
}

/// ACPICA's status codes, as far as kin's namespace functions return them.
/// A walk_namespace callback may return any of them: ok and ctrl_depth
/// continue, ctrl_terminate ends the walk successfully, any other stops it
/// and is returned.
enum class status : std::uint8_t {
  ok = 0,          ///< AE_OK
  error,           ///< AE_ERROR: a callback's own failure
  not_found,       ///< AE_NOT_FOUND
  already_exists,  ///< AE_ALREADY_EXISTS
  bad_parameter,   ///< AE_BAD_PARAMETER
  bad_pathname,    ///< AE_BAD_PATHNAME: the path text is not a name path
  no_memory,       ///< AE_NO_MEMORY
  bad_opcode,      ///< AE_AML_BAD_OPCODE: an opcode the parse-op table does not know
  no_operands,     ///< AE_TYPE: the opcode takes no argument ops (ACPICA ignores the append silently)
  ctrl_depth,      ///< AE_CTRL_DEPTH: a descending callback's "skip this node's children"
  ctrl_terminate,  ///< AE_CTRL_TERMINATE: a callback's "stop, successfully"
};

/// ACPICA's name of a status (`AE_NOT_FOUND`). @throws_ Nothing.
/// @complexity O(1)
KIN_HARDENING_ABI constexpr std::string_view status_name(status s) noexcept {
  constexpr std::array<std::string_view, 11> names = {
      "AE_OK",          "AE_ERROR",          "AE_NOT_FOUND", "AE_ALREADY_EXISTS", "AE_BAD_PARAMETER", "AE_BAD_PATHNAME",
      "AE_NO_MEMORY",   "AE_AML_BAD_OPCODE", "AE_TYPE",      "AE_CTRL_DEPTH",     "AE_CTRL_TERMINATE"};
  const auto i = static_cast<std::size_t>(s);
  return i < names.size() ? names[i] : std::string_view("AE_UNKNOWN");
}

/// A four-character name segment (`_SB_`, `PCI0`), compared as a whole.
/// Never NUL-terminated.
struct name_seg {
  std::array<char, 4> chars{'_', '_', '_', '_'}; ///< the four characters

  /// Whether `c` may appear in a segment: `A`-`Z`, `_`, and (not first)
  /// `0`-`9`. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr bool valid_char(char c, bool first) noexcept {
    return (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
  }
  /// Whether `text` is a segment as written in ASL: 1 to 4 valid
  /// characters (`EC0`, `_SB_`). @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static constexpr bool valid(std::string_view text) noexcept {
    if (text.empty() || text.size() > 4) {
      return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (!valid_char(text[i], i == 0)) {
        return false;
      }
    }
    return true;
  }
  /// The segment `text` padded with `_` to four characters (`EC0` is
  /// `EC0_`, `AB` is `AB__`). @requires valid(text) (not checked: other
  /// text is copied as it is, cut at 4 characters). @throws_ Nothing.
  /// @complexity O(1)
  KIN_HARDENING_ABI static constexpr name_seg from(std::string_view text) noexcept {
    name_seg s;
    for (std::size_t i = 0; i < 4 && i < text.size(); ++i) {
      s.chars[i] = text[i];
    }
    return s;
  }
  /// The segment from four AML bytes (not checked). @requires `p` points
  /// to 4 readable bytes. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI static name_seg from_bytes(const unsigned char* p) noexcept {
    name_seg s;
    for (std::size_t i = 0; i < 4; ++i) {
      s.chars[i] = static_cast<char>(p[i]);
    }
    return s;
  }
  /// The four characters. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr std::string_view view() const noexcept { return {chars.data(), 4}; }
  /// Equal when all four characters are. @throws_ Nothing.
  friend constexpr bool operator==(const name_seg&, const name_seg&) noexcept = default;
};

/// Flags of a namespace node.
enum node_flags : std::uint8_t {
  temporary = 1u << 0, ///< created by a running method (ACPICA's ANOBJ_TEMPORARY): walks skip it
};

template <class Hook>
struct namespace_node_value_traits;

/// ACPICA's namespace node on a kin layout: `Hook` is `kin::singly_hook<>`
/// (ACPICA's own shape: a null-terminated singly linked peer list),
/// `kin::list_hook<>` or `kin::compact_hook<>`. Not copyable (its hook is
/// not). The attached object (the value) is not modelled: a node carries
/// its type, and for a Method its argument count, for an alias its target.
template <class Hook>
struct namespace_node : Hook {
  /// The value traits of this type (walks yield `namespace_node&`).
  using traits = namespace_node_value_traits<Hook>;

  name_seg name{};                       ///< the segment (`____` for the root)
  object_type type = object_type::untyped; ///< the object type
  std::uint8_t flags = 0;                ///< kin::acpi::node_flags
  std::uint8_t method_args = 0;          ///< a Method's argument count (0-7)
  std::uint16_t owner_id = 0;            ///< 0 for the predefined objects, else the table's id (1, 2, ...)
  namespace_node* target = nullptr;      ///< an Alias's or MethodAlias's node

  /// An empty, unlinked node. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr namespace_node() noexcept = default;
};

/// The value traits of kin::acpi::namespace_node (kin::base_hook).
template <class Hook>
struct namespace_node_value_traits : base_hook<namespace_node<Hook>, Hook> {};

/// ACPICA's AcpiNsInstallNode: sets `n`'s type and owner and links it as
/// the LAST child of `parent` (ACPICA appends, so children stay in table
/// order). Does not look for a sibling of the same name: see
/// kin::acpi::find_child. @requires `parent` and `n` are not null, `n` is
/// unlinked (checked in `fast`). @throws_ Nothing.
/// @complexity O(1) on list and compact; O(children of `parent`) on singly
template <class Hook>
KIN_HARDENING_ABI constexpr void install_node(namespace_node<Hook>* parent, namespace_node<Hook>* n, object_type type,
                                              std::uint16_t owner_id) noexcept {
  n->type = type;
  n->owner_id = owner_id;
  kin::link_last_child<typename namespace_node<Hook>::traits>(parent, n);
}

/// ACPICA's AcpiNsRemoveNode: unlinks a childless node from its parent.
/// @requires `n` is linked, not the root, childless (checked in `fast`).
/// @throws_ Nothing. @complexity O(1) on list and compact; O(siblings
/// before `n`) on singly (ACPICA scans for the predecessor too)
template <class Hook>
KIN_HARDENING_ABI constexpr void remove_node(namespace_node<Hook>* n) noexcept {
  KIN_CHECK(!kin::first_child<typename namespace_node<Hook>::traits>(n), "remove_node removes childless nodes only");
  kin::unlink<typename namespace_node<Hook>::traits>(n);
}

/// ACPICA's AcpiNsGetNextNode: `child` null → the first child of
/// `parent`; else `child`'s next peer. @requires `parent` is not null when
/// `child` is. @throws_ Nothing. @complexity O(1)
template <class Hook>
KIN_HARDENING_ABI constexpr namespace_node<Hook>* next_node(const namespace_node<Hook>* parent,
                                                           const namespace_node<Hook>* child) noexcept {
  using R = typename namespace_node<Hook>::traits;
  return child ? kin::next_sibling<R>(const_cast<namespace_node<Hook>*>(child))
               : kin::first_child<R>(const_cast<namespace_node<Hook>*>(parent));
}

/// ACPICA's AcpiNsGetNextNodeTyped: as next_node, skipping peers whose type
/// is not `type` (kin::acpi::any_type matches every node). Stays in the
/// one sibling list. @throws_ Nothing. @complexity O(siblings skipped)
template <class Hook>
KIN_HARDENING_ABI constexpr namespace_node<Hook>* next_node_of_type(object_type type, const namespace_node<Hook>* parent,
                                                                   const namespace_node<Hook>* child) noexcept {
  namespace_node<Hook>* n = next_node(parent, child);
  while (n && type != any_type && n->type != type) {
    n = next_node(parent, n);
  }
  return n;
}

/// The child of `parent` named `name`, or null (ACPICA's AcpiNsSearchOneScope).
/// @requires `parent` is not null. @throws_ Nothing.
/// @complexity O(children of `parent`)
template <class Hook>
KIN_HARDENING_ABI constexpr namespace_node<Hook>* find_child(const namespace_node<Hook>* parent, name_seg name) noexcept {
  for (namespace_node<Hook>* c = next_node(parent, static_cast<const namespace_node<Hook>*>(nullptr)); c;
       c = next_node(parent, c)) {
    if (c->name == name) {
      return c;
    }
  }
  return nullptr;
}

/// Options of walk_namespace.
enum walk_flags : std::uint8_t {
  walk_no_temporary = 0,      ///< the default: skip temporary nodes and their subtrees
  walk_temporary = 1u << 0,   ///< also visit and enter temporary nodes (ACPICA's ACPI_NS_WALK_TEMP_NODES)
};

namespace detail {
template <class F, class Node>
KIN_HARDENING_ABI constexpr status call_walk_callback(F& f, Node& n, std::uint32_t level) {
  if constexpr (std::is_same_v<F, std::nullptr_t>) {
    (void)n;
    (void)level;
    return status::ok;
  } else {
    return f(n, level);
  }
}
} // namespace detail

/// ACPICA's AcpiWalkNamespace: a depth-first walk of the subtree below
/// `start` (not `start` itself; its children are at level 1), siblings in
/// list order. At a node whose type matches (kin::acpi::any_type matches
/// all), `descending(node, level)` runs on first arrival (pre-order) and
/// `ascending(node, level)` on leaving it (post-order: after its subtree,
/// or at once for a leaf or a node not entered); nodes that do not match
/// get no callback but are still entered. A node's children are entered
/// when its level is below `max_depth` and its descending callback did not
/// return status::ctrl_depth (`max_depth` 1: the children of `start`
/// only). Temporary nodes are neither reported nor entered unless
/// `flags` has walk_temporary.
///
/// Callbacks: `status(namespace_node<Hook>&, std::uint32_t level)`, or
/// `nullptr` for none (at least one must be given); ACPICA's context and
/// return-value arguments are the callables' captures. A callback may not
/// unlink or move nodes.
/// @returns status::ok when the walk ended or a callback returned
/// status::ctrl_terminate; the first other status a callback returned
/// (status::ok and status::ctrl_depth continue; ctrl_depth from the
/// ascending callback has no effect); status::bad_parameter, before any
/// callback, when `start` is null, `type` is above object_type::scope,
/// `max_depth` is 0 or both callbacks are `nullptr`.
/// @throws_ What the callbacks throw. @complexity O(nodes visited)
template <class Hook, class Descending, class Ascending>
KIN_HARDENING_ABI constexpr status walk_namespace(object_type type, namespace_node<Hook>* start, std::uint32_t max_depth,
                                                  Descending&& descending, Ascending&& ascending,
                                                  std::uint8_t flags = walk_no_temporary) {
  constexpr bool no_desc = std::is_same_v<std::remove_cvref_t<Descending>, std::nullptr_t>;
  constexpr bool no_asc = std::is_same_v<std::remove_cvref_t<Ascending>, std::nullptr_t>;
  if (!start || static_cast<std::uint8_t>(type) > static_cast<std::uint8_t>(object_type::scope) || max_depth == 0 ||
      (no_desc && no_asc)) {
    return status::bad_parameter;
  }
  using node = namespace_node<Hook>;
  // The result of a callback: keep going (false) or stop with `out`.
  const auto stops = [](status s, status& out) noexcept {
    if (s == status::ok || s == status::ctrl_depth) {
      return false;
    }
    out = s == status::ctrl_terminate ? status::ok : s;
    return true;
  };
  node* parent = start;
  node* child = nullptr;
  std::uint32_t level = 1; // the level of `parent`'s children
  status out = status::ok;
  for (;;) {
    child = next_node(parent, child);
    if (!child) {
      if (parent == start) {
        return status::ok;
      }
      // Leaving `parent` after its subtree.
      child = parent;
      parent = kin::parent<typename node::traits>(child);
      --level;
      if ((type == any_type || child->type == type) &&
          stops(detail::call_walk_callback(ascending, *child, level), out)) {
        return out;
      }
      continue;
    }
    if ((child->flags & temporary) && !(flags & walk_temporary)) {
      continue;
    }
    const bool match = type == any_type || child->type == type;
    status s = status::ok;
    if (match) {
      s = detail::call_walk_callback(descending, *child, level);
      if (stops(s, out)) {
        return out;
      }
    }
    if (s != status::ctrl_depth && level < max_depth && next_node(child, static_cast<const node*>(nullptr))) {
      parent = child;
      child = nullptr;
      ++level;
      continue;
    }
    if (match && stops(detail::call_walk_callback(ascending, *child, level), out)) {
      return out;
    }
  }
}

/// How a single-segment path without prefix is looked up.
enum class search : std::uint8_t {
  upward, ///< the ACPI search rules: the scope's children, then its parent's, ... up to the root's
  local,  ///< the scope's children only (how a declaration resolves its name)
};

namespace detail {
// A name path, parsed: a `\` prefix or `parents` carets, then `count`
// segments, which `seg(i)` returns.
template <class Node>
KIN_HARDENING_ABI constexpr Node* top_of(Node* n) noexcept {
  while (Node* p = kin::parent<typename Node::traits>(n)) {
    n = p;
  }
  return n;
}

// The scope a relative path starts from: `n` or its nearest ancestor that
// opens a scope.
template <class Node>
KIN_HARDENING_ABI constexpr Node* scope_of(Node* n) noexcept {
  while (n && !opens_scope(n->type)) {
    n = kin::parent<typename Node::traits>(n);
  }
  return n;
}

// ACPICA's name lookup over an already parsed path. `seg(i)` gives the
// i-th of `count` segments. Intermediate aliases continue at their target;
// a final MethodAlias resolves to its method. `prefix`: the `count`
// segments are the scope part of a longer path (a declaration's), so none
// of them is final: an Alias among them continues at its target too.
template <class Node, class Seg>
KIN_HARDENING_ABI constexpr Node* resolve(Node* scope, bool absolute, std::uint32_t parents, std::uint32_t count,
                                          Seg&& seg, search rule, bool prefix = false) noexcept {
  using R = typename Node::traits;
  Node* at = nullptr;
  if (absolute) {
    at = top_of(scope);
  } else {
    at = scope_of(scope);
    if (!at) {
      at = top_of(scope);
    }
    for (std::uint32_t i = 0; i < parents; ++i) {
      at = kin::parent<R>(at);
      if (!at) {
        return nullptr;
      }
    }
  }
  if (count == 0) {
    return at;
  }
  if (count == 1 && !absolute && parents == 0 && rule == search::upward) {
    const name_seg s = seg(0);
    for (Node* up = at; up; up = kin::parent<R>(up)) {
      if (Node* hit = find_child(up, s)) {
        return hit->type == object_type::method_alias && hit->target ? hit->target : hit;
      }
    }
    return nullptr;
  }
  for (std::uint32_t i = 0; i < count; ++i) {
    Node* hit = find_child(at, seg(i));
    if (!hit) {
      return nullptr;
    }
    const bool last = i + 1 == count && !prefix;
    if (hit->target && ((!last && hit->type == object_type::alias) || hit->type == object_type::method_alias)) {
      hit = hit->target;
    }
    at = hit;
  }
  return at;
}

// ASL path text: `\` or carets, then segments separated by `.`; false for
// anything else. Fills the prefix and the segment count.
KIN_HARDENING_ABI constexpr bool parse_path_text(std::string_view text, bool& absolute, std::uint32_t& parents,
                                                 std::string_view& segments, std::uint32_t& count) noexcept {
  absolute = false;
  parents = 0;
  count = 0;
  if (text.empty()) {
    return false;
  }
  std::size_t i = 0;
  if (text[0] == '\\') {
    absolute = true;
    i = 1;
  } else {
    while (i < text.size() && text[i] == '^') {
      ++parents;
      ++i;
    }
  }
  segments = text.substr(i);
  if (segments.empty()) {
    return absolute || parents > 0;
  }
  std::size_t from = 0;
  for (;;) {
    const std::size_t dot = segments.find('.', from);
    const std::string_view one = segments.substr(from, dot == std::string_view::npos ? std::string_view::npos : dot - from);
    if (!name_seg::valid(one)) {
      return false;
    }
    ++count;
    if (dot == std::string_view::npos) {
      return true;
    }
    from = dot + 1;
  }
}

// The i-th segment of already validated segment text.
KIN_HARDENING_ABI constexpr name_seg text_segment(std::string_view segments, std::uint32_t i) noexcept {
  std::size_t from = 0;
  for (std::uint32_t k = 0; k < i; ++k) {
    from = segments.find('.', from) + 1;
  }
  const std::size_t dot = segments.find('.', from);
  return name_seg::from(segments.substr(from, dot == std::string_view::npos ? std::string_view::npos : dot - from));
}
} // namespace detail

/// Whether `text` is a name path as lookup() reads it: `\` or any number
/// of `^`, then segments of 1 to 4 characters (`A`-`Z`, `_`, and not first
/// `0`-`9`) joined with `.`; `\` or `^` alone are paths, the empty text
/// is not. @throws_ Nothing. @complexity O(length)
KIN_HARDENING_ABI constexpr bool is_name_path(std::string_view text) noexcept {
  bool absolute = false;
  std::uint32_t parents = 0, count = 0;
  std::string_view segments;
  return detail::parse_path_text(text, absolute, parents, segments, count);
}

/// ACPICA's AcpiGetHandle / AcpiNsLookup for a path written as in ASL:
/// `\` (the root), `\_SB.PCI0` (absolute), `^^FOO` (from the second
/// ancestor), `PCI0.LPCB` (relative, two segments), `_GL` (one segment:
/// the ACPI upward search when `rule` is search::upward). Segments of 1 to
/// 4 characters are padded with `_`; characters are case-sensitive.
///
/// A relative path starts at `scope`, or at its nearest ancestor that
/// opens a scope when `scope` does not (a Name, a field ...); `^` climbs
/// from there (above the root: not found). Only a single segment without
/// prefix searches upward: the scope's children, then its parent's, up to
/// and including the root's; the first hit wins. An Alias met before the
/// last segment continues at its target; a MethodAlias found at the end
/// gives its method (a plain Alias at the end is returned itself).
/// @param scope where a relative path starts. @param path the path text.
/// @param rule whether a single segment searches upward.
/// @param why when not null, set to status::ok, status::not_found or
/// status::bad_pathname (the text is not a path: empty, an empty or
/// too-long segment, a bad character, `\` and `^` together).
/// @returns the node, or null. @requires `scope` is not null.
/// @throws_ Nothing. @complexity O(segments × siblings), O(depth ×
/// siblings) for the upward search
template <class Hook>
KIN_HARDENING_ABI constexpr namespace_node<Hook>* lookup(namespace_node<Hook>* scope, std::string_view path,
                                                        search rule = search::upward, status* why = nullptr) noexcept {
  bool absolute = false;
  std::uint32_t parents = 0, count = 0;
  std::string_view segments;
  if (!detail::parse_path_text(path, absolute, parents, segments, count)) {
    if (why) {
      *why = status::bad_pathname;
    }
    return nullptr;
  }
  namespace_node<Hook>* n = detail::resolve(
      scope, absolute, parents, count, [&](std::uint32_t i) noexcept { return detail::text_segment(segments, i); }, rule);
  if (why) {
    *why = n ? status::ok : status::not_found;
  }
  return n;
}

/// ACPICA's full pathname (AcpiNsGetExternalPathname): `\` for the root,
/// else `\` and the four-character segments from the root down, joined
/// with `.` (`\_SB_.PCI0.LPCB`). @requires `n` is not null.
/// @throws_ std::bad_alloc. @complexity O(depth)
template <class Hook>
std::string pathname(const namespace_node<Hook>* n) {
  using R = typename namespace_node<Hook>::traits;
  std::size_t depth = 0;
  for (const namespace_node<Hook>* p = n; kin::parent<R>(p); p = kin::parent<R>(p)) {
    ++depth;
  }
  if (depth == 0) {
    return "\\";
  }
  std::string out(5 * depth, '.'); // `\` + depth segments + depth - 1 dots
  out[0] = '\\';
  std::size_t at = out.size();
  for (const namespace_node<Hook>* p = n; kin::parent<R>(p); p = kin::parent<R>(p)) {
    at -= 4;
    out.replace(at, 4, p->name.view());
    --at; // the '.' (or, at the end, the '\')
  }
  out[0] = '\\';
  return out;
}

} // namespace kin::acpi

#endif // KIN_ADAPTERS_ACPI_NODE_HPP
