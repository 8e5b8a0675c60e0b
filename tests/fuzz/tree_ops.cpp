// SPDX-License-Identifier: BSL-1.0
// Fuzz target: the tree operations on the three layouts at once (singly,
// list, compact), against the reference model of tests/random/tree_model.hpp
// (the one the differential test uses). The first byte sets the node count
// (2..40); the rest chooses the operations and their nodes (link_*,
// unlink, replace, try_reparent, reparent, splice_children, adopt_siblings,
// hoist_children and the raw node-traits transfer). After every step each
// pool's links are compared with the model (every node's raw links and
// queries, verify on every tree); every few steps and after the last, all
// of its walks too: every walk from every root, and everything from one node
// (forward, backwards, with_depth, skip_children, from()/after(), and every
// reverse order with every strategy its layout has: native, collect, a
// buffer one entry short, collect_allocating, rescan). Any disagreement
// aborts with the step, the operation, the layout and what differed.
#include "fuzz_support.hpp"

#include "random/tree_model.hpp"
#include "sources.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace kin_tree_model;

// Steps per input: a cap keeps an execution in the milliseconds; longer
// inputs add nothing the fuzzer could not reach by other prefixes.
constexpr int kMaxSteps = 64;
// Draws per step before giving up on finding an operation whose
// preconditions hold (then the step changes nothing): few, so that the
// input's bytes are not spent on refused draws.
constexpr int kTries = 4;
// The walks are compared every kWalksEvery steps (and after the last): they
// cost a hundred times the links, and a walk is a function of the links,
// which every step checks.
constexpr int kWalksEvery = 8;

[[noreturn]] void report(const char* layout, int n, int step, const char* op, const std::string& failure) {
  kin_fuzz::fail("%s, %d nodes, after step %d (%s): %s", layout, n, step, op, failure.c_str());
}

template <class L>
void check(const model& m, pool<L>& p, int step, const char* op, bool walks) {
  const std::string failure = walks ? compare<L, /*every_strategy=*/true>(m, p, step) : compare_links(m, p, step);
  if (!failure.empty()) report(kin_test::layout_name<L>(), m.size(), step, op, failure);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kin_test::byte_source src(data, size);
  const int n = 2 + static_cast<int>(src.below(39));
  model m(n);
  pool<kin_test::singly> singly(static_cast<std::size_t>(n));
  pool<kin_test::list> list(static_cast<std::size_t>(n));
  pool<kin_test::compact> compact(static_cast<std::size_t>(n));
  // At least one step, so that an input too short for one still compares
  // the forest of lone nodes.
  for (int i = 0;; ++i) {
    const step_result r = step(m, src, kTries, singly, list, compact);
    const char* op = r.name ? r.name : "nothing";
    if (!r.error.empty()) kin_fuzz::fail("%d nodes, step %d: %s", n, i, r.error.c_str());
    const bool last = i + 1 == kMaxSteps || src.exhausted();
    const bool walks = last || i % kWalksEvery == kWalksEvery - 1;
    check(m, singly, i, op, walks);
    check(m, list, i, op, walks);
    check(m, compact, i, op, walks);
    if (last) break;
  }
  return 0;
}
