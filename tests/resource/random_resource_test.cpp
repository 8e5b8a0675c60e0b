// SPDX-License-Identifier: BSL-1.0
// Random resource trees, well formed and anomalous, with windows drawn from
// node boundaries (start, end, end +- 1): on every layout, the forward walks
// equal the reference model of the kernel's loop, and walk_system_ram_res_rev
// equals the forward walk reversed through every path (native, collect into
// caller storage, collect allocating), including the too-small-storage
// protocol and a visitor that stops. KIN_TEST_SCALE multiplies the trees.
#include "resource_support.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <random>
#include <set>
#include <span>

namespace random_resource_test {

using namespace kin_test;
using reports = std::vector<report>;

// Children of [lo, hi] as sorted, disjoint ranges; recursion is fine in a test.
void grow(std::vector<spec>& out, std::mt19937& rng, int parent, std::uint64_t lo, std::uint64_t hi, int depth) {
  if (depth > 3 || hi - lo < 8) return;
  const int kids = static_cast<int>(rng() % 5);
  std::uint64_t at = lo + (rng() % 2 ? 0 : rng() % 4);
  const std::uint64_t span = (hi - lo) / static_cast<std::uint64_t>(kids + 1) + 1;
  for (int k = 0; k < kids && at <= hi; ++k) {
    std::uint64_t s = at + rng() % 3;
    std::uint64_t e = s + rng() % span;
    if (s > hi) break;
    if (e > hi) e = hi;
    static constexpr std::uint64_t flag_choices[] = {kRam, kRam, kMem, kMemBusy, kRam | kin::ioresource_sysram_driver_managed};
    const std::uint64_t flags = flag_choices[rng() % 5];
    const int desc = static_cast<int>(rng() % 4 == 0 ? 1 : 0);
    out.push_back({parent, s, e, flags, desc});
    grow(out, rng, static_cast<int>(out.size() - 1), s, e, depth + 1);
    at = e + 1 + (rng() % 2 ? 0 : rng() % 3);
  }
}

std::vector<spec> random_tree(std::mt19937& rng, bool anomalous) {
  std::vector<spec> out;
  grow(out, rng, -1, 0, 400, 0);
  if (rng() % 4 == 0) out.push_back({-1, UINT64_MAX - 50 - rng() % 50, UINT64_MAX, kRam, 0}); // top of the space
  if (anomalous && !out.empty()) {
    const int hits = 1 + static_cast<int>(rng() % 3);
    for (int h = 0; h < hits; ++h) {
      spec& s = out[rng() % out.size()];
      switch (rng() % 3) {
      case 0: s.start = s.end = 0; break;                        // a zero line
      case 1: s.start = rng() % 400; s.end = s.start + rng() % 60; break; // anywhere
      default: s.end = s.end + rng() % 40; break;               // grows past its neighbours
      }
    }
  }
  return out;
}

std::vector<std::uint64_t> boundaries(const std::vector<spec>& specs) {
  std::set<std::uint64_t> b{0, 1, UINT64_MAX, UINT64_MAX - 1};
  for (const spec& s : specs) {
    b.insert(s.start);
    b.insert(s.end);
    b.insert(s.end + 1);
    b.insert(s.end - 1);
  }
  return {b.begin(), b.end()};
}

template <class Hook>
class RandomResource : public ::testing::Test {};
using hooks = ::testing::Types<kin::singly_hook<>, kin::list_hook<>, kin::compact_hook<>>;
TYPED_TEST_SUITE(RandomResource, hooks);

TYPED_TEST(RandomResource, WalksMatchTheKernelLoopAndReverseIsForwardReversed) {
  using F = resource_forest<TypeParam>;
  using R = typename F::R;
  using P = typename F::node*; // the value pointer the records carry
  const int trees = 200 * static_cast<int>(kin_test::scale());
  int well_formed_seen = 0, anomalous_seen = 0, nonempty_seen = 0;
  for (int t = 0; t < trees; ++t) {
    const unsigned seed = 0xab5e0000u + static_cast<unsigned>(t);
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    std::mt19937 rng(seed);
    const auto specs = random_tree(rng, t % 2 == 1);
    F f(specs);
    reference_model ref(specs);
    const bool wf = static_cast<bool>(kin::resource_check<R>(f.root()));
    (wf ? well_formed_seen : anomalous_seen)++;
    const auto b = boundaries(specs);
    for (int w = 0; w < 16; ++w) {
      const std::uint64_t start = b[rng() % b.size()], end = b[rng() % b.size()];
      SCOPED_TRACE(::testing::Message() << std::hex << "window " << start << "-" << end);
      auto record = [&](reports& into) {
        return [&into, &f](const kin::resource_record<P>& r) {
          into.push_back({r.start, r.end, r.flags, r.desc, f.index(r.res)});
          return 0;
        };
      };
      reports fwd, upstream, assumed;
      const int fret = kin::walk_system_ram_res<R>(f.root(), start, end, record(fwd));
      ASSERT_EQ(fwd, ref.walk(start, end, kRam, 0));
      ASSERT_EQ(fret, fwd.empty() ? -22 : 0);
      kin::walk_iomem_res_desc<R>(f.root(), 0, kRam, start, end, record(upstream), kin::checked,
                                  kin::resource_walk_variant::upstream);
      ASSERT_EQ(upstream, ref.walk(start, end, kRam, 0, true));
      if (wf) {
        kin::walk_system_ram_res<R>(f.root(), start, end, record(assumed), kin::assume_well_formed);
        ASSERT_EQ(assumed, fwd);
      }
      const reports expected(fwd.rbegin(), fwd.rend());
      nonempty_seen += !fwd.empty();

      // The forward walk's count sizes the storage (two spare entries).
      std::vector<kin::resource_record<P>> storage(fwd.size() + 2);
      const auto buffer = kin::collect(storage);
      reports dispatched, collected, exact, allocated;
      const int rret = kin::walk_system_ram_res_rev<R>(f.root(), start, end, record(dispatched), buffer);
      ASSERT_EQ(dispatched, expected);
      ASSERT_EQ(rret, fwd.empty() ? -1 : 0);
      ASSERT_EQ(kin::walk_system_ram_res_rev_collect<R>(f.root(), start, end, record(collected), buffer), rret);
      ASSERT_EQ(collected, expected);
      // Storage of exactly the forward walk's count is enough.
      ASSERT_EQ(kin::walk_system_ram_res_rev_collect<R>(f.root(), start, end, record(exact),
                                                        kin::collect(std::span(storage).first(fwd.size()))),
                rret);
      ASSERT_EQ(exact, expected);
      kin::walk_system_ram_res_rev_collect<R>(f.root(), start, end, record(allocated), kin::collect_allocating);
      ASSERT_EQ(allocated, expected);
      if constexpr (kin::bidirectional_tree_traits<kin::node_traits_of<R>>) {
        if (wf) {
          reports native;
          ASSERT_EQ(kin::walk_system_ram_res_rev_native<R>(f.root(), start, end, record(native)), rret);
          ASSERT_EQ(native, expected);
        }
      }
      if (!fwd.empty()) {
        // One entry short of the forward walk's count: -1, no visitor call.
        const auto small = kin::collect(std::span(storage).first(fwd.size() - 1));
        reports none;
        ASSERT_EQ(kin::walk_system_ram_res_rev_collect<R>(f.root(), start, end, record(none), small), -1);
        ASSERT_TRUE(none.empty());
        // A visitor that stops at the k-th range, both ways.
        const std::size_t k = 1 + rng() % fwd.size();
        std::size_t calls = 0;
        auto stopper = [&](const kin::resource_record<P>&) { return ++calls == k ? 5 : 0; };
        ASSERT_EQ(kin::walk_system_ram_res<R>(f.root(), start, end, stopper), 5);
        ASSERT_EQ(calls, k);
        calls = 0;
        ASSERT_EQ(kin::walk_system_ram_res_rev<R>(f.root(), start, end, stopper, buffer), 5);
        ASSERT_EQ(calls, k);
      }
    }
  }
  // The generator really produced both kinds, and walks that found RAM.
  EXPECT_GT(well_formed_seen, trees / 4);
  EXPECT_GT(anomalous_seen, trees / 4);
  EXPECT_GT(nonempty_seen, trees);
}

} // namespace random_resource_test
