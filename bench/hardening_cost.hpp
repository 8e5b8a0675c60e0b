// SPDX-License-Identifier: BSL-1.0
// What the `fast` hardening mode costs on every mutation: the parts shared
// by bench/hardening_cost.cpp (main) and the two units that compile the
// operations, bench/hardening_cost_none.cpp and bench/hardening_cost_fast.cpp.
//
// Only types and declarations here: hooks, nodes and value traits are the
// same types in every hardening mode, so both units and main agree on them.
// Nothing in this header calls a kin function (an inline function of ours
// calling kin would be compiled differently in each unit without carrying
// the mode in its symbol).
#ifndef KIN_BENCH_HARDENING_COST_HPP
#define KIN_BENCH_HARDENING_COST_HPP

#include <kin/kin.hpp>

#include <cstddef>

namespace kin_bench {

/// A value on layout `Hook`: the hook as base (offset 0), then data.
template <class Hook>
struct node : Hook {
  long value = 0;
};

template <class Hook>
using vt = kin::base_hook<node<Hook>, Hook>;

/// The tree every operation runs on, and leaves as it found it:
///
///     root: c0  c1(g0 g1 g2)  c2  c3(g3 g4)  c4  c5(g5 g6 g7)  c6(g8)  c7
///
/// plus `fresh`, an unlinked childless node.
template <class Hook>
struct fixture {
  node<Hook> root;
  node<Hook> c[8];
  node<Hook> g[9];
  node<Hook> fresh;
};

/// The measured operations, each a pair that restores the tree.
enum class op : int {
  link_first_child,  ///< link_first_child(root, fresh) + unlink(fresh)
  link_last_child,   ///< link_last_child(root, fresh) + unlink(fresh)
  link_after,        ///< link_after(c3, fresh) + unlink(fresh)
  link_before,       ///< link_before(c4, fresh) + unlink(fresh)
  reparent,          ///< reparent(g2, c5) + reparent(g2, c1)
  adopt_hoist,       ///< adopt_siblings(fresh, c2, c4) + hoist_children(fresh)
  replace,           ///< replace(c3, fresh) + replace(fresh, c3)
  splice_children,   ///< splice_children(c7, c5) + splice_children(c5, c7)
};

inline constexpr int op_count = 8;

inline constexpr const char* op_names[op_count] = {
    "link_first_child+unlink", "link_last_child+unlink", "link_after+unlink",  "link_before+unlink",
    "reparent+reparent",       "adopt_siblings+hoist",   "replace+replace",    "splice_children+splice_children",
};

/// Runs `o` `iterations` times on `f`, compiled in the `none` mode.
template <class Hook>
void run_op_none(fixture<Hook>& f, op o, long iterations);
/// Runs `o` `iterations` times on `f`, compiled in the `fast` mode.
template <class Hook>
void run_op_fast(fixture<Hook>& f, op o, long iterations);

// Defined (explicitly instantiated) in hardening_cost_none.cpp and
// hardening_cost_fast.cpp.
#define KIN_BENCH_HARDENING_LAYOUTS(X)                                                                                 \
  X(kin::singly_hook<>)                                                                                                \
  X(kin::compact_hook<>)                                                                                               \
  X(kin::list_hook<>)
#define KIN_BENCH_EXTERN(H)                                                                                            \
  extern template void run_op_none<H>(fixture<H>&, op, long);                                                          \
  extern template void run_op_fast<H>(fixture<H>&, op, long);
KIN_BENCH_HARDENING_LAYOUTS(KIN_BENCH_EXTERN)
#undef KIN_BENCH_EXTERN

} // namespace kin_bench

#endif // KIN_BENCH_HARDENING_COST_HPP
