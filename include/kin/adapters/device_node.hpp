// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief The Linux device tree's `struct device_node` on any kin layout,
/// and the read-only OF API with the kernel's semantics: children
/// (available ones), child by name, the all-nodes walk, find by name, type,
/// compatible string and path (aliases, `:` options), property readers.
///
/// ```cpp
/// using node = kin::device_node<kin::list_hook<>>;
/// node* uart = kin::of::find_node_by_path(root, "serial0:115200n8", &options);
/// std::uint32_t freq = 0;
/// if (kin::of::property_read_u32(uart, "clock-frequency", freq) == 0) { ... }
/// ```
///
/// kin has no reference counting: where the kernel's functions take or
/// drop a reference (of_node_get / of_node_put, the `from` and `prev`
/// arguments of the iterators), kin's take and return plain pointers, and a
/// node lives as long as the storage it was built in. kin has no global
/// root either: every search takes the root it searches. The rules come
/// from kin's reference notes (devicetree-and-acpi.md, section 2); no
/// kernel code was used.
#ifndef KIN_ADAPTERS_DEVICE_NODE_HPP
#define KIN_ADAPTERS_DEVICE_NODE_HPP

#include <kin/config.hpp>
#include <kin/queries.hpp>
#include <kin/steps.hpp>
#include <kin/value_traits.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace kin {

/// One property of a device node: its name and its value bytes (not owned;
/// they usually point into the blob the tree was built from).
struct dt_property {
  std::string_view name{};                 ///< the property's name
  const unsigned char* value = nullptr;    ///< its value bytes (big-endian cells, strings with their NULs)
  std::size_t length = 0;                  ///< the value's length in bytes
};

/// Flags of a device node.
enum dt_node_flags : std::uint32_t {
  dt_detached = 1u << 0, ///< not in the live tree (the kernel's OF_DETACHED)
  dt_dynamic = 1u << 1,  ///< attached at run time (the kernel's OF_DYNAMIC)
};

template <class Hook>
struct device_node_value_traits;

/// The kernel's `struct device_node` on a kin layout: `Hook` is
/// `kin::singly_hook<>`, `kin::list_hook<>` or `kin::compact_hook<>`. Not
/// copyable (its hook is not). Nothing is owned: names and properties view
/// storage that must outlive the node.
template <class Hook>
struct device_node : Hook {
  /// The value traits of this type (walks yield `device_node&`).
  using traits = device_node_value_traits<Hook>;

  std::string_view name{};           ///< the `name` property's value (without its NUL); empty for the root
  std::string_view full_name{};      ///< the unit name as in the blob (`cpu@0`); empty for the root
  std::uint32_t phandle = 0;         ///< the node's handle, 0 when it has none
  std::uint32_t flags = 0;           ///< kin::dt_node_flags
  const dt_property* properties = nullptr; ///< the properties, in blob order
  std::size_t property_count = 0;    ///< how many

  /// An empty, unlinked node. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr device_node() noexcept = default;
};

/// The value traits of kin::device_node (kin::base_hook).
template <class Hook>
struct device_node_value_traits : base_hook<device_node<Hook>, Hook> {};

namespace of {

/// -EINVAL: a property readers' "no such property".
inline constexpr int einval = -22;
/// -ENODATA: the property has no value.
inline constexpr int enodata = -61;
/// -EOVERFLOW: the property's value is too short (or not a string).
inline constexpr int eoverflow = -75;
/// -EILSEQ: a string list that is not NUL-terminated.
inline constexpr int eilseq = -84;

/// The unit name without its unit address: `cpu` for `cpu@0`.
/// @throws_ Nothing. @complexity O(length of the name)
KIN_HARDENING_ABI constexpr std::string_view base_name(std::string_view full_name) noexcept {
  const std::size_t at = full_name.find('@');
  return at == std::string_view::npos ? full_name : full_name.substr(0, at);
}

/// The kernel's of_node_name_eq: the unit name cut at the first `@` equals
/// `name` exactly (`cpu` matches `cpu@0` and `cpu`, not `cpus`).
/// @requires `n` is not null. @throws_ Nothing. @complexity O(length)
template <class Hook>
KIN_HARDENING_ABI constexpr bool node_name_eq(const device_node<Hook>* n, std::string_view name) noexcept {
  return base_name(n->full_name) == name;
}

/// The kernel's of_node_name_prefix: the unit name (with its address)
/// starts with `prefix`. @requires `n` is not null. @throws_ Nothing.
/// @complexity O(length of `prefix`)
template <class Hook>
KIN_HARDENING_ABI constexpr bool node_name_prefix(const device_node<Hook>* n, std::string_view prefix) noexcept {
  return n->full_name.substr(0, prefix.size()) == prefix;
}

/// The kernel's of_find_property: the property named `name` (case-
/// sensitive), or null. @requires `n` is not null. @throws_ Nothing.
/// @complexity O(properties)
template <class Hook>
KIN_HARDENING_ABI constexpr const dt_property* find_property(const device_node<Hook>* n, std::string_view name) noexcept {
  for (std::size_t i = 0; i < n->property_count; ++i) {
    if (n->properties[i].name == name) {
      return &n->properties[i];
    }
  }
  return nullptr;
}

namespace detail {
// A property's value as a string: up to (not including) its first NUL;
// `ok` is false when there is no NUL at all.
KIN_HARDENING_ABI inline std::string_view c_string(const dt_property& p, bool& ok) noexcept {
  for (std::size_t i = 0; i < p.length; ++i) {
    if (p.value[i] == 0) {
      ok = true;
      return {reinterpret_cast<const char*>(p.value), i};
    }
  }
  ok = false;
  return {};
}

KIN_HARDENING_ABI constexpr bool ascii_iequal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    x = (x >= 'A' && x <= 'Z') ? static_cast<char>(x - 'A' + 'a') : x;
    y = (y >= 'A' && y <= 'Z') ? static_cast<char>(y - 'A' + 'a') : y;
    if (x != y) {
      return false;
    }
  }
  return true;
}

KIN_HARDENING_ABI constexpr std::uint32_t be32(const unsigned char* p) noexcept {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}
} // namespace detail

/// The kernel's of_property_read_string: the value of `name` up to its
/// first NUL. @requires `n` is not null.
/// @effects sets `out` on success only.
/// @returns 0; -22 (-EINVAL) when there is no such property; -61
/// (-ENODATA) when it has no value; -84 (-EILSEQ) when it is not
/// NUL-terminated.
/// @throws_ Nothing. @complexity O(properties + value length)
template <class Hook>
KIN_HARDENING_ABI constexpr int property_read_string(const device_node<Hook>* n, std::string_view name,
                                                     std::string_view& out) noexcept {
  const dt_property* p = find_property(n, name);
  if (!p) {
    return einval;
  }
  if (!p->value || p->length == 0) {
    return enodata;
  }
  bool ok = false;
  const std::string_view s = detail::c_string(*p, ok);
  if (!ok) {
    return eilseq;
  }
  out = s;
  return 0;
}

/// The kernel's of_property_read_string_helper for one index
/// (of_property_read_string_index): the `index`-th string of a string list.
/// @requires `n` is not null. @effects sets `out` on success only.
/// @returns 0; -22 when there is no such property; -61 when it has no
/// value or fewer than `index + 1` strings; -84 when a string is not
/// NUL-terminated.
/// @throws_ Nothing. @complexity O(properties + value length)
template <class Hook>
KIN_HARDENING_ABI constexpr int property_read_string_index(const device_node<Hook>* n, std::string_view name,
                                                           std::size_t index, std::string_view& out) noexcept {
  const dt_property* p = find_property(n, name);
  if (!p) {
    return einval;
  }
  if (!p->value || p->length == 0) {
    return enodata;
  }
  std::size_t at = 0;
  for (std::size_t i = 0;; ++i) {
    if (at >= p->length) {
      return enodata;
    }
    std::size_t end = at;
    while (end < p->length && p->value[end] != 0) {
      ++end;
    }
    if (end == p->length) {
      return eilseq;
    }
    if (i == index) {
      out = {reinterpret_cast<const char*>(p->value + at), end - at};
      return 0;
    }
    at = end + 1;
  }
}

/// The kernel's of_property_count_strings: how many NUL-terminated strings
/// the value holds. @requires `n` is not null.
/// @returns the count; -22 when there is no such property; -61 when it has
/// no value; -84 when the last string is not NUL-terminated.
/// @throws_ Nothing. @complexity O(properties + value length)
template <class Hook>
KIN_HARDENING_ABI constexpr int property_count_strings(const device_node<Hook>* n, std::string_view name) noexcept {
  const dt_property* p = find_property(n, name);
  if (!p) {
    return einval;
  }
  if (!p->value || p->length == 0) {
    return enodata;
  }
  if (p->value[p->length - 1] != 0) {
    return eilseq;
  }
  int count = 0;
  for (std::size_t i = 0; i < p->length; ++i) {
    count += p->value[i] == 0;
  }
  return count;
}

/// The kernel's of_property_match_string: the index of `s` in the string
/// list `name` (exact comparison), scanning strings in order.
/// @requires `n` is not null.
/// @returns the index; -22 when there is no such property; -61 when it has
/// no value or does not hold `s`; -84 when a string before the match is
/// not NUL-terminated.
/// @throws_ Nothing. @complexity O(properties + value length)
template <class Hook>
KIN_HARDENING_ABI constexpr int property_match_string(const device_node<Hook>* n, std::string_view name,
                                                      std::string_view s) noexcept {
  const dt_property* p = find_property(n, name);
  if (!p) {
    return einval;
  }
  if (!p->value) {
    return enodata;
  }
  std::size_t at = 0;
  for (int i = 0; at < p->length; ++i) {
    std::size_t end = at;
    while (end < p->length && p->value[end] != 0) {
      ++end;
    }
    if (end == p->length) {
      return eilseq;
    }
    if (std::string_view(reinterpret_cast<const char*>(p->value + at), end - at) == s) {
      return i;
    }
    at = end + 1;
  }
  return enodata;
}

/// The kernel's of_property_read_u32_array: `count` big-endian 32-bit cells
/// from the start of the value of `name`.
/// @requires `n` is not null; `out` holds `count` values.
/// @effects fills `out` on success only.
/// @returns 0; -22 when there is no such property; -61 when it has no
/// value (a null `value`); -75 (-EOVERFLOW) when it is shorter than
/// `count` cells (an empty property included).
/// @throws_ Nothing. @complexity O(properties + count)
template <class Hook>
KIN_HARDENING_ABI constexpr int property_read_u32_array(const device_node<Hook>* n, std::string_view name,
                                                        std::uint32_t* out, std::size_t count) noexcept {
  const dt_property* p = find_property(n, name);
  if (!p) {
    return einval;
  }
  if (!p->value) {
    return enodata;
  }
  if (p->length < count * 4) {
    return eoverflow; // an empty property too, as the kernel
  }
  for (std::size_t i = 0; i < count; ++i) {
    out[i] = detail::be32(p->value + 4 * i);
  }
  return 0;
}

/// The kernel's of_property_read_u32: the first cell of `name`.
/// @requires `n` is not null. @effects sets `out` on success only.
/// @returns as property_read_u32_array with one cell.
/// @throws_ Nothing. @complexity O(properties)
template <class Hook>
KIN_HARDENING_ABI constexpr int property_read_u32(const device_node<Hook>* n, std::string_view name,
                                                  std::uint32_t& out) noexcept {
  return property_read_u32_array(n, name, &out, 1);
}

/// The kernel's of_property_read_u64: the first two cells of `name` as one
/// big-endian 64-bit value. @requires `n` is not null.
/// @effects sets `out` on success only.
/// @returns 0; -22 when there is no such property; -61 when it has no
/// value; -75 when it is shorter than 8 bytes.
/// @throws_ Nothing. @complexity O(properties)
template <class Hook>
KIN_HARDENING_ABI constexpr int property_read_u64(const device_node<Hook>* n, std::string_view name,
                                                  std::uint64_t& out) noexcept {
  std::uint32_t cells[2] = {};
  const int r = property_read_u32_array(n, name, cells, 2);
  if (r == 0) {
    out = (std::uint64_t{cells[0]} << 32) | cells[1];
  }
  return r;
}

/// The kernel's of_property_count_elems_of_size: the value's length in
/// elements of `size` bytes. @requires `n` is not null; `size` > 0.
/// @returns the count (0 for an empty property); -22 when there is no
/// such property or its length is not a multiple of `size`; -61 when it
/// has no value (a null `value`).
/// @throws_ Nothing. @complexity O(properties)
template <class Hook>
KIN_HARDENING_ABI constexpr int property_count_elems_of_size(const device_node<Hook>* n, std::string_view name,
                                                             std::size_t size) noexcept {
  const dt_property* p = find_property(n, name);
  if (!p) {
    return einval;
  }
  if (!p->value) {
    return enodata;
  }
  if (p->length % size) {
    return einval;
  }
  return static_cast<int>(p->length / size);
}

/// The kernel's of_device_is_available: no `status` property, or `status`
/// exactly "okay" or "ok". @requires `n` is not null. @throws_ Nothing.
/// @complexity O(properties)
template <class Hook>
KIN_HARDENING_ABI constexpr bool device_is_available(const device_node<Hook>* n) noexcept {
  const dt_property* p = find_property(n, "status");
  if (!p) {
    return true;
  }
  bool ok = false;
  const std::string_view s = detail::c_string(*p, ok);
  return p->length > 0 && ok && (s == "okay" || s == "ok");
}

/// Whether `status` is exactly "reserved" (of_device_is_reserved).
/// @requires `n` is not null. @throws_ Nothing. @complexity O(properties)
template <class Hook>
KIN_HARDENING_ABI constexpr bool device_is_reserved(const device_node<Hook>* n) noexcept {
  std::string_view s;
  return property_read_string(n, "status", s) == 0 && s == "reserved";
}

/// Whether `status` is "fail" or starts with "fail-" (the kernel's failed
/// state). @requires `n` is not null. @throws_ Nothing.
/// @complexity O(properties)
template <class Hook>
KIN_HARDENING_ABI constexpr bool device_is_failed(const device_node<Hook>* n) noexcept {
  std::string_view s;
  return property_read_string(n, "status", s) == 0 && (s == "fail" || s.substr(0, 5) == "fail-");
}

/// The kernel's of_device_is_compatible score for one string: 0 when no
/// entry of `compatible` equals `compat` (ASCII case-insensitively);
/// otherwise larger for an earlier entry (the first scores highest).
/// @requires `n` is not null. @throws_ Nothing.
/// @complexity O(properties + value length)
template <class Hook>
KIN_HARDENING_ABI constexpr int device_is_compatible(const device_node<Hook>* n, std::string_view compat) noexcept {
  const int count = property_count_strings(n, "compatible");
  for (int i = 0; i < count; ++i) {
    std::string_view e;
    if (property_read_string_index(n, "compatible", static_cast<std::size_t>(i), e) == 0 &&
        detail::ascii_iequal(e, compat)) {
      return 0x3fffffff - 4 * i; // the kernel's INT_MAX/2 - (i << 2): earlier entries rank higher
    }
  }
  return 0;
}

/// Whether the `device_type` property equals `type` exactly.
/// @requires `n` is not null. @throws_ Nothing. @complexity O(properties)
template <class Hook>
KIN_HARDENING_ABI constexpr bool node_is_type(const device_node<Hook>* n, std::string_view type) noexcept {
  std::string_view s;
  return property_read_string(n, "device_type", s) == 0 && s == type;
}

/// The kernel's of_get_parent. @returns the parent, null for the root or a
/// null `n`. @throws_ Nothing. @complexity O(1)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* get_parent(const device_node<Hook>* n) noexcept {
  return n ? kin::parent<typename device_node<Hook>::traits>(const_cast<device_node<Hook>*>(n)) : nullptr;
}

/// The kernel's of_get_next_child: the first child of `parent` when `prev`
/// is null, else `prev`'s next sibling; null at the end (or for a null
/// `parent`). @requires `prev` is null or a child of `parent`.
/// @throws_ Nothing. @complexity O(1)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* get_next_child(const device_node<Hook>* parent,
                                                              std::type_identity_t<const device_node<Hook>*> prev) noexcept {
  using R = typename device_node<Hook>::traits;
  if (!parent) {
    return nullptr;
  }
  return prev ? kin::next_sibling<R>(const_cast<device_node<Hook>*>(prev))
              : kin::first_child<R>(const_cast<device_node<Hook>*>(parent));
}

/// The kernel's of_get_next_available_child: as get_next_child, skipping
/// children that are not available (device_is_available).
/// @requires as get_next_child. @throws_ Nothing.
/// @complexity O(children skipped x properties)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* get_next_available_child(const device_node<Hook>* parent,
                                                                        std::type_identity_t<const device_node<Hook>*> prev) noexcept {
  device_node<Hook>* c = get_next_child(parent, prev);
  while (c && !device_is_available(c)) {
    c = get_next_child(parent, c);
  }
  return c;
}

/// The kernel's of_get_next_reserved_child: as get_next_child, keeping
/// only children whose status is "reserved". @requires as get_next_child.
/// @throws_ Nothing. @complexity O(children skipped x properties)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* get_next_reserved_child(const device_node<Hook>* parent,
                                                                       std::type_identity_t<const device_node<Hook>*> prev) noexcept {
  device_node<Hook>* c = get_next_child(parent, prev);
  while (c && !device_is_reserved(c)) {
    c = get_next_child(parent, c);
  }
  return c;
}

/// The kernel's of_get_next_child_with_prefix: as get_next_child, keeping
/// only children whose unit name starts with `prefix`.
/// @requires as get_next_child. @throws_ Nothing.
/// @complexity O(children skipped)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* get_next_child_with_prefix(const device_node<Hook>* parent,
                                                                          std::type_identity_t<const device_node<Hook>*> prev,
                                                                          std::string_view prefix) noexcept {
  device_node<Hook>* c = get_next_child(parent, prev);
  while (c && !node_name_prefix(c, prefix)) {
    c = get_next_child(parent, c);
  }
  return c;
}

/// The kernel's of_get_child_by_name: the first child whose name (unit
/// address ignored, node_name_eq) is `name`, or null.
/// @throws_ Nothing. @complexity O(children)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* get_child_by_name(const device_node<Hook>* parent,
                                                                 std::string_view name) noexcept {
  for (device_node<Hook>* c = get_next_child(parent, nullptr); c; c = get_next_child(parent, c)) {
    if (node_name_eq(c, name)) {
      return c;
    }
  }
  return nullptr;
}

/// The kernel's of_get_available_child_by_name: get_child_by_name, null if
/// that child is not available. @throws_ Nothing. @complexity O(children)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* get_available_child_by_name(const device_node<Hook>* parent,
                                                                           std::string_view name) noexcept {
  device_node<Hook>* c = get_child_by_name(parent, name);
  return c && device_is_available(c) ? c : nullptr;
}

/// The kernel's of_get_compatible_child: the first child compatible with
/// `compat`, or null. @throws_ Nothing. @complexity O(children x properties)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* get_compatible_child(const device_node<Hook>* parent,
                                                                    std::string_view compat) noexcept {
  for (device_node<Hook>* c = get_next_child(parent, nullptr); c; c = get_next_child(parent, c)) {
    if (device_is_compatible(c, compat)) {
      return c;
    }
  }
  return nullptr;
}

/// The kernel's of_find_all_nodes: `root` when `prev` is null, else the
/// pre-order successor of `prev` in `root`'s tree; null at the end.
/// @requires `prev` is null or in `root`'s tree. @throws_ Nothing.
/// @complexity amortised O(1)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* find_all_nodes(device_node<Hook>* root, std::type_identity_t<const device_node<Hook>*> prev) noexcept {
  using R = typename device_node<Hook>::traits;
  return prev ? kin::preorder_next<R>(const_cast<device_node<Hook>*>(prev), root) : root;
}

/// The kernel's of_find_node_by_name and friends: the first node after
/// `from` in `root`'s pre-order (from `root` itself when `from` is null)
/// for which `pred(node)` holds, or null.
/// @requires `from` is null or in `root`'s tree. @throws_ What `pred` throws.
/// @complexity O(nodes scanned x pred)
template <class Hook, class Pred>
KIN_HARDENING_ABI constexpr device_node<Hook>* find_node_if(device_node<Hook>* root, std::type_identity_t<const device_node<Hook>*> from,
                                                            Pred pred) {
  for (device_node<Hook>* n = find_all_nodes(root, from); n; n = find_all_nodes(root, n)) {
    if (pred(static_cast<const device_node<Hook>*>(n))) {
      return n;
    }
  }
  return nullptr;
}

/// The kernel's of_find_node_by_name: the next node (after `from`) whose
/// name matches node_name_eq. @throws_ Nothing. @complexity O(nodes)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* find_node_by_name(device_node<Hook>* root, std::type_identity_t<const device_node<Hook>*> from,
                                                                 std::string_view name) noexcept {
  return find_node_if(root, from, [name](const device_node<Hook>* n) noexcept { return node_name_eq(n, name); });
}

/// The kernel's of_find_node_by_type: the next node whose `device_type` is
/// `type`. @throws_ Nothing. @complexity O(nodes x properties)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* find_node_by_type(device_node<Hook>* root, std::type_identity_t<const device_node<Hook>*> from,
                                                                 std::string_view type) noexcept {
  return find_node_if(root, from, [type](const device_node<Hook>* n) noexcept { return node_is_type(n, type); });
}

/// The kernel's of_find_compatible_node: the next node compatible with
/// `compat` and, unless `type` is empty, of `device_type` `type`.
/// @throws_ Nothing. @complexity O(nodes x properties)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* find_compatible_node(device_node<Hook>* root, std::type_identity_t<const device_node<Hook>*> from,
                                                                    std::string_view type, std::string_view compat) noexcept {
  return find_node_if(root, from, [type, compat](const device_node<Hook>* n) noexcept {
    return device_is_compatible(n, compat) && (type.empty() || node_is_type(n, type));
  });
}

/// The kernel's of_find_node_with_property: the next node that has a
/// property named `name`. @throws_ Nothing. @complexity O(nodes x properties)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* find_node_with_property(device_node<Hook>* root,
                                                                       std::type_identity_t<const device_node<Hook>*> from,
                                                                       std::string_view name) noexcept {
  return find_node_if(root, from, [name](const device_node<Hook>* n) noexcept { return find_property(n, name) != nullptr; });
}

namespace detail {
// One step of an absolute path: the child whose whole unit name is `name`.
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* child_by_full_name(const device_node<Hook>* parent,
                                                                  std::string_view name) noexcept {
  for (device_node<Hook>* c = get_next_child(parent, nullptr); c; c = get_next_child(parent, c)) {
    if (c->full_name == name) {
      return c;
    }
  }
  return nullptr;
}

// Walks `path` (components separated by '/', no options) down from `n`.
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* walk_path(device_node<Hook>* n, std::string_view path) noexcept {
  for (;;) {
    const std::size_t slash = path.find('/');
    const std::string_view part = path.substr(0, slash);
    if (part.empty()) {
      return nullptr; // "//" or a trailing '/'
    }
    n = child_by_full_name(n, part);
    if (!n || slash == std::string_view::npos) {
      return n;
    }
    path = path.substr(slash + 1);
  }
}

template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* find_by_path(device_node<Hook>* root, std::string_view path,
                                                            int alias_depth) noexcept {
  if (path.empty()) {
    return nullptr;
  }
  if (path == "/") {
    return root;
  }
  if (path.front() == '/') {
    return walk_path(root, path.substr(1));
  }
  // An alias: its name up to the first '/', looked up in /aliases; its
  // value is itself a path (perhaps alias-relative), then the rest.
  if (alias_depth > 8) {
    return nullptr; // an alias loop
  }
  const std::size_t slash = path.find('/');
  const std::string_view alias = path.substr(0, slash);
  const device_node<Hook>* aliases = child_by_full_name(root, "aliases");
  if (!aliases) {
    return nullptr;
  }
  std::string_view target;
  if (property_read_string(aliases, alias, target) != 0) {
    return nullptr;
  }
  // The value is a path as well: its own `:` options, if any, end it.
  device_node<Hook>* n = find_by_path(root, target.substr(0, target.find(':')), alias_depth + 1);
  if (!n || slash == std::string_view::npos) {
    return n;
  }
  return walk_path(n, path.substr(slash + 1)); // "serial0/" has an empty component: null
}
} // namespace detail

/// The kernel's of_find_node_opts_by_path (of_find_node_by_path with
/// options): `/` is `root`; an absolute path walks down matching each
/// component against the whole unit name (`/cpus/cpu@0`; an empty
/// component fails); otherwise the first component names a property of
/// `/aliases` whose value is resolved the same way (it may itself be
/// alias-relative), then the rest of the path continues from there.
/// Everything after the first `:` is the options text, and the component
/// holding the `:` is the last one matched.
/// @requires `root` is not null.
/// @effects when `options` is not null, sets it to the text after the
/// first `:` (null data when there is no `:`), whether or not a node is
/// found.
/// @returns the node, or null.
/// @throws_ Nothing.
/// @complexity O(length of the path x children per level), aliases
/// included (at most 8 levels of aliases resolving to aliases).
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* find_node_by_path(device_node<Hook>* root, std::string_view path,
                                                                 std::string_view* options = nullptr) noexcept {
  const std::size_t colon = path.find(':');
  if (options) {
    *options = colon == std::string_view::npos ? std::string_view{} : path.substr(colon + 1);
  }
  if (path == "/") {
    return root;
  }
  const std::string_view head = path.substr(0, colon);
  if (head == "/") {
    return nullptr; // "/:options": the component before the ':' is empty
  }
  return detail::find_by_path(root, head, 0);
}

/// One entry of a match table (the kernel's `struct of_device_id`): each
/// non-empty field must match. `data` is the caller's.
struct dt_match {
  std::string_view name{};       ///< node name (node_name_eq), or empty
  std::string_view type{};       ///< `device_type`, or empty
  std::string_view compatible{}; ///< one `compatible` string, or empty
  const void* data = nullptr;    ///< what the caller attaches to the entry
};

/// The kernel's __of_device_is_compatible score of one entry: 0 when a
/// required field fails; a compatible match scores 2^30 - 1 - 4 x (its
/// index in the node's list), a required type adds 2, a required name 1.
/// @requires `n` is not null. @throws_ Nothing.
/// @complexity O(properties + value length)
template <class Hook>
KIN_HARDENING_ABI constexpr int match_score(const device_node<Hook>* n, const dt_match& m) noexcept {
  int score = 0;
  if (!m.compatible.empty()) {
    score = device_is_compatible(n, m.compatible);
    if (!score) {
      return 0;
    }
  }
  if (!m.type.empty()) {
    if (!node_is_type(n, m.type)) {
      return 0;
    }
    score += 2;
  }
  if (!m.name.empty()) {
    if (!node_name_eq(n, m.name)) {
      return 0;
    }
    score += 1;
  }
  return score;
}

/// The kernel's of_match_node: the entry of `table` (`count` entries) with
/// the highest score for `n` (the first of equal ones), or null when none
/// matches. An entry with no field set never matches.
/// @requires `n` is not null; `table` holds `count` entries.
/// @throws_ Nothing. @complexity O(count x properties)
template <class Hook>
KIN_HARDENING_ABI constexpr const dt_match* match_node(const dt_match* table, std::size_t count,
                                                       const device_node<Hook>* n) noexcept {
  const dt_match* best = nullptr;
  int best_score = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const int score = match_score(n, table[i]);
    if (score > best_score) {
      best = &table[i];
      best_score = score;
    }
  }
  return best;
}

/// The kernel's of_find_matching_node_and_match: the next node after
/// `from` (from `root` when null) that some entry of `table` matches.
/// @effects when `match` is not null, sets it to the best entry (null when
/// no node is found). @returns the node, or null.
/// @throws_ Nothing. @complexity O(nodes x count x properties)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* find_matching_node(device_node<Hook>* root,
                                                                  std::type_identity_t<const device_node<Hook>*> from,
                                                                  const dt_match* table, std::size_t count,
                                                                  const dt_match** match = nullptr) noexcept {
  const dt_match* best = nullptr;
  device_node<Hook>* n = find_node_if(root, from, [&](const device_node<Hook>* c) noexcept {
    best = match_node(table, count, c);
    return best != nullptr;
  });
  if (match) {
    *match = n ? best : nullptr;
  }
  return n;
}

/// The kernel's of_get_next_cpu_node: the first child of `/cpus` when
/// `prev` is null, else `prev`'s next sibling, skipping failed nodes
/// (device_is_failed) and keeping those named `cpu` or of `device_type`
/// "cpu"; null at the end or without `/cpus`.
/// @requires `prev` is null or a child of `/cpus`. @throws_ Nothing.
/// @complexity O(children skipped x properties)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* get_next_cpu_node(device_node<Hook>* root,
                                                                 std::type_identity_t<const device_node<Hook>*> prev) noexcept {
  const device_node<Hook>* cpus = prev ? get_parent(prev) : detail::child_by_full_name(root, "cpus");
  for (device_node<Hook>* c = get_next_child(cpus, prev); c; c = get_next_child(cpus, c)) {
    if (!device_is_failed(c) && (node_name_eq(c, "cpu") || node_is_type(c, "cpu"))) {
      return c;
    }
  }
  return nullptr;
}

/// -ENODEV: no alias names the node (the alias-id functions).
inline constexpr int enodev = -19;

namespace detail {
// Every alias of `root`'s /aliases whose name is a stem plus a decimal id
// and whose value resolves to a node: f(stem, id, node). The kernel builds
// this table once at boot; kin reads /aliases on each call.
template <class Hook, class F>
KIN_HARDENING_ABI constexpr void for_each_alias_id(device_node<Hook>* root, F f) noexcept {
  const device_node<Hook>* aliases = child_by_full_name(root, "aliases");
  if (!aliases) {
    return;
  }
  for (std::size_t i = 0; i < aliases->property_count; ++i) {
    const dt_property& p = aliases->properties[i];
    if (p.name == "name" || p.name == "phandle" || p.name == "linux,phandle") {
      continue;
    }
    std::size_t digits = p.name.size();
    while (digits > 0 && p.name[digits - 1] >= '0' && p.name[digits - 1] <= '9') {
      --digits;
    }
    if (digits == p.name.size() || digits == 0 || p.name.size() - digits > 9) {
      continue; // no id (or no stem)
    }
    int id = 0;
    for (std::size_t k = digits; k < p.name.size(); ++k) {
      id = id * 10 + (p.name[k] - '0');
    }
    std::string_view target;
    if (property_read_string(aliases, p.name, target) != 0) {
      continue;
    }
    if (device_node<Hook>* n = find_node_by_path(root, target)) {
      f(p.name.substr(0, digits), id, n);
    }
  }
}
} // namespace detail

/// The kernel's of_alias_get_id: the id of the alias `STEMid` (in
/// `/aliases`) whose value resolves to `n`, e.g. 0 for `serial0`.
/// @requires `root` and `n` are not null.
/// @returns the id, or -19 (-ENODEV) when no such alias names `n`.
/// @throws_ Nothing. @complexity O(aliases x path lookup)
template <class Hook>
KIN_HARDENING_ABI constexpr int alias_get_id(device_node<Hook>* root, const device_node<Hook>* n,
                                             std::string_view stem) noexcept {
  int found = enodev;
  detail::for_each_alias_id(root, [&](std::string_view s, int id, const device_node<Hook>* target) noexcept {
    if (found == enodev && s == stem && target == n) {
      found = id;
    }
  });
  return found;
}

/// The kernel's of_alias_get_highest_id: the highest id of the aliases
/// with `stem` that resolve to a node. @requires `root` is not null.
/// @returns the id, or -19 (-ENODEV) when there is none.
/// @throws_ Nothing. @complexity O(aliases x path lookup)
template <class Hook>
KIN_HARDENING_ABI constexpr int alias_get_highest_id(device_node<Hook>* root, std::string_view stem) noexcept {
  int highest = enodev;
  detail::for_each_alias_id(root, [&](std::string_view s, int id, const device_node<Hook>*) noexcept {
    if (s == stem && id > highest) {
      highest = id;
    }
  });
  return highest;
}

/// The node `/chosen` names for the console (what the kernel sets as
/// of_stdout): `/chosen` (else `/chosen@0`), its `stdout-path` (else
/// `linux,stdout-path`), resolved with find_node_by_path and its `:`
/// options rule. @requires `root` is not null.
/// @effects when `options` is not null, sets it as find_node_by_path does
/// (null data when there is no such property).
/// @returns the node, or null.
/// @throws_ Nothing. @complexity O(path lookup)
template <class Hook>
KIN_HARDENING_ABI constexpr device_node<Hook>* stdout_node(device_node<Hook>* root,
                                                           std::string_view* options = nullptr) noexcept {
  if (options) {
    *options = {};
  }
  const device_node<Hook>* chosen = detail::child_by_full_name(root, "chosen");
  if (!chosen) {
    chosen = detail::child_by_full_name(root, "chosen@0");
  }
  std::string_view path;
  if (!chosen || (property_read_string(chosen, "stdout-path", path) != 0 &&
                  property_read_string(chosen, "linux,stdout-path", path) != 0)) {
    return nullptr;
  }
  return find_node_by_path(root, path, options);
}

} // namespace of
} // namespace kin

#endif // KIN_ADAPTERS_DEVICE_NODE_HPP
