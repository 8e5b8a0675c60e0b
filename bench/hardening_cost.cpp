// SPDX-License-Identifier: BSL-1.0
// What the `fast` hardening mode costs on every mutation, in instructions.
//
// The same operations (bench/hardening_cost_ops.hpp) are compiled twice,
// in bench/hardening_cost_none.cpp (KIN_HARDENING_MODE_NONE) and
// bench/hardening_cost_fast.cpp (KIN_HARDENING_MODE_FAST); kin's functions
// carry the mode in their symbols, so both live in this one program. For
// each layout and operation, main runs the operation a fixed number of
// times in `none`, then in `fast`, each between CALLGRIND_ZERO_STATS and
// CALLGRIND_DUMP_STATS_AT(layout/operation/mode): exact instruction counts
// of the two builds of the same source, side by side. Every operation is a
// pair that leaves the tree as it found it; main checks that (the shape,
// and kin::verify) after each run and exits 1 if anything changed.
//
//   valgrind --tool=callgrind --callgrind-out-file=cg.out ./kin_hardening_cost
//   python3 bench/hardening_cost.py    (does both and writes docs/benchmarks.md)
#include "hardening_cost.hpp"

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(name) ((void)(name))
#endif

#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace kin_bench;

constexpr long iterations = 10000;

// The harness alone: the same loop around two calls to out-of-line
// functions that do nothing, as every measured pair makes two calls to
// noipa wrappers. Its count is in both columns; the script reports it.
[[gnu::noipa]] void empty_call(void*, void*) noexcept {}
[[gnu::noipa]] void empty_call(void*) noexcept {}
[[gnu::noipa]] void run_harness(void* a, void* b, long n) noexcept {
  for (long i = 0; i < n; ++i) {
    empty_call(a, b);
    empty_call(b);
  }
}

// The tree of kin_bench::fixture, built in this unit's (default) mode.
template <class Hook>
void build(fixture<Hook>& f) {
  using VT = vt<Hook>;
  for (auto& c : f.c) {
    kin::link_last_child<VT>(&f.root, &c);
  }
  const int parent_of[9] = {1, 1, 1, 3, 3, 5, 5, 5, 6};
  for (int i = 0; i < 9; ++i) {
    kin::link_last_child<VT>(&f.c[parent_of[i]], &f.g[i]);
  }
}

// The tree's shape: every node in pre-order with its parent, and the fresh
// node's links.
template <class Hook>
std::vector<const void*> shape(const fixture<Hook>& f) {
  using VT = vt<Hook>;
  std::vector<const void*> s;
  for (const node<Hook>& n : kin::preorder<VT>(&f.root)) {
    s.push_back(&n);
    s.push_back(kin::parent<VT>(&n));
  }
  s.push_back(kin::parent<VT>(&f.fresh));
  s.push_back(kin::first_child<VT>(&f.fresh));
  return s;
}

template <class Hook>
bool measure(const char* layout) {
  using VT = vt<Hook>;
  fixture<Hook> f;
  build(f);
  const std::vector<const void*> before = shape(f);
  bool ok = true;
  for (int i = 0; i < op_count; ++i) {
    const op o = static_cast<op>(i);
    const std::string base = std::string(layout) + "/" + op_names[i] + "/";
    const std::string none = base + "none", fast = base + "fast";
    CALLGRIND_ZERO_STATS;
    run_op_none<Hook>(f, o, iterations);
    CALLGRIND_DUMP_STATS_AT(none.c_str());
    CALLGRIND_ZERO_STATS;
    run_op_fast<Hook>(f, o, iterations);
    CALLGRIND_DUMP_STATS_AT(fast.c_str());
    const auto v = kin::verify<VT>(&f.root);
    if (!v || shape(f) != before) {
      std::fprintf(stderr, "%s: the tree changed (%s)\n", base.c_str(), kin::describe(v.error));
      ok = false;
    }
  }
  return ok;
}

} // namespace

int main() {
  std::printf("iterations %ld\n", iterations);
  {
    int a = 0, b = 0;
    CALLGRIND_ZERO_STATS;
    run_harness(&a, &b, iterations);
    CALLGRIND_DUMP_STATS_AT("harness");
  }
  bool ok = measure<kin::singly_hook<>>("singly");
  ok = measure<kin::compact_hook<>>("compact") && ok;
  ok = measure<kin::list_hook<>>("list_head") && ok;
  std::printf("%s\n", ok ? "ok" : "BROKEN");
  return ok ? 0 : 1;
}
