#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""What the `fast` hardening mode costs on every mutation, in instructions:
builds bench/hardening_cost.cpp at -O2 (the same operations compiled in
`none` and in `fast`), runs it under callgrind (one dump per layout,
operation and mode), and writes the table into docs/benchmarks.md between
the kin-hardening-cost markers, and the raw counts into
bench/results/hardening_cost.json.

    python3 bench/hardening_cost.py                     # build/bench
    python3 bench/hardening_cost.py --build /tmp/b      # another build directory
    python3 bench/hardening_cost.py --no-write          # print the table only

Needs cmake, g++, valgrind and Boost's headers (Debian: valgrind libboost-dev).
Reads the dumps with bench/instruction_table.py's functions.
"""
import argparse
import glob
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import instruction_table  # noqa: E402  (read_dump, no_op_addresses, ROOT)

ROOT = instruction_table.ROOT
TARGET = "kin_hardening_cost"
LAYOUTS = ["singly", "compact", "list_head"]
OPS = ["link_first_child+unlink", "link_last_child+unlink", "link_after+unlink", "link_before+unlink",
       "reparent+reparent", "adopt_siblings+hoist", "replace+replace", "splice_children+splice_children"]
BEGIN, END = "<!-- kin-hardening-cost:begin -->", "<!-- kin-hardening-cost:end -->"


def build(build_dir):
    """Configures as instruction_table.build() does; builds kin_hardening_cost."""
    subprocess.run(["cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release", "-DKIN_BUILD_BENCH=ON",
                    "-DKIN_BUILD_TESTS=OFF", "-DKIN_BUILD_EXAMPLES=OFF", "-DKIN_BUILD_DOCS=OFF"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build_dir, "--target", TARGET, "-j2"], check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(build_dir, "bench", TARGET)


def measure(binary):
    """{label: {instructions, no_ops}} and the iteration count."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        run = subprocess.run(["valgrind", "--tool=callgrind", "--dump-instr=yes", "--callgrind-out-file=" + out,
                              binary], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if run.returncode != 0:
            sys.exit(f"{TARGET} failed (an operation did not leave the tree as it found it?):\n"
                     + run.stdout[-1000:] + run.stderr[-2000:])
        m = re.search(r"^iterations (\d+)$", run.stdout, re.M)
        if not m:
            sys.exit(f"{TARGET} did not print its iteration count")
        iterations = int(m.group(1))
        nops = instruction_table.no_op_addresses(binary)
        counts = {}
        for path in glob.glob(out + ".*"):
            label, total, padding = instruction_table.read_dump(path, nops)
            if label:
                counts[label] = {"instructions": total, "no_ops": padding}
        return counts, iterations


def rows(counts, iterations):
    out = []
    for layout in LAYOUTS:
        for op in OPS:
            none = counts[f"{layout}/{op}/none"]["instructions"] / iterations
            fast = counts[f"{layout}/{op}/fast"]["instructions"] / iterations
            out.append((layout, op, none, fast))
    return out


def table(counts, iterations):
    rs = rows(counts, iterations)
    ratios = [fast / none for _, _, none, fast in rs]
    median = statistics.median(ratios)
    overall = sum(r[3] for r in rs) / sum(r[2] for r in rs)
    extra = [fast - none for _, _, none, fast in rs]
    harness = counts["harness"]["instructions"] / iterations
    bare = statistics.median((fast - harness) / (none - harness) for _, _, none, fast in rs)
    head = (f"{len(rs)} cases (layout × operation, each operation a pair of kin calls that leaves the tree as "
            f"it found it); instructions per pair, {iterations} pairs per measurement; g++ -O2. `fast` over "
            f"`none`: median ratio {median:.2f}, overall (sum of `fast` over sum of `none`) {overall:.2f}; "
            f"extra instructions per pair {min(extra):.0f} to {max(extra):.0f}. Both columns include the "
            f"harness, {harness:.0f} instructions per pair (the loop, two calls and returns); without it the "
            f"median ratio is {bare:.2f}.\n")
    lines = ["| layout | operation | none instr/op | fast instr/op | extra instructions | ratio |",
             "|---|---|---:|---:|---:|---:|"]
    for layout, op, none, fast in rs:
        lines.append(f"| {layout} | {op} | {none:.1f} | {fast:.1f} | {fast - none:+.1f} | {fast / none:.2f} |")
    return head + "\n" + "\n".join(lines) + "\n", median, overall


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--no-write", action="store_true", help="print the table, change no file")
    args = ap.parse_args()
    binary = build(args.build)
    counts, iterations = measure(binary)
    text, _, _ = table(counts, iterations)
    print(text)
    if args.no_write:
        return 0
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", "hardening_cost.json"), "w") as f:
        json.dump({"iterations": iterations, "counts": dict(sorted(counts.items()))}, f, indent=1)
        f.write("\n")
    doc = os.path.join(ROOT, "docs", "benchmarks.md")
    with open(doc) as f:
        page = f.read()
    if BEGIN not in page or END not in page:
        sys.exit("docs/benchmarks.md has no kin-hardening-cost markers")
    page = page[: page.index(BEGIN) + len(BEGIN)] + "\n" + text + page[page.index(END):]
    with open(doc, "w") as f:
        f.write(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
