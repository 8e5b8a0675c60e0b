// SPDX-License-Identifier: BSL-1.0
// ACPICA's parse ops on kin: get_arg, append_arg (chains move whole),
// next_depth_first (bounded to the origin's subtree, unlike ACPICA's step)
// and delete_parse_tree (post-order, no recursion) on hand-built trees,
// then the loader's parse trees of real tables: names, namespace nodes,
// byte spans, counts. Expectations come from kin's reference notes
// (devicetree-and-acpi.md, section 6).
#include "acpi_support.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace parse_tree_test {

using namespace acpi_support;
using kin::acpi::status;

// The layouts, plain and checked (a checked op aborts when it is destroyed
// while linked: every op must be unlinked by the operations under test).
using parse_hooks = ::testing::Types<kin::singly_hook<>, kin::list_hook<>, kin::compact_hook<>,
                                     kin::checked_hook<kin::singly_hook<>>, kin::checked_hook<kin::list_hook<>>,
                                     kin::checked_hook<kin::compact_hook<>>>;
struct parse_hook_names {
  template <class H>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<H, kin::singly_hook<>>) return "singly";
    else if constexpr (std::is_same_v<H, kin::list_hook<>>) return "list";
    else if constexpr (std::is_same_v<H, kin::compact_hook<>>) return "compact";
    else if constexpr (std::is_same_v<H, kin::checked_hook<kin::singly_hook<>>>) return "checked_singly";
    else if constexpr (std::is_same_v<H, kin::checked_hook<kin::list_hook<>>>) return "checked_list";
    else return "checked_compact";
  }
};

template <class Hook>
class ParseOps : public ::testing::Test {};
TYPED_TEST_SUITE(ParseOps, parse_hooks, parse_hook_names);

template <class Hook>
class LoadedParseTree : public ::testing::Test {};
TYPED_TEST_SUITE(LoadedParseTree, all_hooks, hook_names);

constexpr std::uint16_t kScope = 0x10, kName = 0x08, kZero = 0x00, kStore = 0x70, kDevice = 0x5B82, kMethod = 0x14;
constexpr std::uint16_t kUnknown = 0x02;

// Ops that outlive the tests' trees: a deque (ops never move); the ops are
// numbered in creation order (`offset`).
template <class Hook>
struct op_pool {
  using op = kin::acpi::parse_op<Hook>;
  std::deque<op> ops;
  op* make(std::uint16_t opcode) {
    return &ops.emplace_back(opcode, static_cast<std::uint32_t>(ops.size()), 1u);
  }
  // Leaves every op unlinked before the deque destroys them (checked hooks).
  ~op_pool() {
    using R = typename op::traits;
    for (auto& o : ops) {
      if (kin::parent<R>(&o)) kin::unlink<R>(&o);
    }
  }
};

template <class Op>
std::vector<std::uint32_t> ids_of(const std::vector<Op*>& v) {
  std::vector<std::uint32_t> out;
  for (const Op* o : v) out.push_back(o->offset);
  return out;
}

template <class Op>
std::vector<Op*> args_of(Op* o) {
  using R = typename Op::traits;
  std::vector<Op*> out;
  for (Op* a = kin::first_child<R>(o); a; a = kin::next_sibling<R>(a)) out.push_back(a);
  return out;
}

template <class Op>
void preorder_rec(Op* o, std::vector<Op*>& out) {
  out.push_back(o);
  for (Op* a : args_of(o)) preorder_rec(a, out);
}
template <class Op>
void postorder_rec(Op* o, std::vector<Op*>& out) {
  for (Op* a : args_of(o)) postorder_rec(a, out);
  out.push_back(o);
}

template <class Op>
std::vector<Op*> depth_first(Op* origin) {
  std::vector<Op*> out;
  for (Op* o = origin; o; o = kin::acpi::next_depth_first(origin, o)) {
    out.push_back(o);
    if (out.size() > 1'000'000) break;
  }
  return out;
}

// ---------------------------------------------------------------------------
// get_arg, append_arg

TYPED_TEST(ParseOps, OpcodeTable) {
  EXPECT_EQ(kin::acpi::find_opcode(kDevice)->name, "Device");
  EXPECT_TRUE(kin::acpi::find_opcode(kDevice)->has_args);
  EXPECT_EQ(kin::acpi::find_opcode(kin::acpi::op_namepath)->name, "NamePath");
  EXPECT_FALSE(kin::acpi::find_opcode(kin::acpi::op_namepath)->has_args);
  EXPECT_FALSE(kin::acpi::find_opcode(kin::acpi::op_named_field)->has_args);
  EXPECT_FALSE(kin::acpi::find_opcode(kin::acpi::op_byte_list)->has_args);
  EXPECT_FALSE(kin::acpi::find_opcode(kZero)->has_args);
  EXPECT_TRUE(kin::acpi::find_opcode(kStore)->has_args);
  EXPECT_EQ(kin::acpi::find_opcode(0x5B88)->name, "DataTableRegion");
  EXPECT_EQ(kin::acpi::find_opcode(0x0000)->name, "Zero");
  EXPECT_EQ(kin::acpi::find_opcode(kUnknown), nullptr);
  EXPECT_EQ(kin::acpi::find_opcode(0x5B00), nullptr);
  EXPECT_EQ(kin::acpi::find_opcode(0xFFFF), nullptr);
  // Sorted, no duplicates: every entry is found at itself.
  for (const auto& e : kin::acpi::detail::opcode_table) EXPECT_EQ(kin::acpi::find_opcode(e.opcode), &e);
}

TYPED_TEST(ParseOps, GetArg) {
  using R = typename kin::acpi::parse_op<TypeParam>::traits;
  op_pool<TypeParam> p;
  auto* scope = p.make(kScope);
  EXPECT_EQ(kin::acpi::get_arg(scope, 0), nullptr); // no arguments yet
  auto* a0 = p.make(kin::acpi::op_namepath);
  auto* a1 = p.make(kName);
  auto* a2 = p.make(kZero);
  for (auto* a : {a0, a1, a2}) EXPECT_EQ(kin::acpi::append_arg(scope, a), status::ok);
  EXPECT_EQ(kin::acpi::get_arg(scope, 0), a0);
  EXPECT_EQ(kin::acpi::get_arg(scope, 1), a1);
  EXPECT_EQ(kin::acpi::get_arg(scope, 2), a2);
  EXPECT_EQ(kin::acpi::get_arg(scope, 3), nullptr); // past the end
  EXPECT_EQ(kin::acpi::get_arg(scope, 1000), nullptr);
  // An unknown opcode, an opcode without argument ops: null, even when
  // children are linked to them by hand.
  auto* unknown = p.make(kUnknown);
  auto* leaf = p.make(kZero);
  auto* np = p.make(kin::acpi::op_namepath);
  kin::link_last_child<R>(unknown, p.make(kZero));
  kin::link_last_child<R>(leaf, p.make(kZero));
  kin::link_last_child<R>(np, p.make(kZero));
  EXPECT_EQ(kin::acpi::get_arg(unknown, 0), nullptr);
  EXPECT_EQ(kin::acpi::get_arg(leaf, 0), nullptr);
  EXPECT_EQ(kin::acpi::get_arg(np, 0), nullptr);
  EXPECT_EQ(kin::acpi::get_arg(a0, 0), nullptr);
}

TYPED_TEST(ParseOps, AppendArgRules) {
  using op = kin::acpi::parse_op<TypeParam>;
  using R = typename op::traits;
  op_pool<TypeParam> p;
  auto* store = p.make(kStore);
  // A null argument: ok, nothing happens.
  EXPECT_EQ(kin::acpi::append_arg(store, static_cast<op*>(nullptr)), status::ok);
  EXPECT_EQ(store->arg_count, 0u);
  EXPECT_EQ(kin::first_child<R>(store), nullptr);
  // An unknown opcode: bad_opcode, nothing changes (the argument stays where it was).
  auto* unknown = p.make(kUnknown);
  auto* a = p.make(kZero);
  EXPECT_EQ(kin::acpi::append_arg(unknown, a), status::bad_opcode);
  EXPECT_EQ(unknown->arg_count, 0u);
  EXPECT_EQ(kin::parent<R>(a), nullptr);
  // No argument ops: no_operands, nothing changes; also for a linked argument.
  auto* zero = p.make(kZero);
  EXPECT_EQ(kin::acpi::append_arg(zero, a), status::no_operands);
  EXPECT_EQ(zero->arg_count, 0u);
  EXPECT_EQ(kin::parent<R>(a), nullptr);
  EXPECT_EQ(kin::acpi::append_arg(store, a), status::ok);
  auto* np = p.make(kin::acpi::op_namepath);
  EXPECT_EQ(kin::acpi::append_arg(np, a), status::no_operands);
  EXPECT_EQ(kin::acpi::append_arg(unknown, a), status::bad_opcode);
  EXPECT_EQ(kin::parent<R>(a), store);
  EXPECT_EQ(store->arg_count, 1u);
  EXPECT_EQ(np->arg_count, 0u);
  // Appends go last and are counted.
  auto* b = p.make(kZero);
  auto* c = p.make(kZero);
  EXPECT_EQ(kin::acpi::append_arg(store, b), status::ok);
  EXPECT_EQ(kin::acpi::append_arg(store, c), status::ok);
  EXPECT_EQ(ids_of(args_of(store)), ids_of(std::vector<op*>{a, b, c}));
  EXPECT_EQ(store->arg_count, 3u);
  EXPECT_TRUE(verified(store));
}

TYPED_TEST(ParseOps, AppendingATailMovesTheWholeChain) {
  using op = kin::acpi::parse_op<TypeParam>;
  using R = typename op::traits;
  op_pool<TypeParam> p;
  auto* from = p.make(kScope);
  auto* to = p.make(kDevice);
  std::vector<op*> args;
  for (int i = 0; i < 5; ++i) {
    args.push_back(p.make(i % 2 ? kScope : kZero));
    ASSERT_EQ(kin::acpi::append_arg(from, args.back()), status::ok);
  }
  auto* grandchild = p.make(kZero);
  ASSERT_EQ(kin::acpi::append_arg(args[3], grandchild), status::ok); // a subtree moves with its op
  auto* own = p.make(kZero);
  ASSERT_EQ(kin::acpi::append_arg(to, own), status::ok);
  EXPECT_EQ(from->arg_count, 5u);

  // args[2..4] move to `to`, after its own argument; each counted once.
  EXPECT_EQ(kin::acpi::append_arg(to, args[2]), status::ok);
  EXPECT_EQ(ids_of(args_of(from)), ids_of(std::vector<op*>{args[0], args[1]}));
  EXPECT_EQ(ids_of(args_of(to)), ids_of(std::vector<op*>{own, args[2], args[3], args[4]}));
  EXPECT_EQ(from->arg_count, 2u);
  EXPECT_EQ(to->arg_count, 4u);
  for (op* o : {args[2], args[3], args[4]}) EXPECT_EQ(kin::parent<R>(o), to);
  EXPECT_EQ(kin::parent<R>(grandchild), args[3]);
  EXPECT_EQ(args[3]->arg_count, 1u);
  EXPECT_TRUE(verified(from));
  EXPECT_TRUE(verified(to));

  // The head of a chain: all of it.
  EXPECT_EQ(kin::acpi::append_arg(to, args[0]), status::ok);
  EXPECT_EQ(kin::first_child<R>(from), nullptr);
  EXPECT_EQ(from->arg_count, 0u);
  EXPECT_EQ(ids_of(args_of(to)), ids_of(std::vector<op*>{own, args[2], args[3], args[4], args[0], args[1]}));
  EXPECT_EQ(to->arg_count, 6u);
  // The last argument: only itself.
  auto* other = p.make(kStore);
  EXPECT_EQ(kin::acpi::append_arg(other, args[1]), status::ok);
  EXPECT_EQ(to->arg_count, 5u);
  EXPECT_EQ(other->arg_count, 1u);
  EXPECT_EQ(ids_of(args_of(other)), ids_of(std::vector<op*>{args[1]}));
  EXPECT_EQ(kin::acpi::get_arg(to, 4), args[0]);
  EXPECT_EQ(kin::acpi::get_arg(to, 5), nullptr);
  EXPECT_TRUE(verified(to));
  EXPECT_TRUE(verified(other));
}

// An op's own argument appended to it again: its tail goes round to the
// end, in order (the chain ends where it ended when the call began).
TYPED_TEST(ParseOps, AppendingAnOpsOwnTailChangesNothing) {
  using op = kin::acpi::parse_op<TypeParam>;
  op_pool<TypeParam> p;
  auto* scope = p.make(kScope);
  std::vector<op*> args;
  for (int i = 0; i < 4; ++i) {
    args.push_back(p.make(kZero));
    ASSERT_EQ(kin::acpi::append_arg(scope, args.back()), status::ok);
  }
  for (op* a : {args[1], args[0], args[3]}) {
    EXPECT_EQ(kin::acpi::append_arg(scope, a), status::ok);
    EXPECT_EQ(ids_of(args_of(scope)), ids_of(args));
    EXPECT_EQ(scope->arg_count, 4u);
    EXPECT_TRUE(verified(scope));
  }
}

// ---------------------------------------------------------------------------
// next_depth_first

//   R: A (A1 A2 (A21 A22) A3) B (B1) C
template <class Hook>
struct hand_tree {
  using op = kin::acpi::parse_op<Hook>;
  op_pool<Hook> p;
  op *r, *a, *a1, *a2, *a21, *a22, *a3, *b, *b1, *c;
  hand_tree() {
    r = p.make(kScope);
    a = p.make(kScope);
    a1 = p.make(kin::acpi::op_namepath);
    a2 = p.make(kStore);
    a21 = p.make(kZero);
    a22 = p.make(kZero);
    a3 = p.make(kZero);
    b = p.make(kDevice);
    b1 = p.make(kin::acpi::op_namepath);
    c = p.make(kZero);
    for (auto [parent, arg] : {std::pair{r, a}, {a, a1}, {a, a2}, {a2, a21}, {a2, a22}, {a, a3}, {r, b}, {b, b1}, {r, c}})
      EXPECT_EQ(kin::acpi::append_arg(parent, arg), status::ok);
  }
};

TYPED_TEST(ParseOps, NextDepthFirstStaysInTheOriginsSubtree) {
  using op = kin::acpi::parse_op<TypeParam>;
  hand_tree<TypeParam> t;
  auto v = [](std::initializer_list<op*> l) { return ids_of(std::vector<op*>(l)); };
  EXPECT_EQ(ids_of(depth_first(t.r)), v({t.r, t.a, t.a1, t.a2, t.a21, t.a22, t.a3, t.b, t.b1, t.c}));
  // An origin with a next sibling (ACPICA's step would go on to B).
  EXPECT_EQ(ids_of(depth_first(t.a)), v({t.a, t.a1, t.a2, t.a21, t.a22, t.a3}));
  EXPECT_EQ(ids_of(depth_first(t.a2)), v({t.a2, t.a21, t.a22}));
  EXPECT_EQ(ids_of(depth_first(t.b)), v({t.b, t.b1}));
  // Leaves: with a next sibling, the last of their list, the last op.
  EXPECT_EQ(ids_of(depth_first(t.a1)), v({t.a1}));
  EXPECT_EQ(ids_of(depth_first(t.a21)), v({t.a21}));
  EXPECT_EQ(ids_of(depth_first(t.a3)), v({t.a3}));
  EXPECT_EQ(ids_of(depth_first(t.b1)), v({t.b1}));
  EXPECT_EQ(ids_of(depth_first(t.c)), v({t.c}));
  // A step from inside the subtree.
  EXPECT_EQ(kin::acpi::next_depth_first(t.a, t.a22), t.a3);
  EXPECT_EQ(kin::acpi::next_depth_first(t.a, t.a3), nullptr);
  EXPECT_EQ(kin::acpi::next_depth_first(t.r, t.a3), t.b);
  EXPECT_EQ(kin::acpi::next_depth_first(t.a2, t.a22), nullptr);
  EXPECT_EQ(kin::acpi::next_depth_first(t.r, t.c), nullptr);
}

TYPED_TEST(ParseOps, NextDepthFirstOnRandomTrees) {
  using op = kin::acpi::parse_op<TypeParam>;
  std::mt19937 rng(42);
  for (int round = 0; round < 10; ++round) {
    op_pool<TypeParam> p;
    std::vector<op*> all{p.make(kScope)};
    for (int i = 0; i < 150; ++i) {
      op* parent = all[std::uniform_int_distribution<std::size_t>(0, all.size() - 1)(rng)];
      if (!kin::acpi::find_opcode(parent->opcode)->has_args) parent = all[0];
      all.push_back(p.make(i % 3 ? kScope : kZero));
      ASSERT_EQ(kin::acpi::append_arg(parent, all.back()), status::ok);
    }
    for (op* origin : all) {
      std::vector<op*> want;
      preorder_rec(origin, want);
      EXPECT_EQ(ids_of(depth_first(origin)), ids_of(want)) << "origin " << origin->offset;
    }
  }
}

// ---------------------------------------------------------------------------
// delete_parse_tree

TYPED_TEST(ParseOps, DeleteParseTreeReleasesEachOpOnceInPostOrder) {
  using op = kin::acpi::parse_op<TypeParam>;
  using R = typename op::traits;
  hand_tree<TypeParam> t;
  // A subtree with a parent: A is unlinked first, B and C stay.
  std::vector<op*> want;
  postorder_rec(t.a, want);
  std::vector<op*> got;
  kin::acpi::delete_parse_tree(t.a, [&](op* o) {
    EXPECT_EQ(kin::parent<R>(o), nullptr) << "released while linked";
    EXPECT_EQ(kin::first_child<R>(o), nullptr) << "released with arguments";
    got.push_back(o);
  });
  EXPECT_EQ(ids_of(got), ids_of(want));
  EXPECT_EQ(ids_of(args_of(t.r)), ids_of(std::vector<op*>{t.b, t.c}));
  EXPECT_TRUE(verified(t.r));
  // The rest, from the root.
  want.clear();
  got.clear();
  postorder_rec(t.r, want);
  kin::acpi::delete_parse_tree(t.r, [&](op* o) { got.push_back(o); });
  EXPECT_EQ(ids_of(got), ids_of(want));
  EXPECT_EQ(std::set<op*>(got.begin(), got.end()).size(), got.size());
  // A single op.
  auto* lone = t.p.make(kZero);
  got.clear();
  kin::acpi::delete_parse_tree(lone, [&](op* o) { got.push_back(o); });
  EXPECT_EQ(got, std::vector<op*>{lone});
}

TYPED_TEST(ParseOps, DeleteParseTreeOnRandomTreesWithHeapOps) {
  using op = kin::acpi::parse_op<TypeParam>;
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::vector<op*> all{new op(kScope, 0, 1)};
    for (std::uint32_t i = 1; i < 300; ++i) {
      op* parent = all[std::uniform_int_distribution<std::size_t>(0, all.size() - 1)(rng)];
      if (!kin::acpi::find_opcode(parent->opcode)->has_args) parent = all[0];
      all.push_back(new op(i % 4 ? kScope : kZero, i, 1));
      ASSERT_EQ(kin::acpi::append_arg(parent, all.back()), status::ok);
    }
    std::vector<op*> want;
    postorder_rec(all[0], want);
    const auto want_ids = ids_of(want); // before the ops are gone
    std::vector<std::uint32_t> got;
    // Released for real: AddressSanitizer reports a second release or a
    // later touch of a released op.
    kin::acpi::delete_parse_tree(all[0], [&](op* o) {
      got.push_back(o->offset);
      delete o;
    });
    EXPECT_EQ(got, want_ids);
    EXPECT_EQ(got.size(), all.size());
  }
}

TYPED_TEST(ParseOps, DeleteParseTreeDoesNotRecurse) {
  using op = kin::acpi::parse_op<TypeParam>;
  constexpr std::uint32_t n = 100'000;
  op_pool<TypeParam> p;
  op* root = p.make(kScope);
  op* last = root;
  for (std::uint32_t i = 1; i < n; ++i) {
    op* o = p.make(kScope);
    ASSERT_EQ(kin::acpi::append_arg(last, o), status::ok);
    last = o;
  }
  // Walks over the chain, then deletes it, on a 128 KiB stack.
  std::size_t walked = 0;
  std::vector<std::uint32_t> got;
  got.reserve(n);
  kin_test::run_on_small_stack([&] {
    for (op* o = root; o; o = kin::acpi::next_depth_first(root, o)) ++walked;
    kin::acpi::delete_parse_tree(root, [&](op* o) { got.push_back(o->offset); });
  });
  EXPECT_EQ(walked, n);
  ASSERT_EQ(got.size(), n);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (got[i] != n - 1 - i) {
      ADD_FAILURE() << "release " << i << " is op " << got[i];
      break;
    }
  }
  // Wide: 100 000 arguments of one op (linked after each other: append_arg
  // walks the argument list on singly, which would make this quadratic).
  using R = typename op::traits;
  op_pool<TypeParam> w;
  op* wide = w.make(kScope);
  op* prev = w.make(kZero);
  ASSERT_EQ(kin::acpi::append_arg(wide, prev), status::ok);
  for (std::uint32_t i = 2; i < n; ++i) {
    op* o = w.make(kZero);
    kin::link_after<R>(prev, o);
    prev = o;
  }
  EXPECT_EQ(kin::child_count<R>(wide), n - 1);
  EXPECT_EQ(kin::acpi::get_arg(wide, n - 2), prev);
  std::size_t released = 0;
  std::uint32_t previous = 0;
  bool ordered = true;
  kin::acpi::delete_parse_tree(wide, [&](op* o) {
    ++released;
    if (o != wide) {
      ordered &= o->offset == previous + 1;
      previous = o->offset;
    }
  });
  EXPECT_EQ(released, n);
  EXPECT_TRUE(ordered);
}

// ---------------------------------------------------------------------------
// The loader's parse trees

// The NameString at `at`: prefix, then segments.
struct name_text {
  bool absolute = false;
  int parents = 0;
  std::vector<std::string> segs;
};
name_text parse_name(const bytes& t, std::size_t at) {
  name_text n;
  if (t[at] == '\\') {
    n.absolute = true;
    ++at;
  } else {
    while (t[at] == '^') {
      ++n.parents;
      ++at;
    }
  }
  std::size_t count = 1;
  if (t[at] == 0x00) {
    count = 0;
    ++at;
  } else if (t[at] == 0x2E) {
    count = 2;
    ++at;
  } else if (t[at] == 0x2F) {
    count = t[at + 1];
    at += 2;
  }
  for (std::size_t i = 0; i < count; ++i, at += 4) n.segs.emplace_back(reinterpret_cast<const char*>(&t[at]), 4);
  return n;
}

bool is_named_opcode(std::uint16_t o) {
  switch (o) {
  case 0x08: case 0x14: case 0x5B01: case 0x5B02: case 0x5B80: case 0x5B88: case 0x5B82: case 0x5B83: case 0x5B84:
  case 0x5B85: case 0x8A: case 0x8B: case 0x8C: case 0x8D: case 0x8F: case 0x5B13:
    return true;
  default:
    return false;
  }
}

bool is_create_field(std::uint16_t o) {
  return o == 0x8A || o == 0x8B || o == 0x8C || o == 0x8D || o == 0x8F || o == 0x5B13;
}

template <class Hook>
struct loaded_tables {
  using op = kin::acpi::aml_op<Hook>;
  using node = kin::acpi::namespace_node<Hook>;
  kin::acpi::acpi_namespace<Hook> ns;
  kin::acpi::aml_parse_tree<Hook> tree;
  std::vector<bytes> tables;

  explicit loaded_tables(std::initializer_list<const char*> names) {
    for (const char* n : names) {
      tables.push_back(read_bytes(n));
      load_ok(ns, tables.back(), &tree);
    }
  }
};

// Checks one table's tree against its bytes and namespace.
template <class Hook>
void check_tree(const bytes& t, kin::acpi::aml_op<Hook>* root, kin::acpi::acpi_namespace<Hook>& ns, std::uint16_t owner) {
  using op = kin::acpi::aml_op<Hook>;
  using R = typename op::traits;
  EXPECT_EQ(root->opcode, 0x10);
  EXPECT_EQ(root->offset, 0u);
  EXPECT_EQ(root->length, t.size());
  EXPECT_EQ(root->node, ns.root());
  EXPECT_EQ(kin::parent<R>(root), nullptr);
  EXPECT_TRUE(verified(root));
  std::size_t ops = 0, methods = 0, named = 0, with_node = 0;
  for (op* o = root; o; o = kin::preorder_next<R>(o, root)) {
    ++ops;
    ASSERT_NE(kin::acpi::find_opcode(o->opcode), nullptr) << o->opcode;
    // Byte spans: inside the parent's (top level: after the header),
    // siblings in order and not overlapping.
    if (op* parent = kin::parent<R>(o)) {
      const std::uint32_t lo = parent == root ? 36u : parent->offset;
      EXPECT_GE(o->offset, lo) << kin::acpi::find_opcode(o->opcode)->name;
      EXPECT_LE(o->offset + o->length, parent->offset + parent->length) << kin::acpi::find_opcode(o->opcode)->name;
      EXPECT_GT(o->length, 0u);
      // (A Create*Field's NameString comes last in the AML but is its
      // first argument, before the operands' bytes.)
      if (op* next = kin::next_sibling<R>(o); next && !is_create_field(parent->opcode)) {
        EXPECT_LE(o->offset + o->length, next->offset) << kin::acpi::find_opcode(parent->opcode)->name;
      }
    }
    if (o->opcode == kMethod && o->node) ++methods;
    // Named ops: the first argument is their NameString.
    if (is_named_opcode(o->opcode) || (o->opcode == 0x10 && o != root)) {
      ++named;
      op* first = kin::acpi::get_arg(o, 0);
      ASSERT_NE(first, nullptr);
      EXPECT_EQ(first->opcode, kin::acpi::op_namepath);
      EXPECT_GT(first->offset, o->offset);
      const name_text n = parse_name(t, first->offset);
      if (!n.segs.empty()) {
        EXPECT_EQ(first->name.view(), n.segs.back());
        EXPECT_EQ(o->name, first->name);
      }
    }
    if (o->opcode == 0x06) { // Alias: source, then the new name
      op* second = kin::acpi::get_arg(o, 1);
      ASSERT_NE(second, nullptr);
      EXPECT_EQ(second->opcode, kin::acpi::op_namepath);
      EXPECT_EQ(o->name, second->name);
    }
    // A declaration's node: its pathname is the declared path.
    if (o->node && o != root && o->opcode != 0x10) {
      ++with_node;
      EXPECT_EQ(o->node->name, o->name);
      EXPECT_EQ(o->node->owner_id, owner);
      op* scope_op = kin::parent<R>(o);
      while (!scope_op->node) scope_op = kin::parent<R>(scope_op);
      auto* scope = scope_op->node;
      std::string want;
      if (o->opcode == kin::acpi::op_named_field) {
        want = kin::acpi::pathname(scope) + (scope != ns.root() ? "." : "") + std::string(o->name.view());
      } else {
        const name_text n = parse_name(t, kin::acpi::get_arg(o, o->opcode == 0x06 ? 1 : 0)->offset);
        if (n.absolute) scope = ns.root();
        for (int i = 0; i < n.parents; ++i) scope = kin::parent<typename kin::acpi::namespace_node<Hook>::traits>(scope);
        want = kin::acpi::pathname(scope);
        for (const auto& s : n.segs) want += (want == "\\" ? "" : ".") + s;
      }
      EXPECT_EQ(kin::acpi::pathname(o->node), want);
    }
    if (o->opcode == 0x10 && o != root) {
      if (o->node && o->name != kin::acpi::name_seg{}) {
        EXPECT_EQ(o->node->name, o->name);
      }
      if (!o->node) { // a skipped Scope (its target missing, or not a scope): its body is one byte list
        op* body = kin::acpi::get_arg(o, 1);
        ASSERT_NE(body, nullptr);
        EXPECT_EQ(body->opcode, kin::acpi::op_byte_list);
        EXPECT_EQ(kin::acpi::get_arg(o, 2), nullptr);
      }
    }
    if (ops > 1'000'000) break;
  }
  // Every Method node of this table has its op.
  std::size_t method_nodes = 0;
  for (auto* n : nodes_below(ns.root())) method_nodes += n->owner_id == owner && n->type == kin::acpi::object_type::method;
  EXPECT_EQ(methods, method_nodes);
  EXPECT_GT(named, 0u);
  EXPECT_GT(with_node, 0u);
  // next_depth_first from the root: every op once.
  std::vector<op*> df = depth_first(root);
  EXPECT_EQ(df.size(), ops);
  EXPECT_EQ(std::set<op*>(df.begin(), df.end()).size(), ops);
}

TYPED_TEST(LoadedParseTree, FirecrackerTree) {
  loaded_tables<TypeParam> l({"dsdt-firecracker.aml"});
  ASSERT_EQ(l.tree.tables().size(), 1u);
  check_tree(l.tables[0], l.tree.tables()[0], l.ns, 1);
  // The table's declarations at its top level: Device, Name, Method ops.
  using op = kin::acpi::aml_op<TypeParam>;
  using R = typename op::traits;
  op* root = l.tree.tables()[0];
  std::size_t devices = 0;
  for (op* o = root; o; o = kin::preorder_next<R>(o, root)) devices += o->opcode == kDevice && o->node;
  std::size_t device_nodes = 0;
  for (auto* n : nodes_below(l.ns.root())) device_nodes += n->owner_id == 1 && n->type == kin::acpi::object_type::device;
  EXPECT_EQ(devices, device_nodes);
  EXPECT_EQ(devices, 38u); // "with 38 Devices"
  std::size_t methods = 0;
  for (op* o = root; o; o = kin::preorder_next<R>(o, root)) methods += o->opcode == kMethod;
  EXPECT_EQ(methods, 39u); // "39 Methods"
  EXPECT_EQ(root->arg_count, kin::child_count<R>(root));
}

TYPED_TEST(LoadedParseTree, EveryTableHasItsTree) {
  loaded_tables<TypeParam> l({"multi-dsdt.aml", "multi-ssdt1.aml", "multi-ssdt2.aml", "objects.aml", "paths.aml",
                              "exec.aml", "retype.aml", "missing.aml"});
  ASSERT_EQ(l.tree.tables().size(), 8u);
  for (std::size_t i = 0; i < 8; ++i) {
    SCOPED_TRACE(i);
    check_tree(l.tables[i], l.tree.tables()[i], l.ns, static_cast<std::uint16_t>(i + 1));
  }
  // A refused table adds no tree; a table with duplicates has one whose
  // duplicate ops have no node.
  auto bad = l.tables[0];
  bad.resize(bad.size() - 1);
  put_le32(bad.data() + 4, static_cast<std::uint32_t>(bad.size()));
  EXPECT_FALSE(kin::acpi::load_table(l.ns, bad.data(), bad.size(), &l.tree));
  EXPECT_EQ(l.tree.tables().size(), 8u);
  kin::acpi::acpi_namespace<TypeParam> ns;
  kin::acpi::aml_parse_tree<TypeParam> tree;
  const auto dup = read_bytes("dup.aml");
  load_ok(ns, dup, &tree);
  ASSERT_EQ(tree.tables().size(), 1u);
  using R = typename kin::acpi::aml_op<TypeParam>::traits;
  std::size_t without = 0;
  for (auto* o = tree.tables()[0]; o; o = kin::preorder_next<R>(o, tree.tables()[0]))
    without += is_named_opcode(o->opcode) && !o->node;
  EXPECT_EQ(without, 8u);
  check_tree(dup, tree.tables()[0], ns, 1);
  // Moving the tree moves its tables.
  kin::acpi::aml_parse_tree<TypeParam> moved(std::move(tree));
  EXPECT_EQ(moved.tables().size(), 1u);
  EXPECT_TRUE(tree.tables().empty());
}

// A copy of a loaded tree in the tests' own ops, built with append_arg
// and released with delete_parse_tree: counts and order.
TYPED_TEST(LoadedParseTree, DeletingACopyReleasesEveryOp) {
  using aop = kin::acpi::aml_op<TypeParam>;
  using AR = typename aop::traits;
  using op = kin::acpi::parse_op<TypeParam>;
  loaded_tables<TypeParam> l({"dsdt-firecracker.aml", "multi-dsdt.aml"});
  for (aop* root : l.tree.tables()) {
    std::size_t original = 0;
    for (aop* o = root; o; o = kin::preorder_next<AR>(o, root)) ++original;
    // Copy: pre-order with a stack of (copy parent) per depth.
    std::size_t allocated = 0;
    std::vector<std::pair<aop*, op*>> stack;
    op* copy_root = nullptr;
    for (aop* o = root; o; o = kin::preorder_next<AR>(o, root)) {
      op* c = new op(o->opcode, o->offset, o->length);
      ++allocated;
      while (!stack.empty() && stack.back().first != kin::parent<AR>(o)) stack.pop_back();
      if (stack.empty()) {
        copy_root = c;
      } else {
        ASSERT_EQ(kin::acpi::append_arg(stack.back().second, c), status::ok);
      }
      stack.emplace_back(o, c);
    }
    ASSERT_EQ(allocated, original);
    std::vector<op*> want;
    postorder_rec(copy_root, want);
    std::vector<std::pair<std::uint32_t, std::uint16_t>> want_ids, got_ids;
    for (op* o : want) want_ids.emplace_back(o->offset, o->opcode);
    std::size_t released = 0;
    kin::acpi::delete_parse_tree(copy_root, [&](op* o) {
      ++released;
      got_ids.emplace_back(o->offset, o->opcode);
      delete o;
    });
    EXPECT_EQ(released, allocated);
    EXPECT_EQ(got_ids, want_ids);
  }
}

} // namespace parse_tree_test
