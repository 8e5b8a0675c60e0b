// SPDX-License-Identifier: BSL-1.0
// bench/hardening_cost_ops.hpp compiled in the `fast` hardening mode:
// defines kin_bench::run_op_fast for the three layouts.
#define KIN_HARDENING_MODE KIN_HARDENING_MODE_FAST
#define KIN_BENCH_HARDENING_SUFFIX fast
#include "hardening_cost_ops.hpp"
