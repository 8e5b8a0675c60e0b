// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief ACPICA's parse tree (parser ops) on any kin layout: an op's
/// arguments are its children. Get the n-th argument, append arguments,
/// the bounded depth-first step, and deleting a whole parse tree in
/// post-order without recursion, as ACPICA's pstree.c does, over kin's
/// links.
///
/// ```cpp
/// using op = kin::acpi::parse_op<kin::list_hook<>>;
/// op* name = kin::acpi::get_arg(device_op, 0);             // its NameString
/// for (op* o = root; o; o = kin::acpi::next_depth_first(root, o)) { ... }
/// kin::acpi::delete_parse_tree(root, [](op* o) noexcept { delete o; });
/// ```
///
/// kin/adapters/aml.hpp builds such trees from the AML it loads. The rules
/// come from kin's reference notes (devicetree-and-acpi.md, section 6); no
/// ACPICA code was used.
#ifndef KIN_ADAPTERS_ACPI_PARSE_HPP
#define KIN_ADAPTERS_ACPI_PARSE_HPP

#include <kin/config.hpp>
#include <kin/adapters/acpi_node.hpp>
#include <kin/algorithms.hpp>
#include <kin/queries.hpp>
#include <kin/steps.hpp>
#include <kin/value_traits.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kin::acpi {

/// kin's internal opcodes, beside the AML ones (the values are ACPICA's
/// internal ones for the same ideas).
enum internal_opcode : std::uint16_t {
  op_namepath = 0x002D,    ///< a NameString (its last segment in parse_op::name)
  op_named_field = 0x0030, ///< a named unit of a Field / IndexField / BankField list
  op_byte_list = 0x0033,   ///< bytes kept opaque: a method body, a data object, operands
};

/// What kin knows about an opcode. Extended opcodes (0x5B xx) are written
/// 0x5Bxx, as in ACPICA.
struct opcode_info {
  std::uint16_t opcode = 0;   ///< the opcode
  std::string_view name{};    ///< its ASL name (`Device`, `Store`, `NamePath`)
  bool has_args = false;      ///< whether its parse op has argument ops
};

namespace detail {
// Every AML opcode of ACPI 6 and kin's internal ones, sorted by opcode.
// Named-object opcodes have arguments (kin keeps their NameString as the
// first argument op); constants, locals, args and the internal leaves do not.
inline constexpr opcode_info opcode_table[] = {
    {0x0000, "Zero", false},         {0x0001, "One", false},          {0x0006, "Alias", true},
    {0x0008, "Name", true},          {0x000A, "ByteConst", false},    {0x000B, "WordConst", false},
    {0x000C, "DWordConst", false},   {0x000D, "String", false},       {0x000E, "QWordConst", false},
    {0x0010, "Scope", true},         {0x0011, "Buffer", true},        {0x0012, "Package", true},
    {0x0013, "VarPackage", true},    {0x0014, "Method", true},        {0x0015, "External", true},
    {0x002D, "NamePath", false},     {0x0030, "NamedField", false},   {0x0033, "ByteList", false},
    {0x0060, "Local0", false},       {0x0061, "Local1", false},       {0x0062, "Local2", false},
    {0x0063, "Local3", false},       {0x0064, "Local4", false},       {0x0065, "Local5", false},
    {0x0066, "Local6", false},       {0x0067, "Local7", false},       {0x0068, "Arg0", false},
    {0x0069, "Arg1", false},         {0x006A, "Arg2", false},         {0x006B, "Arg3", false},
    {0x006C, "Arg4", false},         {0x006D, "Arg5", false},         {0x006E, "Arg6", false},
    {0x0070, "Store", true},         {0x0071, "RefOf", true},         {0x0072, "Add", true},
    {0x0073, "Concatenate", true},   {0x0074, "Subtract", true},      {0x0075, "Increment", true},
    {0x0076, "Decrement", true},     {0x0077, "Multiply", true},      {0x0078, "Divide", true},
    {0x0079, "ShiftLeft", true},     {0x007A, "ShiftRight", true},    {0x007B, "And", true},
    {0x007C, "NAnd", true},          {0x007D, "Or", true},            {0x007E, "NOr", true},
    {0x007F, "XOr", true},           {0x0080, "Not", true},           {0x0081, "FindSetLeftBit", true},
    {0x0082, "FindSetRightBit", true}, {0x0083, "DerefOf", true},     {0x0084, "ConcatenateResTemplate", true},
    {0x0085, "Mod", true},           {0x0086, "Notify", true},        {0x0087, "SizeOf", true},
    {0x0088, "Index", true},         {0x0089, "Match", true},         {0x008A, "CreateDWordField", true},
    {0x008B, "CreateWordField", true}, {0x008C, "CreateByteField", true}, {0x008D, "CreateBitField", true},
    {0x008E, "ObjectType", true},    {0x008F, "CreateQWordField", true}, {0x0090, "LAnd", true},
    {0x0091, "LOr", true},           {0x0092, "LNot", true},          {0x0093, "LEqual", true},
    {0x0094, "LGreater", true},      {0x0095, "LLess", true},         {0x0096, "ToBuffer", true},
    {0x0097, "ToDecimalString", true}, {0x0098, "ToHexString", true}, {0x0099, "ToInteger", true},
    {0x009C, "ToString", true},      {0x009D, "CopyObject", true},    {0x009E, "Mid", true},
    {0x009F, "Continue", false},     {0x00A0, "If", true},            {0x00A1, "Else", true},
    {0x00A2, "While", true},         {0x00A3, "Noop", false},         {0x00A4, "Return", true},
    {0x00A5, "Break", false},        {0x00CC, "BreakPoint", false},   {0x00FF, "Ones", false},
    {0x5B01, "Mutex", true},         {0x5B02, "Event", true},         {0x5B12, "CondRefOf", true},
    {0x5B13, "CreateField", true},   {0x5B1F, "LoadTable", true},     {0x5B20, "Load", true},
    {0x5B21, "Stall", true},         {0x5B22, "Sleep", true},         {0x5B23, "Acquire", true},
    {0x5B24, "Signal", true},        {0x5B25, "Wait", true},          {0x5B26, "Reset", true},
    {0x5B27, "Release", true},       {0x5B28, "FromBCD", true},       {0x5B29, "ToBCD", true},
    {0x5B2A, "Unload", true},        {0x5B30, "Revision", false},     {0x5B31, "Debug", false},
    {0x5B32, "Fatal", true},         {0x5B33, "Timer", false},        {0x5B80, "OperationRegion", true},
    {0x5B81, "Field", true},         {0x5B82, "Device", true},        {0x5B83, "Processor", true},
    {0x5B84, "PowerResource", true}, {0x5B85, "ThermalZone", true},   {0x5B86, "IndexField", true},
    {0x5B87, "BankField", true},     {0x5B88, "DataTableRegion", true},
};
} // namespace detail

/// What kin knows about `opcode`: its name and whether its parse op has
/// argument ops; null for an opcode kin does not know.
/// @throws_ Nothing. @complexity O(log opcodes)
KIN_HARDENING_ABI constexpr const opcode_info* find_opcode(std::uint16_t opcode) noexcept {
  constexpr std::size_t size = sizeof(detail::opcode_table) / sizeof(detail::opcode_table[0]);
  std::size_t lo = 0, hi = size;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (detail::opcode_table[mid].opcode < opcode) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < size && detail::opcode_table[lo].opcode == opcode ? &detail::opcode_table[lo] : nullptr;
}

template <class Hook, class Node>
struct parse_op_value_traits;

/// ACPICA's parse op on a kin layout: the op's arguments are its children
/// (kin's first-child link plays ACPICA's "first argument" value, the
/// sibling link its `Next`). `Node` is the namespace node type an op may
/// point to (`void` for none). Not copyable (its hook is not).
template <class Hook, class Node = void>
struct parse_op : Hook {
  /// The value traits of this type (walks yield `parse_op&`).
  using traits = parse_op_value_traits<Hook, Node>;

  std::uint16_t opcode = 0;     ///< the AML opcode (0x5Bxx for extended ones) or a kin::acpi::internal_opcode
  std::uint32_t arg_count = 0;  ///< arguments appended by append_arg
  std::uint32_t offset = 0;     ///< where the op's bytes start in its table
  std::uint32_t length = 0;     ///< how many bytes it spans
  name_seg name{};              ///< a named op's or NameString's last segment
  Node* node = nullptr;         ///< the namespace node a named op created, or null

  /// An unlinked op. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI constexpr parse_op() noexcept = default;
  /// An unlinked op with this opcode and byte span. @throws_ Nothing.
  /// @complexity O(1)
  KIN_HARDENING_ABI constexpr parse_op(std::uint16_t op, std::uint32_t at, std::uint32_t bytes) noexcept
      : opcode(op), offset(at), length(bytes) {}
};

/// The value traits of kin::acpi::parse_op (kin::base_hook).
template <class Hook, class Node>
struct parse_op_value_traits : base_hook<parse_op<Hook, Node>, Hook> {};

/// ACPICA's AcpiPsGetArg: the `n`-th argument of `op` (0 is the first).
/// @returns null when `op`'s opcode is unknown or has no argument ops, or
/// when it has fewer than `n + 1` arguments. @requires `op` is not null.
/// @throws_ Nothing. @complexity O(n)
template <class Hook, class Node>
KIN_HARDENING_ABI constexpr parse_op<Hook, Node>* get_arg(const parse_op<Hook, Node>* op, std::size_t n) noexcept {
  using R = typename parse_op<Hook, Node>::traits;
  const opcode_info* info = find_opcode(op->opcode);
  if (!info || !info->has_args) {
    return nullptr;
  }
  parse_op<Hook, Node>* a = kin::first_child<R>(const_cast<parse_op<Hook, Node>*>(op));
  for (; a && n > 0; --n) {
    a = kin::next_sibling<R>(a);
  }
  return a;
}

/// ACPICA's AcpiPsAppendArg: links `arg` after `op`'s last argument and
/// counts it. When `arg` is itself an argument of another op, the chain
/// from `arg` to the end of its sibling list moves (ACPICA's appended
/// `Next` chain): each element gets `op` as its parent and is counted once.
/// A tail of `op`'s own arguments goes round to the end, in order: nothing
/// changes (ACPICA's step would loop for ever).
/// @returns status::ok (also for a null `arg`: nothing happens);
/// status::bad_opcode when `op`'s opcode is unknown; status::no_operands
/// when it takes no argument ops (ACPICA ignores such an append
/// silently; kin says so). Nothing changes on an error.
/// @requires `op` is not null; `arg` is not `op` or an ancestor of it.
/// @throws_ Nothing.
/// @complexity O(1) per element on list and compact; O(arguments of `op`)
/// more per element on singly
template <class Hook, class Node>
KIN_HARDENING_ABI constexpr status append_arg(parse_op<Hook, Node>* op, parse_op<Hook, Node>* arg) noexcept {
  using R = typename parse_op<Hook, Node>::traits;
  if (!arg) {
    return status::ok;
  }
  const opcode_info* info = find_opcode(op->opcode);
  if (!info) {
    return status::bad_opcode;
  }
  if (!info->has_args) {
    return status::no_operands;
  }
  // The chain ends at the last argument it has now: when it is `op`'s own
  // tail, each element moved goes after it, and the walk must not meet it
  // again (it would move the chain round for ever).
  parse_op<Hook, Node>* last = arg;
  if (kin::parent<R>(arg)) {
    while (parse_op<Hook, Node>* n = kin::next_sibling<R>(last)) {
      last = n;
    }
  }
  while (arg) {
    parse_op<Hook, Node>* next = arg != last ? kin::next_sibling<R>(arg) : nullptr;
    if (parse_op<Hook, Node>* from = kin::parent<R>(arg)) {
      kin::unlink<R>(arg);
      if (from->arg_count > 0) {
        --from->arg_count;
      }
    }
    kin::link_last_child<R>(op, arg);
    ++op->arg_count;
    arg = next;
  }
  return status::ok;
}

/// ACPICA's AcpiPsGetDepthNext, bounded: the pre-order successor of `op`
/// within the subtree of `origin` (its first argument, else its next
/// sibling, else the next sibling of the nearest ancestor below `origin`
/// that has one), null when the subtree is exhausted. Unlike ACPICA's
/// step, it never leaves the subtree, also when `origin` is a leaf or has
/// a next sibling (see docs/acpi.md). @requires `origin` and `op` are not
/// null; `op` is `origin` or below it. @throws_ Nothing.
/// @complexity O(1) amortised over a whole walk
template <class Hook, class Node>
KIN_HARDENING_ABI constexpr parse_op<Hook, Node>* next_depth_first(const parse_op<Hook, Node>* origin,
                                                                   const parse_op<Hook, Node>* op) noexcept {
  return kin::preorder_next<typename parse_op<Hook, Node>::traits>(const_cast<parse_op<Hook, Node>*>(op), origin);
}

/// ACPICA's AcpiPsDeleteParseTree: releases `root` and every op below it in
/// post-order (every argument before its op), without recursion and
/// without an explicit stack: each op is unlinked (it is its parent's
/// first argument by then: O(1)) and handed to `release(op)` only after
/// its successor is known. `root` is unlinked from its own parent first,
/// when it has one. @requires `root` is not null; `release` does not touch
/// other ops of the tree. @throws_ What `release` throws (the tree is then
/// partly released). @complexity O(ops)
template <class Hook, class Node, class Release>
KIN_HARDENING_ABI constexpr void delete_parse_tree(parse_op<Hook, Node>* root, Release&& release) {
  using R = typename parse_op<Hook, Node>::traits;
  if (kin::parent<R>(root)) {
    kin::unlink<R>(root);
  }
  parse_op<Hook, Node>* op = kin::leftmost_leaf<R>(root);
  for (;;) {
    parse_op<Hook, Node>* next = op == root ? nullptr : kin::postorder_next<R>(op, root);
    if (op != root) {
      kin::unlink<R>(op);
    }
    release(op);
    if (!next) {
      return;
    }
    op = next;
  }
}

} // namespace kin::acpi

#endif // KIN_ADAPTERS_ACPI_PARSE_HPP
