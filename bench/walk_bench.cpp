// SPDX-License-Identifier: BSL-1.0
// Walks forward and backward on the three layouts, over the same random
// tree with nodes in shuffled memory order (layout differences hide in trees
// allocated in insertion order), and over one wide sibling list.
//
//   build/release/bench/kin_walk_bench --benchmark_min_time=0.2
//
// Reverse walks: native (`_reverse` ranges, bidirectional layouts), through
// std::views::reverse (twice the hops), and the singly layout's named
// strategies (collect into a buffer; rescan, quadratic on wide lists).
#include <kin/kin.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <random>
#include <ranges>
#include <vector>

namespace {

template <class Hook>
struct node : Hook {
  long value = 0;
};
template <class Hook>
using vt = kin::base_hook<node<Hook>, Hook>; // walks yield node<Hook>&

// A random tree of n nodes (parent of node i chosen among the i nodes before
// it, biased to recent ones for depth), placed in shuffled memory order.
template <class Hook>
struct random_tree {
  using T = vt<Hook>;
  explicit random_tree(std::size_t n) : storage(new node<Hook>[n]), size(n) {
    std::vector<std::size_t> slot(n);
    std::iota(slot.begin(), slot.end(), 0);
    std::mt19937 rng(42);
    std::shuffle(slot.begin() + 1, slot.end(), rng); // slot[0] is the root
    for (std::size_t i = 1; i < n; ++i) {
      const std::size_t back = 1 + rng() % std::min<std::size_t>(i, 8);
      kin::link_last_child<T>(&storage[slot[i - back]], &storage[slot[i]]);
      storage[slot[i]].value = static_cast<long>(i);
    }
    root = &storage[slot[0]];
  }
  std::unique_ptr<node<Hook>[]> storage;
  std::size_t size;
  node<Hook>* root;
};

// One parent with n children (in shuffled memory order).
template <class Hook>
struct wide_tree {
  using T = vt<Hook>;
  explicit wide_tree(std::size_t n) : storage(new node<Hook>[n + 1]) {
    std::vector<std::size_t> slot(n);
    std::iota(slot.begin(), slot.end(), 1);
    std::mt19937 rng(7);
    std::shuffle(slot.begin(), slot.end(), rng);
    kin::link_first_child<T>(&storage[0], &storage[slot[0]]);
    for (std::size_t i = 1; i < n; ++i) kin::link_after<T>(&storage[slot[i - 1]], &storage[slot[i]]);
    root = &storage[0];
  }
  std::unique_ptr<node<Hook>[]> storage;
  node<Hook>* root;
};

template <class Hook, class Range>
long sum(Range&& r) {
  long s = 0;
  for (const node<Hook>& n : r) s += n.value;
  return s;
}

constexpr std::size_t kTree = 1 << 16;
constexpr std::size_t kWide = 1 << 12;

template <class Hook>
void preorder_forward(benchmark::State& state) {
  random_tree<Hook> t(kTree);
  for (auto _ : state) benchmark::DoNotOptimize(sum<Hook>(kin::preorder<vt<Hook>>(t.root)));
  state.SetItemsProcessed(static_cast<long>(state.iterations() * kTree));
}

template <class Hook>
void preorder_reverse_native(benchmark::State& state) {
  random_tree<Hook> t(kTree);
  for (auto _ : state) benchmark::DoNotOptimize(sum<Hook>(kin::preorder_reverse<vt<Hook>>(t.root)));
  state.SetItemsProcessed(static_cast<long>(state.iterations() * kTree));
}

template <class Hook>
void preorder_reverse_views(benchmark::State& state) {
  random_tree<Hook> t(kTree);
  for (auto _ : state)
    benchmark::DoNotOptimize(sum<Hook>(kin::preorder<vt<Hook>>(t.root) | std::views::reverse));
  state.SetItemsProcessed(static_cast<long>(state.iterations() * kTree));
}

template <class Hook>
void preorder_reverse_collect(benchmark::State& state) {
  random_tree<Hook> t(kTree);
  std::vector<node<Hook>*> buf(kTree);
  for (auto _ : state)
    benchmark::DoNotOptimize(sum<Hook>(kin::preorder_reverse<vt<Hook>>(t.root, kin::collect(buf))));
  state.SetItemsProcessed(static_cast<long>(state.iterations() * kTree));
}

template <class Hook>
void preorder_reverse_rescan(benchmark::State& state) {
  random_tree<Hook> t(kTree);
  for (auto _ : state)
    benchmark::DoNotOptimize(sum<Hook>(kin::preorder_reverse<vt<Hook>>(t.root, kin::rescan)));
  state.SetItemsProcessed(static_cast<long>(state.iterations() * kTree));
}

template <class Hook>
void children_forward_wide(benchmark::State& state) {
  wide_tree<Hook> t(kWide);
  for (auto _ : state) benchmark::DoNotOptimize(sum<Hook>(kin::children<vt<Hook>>(t.root)));
  state.SetItemsProcessed(static_cast<long>(state.iterations() * kWide));
}

template <class Hook>
void children_reverse_native_wide(benchmark::State& state) {
  wide_tree<Hook> t(kWide);
  for (auto _ : state) benchmark::DoNotOptimize(sum<Hook>(kin::children_reverse<vt<Hook>>(t.root)));
  state.SetItemsProcessed(static_cast<long>(state.iterations() * kWide));
}

template <class Hook>
void children_reverse_collect_wide(benchmark::State& state) {
  wide_tree<Hook> t(kWide);
  std::vector<node<Hook>*> buf(kWide);
  for (auto _ : state)
    benchmark::DoNotOptimize(sum<Hook>(kin::children_reverse<vt<Hook>>(t.root, kin::collect(buf))));
  state.SetItemsProcessed(static_cast<long>(state.iterations() * kWide));
}

template <class Hook>
void children_reverse_rescan_wide(benchmark::State& state) {
  wide_tree<Hook> t(kWide);
  for (auto _ : state)
    benchmark::DoNotOptimize(sum<Hook>(kin::children_reverse<vt<Hook>>(t.root, kin::rescan)));
  state.SetItemsProcessed(static_cast<long>(state.iterations() * kWide));
}

// The same pre-order as a hand-written C loop over the singly hook's links:
// the baseline a kin walker must match.
void preorder_hand_loop_singly(benchmark::State& state) {
  using T = kin::singly_traits;
  using hook = kin::singly_hook<>;
  random_tree<hook> t(kTree);
  for (auto _ : state) {
    long s = 0;
    kin::singly_node* n = t.root;
    while (n) {
      s += static_cast<node<hook>*>(static_cast<hook*>(n))->value;
      if (auto* c = T::get_first_child(n)) { n = c; continue; }
      while (n != t.root && !T::get_next_sibling(n)) n = T::get_parent(n);
      n = n == t.root ? nullptr : T::get_next_sibling(n);
    }
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(static_cast<long>(state.iterations() * kTree));
}

} // namespace

BENCHMARK(preorder_hand_loop_singly);
BENCHMARK(preorder_forward<kin::singly_hook<>>);
BENCHMARK(preorder_forward<kin::compact_hook<>>);
BENCHMARK(preorder_forward<kin::list_hook<>>);
BENCHMARK(preorder_reverse_native<kin::compact_hook<>>);
BENCHMARK(preorder_reverse_native<kin::list_hook<>>);
BENCHMARK(preorder_reverse_views<kin::compact_hook<>>);
BENCHMARK(preorder_reverse_views<kin::list_hook<>>);
BENCHMARK(preorder_reverse_collect<kin::singly_hook<>>);
BENCHMARK(preorder_reverse_rescan<kin::singly_hook<>>);
BENCHMARK(children_forward_wide<kin::singly_hook<>>);
BENCHMARK(children_reverse_native_wide<kin::compact_hook<>>);
BENCHMARK(children_reverse_native_wide<kin::list_hook<>>);
BENCHMARK(children_reverse_collect_wide<kin::singly_hook<>>);
BENCHMARK(children_reverse_rescan_wide<kin::singly_hook<>>);

BENCHMARK_MAIN();
