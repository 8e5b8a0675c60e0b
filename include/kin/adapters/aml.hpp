// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief A namespace-only AML loader: DSDT and SSDT tables into a
/// kin::acpi::acpi_namespace, with the nodes, order, types and owner ids
/// that ACPICA's acpiexec shows, and (optionally) a parse tree of each
/// table's declarations.
///
/// ```cpp
/// kin::acpi::acpi_namespace<kin::list_hook<>> ns;
/// kin::acpi::aml_parse_tree<kin::list_hook<>> ops;                 // optional
/// auto loaded = kin::acpi::load_table(ns, dsdt.data(), dsdt.size(), &ops);
/// if (!loaded) { report(loaded.error()); return 2; }              // offset, message
/// for (const auto& w : loaded->warnings) { ... }                  // duplicates, checksum
/// ```
///
/// The loader declares what the table's term list declares at table level
/// and inside Scope, Device, Processor, PowerResource and ThermalZone
/// bodies; it does not run code: method bodies and table-level If / Else /
/// While bodies are skipped whole, other executable terms at table level
/// are skipped by their operand shapes. The rules come from kin's
/// reference notes (devicetree-and-acpi.md, sections 4.7 and 5) and the
/// ACPI specification's AML grammar; no ACPICA code was used.
#ifndef KIN_ADAPTERS_AML_HPP
#define KIN_ADAPTERS_AML_HPP

#include <kin/config.hpp>
#include <kin/adapters/acpi_namespace.hpp>
#include <kin/adapters/acpi_node.hpp>
#include <kin/adapters/acpi_parse.hpp>
#include <kin/queries.hpp>
#include <kin/result.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace kin::acpi {

/// Why a table was refused: the byte offset in the table (0 = the first
/// byte of its signature; at most the table's size: what is missing, a
/// table shorter than its header or an operand running past the end, is
/// reported where the missing bytes would start) and one sentence.
struct aml_error {
  std::size_t offset = 0; ///< where the problem is
  std::string message;    ///< what it is
};

/// Something a loaded table did that ACPICA also reports and carries on
/// from (a duplicate declaration, a bad checksum, a retyped Scope target).
struct aml_warning {
  std::size_t offset = 0; ///< where, in the table
  std::string message;    ///< what
};

/// What load_table loaded: the table header's fields, its owner id, how
/// many nodes it created, and its warnings in table order.
struct aml_table_info {
  std::array<char, 4> signature{};    ///< `DSDT`, `SSDT` or `PSDT`
  std::uint32_t length = 0;           ///< the header's length (bytes read)
  std::uint8_t revision = 0;          ///< the header's revision
  bool checksum_ok = false;           ///< whether all bytes summed to 0 mod 256
  std::array<char, 6> oem_id{};       ///< OEM id
  std::array<char, 8> oem_table_id{}; ///< OEM table id
  std::uint16_t owner_id = 0;         ///< the id every node it created carries
  std::size_t nodes = 0;              ///< nodes created
  std::vector<aml_warning> warnings;  ///< in table order
};

/// The parse ops the loader builds: they point to the namespace nodes.
template <class Hook>
using aml_op = parse_op<Hook, namespace_node<Hook>>;

/// The parse trees of the tables loaded with it, one root per table (a
/// Scope op for `\` spanning the table's term list). Owns its ops (each
/// allocated with `new`) and deletes each tree with
/// kin::acpi::delete_parse_tree. Move-only.
///
/// The shape: one op per named-object or scope opcode, with its NameString
/// as the first argument (op_namepath) and its body's terms as further
/// arguments; Field / IndexField / BankField have their NameStrings first,
/// then one op_named_field op per named unit; a Method's body, a Name's
/// data object and the remaining operands of other declarations are one
/// op_byte_list op each; each skipped executable term (If, Else, While,
/// Store, a method call ...) is one op without arguments, with its opcode
/// (a method call: op_namepath) and byte span.
template <class Hook>
class aml_parse_tree {
public:
  /// The op type.
  using op = aml_op<Hook>;

  /// No tables. @throws_ Nothing. @complexity O(1)
  aml_parse_tree() noexcept = default;
  aml_parse_tree(const aml_parse_tree&) = delete;
  aml_parse_tree& operator=(const aml_parse_tree&) = delete;
  /// Takes `o`'s trees. @throws_ Nothing. @complexity O(1)
  aml_parse_tree(aml_parse_tree&& o) noexcept : roots_(std::move(o.roots_)) { o.roots_.clear(); }
  aml_parse_tree& operator=(aml_parse_tree&&) = delete;
  /// Deletes every tree. @throws_ Nothing. @complexity O(ops)
  ~aml_parse_tree() {
    for (op* r : roots_) {
      delete_parse_tree(r, [](op* o) noexcept { delete o; });
    }
  }

  /// The root op of each loaded table, in load order. @throws_ Nothing.
  /// @complexity O(1)
  const std::vector<op*>& tables() const noexcept { return roots_; }

  /// Adds a table's tree (the loader does). @throws_ std::bad_alloc (then
  /// `root` is deleted). @complexity amortised O(1)
  void adopt(op* root) {
    struct guard {
      op* r;
      ~guard() {
        if (r) {
          delete_parse_tree(r, [](op* o) noexcept { delete o; });
        }
      }
    } g{root};
    roots_.push_back(root);
    g.r = nullptr;
  }

private:
  std::vector<op*> roots_;
};

/// The deepest nesting the loader accepts, of declarations (Scope, Device
/// ... bodies) and of operands in a skipped term: deeper input is an
/// error at its offset, so hostile tables cannot exhaust the stack.
inline constexpr unsigned aml_max_nesting = 256;

namespace detail {

// The types a Scope may open: Scope, Device, Processor, PowerResource,
// ThermalZone, Untyped (not a Method: its names live while it runs).
KIN_HARDENING_ABI constexpr bool scope_target(object_type t) noexcept {
  return t != object_type::method && opens_scope(t);
}

// An aml_error with a printf-formatted message.
template <class... Args>
aml_error aml_fail(std::size_t offset, const char* fmt, Args... args) {
  char buf[256];
  if constexpr (sizeof...(Args) == 0) {
    std::snprintf(buf, sizeof buf, "%s", fmt);
  } else {
    std::snprintf(buf, sizeof buf, fmt, args...);
  }
  return aml_error{offset, buf};
}

// Operand shapes of the executable opcodes the loader skips: T a TermArg
// (a NameString there may be a method call), S a SuperName or Target (a
// NameString there is not called), N a NameString, b/w/d a byte, word,
// dword. Null: not an executable opcode.
KIN_HARDENING_ABI constexpr const char* aml_operands(std::uint16_t op) noexcept {
  switch (op) {
  case 0x70: return "TS";                   // Store
  case 0x71: case 0x75: case 0x76: case 0x87: case 0x8E: return "S"; // RefOf Increment Decrement SizeOf ObjectType
  case 0x72: case 0x73: case 0x74: case 0x77: case 0x79: case 0x7A: case 0x7B: case 0x7C: case 0x7D: case 0x7E:
  case 0x7F: case 0x84: case 0x85: case 0x88: return "TTS"; // the binary operators, Index
  case 0x78: return "TTSS";                 // Divide
  case 0x80: case 0x81: case 0x82: case 0x96: case 0x97: case 0x98: case 0x99: case 0x9D: return "TS";
  case 0x83: case 0x92: case 0xA4: return "T"; // DerefOf LNot Return
  case 0x86: return "ST";                   // Notify
  case 0x89: return "TbTbTT";               // Match
  case 0x8A: case 0x8B: case 0x8C: case 0x8D: case 0x8F: return "TTN"; // Create*Field
  case 0x90: case 0x91: case 0x93: case 0x94: case 0x95: return "TT";
  case 0x9C: return "TTS";                  // ToString
  case 0x9E: return "TTTS";                 // Mid
  case 0x9F: case 0xA3: case 0xA5: case 0xCC: return ""; // Continue Noop Break BreakPoint
  case 0x5B12: return "SS";                 // CondRefOf
  case 0x5B13: return "TTTN";               // CreateField
  case 0x5B1F: return "TTTTTT";             // LoadTable
  case 0x5B20: return "NS";                 // Load
  case 0x5B21: case 0x5B22: return "T";     // Stall Sleep
  case 0x5B23: return "Sw";                 // Acquire
  case 0x5B24: case 0x5B26: case 0x5B27: case 0x5B2A: return "S"; // Signal Reset Release Unload
  case 0x5B25: return "ST";                 // Wait
  case 0x5B28: case 0x5B29: return "TS";    // FromBCD ToBCD
  case 0x5B30: case 0x5B31: case 0x5B33: return ""; // Revision Debug Timer
  case 0x5B32: return "bdT";                // Fatal
  default: return nullptr;
  }
}

KIN_HARDENING_ABI constexpr bool aml_lead_name_char(unsigned char c) noexcept {
  return (c >= 'A' && c <= 'Z') || c == '_';
}
KIN_HARDENING_ABI constexpr bool aml_name_start(unsigned char c) noexcept {
  return aml_lead_name_char(c) || c == '\\' || c == '^' || c == 0x2E || c == 0x2F;
}

// A NameString as read from the AML: prefix, segment count, where the
// segments start and where the NameString started.
struct aml_name {
  bool absolute = false;
  std::uint32_t parents = 0;
  std::uint32_t count = 0;
  std::size_t segments = 0;
  std::size_t at = 0;
};

// The loader of one table. Every read is checked against the end of the
// enclosing package; the first failure is kept in `error` and ends the load.
template <class Hook>
class aml_loader {
public:
  using node = namespace_node<Hook>;
  using op = aml_op<Hook>;

  aml_loader(acpi_namespace<Hook>& ns, const unsigned char* b, std::size_t length, std::uint16_t owner,
             aml_table_info& info, bool build_ops)
      : ns_(ns), b_(b), length_(length), owner_(owner), info_(info), build_ops_(build_ops) {}

  ~aml_loader() {
    if (root_op_) {
      delete_parse_tree(root_op_, [](op* o) noexcept { delete o; });
    }
  }

  // Loads the term list; true on success.
  bool run() {
    if (build_ops_) {
      root_op_ = new op(0x10, 0, static_cast<std::uint32_t>(length_));
      root_op_->name.chars = {'\\', '_', '_', '_'};
      root_op_->node = ns_.root();
    }
    return term_list(36, length_, ns_.root(), root_op_, 0);
  }

  // Undoes every change (on failure): the types first, since a retyped
  // node may be one this table created, which the rollback frees (the
  // fuzz target tests/fuzz/aml.cpp found the write to a freed node).
  void undo(std::size_t mark) noexcept {
    for (auto it = retyped_.rbegin(); it != retyped_.rend(); ++it) {
      it->first->type = it->second;
    }
    ns_.rollback_to(mark);
  }

  op* take_ops() noexcept { return std::exchange(root_op_, nullptr); }

  aml_error error;

private:
  template <class... Args>
  bool fail(std::size_t at, const char* fmt, Args... args) {
    error = aml_fail(at, fmt, args...);
    return false;
  }
  template <class... Args>
  void warn(std::size_t at, const char* fmt, Args... args) {
    aml_error e = aml_fail(at, fmt, args...);
    info_.warnings.push_back(aml_warning{e.offset, std::move(e.message)});
  }

  bool need(std::size_t pos, std::size_t n, std::size_t end, const char* what) {
    if (pos > end || end - pos < n) {
      return fail(pos, "%s runs past the end of its enclosing package or table (byte %zu)", what, end);
    }
    return true;
  }

  // PkgLength at `pos`: its value (the encoding only).
  bool encoded_length(std::size_t& pos, std::size_t end, std::size_t& value, const char* what) {
    if (!need(pos, 1, end, what)) {
      return false;
    }
    const unsigned lead = b_[pos];
    const unsigned extra = lead >> 6;
    if (!need(pos, 1 + extra, end, what)) {
      return false;
    }
    if (extra == 0) {
      value = lead & 0x3F;
    } else {
      value = lead & 0x0F;
      for (unsigned i = 0; i < extra; ++i) {
        value |= std::size_t{b_[pos + 1 + i]} << (4 + 8 * i);
      }
    }
    pos += 1 + extra;
    return true;
  }

  // PkgLength at `pos`, as a span: `pkg_end` = its first byte + value.
  bool package(std::size_t& pos, std::size_t end, std::size_t& pkg_end, const char* what) {
    const std::size_t start = pos;
    std::size_t value = 0;
    if (!encoded_length(pos, end, value, what)) {
      return false;
    }
    if (value < pos - start) {
      return fail(start, "package length %zu of a %s is shorter than its own %zu bytes", value, what, pos - start);
    }
    if (value > end - start) {
      return fail(start, "a %s of %zu bytes runs past the end of its enclosing package or table (byte %zu)", what, value,
                  end);
    }
    pkg_end = start + value;
    return true;
  }

  bool segments_valid(std::size_t at, std::uint32_t count) {
    for (std::uint32_t s = 0; s < count; ++s) {
      for (std::size_t i = 0; i < 4; ++i) {
        const unsigned char c = b_[at + 4 * s + i];
        if (!name_seg::valid_char(static_cast<char>(c), i == 0)) {
          return fail(at + 4 * s + i, "byte 0x%02x cannot be in a name segment", c);
        }
      }
    }
    return true;
  }

  bool name_string(std::size_t& pos, std::size_t end, aml_name& n) {
    n = aml_name{};
    n.at = pos;
    if (!need(pos, 1, end, "a name string")) {
      return false;
    }
    if (b_[pos] == '\\') {
      n.absolute = true;
      ++pos;
    } else {
      while (pos < end && b_[pos] == '^') {
        ++n.parents;
        ++pos;
      }
    }
    if (!need(pos, 1, end, "a name string")) {
      return false;
    }
    const unsigned char c = b_[pos];
    if (c == 0x00) {
      ++pos;
      return true;
    }
    if (c == 0x2E) {
      n.count = 2;
      ++pos;
    } else if (c == 0x2F) {
      if (!need(pos, 2, end, "a name string")) {
        return false;
      }
      n.count = b_[pos + 1];
      if (n.count == 0) {
        return fail(pos + 1, "a multi-segment name with 0 segments");
      }
      pos += 2;
    } else if (aml_lead_name_char(c)) {
      n.count = 1;
    } else {
      return fail(pos, "byte 0x%02x does not start a name", c);
    }
    if (!need(pos, 4 * std::size_t{n.count}, end, "a name string")) {
      return false;
    }
    if (!segments_valid(pos, n.count)) {
      return false;
    }
    n.segments = pos;
    pos += 4 * std::size_t{n.count};
    return true;
  }

  name_seg segment(const aml_name& n, std::uint32_t i) const noexcept {
    return name_seg::from_bytes(b_ + n.segments + 4 * std::size_t{i});
  }

  node* resolve(node* scope, const aml_name& n, std::uint32_t count, search rule, bool prefix = false) noexcept {
    return kin::acpi::detail::resolve(
        scope, n.absolute, n.parents, count, [&](std::uint32_t i) noexcept { return segment(n, i); }, rule, prefix);
  }

  // The name as ASL text, for messages.
  std::string text(const aml_name& n) const {
    std::string s;
    if (n.absolute) {
      s += '\\';
    }
    s.append(n.parents, '^');
    for (std::uint32_t i = 0; i < n.count; ++i) {
      if (i) {
        s += '.';
      }
      s.append(segment(n, i).view());
    }
    return s;
  }

  // ACPICA's declaration rule; null with a warning for a duplicate, null
  // with `error` set for a missing scope.
  node* declare(node* scope, const aml_name& n, object_type type, std::size_t at, bool& failed) {
    failed = false;
    if (n.count == 0) {
      failed = true;
      fail(n.at, "a declaration needs a name, not the null name");
      return nullptr;
    }
    node* parent = resolve(scope, n, n.count - 1, search::local, true);
    if (!parent) { // ACPICA reports it and skips the declaration
      warn(n.at, "the scope of %s does not exist: the declaration is ignored", text(n).c_str());
      return nullptr;
    }
    const name_seg last = segment(n, n.count - 1);
    if (node* old = find_child(parent, last)) {
      warn(at, "%s already exists (%s): the declaration is ignored", pathname(old).c_str(),
           std::string(type_name(old->type)).c_str());
      return nullptr;
    }
    ++info_.nodes;
    return ns_.create(parent, last, type, owner_);
  }

  // Every missing node of `n`'s path, created Untyped (no upward search);
  // the last node. Null when `^` climbs above the root.
  node* create_path(node* scope, const aml_name& n) {
    node* at = resolve(scope, n, 0, search::local);
    for (std::uint32_t i = 0; at && i < n.count; ++i) {
      node* next = find_child(at, segment(n, i));
      if (next && next->target && next->type == object_type::alias && i + 1 < n.count) {
        next = next->target;
      }
      if (!next) {
        ++info_.nodes;
        next = ns_.create(at, segment(n, i), object_type::untyped, owner_);
      }
      at = next;
    }
    return at;
  }

  // Parse-op helpers: nothing happens when no tree is built.
  op* add_op(op* parent, std::uint16_t opcode, std::size_t at, std::size_t end) {
    if (!parent) {
      return nullptr;
    }
    op* o = new op(opcode, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(end - at));
    append_arg(parent, o);
    return o;
  }
  void add_name_op(op* parent, const aml_name& n, std::size_t end) {
    if (op* o = add_op(parent, op_namepath, n.at, end); o && n.count > 0) {
      o->name = segment(n, n.count - 1);
    }
  }
  // The op of a declaration: its NameString (ending at `name_end`) as the
  // first argument, its name and node.
  op* named_op(op* parent, std::uint16_t opcode, std::size_t at, std::size_t end, const aml_name& n,
               std::size_t name_end, node* created) {
    op* o = add_op(parent, opcode, at, end);
    add_name_op(o, n, name_end);
    name_op(o, n, created);
    return o;
  }
  void add_bytes(op* parent, std::size_t at, std::size_t end) {
    if (end > at) {
      add_op(parent, op_byte_list, at, end);
    }
  }
  void name_op(op* o, const aml_name& n, node* created) {
    if (o) {
      if (n.count > 0) {
        o->name = segment(n, n.count - 1);
      }
      o->node = created;
    }
  }

  // Skips one operand: a TermArg (`call`: a NameString naming a method is
  // a call, with that method's argument count of TermArgs after it) or a
  // SuperName / Target.
  bool skip_term(std::size_t& pos, std::size_t end, node* scope, unsigned depth, bool call) {
    if (!need(pos, 1, end, "an operand")) {
      return false;
    }
    if (depth > aml_max_nesting) { // at the operand's first byte
      return fail(pos, "operands nested deeper than %u levels", aml_max_nesting);
    }
    const std::size_t at = pos;
    const unsigned char c = b_[pos];
    switch (c) {
    case 0x00: case 0x01: case 0xFF: pos += 1; return true;
    case 0x0A: return need(pos, 2, end, "a byte constant") && (pos += 2, true);
    case 0x0B: return need(pos, 3, end, "a word constant") && (pos += 3, true);
    case 0x0C: return need(pos, 5, end, "a dword constant") && (pos += 5, true);
    case 0x0E: return need(pos, 9, end, "a qword constant") && (pos += 9, true);
    case 0x0D: {
      for (std::size_t i = pos + 1; i < end; ++i) {
        if (b_[i] == 0) {
          pos = i + 1;
          return true;
        }
      }
      return fail(at, "a string without its terminating NUL before byte %zu", end);
    }
    case 0x11: case 0x12: case 0x13: case 0xA0: case 0xA1: case 0xA2: {
      ++pos;
      std::size_t pend = 0;
      if (!package(pos, end, pend, c == 0x11 ? "Buffer" : c == 0xA0 ? "If" : c == 0xA1 ? "Else" : c == 0xA2 ? "While" : "Package")) {
        return false;
      }
      pos = pend;
      return true;
    }
    default: break;
    }
    if (c >= 0x60 && c <= 0x6E) { // Local0-7, Arg0-6
      ++pos;
      return true;
    }
    if (aml_name_start(c)) {
      aml_name n;
      if (!name_string(pos, end, n)) {
        return false;
      }
      if (!call || n.count == 0) {
        return true;
      }
      const node* m = resolve(scope, n, n.count, search::upward);
      const unsigned args = m && m->type == object_type::method ? m->method_args : 0;
      for (unsigned i = 0; i < args; ++i) {
        if (!skip_term(pos, end, scope, depth + 1, true)) {
          return false;
        }
      }
      return true;
    }
    std::uint16_t opcode = c;
    std::size_t size = 1;
    if (c == 0x5B) {
      if (!need(pos, 2, end, "an extended opcode")) {
        return false;
      }
      opcode = static_cast<std::uint16_t>(0x5B00 | b_[pos + 1]);
      size = 2;
    }
    const char* shape = aml_operands(opcode);
    if (!shape) {
      if (find_opcode(opcode)) {
        return fail(at, "a declaration (%s) where an operand was expected",
                    std::string(find_opcode(opcode)->name).c_str());
      }
      return fail(at, opcode > 0xFF ? "unknown opcode 0x%04x" : "unknown opcode 0x%02x", opcode);
    }
    pos += size;
    for (const char* s = shape; *s; ++s) {
      bool ok = true;
      switch (*s) {
      case 'T': ok = skip_term(pos, end, scope, depth + 1, true); break;
      case 'S': ok = skip_term(pos, end, scope, depth + 1, false); break;
      case 'N': {
        aml_name n;
        ok = name_string(pos, end, n);
        break;
      }
      case 'b': ok = need(pos, 1, end, "a byte operand") && (pos += 1, true); break;
      case 'w': ok = need(pos, 2, end, "a word operand") && (pos += 2, true); break;
      default: ok = need(pos, 4, end, "a dword operand") && (pos += 4, true); break;
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  // A Field / IndexField / BankField list: one node per named unit.
  bool field_list(std::size_t pos, std::size_t end, node* scope, object_type type, op* field_op) {
    while (pos < end) {
      const std::size_t at = pos;
      const unsigned char c = b_[pos];
      std::size_t bits = 0;
      if (c == 0x00) { // reserved bits
        ++pos;
        if (!encoded_length(pos, end, bits, "a reserved field")) {
          return false;
        }
      } else if (c == 0x01) { // AccessAs
        if (!need(pos, 3, end, "an access field")) {
          return false;
        }
        pos += 3;
      } else if (c == 0x03) { // extended AccessAs
        if (!need(pos, 4, end, "an extended access field")) {
          return false;
        }
        pos += 4;
      } else if (c == 0x02) { // Connection: a name or a buffer
        ++pos;
        if (!need(pos, 1, end, "a connection field")) {
          return false;
        }
        if (b_[pos] == 0x11) {
          ++pos;
          std::size_t pend = 0;
          if (!package(pos, end, pend, "connection buffer")) {
            return false;
          }
          pos = pend;
        } else {
          aml_name n;
          if (!name_string(pos, end, n)) {
            return false;
          }
        }
      } else if (aml_lead_name_char(c)) {
        if (!need(pos, 4, end, "a field name") || !segments_valid(pos, 1)) {
          return false;
        }
        const name_seg s = name_seg::from_bytes(b_ + pos);
        pos += 4;
        if (!encoded_length(pos, end, bits, "a field width")) {
          return false;
        }
        node* created = nullptr;
        if (node* old = find_child(scope, s)) {
          warn(at, "%s already exists (%s): the field unit is ignored", pathname(old).c_str(),
               std::string(type_name(old->type)).c_str());
        } else {
          ++info_.nodes;
          created = ns_.create(scope, s, type, owner_);
        }
        if (op* o = add_op(field_op, op_named_field, at, pos)) {
          o->name = s;
          o->node = created;
        }
      } else {
        return fail(at, "byte 0x%02x cannot start a field list entry", c);
      }
    }
    return true;
  }

  // A declaration's term list between `pos` and `end`, with `scope` as the
  // current scope; `parent` is the op its terms become arguments of.
  bool term_list(std::size_t pos, std::size_t end, node* scope, op* parent, unsigned depth) {
    if (depth > aml_max_nesting) {
      return fail(pos, "scopes nested deeper than %u levels", aml_max_nesting);
    }
    while (pos < end) {
      if (!term(pos, end, scope, parent, depth)) {
        return false;
      }
    }
    return true;
  }

  // One term of a declaration list.
  bool term(std::size_t& pos, std::size_t end, node* scope, op* parent, unsigned depth) {
    const std::size_t at = pos;
    std::uint16_t opcode = b_[pos];
    std::size_t size = 1;
    if (opcode == 0x5B) {
      if (!need(pos, 2, end, "an extended opcode")) {
        return false;
      }
      opcode = static_cast<std::uint16_t>(0x5B00 | b_[pos + 1]);
      size = 2;
    }
    bool failed = false;
    aml_name n;
    switch (opcode) {
    case 0x10: { // Scope
      pos += size;
      std::size_t pend = 0;
      if (!package(pos, end, pend, "Scope") || !name_string(pos, pend, n)) {
        return false;
      }
      node* target = resolve(scope, n, n.count, search::upward);
      if (!target) { // ACPICA reports it and skips the Scope, body included
        warn(n.at, "the Scope target %s does not exist: the Scope is ignored, body included", text(n).c_str());
        op* o = named_op(parent, opcode, at, pend, n, pos, nullptr);
        add_bytes(o, pos, pend);
        pos = pend;
        return true;
      }
      if (target->type == object_type::integer || target->type == object_type::string ||
          target->type == object_type::buffer) {
        warn(at, "the Scope target %s is of type %s: it becomes Untyped", pathname(target).c_str(),
             std::string(type_name(target->type)).c_str());
        retyped_.emplace_back(target, target->type);
        target->type = object_type::untyped;
      } else if (!scope_target(target->type)) { // ACPICA reports it and skips the Scope
        warn(n.at, "the Scope target %s is of type %s, which cannot hold names: the Scope is ignored, body included",
             pathname(target).c_str(), std::string(type_name(target->type)).c_str());
        op* o = named_op(parent, opcode, at, pend, n, pos, nullptr);
        add_bytes(o, pos, pend);
        pos = pend;
        return true;
      }
      op* o = named_op(parent, opcode, at, pend, n, pos, target);
      if (depth + 1 > aml_max_nesting) { // at the Scope that is one too deep (its body may be empty)
        return fail(at, "scopes nested deeper than %u levels", aml_max_nesting);
      }
      if (!term_list(pos, pend, target, o, depth + 1)) {
        return false;
      }
      pos = pend;
      return true;
    }
    case 0x5B82: case 0x5B83: case 0x5B84: case 0x5B85: { // Device Processor PowerResource ThermalZone
      pos += size;
      std::size_t pend = 0;
      const char* what = opcode == 0x5B82 ? "Device" : opcode == 0x5B83 ? "Processor" : opcode == 0x5B84 ? "PowerResource" : "ThermalZone";
      if (!package(pos, end, pend, what) || !name_string(pos, pend, n)) {
        return false;
      }
      const std::size_t fixed = opcode == 0x5B83 ? 6 : opcode == 0x5B84 ? 3 : 0;
      if (!need(pos, fixed, pend, what)) {
        return false;
      }
      const std::size_t name_end = pos;
      pos += fixed;
      const object_type type = opcode == 0x5B82   ? object_type::device
                               : opcode == 0x5B83 ? object_type::processor
                               : opcode == 0x5B84 ? object_type::power
                                                  : object_type::thermal;
      node* created = declare(scope, n, type, at, failed);
      if (failed) {
        return false;
      }
      op* o = named_op(parent, opcode, at, pend, n, name_end, created);
      add_bytes(o, name_end, pos);
      if (created && depth + 1 > aml_max_nesting) { // at the declaration that is one too deep
        return fail(at, "scopes nested deeper than %u levels", aml_max_nesting);
      }
      if (created && !term_list(pos, pend, created, o, depth + 1)) {
        return false;
      }
      if (!created) {
        add_bytes(o, pos, pend); // a duplicate's body is not loaded
      }
      pos = pend;
      return true;
    }
    case 0x14: { // Method
      pos += size;
      std::size_t pend = 0;
      if (!package(pos, end, pend, "Method") || !name_string(pos, pend, n) || !need(pos, 1, pend, "Method")) {
        return false;
      }
      const std::size_t name_end = pos;
      const unsigned flags = b_[pos];
      node* created = declare(scope, n, object_type::method, at, failed);
      if (failed) {
        return false;
      }
      if (created) {
        created->method_args = static_cast<std::uint8_t>(flags & 7);
      }
      op* o = named_op(parent, opcode, at, pend, n, name_end, created);
      add_bytes(o, name_end, pend); // the flags and the body
      pos = pend;
      return true;
    }
    case 0x08: { // Name
      pos += size;
      if (!name_string(pos, end, n) || !need(pos, 1, end, "Name")) {
        return false;
      }
      const std::size_t data = pos;
      object_type type = object_type::integer;
      const unsigned char d = b_[pos];
      if (d == 0x0D) {
        type = object_type::string;
      } else if (d == 0x11) {
        type = object_type::buffer;
      } else if (d == 0x12 || d == 0x13) {
        type = object_type::package;
      } else if (!(d == 0x00 || d == 0x01 || d == 0xFF || d == 0x0A || d == 0x0B || d == 0x0C || d == 0x0E ||
                   (d == 0x5B && pos + 1 < end && b_[pos + 1] == 0x30))) {
        return fail(data, "the value of Name %s is not a constant, string, buffer or package (byte 0x%02x)",
                    text(n).c_str(), d);
      }
      if (!skip_term(pos, end, scope, 0, false)) {
        return false;
      }
      node* created = declare(scope, n, type, at, failed);
      if (failed) {
        return false;
      }
      op* o = named_op(parent, opcode, at, pos, n, data, created);
      add_bytes(o, data, pos);
      return true;
    }
    case 0x06: { // Alias
      pos += size;
      aml_name source;
      if (!name_string(pos, end, source) || !name_string(pos, end, n)) {
        return false;
      }
      if (source.count == 0) {
        return fail(source.at, "an Alias needs a source name, not the null name");
      }
      node* target = resolve(scope, source, source.count, search::upward);
      if (target && target->type == object_type::alias && target->target) {
        target = target->target;
      }
      const bool method = target && target->type == object_type::method;
      node* created = declare(scope, n, method ? object_type::method_alias : object_type::alias, at, failed);
      if (failed) {
        return false;
      }
      if (created && !target) {
        // As acpiexec: the missing source is created, Untyped, after the
        // alias, where a declaration of it would go, with every missing
        // scope on its path.
        warn(source.at, "the Alias source %s does not exist: it is created, Untyped", text(source).c_str());
        target = create_path(scope, source);
      }
      if (created) {
        created->target = target;
      }
      op* o = add_op(parent, opcode, at, pos);
      add_name_op(o, source, n.at);
      add_name_op(o, n, pos);
      name_op(o, n, created);
      return true;
    }
    case 0x15: { // External: creates nothing
      pos += size;
      if (!name_string(pos, end, n) || !need(pos, 2, end, "External")) {
        return false;
      }
      const std::size_t name_end = pos;
      pos += 2;
      op* o = add_op(parent, opcode, at, pos);
      add_name_op(o, n, name_end);
      add_bytes(o, name_end, pos);
      return true;
    }
    case 0x5B01: case 0x5B02: case 0x5B80: case 0x5B88: { // Mutex Event OperationRegion DataTableRegion
      pos += size;
      if (!name_string(pos, end, n)) {
        return false;
      }
      const std::size_t name_end = pos;
      bool ok = true;
      if (opcode == 0x5B01) {
        ok = need(pos, 1, end, "Mutex") && (pos += 1, true);
      } else if (opcode == 0x5B80) {
        ok = need(pos, 1, end, "OperationRegion") && (pos += 1, true) && skip_term(pos, end, scope, 0, true) &&
             skip_term(pos, end, scope, 0, true);
      } else if (opcode == 0x5B88) {
        ok = skip_term(pos, end, scope, 0, true) && skip_term(pos, end, scope, 0, true) &&
             skip_term(pos, end, scope, 0, true);
      }
      if (!ok) {
        return false;
      }
      const object_type type = opcode == 0x5B01 ? object_type::mutex : opcode == 0x5B02 ? object_type::event : object_type::region;
      node* created = declare(scope, n, type, at, failed);
      if (failed) {
        return false;
      }
      op* o = named_op(parent, opcode, at, pos, n, name_end, created);
      add_bytes(o, name_end, pos);
      return true;
    }
    case 0x8A: case 0x8B: case 0x8C: case 0x8D: case 0x8F: case 0x5B13: { // Create*Field, CreateField
      pos += size;
      const std::size_t operands = pos;
      const int terms = opcode == 0x5B13 ? 3 : 2;
      for (int i = 0; i < terms; ++i) {
        if (!skip_term(pos, end, scope, 0, true)) {
          return false;
        }
      }
      const std::size_t operands_end = pos;
      if (!name_string(pos, end, n)) {
        return false;
      }
      node* created = declare(scope, n, object_type::buffer_field, at, failed);
      if (failed) {
        return false;
      }
      op* o = named_op(parent, opcode, at, pos, n, pos, created);
      add_bytes(o, operands, operands_end);
      return true;
    }
    case 0x5B81: case 0x5B86: case 0x5B87: { // Field IndexField BankField
      pos += size;
      std::size_t pend = 0;
      const char* what = opcode == 0x5B81 ? "Field" : opcode == 0x5B86 ? "IndexField" : "BankField";
      if (!package(pos, end, pend, what)) {
        return false;
      }
      op* o = add_op(parent, opcode, at, pend);
      aml_name second;
      if (!name_string(pos, pend, n)) {
        return false;
      }
      add_name_op(o, n, pos);
      if (opcode != 0x5B81) {
        const std::size_t second_at = pos;
        if (!name_string(pos, pend, second)) {
          return false;
        }
        add_name_op(o, second, pos);
        (void)second_at;
      }
      if (opcode == 0x5B87) {
        const std::size_t value_at = pos;
        if (!skip_term(pos, pend, scope, 0, true)) {
          return false;
        }
        add_bytes(o, value_at, pos);
      }
      if (!need(pos, 1, pend, what)) {
        return false;
      }
      ++pos; // the field flags
      const object_type type = opcode == 0x5B81   ? object_type::region_field
                               : opcode == 0x5B86 ? object_type::index_field
                                                  : object_type::bank_field;
      if (!field_list(pos, pend, scope, type, o)) {
        return false;
      }
      pos = pend;
      return true;
    }
    case 0xA0: case 0xA1: case 0xA2: { // If Else While: skipped whole
      pos += size;
      std::size_t pend = 0;
      if (!package(pos, end, pend, opcode == 0xA0 ? "If" : opcode == 0xA1 ? "Else" : "While")) {
        return false;
      }
      add_op(parent, opcode, at, pend);
      pos = pend;
      return true;
    }
    default: { // any other executable term: skipped by its operands
      if (!skip_term(pos, end, scope, 0, true)) {
        return false;
      }
      if (!aml_name_start(b_[at])) {
        add_op(parent, opcode, at, pos);
        return true;
      }
      std::size_t p = at;
      name_string(p, pos, n); // read once already: cannot fail
      add_name_op(parent, n, pos);
      return true;
    }
    }
  }

  acpi_namespace<Hook>& ns_;
  const unsigned char* b_;
  std::size_t length_;
  std::uint16_t owner_;
  aml_table_info& info_;
  bool build_ops_;
  op* root_op_ = nullptr;
  std::vector<std::pair<node*, object_type>> retyped_;
};

KIN_HARDENING_ABI inline std::uint32_t aml_le32(const unsigned char* p) noexcept {
  return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[3]} << 24);
}

} // namespace detail

/// The ACPI table header's size: the term list starts after it.
inline constexpr std::size_t aml_header_size = 36;

/// Loads one DSDT, SSDT or PSDT into `ns` with a new owner id (1 for the
/// first table loaded, then 2, ...), as ACPICA does at boot (reference
/// notes 4.7 and 5.4): declarations at table level and inside Scope,
/// Device, Processor, PowerResource and ThermalZone bodies, appended in
/// table order; method bodies and table-level If / Else / While bodies are
/// skipped whole (names declared there are not created: ACPICA's behaviour
/// differs only for names declared inside a true table-level If); other
/// executable terms are skipped by their operand shapes, a NameString that
/// names a Method (declared before it) being a call with its arguments.
///
/// Checks: the header (36 bytes; signature DSDT, SSDT or PSDT; its length
/// at least 36 and not past `size`); every package length, name string and
/// operand against the end of what encloses it; opcodes; name segments
/// (`A`-`Z`, `_`, not first `0`-`9`); a Name's value must be a data object;
/// nesting deeper than kin::acpi::aml_max_nesting is refused.
///
/// Warnings (aml_table_info::warnings), where ACPICA reports and carries
/// on, leaving the namespace acpiexec shows: a checksum that does not sum
/// to 0; bytes after the header's length (ignored); a duplicate
/// declaration (ignored, with its body); a Scope whose target does not
/// exist or cannot hold names (a Mutex, a Package ...), a declaration
/// whose scope does not exist (ignored, with the body); an Alias whose source does not exist (the source is created,
/// Untyped, after the alias, with every missing scope on its path); a
/// Scope target that is an Integer, String or Buffer (retyped to Untyped).
///
/// @param ns the namespace to load into. @param table the table's bytes.
/// @param size how many bytes `table` has (the header's length may be less).
/// @param tree when not null, receives the table's parse tree
/// (kin::acpi::aml_parse_tree) on success.
/// @returns the table's info; or the first error, with its byte offset in
/// the table, and then **nothing** of the table stays: its nodes are
/// removed, retyped targets get their types back, its owner id is given
/// back, no parse tree is added.
/// @requires `table` points to `size` readable bytes (null only when
/// `size` is 0). @throws_ std::bad_alloc.
/// @complexity O(table bytes × siblings searched per name)
template <class Hook>
result<aml_table_info, aml_error> load_table(acpi_namespace<Hook>& ns, const unsigned char* table, std::size_t size,
                                             std::type_identity_t<aml_parse_tree<Hook>>* tree = nullptr) {
  if (!table || size < aml_header_size) {
    return detail::aml_fail(size, "the table is %zu bytes long, shorter than an ACPI table header (36 bytes)", size);
  }
  aml_table_info info;
  for (std::size_t i = 0; i < 4; ++i) {
    info.signature[i] = static_cast<char>(table[i]);
  }
  const std::string_view sig(info.signature.data(), 4);
  if (sig != "DSDT" && sig != "SSDT" && sig != "PSDT") {
    std::string shown;
    for (char c : info.signature) {
      shown += (c >= 0x20 && c < 0x7F) ? c : '?';
    }
    return detail::aml_fail(0, "signature \"%s\" is not DSDT, SSDT or PSDT", shown.c_str());
  }
  info.length = detail::aml_le32(table + 4);
  if (info.length < aml_header_size) {
    return detail::aml_fail(4, "the header's length %u is shorter than the 36-byte header", info.length);
  }
  if (info.length > size) {
    return detail::aml_fail(4, "the header's length %u is past the end of the %zu bytes given (truncated table)",
                            info.length, size);
  }
  info.revision = table[8];
  for (std::size_t i = 0; i < 6; ++i) {
    info.oem_id[i] = static_cast<char>(table[10 + i]);
  }
  for (std::size_t i = 0; i < 8; ++i) {
    info.oem_table_id[i] = static_cast<char>(table[16 + i]);
  }
  unsigned sum = 0;
  for (std::size_t i = 0; i < info.length; ++i) {
    sum += table[i];
  }
  info.checksum_ok = (sum & 0xFF) == 0;
  if (!info.checksum_ok) {
    aml_error e = detail::aml_fail(9, "checksum 0x%02x is wrong: the bytes sum to 0x%02x, not 0", table[9], sum & 0xFF);
    info.warnings.push_back(aml_warning{e.offset, std::move(e.message)});
  }
  if (size > info.length) {
    aml_error e = detail::aml_fail(info.length, "%zu bytes after the table's length (%u) are ignored", size - info.length,
                                   info.length);
    info.warnings.push_back(aml_warning{e.offset, std::move(e.message)});
  }
  info.owner_id = ns.allocate_owner_id();
  const std::size_t mark = ns.size();
  detail::aml_loader<Hook> loader(ns, table, info.length, info.owner_id, info, tree != nullptr);
  if (!loader.run()) {
    loader.undo(mark);
    ns.release_owner_id();
    return loader.error;
  }
  if (tree) {
    tree->adopt(loader.take_ops());
  }
  return info;
}

} // namespace kin::acpi

#endif // KIN_ADAPTERS_AML_HPP
