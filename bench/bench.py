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
    if r < 0.1:
        return f"{r:.2g}"
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
            key = (r.get("op", ""), strategy_of(r), r.get("layout", ""))
            groups.setdefault(key, {}).setdefault(int(r.get("nodes", 0)), []).append(r["ratio"])
        out.append(f"\n**{title_of(kind)}** (median over shapes and memory orders, worst in parentheses)\n")
        out.append("| op | strategy | layout | " + " | ".join(nodes_label(s) for s in sizes) + " |")
        out.append("|---|---|---|" + "---:|" * len(sizes))
        for key in sorted(groups):
            cells = []
            for s in sizes:
                v = groups[key].get(s)
                if not v:
                    cells.append("—")
                    continue
                med, worst = statistics.median(v), max(v)
                cells.append(fmt_ratio(med) + (f" ({fmt_ratio(worst)})" if worst - med > 0.01 else ""))
            out.append(f"| {key[0]} | {key[1]} | {key[2]} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def strategy_of(r):
    """The reverse strategy a pair's side uses, from its description."""
    def one(text):
        return next((w for w in ("native", "collect", "rescan") if w in text), "")
    a, b = one(r.get("a", "")), one(r.get("b", ""))
    if r.get("kind") in ("strategy", "list_head/singly") and a != b:
        return f"{a} ÷ {b}"
    return a


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


def map_column(r):
    n = int(r.get("ranges", 0))
    return nodes_label(n) if "replicated" in r.get("map", "") or n >= 10000 else "real maps"


def resource_table(rows):
    """kin against the other side per operation: the real maps (median,
    range) and the replicated 10^4 and 10^5 maps; then the hole-search
    scaling study."""
    sel = [r for r in rows if r.get("suite") == "resource" and "ratio" in r
           and not r.get("case", "").startswith("kexec_scaling")]
    if not sel:
        return "(no resource results)\n"
    cols = ["real maps"] + sorted({map_column(r) for r in sel} - {"real maps"})
    groups = {}
    for r in sel:
        where = next((w for w in ("low", "high") if f"/{w}/" in r.get("case", "")), "")
        key = (r.get("kind", ""), r.get("op", ""), r.get("a", ""), r.get("b", ""), r.get("layout", ""), where)
        groups.setdefault(key, {}).setdefault(map_column(r), []).append(r)
    out = ["A ÷ B in CPU time per operation; on the real maps the median over the listings measured, with the "
           "range in parentheses; A's time in brackets. The operations are measured at the lowest (`low`) and "
           "the highest (`high`) top-level position. kin's walks here are called with `kin::assume_well_formed` "
           "(the parser has checked the tree); the `kin-checked` rows show what the default `kin::checked` "
           "costs on top (it runs `resource_check` before every walk).\n",
           "| op | A | B | layout | " + " | ".join(cols) + " |",
           "|---|---|---|---|" + "---:|" * len(cols)]
    for key in sorted(groups):
        cells = []
        for c in cols:
            v = groups[key].get(c)
            if not v:
                cells.append("—")
                continue
            ratios = [r["ratio"] for r in v]
            med = statistics.median(ratios)
            a_ns = statistics.median(r["a_ns"] for r in v)
            cell = fmt_ratio(med)
            if len(v) > 1:
                cell += f" ({fmt_ratio(min(ratios))}–{fmt_ratio(max(ratios))})"
            cells.append(cell + f" [{fmt_ns(a_ns)}]")
        op = key[1] + (f" ({key[5]})" if key[5] else "")
        out.append(f"| {op} | {key[2]} | {key[3]} | {key[4]} | " + " | ".join(cells) + " |")
    scaling = [r for r in rows if r.get("case", "").startswith("kexec_scaling") and "ratio" in r]
    if scaling:
        out += ["", "**The hole search as a scaling study** (not a kernel scenario: hundreds of segments placed "
                "one after the other, each colliding with the ones before), per placement:", "",
                "| segments | pages per segment | kin | page stepping | kin ÷ page stepping |",
                "|---:|---:|---:|---:|---:|"]
        for r in sorted(scaling, key=lambda r: (int(r.get("segments", 0)), int(r.get("segment_pages", 0)))):
            out.append(f"| {int(r.get('segments', 0))} | {int(r.get('segment_pages', 0))} | {fmt_ns(r['a_ns'])} | "
                       f"{fmt_ns(r['b_ns'])} | {fmt_ratio(r['ratio'])} |")
    return "\n".join(out) + "\n"


def memory_table(rows):
    sel = [r for r in rows if r.get("suite") == "memory"]
    if not sel:
        return "(no memory results)\n"
    out = ["| what | layout | bytes | notes |", "|---|---|---:|---|"]
    seen = set()
    # The walks' extra bytes per reverse strategy: the most per node over
    # every size and shape.
    extra = {}
    for r in sel:
        if r.get("what") == "reverse extra bytes" and r.get("nodes"):
            key = (r.get("layout", ""), r.get("op", ""), r.get("strategy", ""))
            extra[key] = max(extra.get(key, 0), r["bytes"] / r["nodes"])
    heap = [r["bytes"] for r in sel if r.get("what") == "heap bytes per node"]
    for r in sel:
        what, layout, b = r.get("what", ""), r.get("layout", ""), r.get("bytes")
        if what in ("reverse extra bytes", "heap bytes per node"):
            continue
        ranges = int(r.get("ranges", 0))
        if "map" in r and ranges < 10000:
            continue  # per real map: the replicated ones say the same, larger
        note = r.get("note", "")
        if "map" in r:
            note = f"{nodes_label(ranges)} ranges, {int(r.get('records', 0))} records"
            if r.get("transient_bytes"):
                note += f"; {int(r['transient_bytes'])} B while a growth copied the array"
            if "allocations" in r:
                note += f"; {int(r['allocations'])} allocations"
        if "link_bytes" in r:
            note += ("; " if note else "") + f"of which links: {r['link_bytes']}"
        key = (what, layout, b, note)
        if key in seen:
            continue
        seen.add(key)
        out.append(f"| {what.replace('_', ' ')} | {layout} | {int(b) if b is not None else ''} | {note} |")
    if heap:
        out.append(f"| heap bytes per node (children arrays, malloc headers) | vector_unique_ptr | "
                   f"{statistics.median(heap):.0f} | median over sizes and shapes ({min(heap):.0f}–{max(heap):.0f}) |")
    for (layout, op, strategy), per in sorted(extra.items()):
        out.append(f"| extra bytes per node, {op} | {layout}, {strategy} | {per:.1f} | the most over sizes and shapes |")
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
    v = ratios(lambda r: r.get("kind") == "kin/hand" and r.get("op") not in MUTATIONS, walks)
    if v:
        over = sum(1 for x in v if x > 1.05)
        out.append(("every kin walker within 1.05× of the hand loop (CPU time)",
                    f"median {statistics.median(v):.2f}, worst {max(v):.2f}; {over} of {len(v)} pairs above 1.05",
                    over == 0))
    v = ratios(lambda r: r.get("kind") == "reverse/forward" and "native" in r.get("a", ""), walks)
    if v:
        native_bytes = [r["bytes"] for r in walks if r.get("what") == "reverse extra bytes"
                        and r.get("strategy") == "native"]
        over = sum(1 for x in v if x > 1.1)
        out.append(("native reverse within 1.1× of forward, 0 extra bytes",
                    f"median {statistics.median(v):.2f}, worst {max(v):.2f}; {over} of {len(v)} pairs above 1.1; "
                    f"extra bytes at most {max(native_bytes, default=0):.0f}", max(v) <= 1.1))
    v = ratios(lambda r: r.get("kind") == "kin/kernel-shaped" and "native" in r.get("a", ""), res)
    if v:
        out.append(("native reverse faster than the kernel-shaped reverse",
                    f"kin native ÷ kernel-shaped v6.8 on {len(v)} maps × layouts: median {fmt_ratio(statistics.median(v))}, "
                    f"worst {fmt_ratio(max(v))}", max(v) < 1))
    v = [r for r in walks if r.get("kind") == "doubly/singly" and r.get("op") == "unlink"
         and int(r.get("nodes", 0)) == 10000]
    if v:
        speedups = [1 / r["ratio"] for r in v if r["ratio"] > 0]
        out.append(("unlink among 10 000 siblings ≥ 100× faster on doubly linked layouts than singly",
                    f"{min(speedups):.0f}× to {max(speedups):.0f}× faster (doubly ÷ singly pairs, each side's "
                    f"calls calibrated on its own)", min(speedups) >= 100))
    v = ratios(lambda r: r.get("kind") == "compact/list_head", walks)
    if v:
        over = sum(1 for x in v if x > 1.05)
        out.append(("compact within 1.05× of list_head on every walk",
                    f"median {statistics.median(v):.2f}, worst {max(v):.2f}; {over} of {len(v)} above 1.05",
                    over == 0))
    v = [r for r in res if r.get("case", "").startswith("kexec_scaling") and "a_ns" in r]
    if v:
        by_count = {}
        for r in v:
            by_count.setdefault(int(r.get("segments", 0)), []).append(r)
        spread = max(max(r["a_ns"] for r in g) / min(r["a_ns"] for r in g) for g in by_count.values())
        stepping = max(max(r["b_ns"] for r in g) / min(r["b_ns"] for r in g) for g in by_count.values())
        out.append(("the hole search independent of sizes and page counts",
                    f"at a fixed number of segments, kin's time varies by at most {spread:.2f}× from 1 to 64 pages "
                    f"per segment; page stepping's by up to {stepping:.0f}×", spread < 1.25))
    lines = ["| target | measured | met |", "|---|---|---|"]
    lines += [f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in out]
    return "\n".join(lines) + "\n"


MUTATIONS = ("unlink", "link_before", "move_subtree")


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
    """Two panels: CPU time per node of the walks over 10^5 nodes (random
    tree, shuffled memory) per layout beside the hand loop; and what a
    previous-sibling link buys: unlinking a random child among n siblings."""
    import matplotlib
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "kin"  # stable ids: regenerating changes nothing
    import matplotlib.pyplot as plt

    pick = [r for r in walks if "ratio" in r and r.get("shape") == "random" and r.get("memory") == "shuffled"
            and int(r.get("nodes", 0)) == 100000 and r.get("kind") == "kin/hand" and r.get("op") not in MUTATIONS]
    ops = sorted({r["op"] for r in pick})
    layouts = ["singly", "list_head", "compact"]
    if not ops:
        return False
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(12, 4.4), gridspec_kw={"width_ratios": [3, 2]})
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
    ax.bar([x + 1.5 * width for x in range(len(ops))], hand, width, label="hand-written C loop, singly", color="0.6")
    ax.set_xticks(range(len(ops)))
    ax.set_xticklabels(ops, rotation=20, ha="right")
    ax.set_ylabel("CPU time per node (ns)")
    ax.set_title("Walks, 10^5 nodes, random tree, shuffled memory", fontsize=10)
    ax.legend(fontsize=8)
    for layout in layouts:
        pts = sorted((int(r["nodes"]), r["a_ns"]) for r in walks if r.get("kind") == "kin/hand"
                     and r.get("op") == "unlink" and r.get("layout") == layout and r.get("memory") == "shuffled")
        if pts:
            ax2.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=f"kin, {layout}")
    ax2.set_xscale("log")
    ax2.set_yscale("log")
    ax2.set_xlabel("siblings")
    ax2.set_ylabel("CPU time per unlink + relink (ns)")
    ax2.set_title("Unlink a random child among n siblings", fontsize=10)
    ax2.legend(fontsize=8)
    fig.suptitle("kin " + "(median of paired CPU-time runs, bench/bench.py)", fontsize=9)
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
