// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief kin::acpi::acpi_namespace: an ACPI namespace that owns its
/// nodes, starting with ACPICA's predefined root objects, with ACPICA's
/// declaration rule (resolve the path without the upward search, append
/// the last segment, refuse a duplicate) and an undo for a failed load.
///
/// ```cpp
/// kin::acpi::acpi_namespace<kin::list_hook<>> ns;          // \ and its 9 predefined objects
/// auto* dev = ns.declare(ns.root(), "\\_SB.PCI0", kin::acpi::object_type::device, 1);
/// auto* hid = ns.declare(dev, "_HID", kin::acpi::object_type::integer, 1);
/// ```
///
/// The AML loader (kin/adapters/aml.hpp) fills one from tables. The rules
/// follow kin's reference notes (devicetree-and-acpi.md, sections 4.2,
/// 4.3 and 4.5); no ACPICA code was used.
#ifndef KIN_ADAPTERS_ACPI_NAMESPACE_HPP
#define KIN_ADAPTERS_ACPI_NAMESPACE_HPP

#include <kin/config.hpp>
#include <kin/adapters/acpi_node.hpp>
#include <kin/algorithms.hpp>
#include <kin/queries.hpp>
#include <kin/steps.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string_view>

namespace kin::acpi {

/// One predefined root object: its name, type and (for `_OSI`) argument count.
struct predefined_object {
  std::string_view name{};                 ///< the four-character segment
  object_type type = object_type::untyped; ///< its type
  std::uint8_t method_args = 0;            ///< a Method's argument count
};

/// The children ACPICA creates under the root before any table, in this
/// order (owner 0).
inline constexpr predefined_object predefined_objects[] = {
    {"_GPE", object_type::scope, 0},  {"_PR_", object_type::scope, 0},   {"_SB_", object_type::device, 0},
    {"_SI_", object_type::scope, 0},  {"_TZ_", object_type::device, 0},  {"_REV", object_type::integer, 0},
    {"_OS_", object_type::string, 0}, {"_GL_", object_type::mutex, 0},   {"_OSI", object_type::method, 1},
};

/// An ACPI namespace: the root (named `\___`, type Device, as in ACPICA)
/// and every node declared in it, owned by the namespace (a std::deque:
/// nodes never move). Move-only; a move moves no node. When `Hook` has a
/// destructor (kin::checked_hook), every node is unlinked before it is
/// destroyed. Nodes of the caller's own may be linked in with
/// kin::acpi::install_node; they must be unlinked before the namespace is
/// destroyed.
template <class Hook>
class acpi_namespace {
public:
  /// The node type.
  using node = namespace_node<Hook>;
  /// Its value traits.
  using traits = typename node::traits;

  /// The root and the predefined objects (kin::acpi::predefined_objects).
  /// @throws_ std::bad_alloc. @complexity O(1)
  acpi_namespace() {
    node& r = nodes_.emplace_back();
    r.name.chars = {'\\', '_', '_', '_'};
    r.type = object_type::device;
    for (const predefined_object& p : predefined_objects) {
      node* n = create(&r, name_seg::from(p.name), p.type, 0);
      n->method_args = p.method_args;
    }
  }
  acpi_namespace(const acpi_namespace&) = delete;
  acpi_namespace& operator=(const acpi_namespace&) = delete;
  /// Takes `o`'s nodes (none moves); `o` is left without nodes: only its
  /// destruction is allowed. @throws_ Nothing. @complexity O(1)
  acpi_namespace(acpi_namespace&& o) noexcept : nodes_(std::move(o.nodes_)), next_owner_(o.next_owner_) {}
  acpi_namespace& operator=(acpi_namespace&&) = delete;
  /// Unlinks every node below the root (post-order: each is its parent's
  /// first child by then, O(1) on every layout), then frees them.
  /// @throws_ Nothing. @complexity O(nodes)
  ~acpi_namespace() {
    if (nodes_.empty()) {
      return;
    }
    node* r = root();
    for (node* n = kin::leftmost_leaf<traits>(r); n != r;) {
      node* next = kin::postorder_next<traits>(n, r);
      kin::unlink<traits>(n);
      n = next;
    }
  }

  /// The root `\`. @requires not moved from. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI node* root() noexcept { return &nodes_.front(); }
  /// The root `\`. @requires not moved from. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI const node* root() const noexcept { return &nodes_.front(); }
  /// How many nodes the namespace owns, the root included (10 before any
  /// declaration). @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI std::size_t size() const noexcept { return nodes_.size(); }

  /// A new node named `name`, appended as the last child of `parent`
  /// (kin::acpi::install_node), without looking for a sibling of the same
  /// name (declare() does). @requires `parent` is not null.
  /// @throws_ std::bad_alloc (nothing changed). @complexity as install_node
  node* create(node* parent, name_seg name, object_type type, std::uint16_t owner_id) {
    node& n = nodes_.emplace_back();
    n.name = name;
    install_node(parent, &n, type, owner_id);
    return &n;
  }

  /// ACPICA's rule for declaring a name (Name, Device, Method, ...):
  /// `path` (ASL text, kin::acpi::lookup's syntax, at least one segment)
  /// is resolved from `scope` without the upward search; every segment
  /// but the last must exist; the last is created as the last child of the
  /// node reached, with `type` and `owner_id`.
  /// @param scope where a relative path starts. @param path the path
  /// text. @param type the new node's type. @param owner_id its owner.
  /// @param why when not null: status::ok; status::bad_pathname (no
  /// segment, or not a path); status::not_found (a segment before the last
  /// is missing); status::already_exists (the name is there: nothing is
  /// created, as ACPICA reports and carries on).
  /// @returns the new node, or null. @requires `scope` is a node of this
  /// namespace. @throws_ std::bad_alloc (nothing changed).
  /// @complexity O(segments × siblings)
  node* declare(node* scope, std::string_view path, object_type type, std::uint16_t owner_id, status* why = nullptr) {
    bool absolute = false;
    std::uint32_t parents = 0, count = 0;
    std::string_view segments;
    if (!detail::parse_path_text(path, absolute, parents, segments, count) || count == 0) {
      return fail(why, status::bad_pathname);
    }
    node* at = detail::resolve(
        scope, absolute, parents, count - 1,
        [&](std::uint32_t i) noexcept { return detail::text_segment(segments, i); }, search::local, true);
    if (!at) {
      return fail(why, status::not_found);
    }
    const name_seg last = detail::text_segment(segments, count - 1);
    if (find_child(at, last)) {
      return fail(why, status::already_exists);
    }
    if (why) {
      *why = status::ok;
    }
    return create(at, last, type, owner_id);
  }

  /// A new owner id for a table (1, 2, ...: ACPICA's first table shows as
  /// 001). @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI std::uint16_t allocate_owner_id() noexcept { return next_owner_++; }
  /// Gives back the newest owner id (a table whose load failed), so the
  /// next table gets it. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI void release_owner_id() noexcept {
    if (next_owner_ > 1) {
      --next_owner_;
    }
  }

  /// Undo: unlinks and frees, newest first, every node created after the
  /// namespace had `count` nodes (a loader's failed table). @requires
  /// `count` ≤ size(); no node created before that has been given a child
  /// since, other than created ones (true for declarations).
  /// @throws_ Nothing. @complexity O(nodes removed) on list and compact,
  /// × siblings on singly
  void rollback_to(std::size_t count) noexcept {
    while (nodes_.size() > count) {
      node& n = nodes_.back();
      if (kin::parent<traits>(&n)) {
        kin::unlink<traits>(&n);
      }
      nodes_.pop_back();
    }
  }

private:
  static node* fail(status* why, status s) noexcept {
    if (why) {
      *why = s;
    }
    return nullptr;
  }

  std::deque<node> nodes_;
  std::uint16_t next_owner_ = 1;
};

} // namespace kin::acpi

#endif // KIN_ADAPTERS_ACPI_NAMESPACE_HPP
