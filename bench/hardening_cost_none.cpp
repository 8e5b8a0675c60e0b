// SPDX-License-Identifier: BSL-1.0
// bench/hardening_cost_ops.hpp compiled in the `none` hardening mode:
// defines kin_bench::run_op_none for the three layouts.
#define KIN_HARDENING_MODE KIN_HARDENING_MODE_NONE
#define KIN_BENCH_HARDENING_SUFFIX none
#include "hardening_cost_ops.hpp"
