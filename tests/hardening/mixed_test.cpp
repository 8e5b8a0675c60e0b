// SPDX-License-Identifier: BSL-1.0
// One program, two hardening modes: the same misuse, called from a `none`
// unit and from a `fast` unit, is let through by the first and caught by
// the second. Mixing modes is safe because only function symbols carry the
// mode; hooks and traits are the same types in every mode.
#include "mixed_units.hpp"

namespace mixed_test {

TEST(MixedModes, TheNoneUnitIsUncheckedAndTheFastUnitChecks) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_TRUE(mixed::none_splice_into_itself());
  EXPECT_EQ(mixed::none_iterate_a_walk_that_did_not_fit(), 0u);
  EXPECT_DEATH(mixed::fast_splice_into_itself(), "kin: broken rule: a node cannot be linked under");
  EXPECT_DEATH(mixed::fast_iterate_a_walk_that_did_not_fit(), "kin: broken rule: a collected walk must fit");
  // And again in the other order: which unit the linker met first does not matter.
  EXPECT_DEATH(mixed::fast_splice_into_itself(), "kin: broken rule");
  EXPECT_TRUE(mixed::none_splice_into_itself());
}

} // namespace mixed_test
