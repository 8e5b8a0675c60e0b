// SPDX-License-Identifier: BSL-1.0
// kin::kexec_place against the naive model of kexec_model.hpp (the notes'
// page-stepping loop, kexec-tools' locate_hole by interval subtraction),
// on random maps and request sequences drawn from a seeded generator: every
// rule set, both directions, crash mode too, every layout. KIN_TEST_SCALE
// multiplies the number of cases.
#include "test_support.hpp"

#include "kexec/kexec_model.hpp"
#include "sources.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace kexec_differential_test {

using kin_kexec_model::coverage;
using kin_kexec_model::run_case;

TEST(KexecDifferential, MatchesTheNaiveModel) {
  const auto t0 = std::chrono::steady_clock::now();
  const long cases = 6000 * kin_test::scale();
  coverage cov;
  for (long c = 0; c < cases; ++c) {
    const std::uint64_t seed = 0x6b657865630000ULL + static_cast<std::uint64_t>(c);
    kin_test::rng_source src(seed);
    if (const std::string e = run_case(src, "seed " + std::to_string(seed), cov); !e.empty()) {
      ADD_FAILURE() << e;
      return;
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("kexec differential: %ld cases, %ld placed (%ld in crash mode, %ld wrapping), %ld no hole, %ld request "
              "errors, %ld no crash kernel, %ld collision steps, %ld placed in a map at the top (%ld of them low), %.2f s\n",
              cases, cov.placed, cov.crash_placed, cov.wraps, cov.no_hole, cov.errors, cov.no_crash, cov.steps, cov.high, cov.high_to_low,
              secs);
  // The run reached what it is meant to compare.
  EXPECT_GT(cov.placed, 1000);
  EXPECT_GT(cov.crash_placed, 100);
  EXPECT_GT(cov.wraps, 0);
  EXPECT_GT(cov.no_hole, 100);
  EXPECT_GT(cov.errors, 10);
  EXPECT_GT(cov.no_crash, 10);
  EXPECT_GT(cov.steps, 1000);
  EXPECT_GT(cov.high, 100);
}

} // namespace kexec_differential_test
