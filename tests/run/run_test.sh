#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# Tests ./run's timed phases without building anything: the script is sourced
# (it then only defines its functions) and its package, build and ctest steps
# are replaced by stubs.
#   bash tests/run/run_test.sh path/to/run
set -uo pipefail
run_script=$1
failures=0

expect() { # expect NAME CONDITION-COMMAND...: report and count a failure
  local name=$1
  shift
  if ! "$@"; then
    echo "FAIL: $name"
    failures=$((failures + 1))
  fi
}
has() { grep -qE -- "$2" <<<"$1"; }
lacks() { ! grep -qE -- "$2" <<<"$1"; }

# drive SCRIPT: source ./run in a fresh bash with stubs, then run SCRIPT;
# sets $out (stdout and stderr) and $rc.
drive() {
  out=$(bash -c '
    source "$1"
    ensure_packages() { echo "stub packages"; }
    build() { echo "stub build $*"; }
    run_tests() { echo "stub ctest $1"; [ "$1" != "${FAIL_PRESET:-}" ]; }
    eval "$2"' _ "$run_script" "$1" 2>&1)
  rc=$?
}

# Every preset of TEST_PRESETS: a build phase and a test phase, in order,
# each timed, then the summary with a total.
drive 'TEST_PRESETS=(release asan-ubsan clang); main test'
expect "all presets pass: exit status 0 (got $rc)" test "$rc" -eq 0
expect "phase lines" has "$out" '^==> release build: [0-9]+ s$'
phases=$(grep -E '^==> [a-z -]+: [0-9]+ s$' <<<"$out" | tr '\n' ,)
expect "a phase per preset, in order (got $phases)" test "$phases" = \
  "==> packages: 0 s,==> release build: 0 s,==> release test: 0 s,==> asan-ubsan build: 0 s,==> asan-ubsan test: 0 s,==> clang build: 0 s,==> clang test: 0 s,"
expect "the stubs ran" has "$out" 'stub build clang'
expect "summary heading" has "$out" '^==> time per phase$'
expect "summary rows" has "$out" '^    asan-ubsan test +[0-9]+ s$'
expect "summary total" has "$out" '^    total +[0-9]+ s$'
expect "success line" has "$out" '^==> all tests passed \(release asan-ubsan clang\)$'

# A failing phase stops the script, and the summary marks it.
FAIL_PRESET=asan-ubsan drive 'TEST_PRESETS=(release asan-ubsan clang); main test'
expect "a failure: non-zero exit status" test "$rc" -ne 0
expect "a failure: marked" has "$out" '^    asan-ubsan test \(FAILED\) +[0-9]+ s$'
expect "a failure: later phases do not run" lacks "$out" 'clang'
expect "a failure: no success line" lacks "$out" 'all tests passed'
expect "a failure: total" has "$out" '^    total +[0-9]+ s$'

# Seconds are counted.
drive 'phase_summary_test() { trap phase_summary EXIT; phase "sleepy" sleep 1.1; }; phase_summary_test'
expect "a phase's seconds" has "$out" '^==> sleepy: [12] s$'

# The docs command builds the docs target and says where the HTML is.
drive 'main docs'
expect "docs: builds the docs target" has "$out" '^stub build release docs$'
expect "docs: prints the HTML's place" has "$out" '^==> the site [(]guides, pictures, API reference[)]: /.*/build/release/docs/html/index.html$'

# Anything else: usage, exit status 2.
drive 'main bogus'
expect "usage: exit status 2 (got $rc)" test "$rc" -eq 2
expect "usage: lists the commands" has "$out" 'usage: ./run demo \| ./run test \| ./run bench \[--quick\] \| ./run docs'

if [ "$failures" -ne 0 ]; then
  printf '%s\n' "---- output of the last run:" "$out"
  exit 1
fi
echo "run script: all checks passed"
