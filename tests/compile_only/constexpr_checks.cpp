// SPDX-License-Identifier: BSL-1.0
// Compile-only: the compile-time trees of constexpr_maps.hpp checked by
// static_assert (walkers/constexpr_test.cpp runs the same functions at run
// time). Built into the test build as an object library: a failure breaks
// the build, there is nothing to run.
#include "constexpr_maps.hpp"

#include <ranges>
#include <type_traits>

namespace constexpr_test {

static_assert(preorder_signature<kin::singly_hook<>>() == 1342'34120);
static_assert(preorder_signature<kin::compact_hook<>>() == 1342'34120);

} // namespace constexpr_test

namespace fw {

static_assert(std::is_same_v<std::ranges::range_reference_t<decltype(kin::descendants<traits>(&map[0]))>,
                             const region&>);
static_assert(kin::verify<traits>(&map[0]));
static_assert(ram_bytes() == 0x9f000 + 0x140000000);
static_assert(highest_start_via_collect() == 0x100000000);
static_assert(visited_at_depth_one() == 3);
static_assert(kin::depth<traits>(&map[2]) == 2);

} // namespace fw

namespace hooks {

static_assert(kin::bidirectional_tree_traits<VT::node_traits>);
static_assert(std::is_same_v<std::ranges::range_reference_t<decltype(kin::postorder_reverse<VT>(&map.r[0]))>,
                             const region&>);
static_assert(kin::verify<VT>(&map.r[0]));
static_assert(mirrored_signature() == 0x04312); // 0, 4, 3, 1, 2
static_assert(kin::children_reverse<VT>(&map.r[0]).front().start == 0x100000000);
static_assert(collected_signature() == 0x43210); // pre-order 0 1 2 3 4, backwards
static_assert(collected_ancestors() == 0x01);   // root first: 0, 1

} // namespace hooks
