// SPDX-License-Identifier: BSL-1.0
// The compile-time trees of constexpr_maps.hpp at run time: the functions
// that compile_only/constexpr_checks.cpp checks in constant evaluation give
// the same results when they run.
#include "test_support.hpp"

#include "constexpr_maps.hpp"

TEST(Constexpr, SameResultAtRunTime) {
  EXPECT_EQ((constexpr_test::preorder_signature<kin::singly_hook<>>()), 134234120);
  EXPECT_EQ((constexpr_test::preorder_signature<kin::compact_hook<>>()), 134234120);
}

TEST(Constexpr, StaticMapsAlsoHoldAtRunTime) {
  EXPECT_EQ(fw::ram_bytes(), 0x9f000ULL + 0x140000000ULL);
  EXPECT_EQ(fw::highest_start_via_collect(), 0x100000000ULL);
  EXPECT_EQ(fw::visited_at_depth_one(), 3u);
  EXPECT_EQ(hooks::mirrored_signature(), 0x04312u);
  EXPECT_EQ(hooks::collected_signature(), 0x43210u);
  EXPECT_EQ(hooks::collected_ancestors(), 0x01u);
}
