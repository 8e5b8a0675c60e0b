// SPDX-License-Identifier: BSL-1.0
// A user's assertion handler gets the file, the line and the broken rule;
// a handler that returns (which the docs forbid) does not let the operation
// carry on into the damage: kin traps. Its own program, without the shared
// test support: the handler, like the mode, is part of a program's
// configuration, the same in every unit that uses kin in that mode.
#include <cstdio>

// Returns on purpose.
inline void returning_handler(const char* file, int line, const char* rule) {
  std::fprintf(stderr, "custom handler: %s:%d: %s\n", file, line, rule);
  std::fflush(stderr);
}
#define KIN_ASSERTION_HANDLER(file, line, rule) returning_handler(file, line, rule)

#include <kin/algorithms.hpp>
#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>

#include <gtest/gtest.h>

#include <csignal>

namespace handler_test {

struct cnode : kin::compact_hook<> {};
struct lnode : kin::list_hook<> {};
using C = kin::base_hook<cnode, kin::compact_hook<>>;
using L = kin::base_hook<lnode, kin::list_hook<>>;

TEST(AssertionHandler, GetsFileLineAndRuleAndCannotResumeTheOperation) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  cnode c;
  // An unlinked node's unlink would dereference its null parent: the check
  // reports, the handler returns, and kin traps instead of going on.
  EXPECT_EXIT(kin::unlink<C>(&c), ::testing::KilledBySignal(SIGILL),
              "custom handler: .*algorithms\\.hpp:[0-9]+: a node being unlinked must be linked");
  lnode l;
  EXPECT_EXIT(kin::replace<L>(&l, &l), ::testing::KilledBySignal(SIGILL),
              "custom handler: .*: a node cannot be linked under, beside or in place of itself");
}

} // namespace handler_test
