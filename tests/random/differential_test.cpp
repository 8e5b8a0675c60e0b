// SPDX-License-Identifier: BSL-1.0
// The randomized differential test: random sequences of every operation,
// applied to each layout and to a plain reference model, comparing every
// node's raw links (through the node traits), every query, and every walk —
// forward and backwards, with depths, skip_children() and resuming, and
// every reverse order (native on list and compact, where it reads the
// previous-sibling and last-child links the mutations keep; collected on
// singly) — and running verify, after each step. The model, the step and
// the comparisons are in tree_model.hpp, which the fuzz target
// (tests/fuzz/tree_ops.cpp) shares; the other reverse strategies are left
// to it and to tests/walkers/reverse_grid_test.cpp (each one is a template
// instantiation per layout, and this file's compile time is part of CI's
// budget).
// KIN_TEST_SCALE multiplies the number of seeds; a failure names its seed.
#include "test_support.hpp"

#include "sources.hpp"
#include "tree_model.hpp"

namespace differential_test {

using namespace kin_test;

template <class L>
class Differential : public ::testing::Test {};
TYPED_TEST_SUITE(Differential, all_layouts, layout_names);

TYPED_TEST(Differential, RandomOperationsMatchTheModel) {
  // Every step compares every walk with the model: 20 seeds of 300 steps
  // keep this within a few seconds per layout under the sanitizers at -O0.
  const int seeds = 20 * static_cast<int>(kin_test::scale());
  const int steps = 300;
  // A seeded generator never runs dry: the bound on the draws per step is
  // only there for the fuzz target, so a generous one changes nothing here.
  const int tries = 1000;
  for (int s = 0; s < seeds; ++s) {
    const unsigned seed = 0x5eed0000u + static_cast<unsigned>(s);
    rng_source rng(seed);
    const int n = 8 + static_cast<int>(rng.below(40));
    kin_tree_model::model m(n);
    pool<TypeParam> p(static_cast<std::size_t>(n));
    for (int i = 0; i < steps; ++i) {
      const kin_tree_model::step_result r = kin_tree_model::step(m, rng, tries, p);
      ASSERT_NE(r.name, nullptr) << "seed " << seed << ", step " << i << ": no operation applied";
      ASSERT_EQ(r.error, "") << "seed " << seed << ", step " << i << " (" << r.name << ")";
      const std::string failure = kin_tree_model::compare(m, p, i);
      ASSERT_EQ(failure, "") << "seed " << seed << ", step " << i << " (" << r.name << ")";
    }
  }
}

} // namespace differential_test
