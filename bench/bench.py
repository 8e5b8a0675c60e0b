#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""./run bench: builds the benchmark programs (-O2), runs them, and
regenerates every generated section of docs/benchmarks.md and the chart.

  1. kin_bench_walks and kin_bench_resource: paired CPU-time comparisons
     (bench/paired.hpp), JSON Lines in bench/results/walks.jsonl and
     resource.jsonl (the run before is kept as *.previous.jsonl, and the
     page says how far the two runs' ratios are apart);
  2. bench/instruction_table.py (instructions and code size of every walker
     against hand loops, under callgrind), bench/hardening_cost.py (what the
     `fast` mode costs, under callgrind) and bench/iomem_scaling.py (how the
     iomem example scales): each writes its own section;
  3. the tables of step 1 into docs/benchmarks.md, and the chart
     docs/images/benchmarks.svg (matplotlib) from the JSON.

    python3 bench/bench.py              # everything (about 15 minutes on 2 cores)
    python3 bench/bench.py --quick      # smoke run: tiny sizes, no file written
    python3 bench/bench.py --report     # only step 3, from the JSON already there

Results are for kin's default hardening mode (`fast`). Needs cmake, g++,
valgrind, Boost's headers and python3-matplotlib (./run bench installs them).
"""
import argparse
import datetime
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "bench", "results")
DOC = os.path.join(ROOT, "docs", "benchmarks.md")
CHART = os.path.join(ROOT, "docs", "images", "benchmarks.svg")
PROGRAMS = {"walks": "kin_bench_walks", "resource": "kin_bench_resource"}


def log(msg):
    print(f"==> {msg}", flush=True)


def build(build_dir):
    subprocess.run(["cmake", "-S", ROOT, "-B", build_dir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                    "-DKIN_BUILD_BENCH=ON", "-DKIN_BUILD_TESTS=OFF", "-DKIN_BUILD_EXAMPLES=OFF",
                    "-DKIN_BUILD_DOCS=OFF"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build_dir, "-j2", "--target"] + list(PROGRAMS.values()), check=True,
                   stdout=subprocess.DEVNULL)


def run_program(build_dir, suite, quick):
    binary = os.path.join(build_dir, "bench", PROGRAMS[suite])
    out = os.path.join(RESULTS, f"{suite}.jsonl")
    if quick:
        out = os.path.join(build_dir, f"{suite}.quick.jsonl")
    elif os.path.exists(out):
        shutil.move(out, os.path.join(RESULTS, f"{suite}.previous.jsonl"))
    start = time.time()
    subprocess.run([binary, "--json", out] + (["--quick"] if quick else []), check=True)
    log(f"{PROGRAMS[suite]}: {time.time() - start:.0f} s")
    return out


def read_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


# ---- tables -----------------------------------------------------------------

def fmt_ratio(r):
    return f"{r:.2f}" if r < 100 else f"{r:.0f}"


def fmt_ns(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.1f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.1f} µs"
    return f"{ns:.1f} ns" if ns < 100 else f"{ns:.0f} ns"


def nodes_label(n):
    n = int(n)
    exp = round(math.log10(n)) if n > 0 else 0
    return f"10^{exp}" if 10 ** exp == n else str(n)


def ratio_tables(rows, kinds, title_of):
    """One table per kind: rows (op, a vs b, layout), columns node counts;
    each cell the median ratio over shapes and memory orders, with the worst
    (largest) in parentheses when it differs by more than 0.01."""
    out = []
    for kind in kinds:
        sel = [r for r in rows if r.get("kind") == kind and "ratio" in r]
        if not sel:
            continue
        sizes = sorted({int(r.get("nodes", 0)) for r in sel})
        groups = {}
        for r in sel:
            key = (r.get("op", ""), r.get("a", ""), r.get("b", ""), r.get("layout", ""))
            groups.setdefault(key, {}).setdefault(int(r.get("nodes", 0)), []).append(r["ratio"])
        out.append(f"\n**{title_of(kind)}** (A ÷ B; median over shapes and memory orders, worst in parentheses)\n")
        out.append("| op | A | B | layout | " + " | ".join(nodes_label(s) for s in sizes) + " |")
        out.append("|---|---|---|---|" + "---:|" * len(sizes))
        for key in sorted(groups):
            cells = []
            for s in sizes:
                v = groups[key].get(s)
                if not v:
                    cells.append("—")
                    continue
                med, worst = statistics.median(v), max(v)
                cells.append(fmt_ratio(med) + (f" ({fmt_ratio(worst)})" if worst - med > 0.01 else ""))
            out.append(f"| {key[0]} | {key[1]} | {key[2]} | {key[3]} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


WALK_KINDS = ["kin/hand", "reverse/forward", "strategy", "doubly/singly", "list_head/singly", "compact/list_head",
              "kin/boost", "kin/vector"]
WALK_TITLES = {
    "kin/hand": "kin ÷ the hand-written C loop over the same struct",
    "reverse/forward": "reverse ÷ forward (kin)",
    "strategy": "reverse strategies",
    "doubly/singly": "doubly linked ÷ singly linked (mutations)",
    "list_head/singly": "list_head ÷ singly",
    "compact/list_head": "compact ÷ list_head",
    "kin/boost": "kin ÷ a tree whose children are a boost::intrusive::list",
    "kin/vector": "kin ÷ a tree of std::vector<std::unique_ptr> children",
}


def resource_table(rows):
    sel = [r for r in rows if r.get("suite") == "resource" and "ratio" in r]
    if not sel:
        return "(no resource results)\n"
    out = ["| case | map | ranges | layout | A | B | A time | B time | A ÷ B (spread) |",
           "|---|---|---:|---|---|---|---:|---:|---:|"]
    for r in sel:
        spread = f"{fmt_ratio(r['ratio_min'])}–{fmt_ratio(r['ratio_max'])}"
        out.append(f"| {r.get('op', r.get('case', ''))} | {r.get('map', '')} | {int(r.get('ranges', 0))} | "
                   f"{r.get('layout', '')} | {r.get('a', '')} | {r.get('b', '')} | {fmt_ns(r['a_ns'])} | "
                   f"{fmt_ns(r['b_ns'])} | {fmt_ratio(r['ratio'])} ({spread}) |")
    return "\n".join(out) + "\n"


def memory_table(rows):
    sel = [r for r in rows if r.get("suite") == "memory"]
    if not sel:
        return "(no memory results)\n"
    seen, out = set(), ["| what | layout | bytes |", "|---|---|---:|"]
    for r in sel:
        key = (r.get("what", ""), r.get("layout", ""), r.get("bytes"))
        if key in seen:
            continue
        seen.add(key)
        out.append(f"| {key[0]} | {key[1]} | {int(key[2]) if key[2] is not None else ''} |")
    return "\n".join(out) + "\n"


def stability(current, previous):
    """How far the ratios of two full runs are apart, per suite."""
    before = {r["case"]: r for r in previous if "ratio" in r and "case" in r}
    diffs = {}
    for r in current:
        p = before.get(r.get("case"))
        if p and r.get("ratio", 0) > 0 and p["ratio"] > 0:
            diffs.setdefault(r.get("suite", "?"), []).append(abs(math.log(r["ratio"] / p["ratio"])))
    if not diffs:
        return "Only one run is on record: run `./run bench` again to see how stable the ratios are.\n"
    out = ["| suite | pairs | median change | 90th percentile | largest |", "|---|---:|---:|---:|---:|"]
    for suite, d in sorted(diffs.items()):
        d.sort()
        pct = lambda q: (math.exp(d[min(len(d) - 1, int(q * len(d)))]) - 1) * 100
        out.append(f"| {suite} | {len(d)} | {pct(0.5):.1f} % | {pct(0.9):.1f} % | {(math.exp(d[-1]) - 1) * 100:.1f} % |")
    return ("Each pair's ratio in this run against the same pair's in the run before it (bench/results/"
            "*.previous.jsonl), as the relative change |r1 / r0 − 1|:\n\n" + "\n".join(out) + "\n")


def targets(walks, res):
    """The issue's targets, measured: (target, measured, met)."""
    def ratios(pred, rows):
        return [r["ratio"] for r in rows if "ratio" in r and pred(r)]

    out = []
    v = ratios(lambda r: r.get("kind") == "kin/hand", walks)
    if v:
        over = sum(1 for x in v if x > 1.05)
        out.append(("every kin walker within 1.05× of the hand loop (CPU time)",
                    f"median {statistics.median(v):.2f}, worst {max(v):.2f}; {over} of {len(v)} pairs above 1.05",
                    over == 0))
    v = ratios(lambda r: r.get("kind") == "reverse/forward", walks)
    if v:
        out.append(("native reverse within 1.1× of forward, 0 extra bytes",
                    f"median {statistics.median(v):.2f}, worst {max(v):.2f}", max(v) <= 1.1))
    v = ratios(lambda r: r.get("kind") == "kin/kernel-shaped" and "rev" in r.get("op", ""), res)
    if v:
        out.append(("native reverse faster than the kernel-shaped reverse",
                    f"kin ÷ kernel-shaped: median {statistics.median(v):.2f}, worst {max(v):.2f}", max(v) < 1))
    v = [r for r in walks if r.get("kind") == "doubly/singly" and "unlink" in r.get("op", "")
         and int(r.get("nodes", 0)) == 10000]
    if v:
        speedups = [1 / r["ratio"] for r in v if r["ratio"] > 0]
        out.append(("unlink among 10 000 siblings ≥ 100× faster on doubly linked layouts than singly",
                    f"{min(speedups):.0f}× to {max(speedups):.0f}× faster", min(speedups) >= 100))
    v = ratios(lambda r: r.get("kind") == "compact/list_head", walks)
    if v:
        over = sum(1 for x in v if x > 1.05)
        out.append(("compact within 1.05× of list_head on every walk",
                    f"median {statistics.median(v):.2f}, worst {max(v):.2f}; {over} of {len(v)} above 1.05",
                    over == 0))
    v = [r for r in res if r.get("kind") == "kin/page-stepping"]
    if v:
        kin_ns = [r["a_ns"] for r in v]
        out.append(("the hole search independent of sizes and page counts",
                    f"kin {fmt_ns(min(kin_ns))} to {fmt_ns(max(kin_ns))} per placement over {len(v)} cases; "
                    f"page stepping {fmt_ns(min(r['b_ns'] for r in v))} to {fmt_ns(max(r['b_ns'] for r in v))}",
                    max(kin_ns) < 10 * min(kin_ns)))
    lines = ["| target | measured | met |", "|---|---|---|"]
    lines += [f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in out]
    return "\n".join(lines) + "\n"


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    gxx = subprocess.run(["g++", "--version"], stdout=subprocess.PIPE, text=True).stdout.splitlines()[0]
    return (f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, {gxx}, -O2, "
            f"hardening mode `fast` (the default); {datetime.date.today().isoformat()}")


# ---- the chart ----------------------------------------------------------------

def chart(walks, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pick = [r for r in walks if "ratio" in r and r.get("shape") == "random" and r.get("memory") == "shuffled"
            and int(r.get("nodes", 0)) == 100000 and r.get("kind") == "kin/hand"]
    ops = sorted({r["op"] for r in pick})
    layouts = ["singly", "list_head", "compact"]
    if not ops:
        return False
    fig, ax = plt.subplots(figsize=(10, 4.2))
    width = 0.2
    for i, layout in enumerate(layouts):
        ys = []
        for op in ops:
            v = [r["a_ns"] for r in pick if r["op"] == op and r.get("layout") == layout]
            ys.append(statistics.median(v) if v else 0)
        ax.bar([x + (i - 1.5) * width for x in range(len(ops))], ys, width, label=f"kin, {layout}")
    hand = []
    for op in ops:
        v = [r["b_ns"] for r in pick if r["op"] == op and r.get("layout") == "singly"]
        hand.append(statistics.median(v) if v else 0)
    ax.bar([x + 1.5 * width for x in range(len(ops))], hand, width, label="hand loop, singly", color="0.6")
    ax.set_xticks(range(len(ops)))
    ax.set_xticklabels(ops, rotation=20, ha="right")
    ax.set_ylabel("CPU time per node (ns)")
    ax.set_title("Walks over 10^5 nodes, random tree, shuffled memory (median of paired runs)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)
    return True


# ---- the page -------------------------------------------------------------------

def replace_section(page, name, text):
    begin, end = f"<!-- kin-{name}:begin -->", f"<!-- kin-{name}:end -->"
    if begin not in page or end not in page:
        sys.exit(f"docs/benchmarks.md has no kin-{name} markers")
    return page[: page.index(begin) + len(begin)] + "\n" + text + page[page.index(end):]


def report():
    walks = read_jsonl(os.path.join(RESULTS, "walks.jsonl"))
    res = read_jsonl(os.path.join(RESULTS, "resource.jsonl"))
    previous = read_jsonl(os.path.join(RESULTS, "walks.previous.jsonl")) + read_jsonl(
        os.path.join(RESULTS, "resource.previous.jsonl"))
    with open(DOC) as f:
        page = f.read()
    page = replace_section(page, "bench-machine", machine() + "\n")
    page = replace_section(page, "bench-targets", targets(walks, res))
    page = replace_section(page, "bench-walks", ratio_tables(walks, WALK_KINDS, lambda k: WALK_TITLES.get(k, k)))
    page = replace_section(page, "bench-resource", resource_table(res))
    page = replace_section(page, "bench-memory", memory_table(walks + res))
    page = replace_section(page, "bench-stability", stability(walks + res, previous))
    with open(DOC, "w") as f:
        f.write(page)
    if chart(walks, CHART):
        log(f"chart: {os.path.relpath(CHART, ROOT)}")
    log("docs/benchmarks.md regenerated")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--quick", action="store_true", help="smoke run: tiny sizes, no file written")
    ap.add_argument("--report", action="store_true", help="only regenerate the page and chart from the JSON")
    ap.add_argument("--skip-callgrind", action="store_true",
                    help="skip the instruction, hardening and iomem-scaling sections")
    args = ap.parse_args()
    start = time.time()
    if not args.report:
        log(f"build ({args.build})")
        build(args.build)
        os.makedirs(RESULTS, exist_ok=True)
        for suite in PROGRAMS:
            log(f"run {PROGRAMS[suite]}")
            run_program(args.build, suite, args.quick)
        if not args.skip_callgrind:
            here = os.path.dirname(os.path.abspath(__file__))
            for script, extra in (("instruction_table.py", ["--build", args.build]),
                                  ("hardening_cost.py", ["--build", args.build]),
                                  ("iomem_scaling.py", [])):
                log(f"run {script}")
                flags = extra + (["--quick", "--no-write"] if args.quick else [])
                if args.quick and script == "hardening_cost.py":
                    flags = extra + ["--no-write"]
                subprocess.run([sys.executable, os.path.join(here, script)] + flags, check=True,
                               stdout=subprocess.DEVNULL)
    if not args.quick:
        report()
    log(f"bench: {time.time() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
