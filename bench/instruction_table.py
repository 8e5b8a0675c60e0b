#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""kin's walkers against hand-written loops, in instructions: builds
bench/instructions.cpp at -O2, runs it under callgrind (one dump per
measurement), and writes the table into docs/benchmarks.md between the
kin-instructions markers, and the raw counts into bench/results/instructions.json.

    bench/instruction_table.py            # build/bench, 10 000 nodes (rescan: 1 000)
    bench/instruction_table.py --quick    # 500 nodes (rescan: 100), a smoke test
    bench/instruction_table.py --check    # also exit 1 if a case is above the target

Needs cmake, g++, valgrind and Boost's headers (Debian: valgrind libboost-dev).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = 1.05
SHAPES = ["balanced-8", "wide", "random", "chain"]
LAYOUTS = ["singly", "compact", "list_head"]
ORDERS = ["children", "preorder", "descendants", "postorder", "leaves", "ancestors"]
STRATEGIES = ["forward", "native", "collect", "collect_allocating", "rescan"]


def build(build_dir):
    subprocess.run(["cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release", "-DKIN_BUILD_BENCH=ON",
                    "-DKIN_BUILD_TESTS=OFF", "-DKIN_BUILD_EXAMPLES=OFF", "-DKIN_BUILD_DOCS=OFF"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build_dir, "--target", "kin_instructions", "-j2"], check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(build_dir, "bench", "kin_instructions")


def measure(binary, quick):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        args = ["valgrind", "--tool=callgrind", "--dump-instr=yes", "--callgrind-out-file=" + out, binary] + (
            ["--quick"] if quick else [])
        run = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if run.returncode != 0:
            sys.exit("kin_instructions failed (the walks disagree?):\n" + run.stderr[-2000:])
        nops, lengths = disassembly(binary)
        counts = {}
        for path in glob.glob(out + ".*"):
            executed = set()
            label, total, padding = read_dump(path, nops, executed)
            if label:
                # Code size: the bytes of the program's own instructions that
                # the case executed (the walk with everything inlined into it;
                # not the C library's).
                code = sum(lengths.get(a, 0) for a in executed)
                counts[label] = {"instructions": total, "no_ops": padding, "code_bytes": code}
        return counts


def disassembly(binary):
    """The binary's instructions: the no-op addresses (alignment padding) and
    each instruction's length in bytes (from the next one's address)."""
    text = subprocess.run(["objdump", "-d", "--no-show-raw-insn", binary], stdout=subprocess.PIPE, text=True,
                          check=True).stdout
    nops = set()
    addresses = []
    for line in text.splitlines():
        m = re.match(r"\s+([0-9a-f]+):\s+(.*)", line)
        if not m:
            continue
        address = int(m.group(1), 16)
        addresses.append(address)
        if re.search(r"\bnop[wl]?\b", m.group(2)) or m.group(2).startswith("xchg   %ax,%ax"):
            nops.add(address)
    addresses.sort()
    lengths = {a: b - a for a, b in zip(addresses, addresses[1:]) if b - a <= 15}
    return nops, lengths


def no_op_addresses(binary):
    """Addresses of the binary's no-op instructions (alignment padding)."""
    return disassembly(binary)[0]


def read_dump(path, nops, executed=None):
    """A callgrind dump's label, instruction total and executed no-ops; adds
    the address of every instruction executed to `executed` if given."""
    label = total = None
    padding = 0
    address = 0
    after_call = False
    with open(path) as f:
        for line in f:
            m = re.match(r"desc: Trigger: Client Request: (.*)", line)
            if m:
                label = m.group(1).strip()
                continue
            m = re.match(r"(?:summary|totals): (\d+)", line)
            if m:
                total = int(m.group(1))
                continue
            if line.startswith("calls="):
                after_call = True  # the next cost line is a call's inclusive cost
                continue
            m = re.match(r"(0x[0-9a-f]+|[+-]\d+|\*)\s+\S+\s+(\d+)$", line.strip())
            if not m:
                continue
            a = m.group(1)
            if a.startswith("0x"):
                address = int(a, 16)
            elif a != "*":
                address += int(a)
            if not after_call and address in nops:
                padding += int(m.group(2))
            if not after_call and executed is not None:
                executed.add(address)
            after_call = False
    return label, total, padding


def table(counts, quick):
    cases = {}
    for label, c in counts.items():
        layout, shape, order, strategy, impl = label.split("/")
        cases.setdefault((layout, order, strategy), {}).setdefault(shape, {})[impl] = c
    rows, above = [], []
    n = 0
    for layout in LAYOUTS:
        rows.append(f"\n**{layout}**\n")
        rows.append("| walk | strategy | " + " | ".join(SHAPES) + " |")
        rows.append("|---|---|" + "---:|" * len(SHAPES))
        for order in ORDERS:
            for strategy in STRATEGIES:
                by_shape = cases.get((layout, order, strategy))
                if not by_shape:
                    continue
                cells = []
                for shape in SHAPES:
                    c = by_shape[shape]
                    hand = min(("hand-step", "hand-inline"), key=lambda k: c[k]["instructions"])
                    ratio = c["kin"]["instructions"] / c[hand]["instructions"]
                    n += 1
                    cell = f"{ratio:.2f}"
                    if ratio > TARGET:
                        cell = f"**{cell}**"
                        bare = min((c[k]["instructions"] - c[k]["no_ops"]) for k in ("hand-step", "hand-inline"))
                        above.append((f"{layout}/{shape}/{order}/{strategy}", ratio,
                                      (c["kin"]["instructions"] - c["kin"]["no_ops"]) / bare, c))
                    cells.append(cell)
                rows.append(f"| {order} | {strategy} | " + " | ".join(cells) + " |")
    code_rows = ["\n### Code size: kin's walker against its hand loop\n"]
    code_rows.append("The bytes of the program's own instructions each case executed (the walk with everything "
                "inlined into it, its per-node loop included, the C library's `malloc` not), random shape; "
                "the hand loops as a loop over a step function and as one inline loop:\n")
    for layout in LAYOUTS:
        code_rows.append(f"\n**{layout}**\n")
        code_rows.append("| walk | strategy | kin | hand, step | hand, inline | kin ÷ smaller |")
        code_rows.append("|---|---|---:|---:|---:|---:|")
        for order in ORDERS:
            for strategy in STRATEGIES:
                by_shape = cases.get((layout, order, strategy))
                if not by_shape or "code_bytes" not in by_shape["random"]["kin"]:
                    continue
                c = by_shape["random"]
                k, st, il = (c[x]["code_bytes"] for x in ("kin", "hand-step", "hand-inline"))
                code_rows.append(f"| {order} | {strategy} | {k} | {st} | {il} | {k / max(1, min(st, il)):.2f} |")
    size = ("500 nodes (rescan and ancestors: 100)" if quick else
            "10 000 nodes (rescan and ancestors cases: 1 000)")
    head = (f"{n} cases; kin's instructions divided by the cheaper of the two hand-written loops; "
            f"{size}; g++ -O2; {len(above)} above {TARGET}, in bold.\n")
    text = head + "\n".join(rows) + "\n"
    if above:
        text += ("\nThe cases above " + str(TARGET) + ", with the same ratio counting neither side's executed "
                 "alignment no-ops (`nop`, `xchg %ax,%ax` padding that GCC places before loop heads and that a "
                 "fall-through executes):\n\n| case | ratio | without no-ops | kin | hand (step / inline) |\n"
                 "|---|---:|---:|---:|---:|\n")
        for name, ratio, bare, c in above:
            text += (f"| {name} | {ratio:.3f} | {bare:.3f} | {c['kin']['instructions']} | "
                     f"{c['hand-step']['instructions']} / {c['hand-inline']['instructions']} |\n")
    text += "\n".join(code_rows) + "\n"
    return text, above


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--no-write", action="store_true", help="print the table, change no file")
    args = ap.parse_args()
    binary = build(args.build)
    counts = measure(binary, args.quick)
    text, above = table(counts, args.quick)
    print(text)
    bare_above = [a for a in above if a[2] > TARGET]
    for name, ratio, bare, c in bare_above:
        print(f"above {TARGET} even without no-ops: {name} {ratio:.3f} / {bare:.3f}")
    if not args.no_write and not args.quick:
        os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
        with open(os.path.join(ROOT, "bench", "results", "instructions.json"), "w") as f:
            json.dump(dict(sorted(counts.items())), f, indent=1)
            f.write("\n")
        doc = os.path.join(ROOT, "docs", "benchmarks.md")
        with open(doc) as f:
            page = f.read()
        begin, end = "<!-- kin-instructions:begin -->", "<!-- kin-instructions:end -->"
        if begin not in page or end not in page:
            sys.exit("docs/benchmarks.md has no kin-instructions markers")
        page = page[: page.index(begin) + len(begin)] + "\n" + text + page[page.index(end):]
        with open(doc, "w") as f:
            f.write(page)
    return 1 if args.check and bare_above else 0


if __name__ == "__main__":
    sys.exit(main())
