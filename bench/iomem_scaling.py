#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""How the `iomem` example scales: CPU time of `iomem FILE` (print the
listing back), `iomem --reverse FILE` (mirrored), `--ram` and
`--ram --reverse`, on every layout (singly, list, compact), for generated
listings of 10^4, 10^5 and 10^6 lines:

  well-formed  a realistic listing (System RAM with Kernel code/data or
               reserved children, PCI Bus containers with devices and
               bridges, Reserved, ACPI, IOAPIC, ...), sorted, nested inside
               the parents, at most 5 levels; it must print back byte for
               byte, exit 0, no warning;
  anomalous    the same listing with one top-level range in the middle moved
               to start on its previous sibling's last page (one overlapping
               sibling pair: resource_check fails); it must print back byte
               for byte with exactly that one warning;
  deep         a chain nested 10^4 / 10^5 deep through the indentation cap
               (every line after the fifth at 10 spaces, each inside the
               previous: the parser re-nests it as a child), plain and
               mirrored printing only.

CPU time is the child's user + system time from os.wait4 (never wall clock),
the median of 3 runs, standard output to /dev/null. A run stopped by its CPU
limit (RLIMIT_CPU, --timeout seconds) is reported as "> T s", and the larger
sizes of that case are then not run (also "> T s"). Writes the table into
docs/benchmarks.md between the kin-iomem-scaling markers and the raw numbers
into bench/results/iomem_scaling.json.

    python3 bench/iomem_scaling.py                      # builds build/bench-scaling
    python3 bench/iomem_scaling.py --build /tmp/b       # another build directory
    python3 bench/iomem_scaling.py --quick --no-write   # 10^4 and 10^5 only, print the table only

Needs cmake, a C++20 compiler and (preferably) ninja.
"""
import argparse
import json
import os
import platform
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN, END = "<!-- kin-iomem-scaling:begin -->", "<!-- kin-iomem-scaling:end -->"
LAYOUTS = ["singly", "list", "compact"]
OPS = [("print", []), ("mirrored", ["--reverse"]), ("ram", ["--ram"]), ("ram_reverse", ["--ram", "--reverse"])]
OP_TITLES = {"print": "`iomem`", "mirrored": "`--reverse`", "ram": "`--ram`", "ram_reverse": "`--ram --reverse`"}
SHAPES = ["well-formed", "anomalous", "deep"]
SHAPE_OPS = {"well-formed": [o for o, _ in OPS], "anomalous": [o for o, _ in OPS], "deep": ["print", "mirrored"]}
RUNS = 3
MAX_INPUT = "1G"
CAP_INDENT = 10  # the kernel prints depth min(d, 5): at most 10 spaces

# --------------------------------------------------------------------------
# Listings


def line(depth, start, end, name):
    return "%s%08x-%08x : %s" % (" " * (2 * depth), start, end, name)


class Listing:
    """A realistic /proc/iomem listing of exactly n lines, deterministic in n.
    nodes: [depth, start, end, name]; depth 0 is a top-level range."""

    MIB = 1 << 20

    def __init__(self, n):
        self.rng = random.Random("kin-iomem-scaling-%d" % n)
        self.nodes = []
        self.bus = 0
        addr = 0
        while len(self.nodes) < n:
            block, addr = self.block(addr)
            if len(self.nodes) + len(block) > n:
                block, addr = self.leaf(addr)
            self.nodes.extend(block)

    def next_bus(self):
        """The next PCI bus, "DDDD:BB" (a new domain every 256 buses)."""
        self.bus += 1
        return "%04x:%02x" % (self.bus >> 8, self.bus & 0xff)

    def slots(self, start, end, count, align):
        """count sorted, disjoint sub-ranges of [start, end], aligned to align."""
        width = (end - start + 1) // count // align * align
        out = []
        for i in range(count):
            s0 = start + i * width
            units = width // align
            off = self.rng.randrange(0, max(1, units // 4)) * align
            size = max(1, self.rng.randrange(units // 4, units - off // align + 1)) * align if units >= 4 else width
            s = s0 + off
            e = min(s + size, s0 + width) - 1
            if self.rng.random() < 0.15 and e - s > 0x400:  # byte-granular ends happen (setup_data, small BARs)
                e = s + self.rng.randrange(0x100, e - s)
            out.append((s, e))
        return out

    def leaf(self, addr):
        """One top-level range with no children."""
        r = self.rng
        name = r.choice(["ACPI Tables", "ACPI Non-volatile Storage", "IOAPIC %d" % r.randrange(4), "HPET 0",
                         "Local APIC", "dmar%d" % r.randrange(2), "System ROM", "Video ROM", "Adapter ROM",
                         "RAM buffer", "pnp 00:%02x" % r.randrange(16), "INT0800:00", "Reserved", "reserved",
                         "PCI MMCONFIG 0000 [bus 00-ff]", "fed00000.hpet", "Persistent Memory (legacy)"])
        addr += r.choice([0, 0x1000, 0x10000, 0x100000])
        size = r.choice([0x400, 0x1000, 0x4000, 0x10000, 0x100000, 0x400000])
        if r.random() < 0.2:
            size -= r.choice([0x400, 0x200, 0x1000]) if size > 0x1000 else 0
        return [[0, addr, addr + size - 1, name]], addr + size

    def block(self, addr):
        """One top-level range and its descendants (at most depth 4)."""
        r = self.rng
        kind = r.choices(["ram", "reserved", "pci", "leaf"], [30, 20, 25, 25])[0]
        if kind == "leaf":
            return self.leaf(addr)
        addr += r.choice([0, 0x1000, 0x100000, 0x1000000])
        addr = (addr + 0xfff) & ~0xfff
        if kind == "ram":
            size = r.choice([16, 64, 256, 1024, 4096]) * self.MIB
            start, end = addr, addr + size - 1
            if r.random() < 0.1:  # RAM split at an unaligned boundary (EFI setup_data)
                end -= r.randrange(1, 0x1000)
            out = [[0, start, end, "System RAM"]]
            roll = r.random()
            if roll < 0.3:
                names = r.choice([["Kernel code", "Kernel data"], ["Kernel code", "Kernel rodata", "Kernel data",
                                                                    "Kernel bss"]])
                if r.random() < 0.3:
                    names = names + ["Crash kernel"]
                for (s, e), name in zip(self.slots(start, end, len(names), 0x1000), names):
                    out.append([1, s, e, name])
            elif roll < 0.5:
                for s, e in self.slots(start, end, r.randrange(1, 5), 0x1000):
                    out.append([1, s, e, "reserved"])
            return out, end + 1
        if kind == "reserved":
            size = r.choice([0x1000, 0x10000, 0x100000, 16 * self.MIB, 256 * self.MIB])
            start, end = addr, addr + size - 1
            out = [[0, start, end, "Reserved"]]
            roll = r.random()
            if roll < 0.25 and size >= 16 * self.MIB:
                out.append([1, start, end, "PCI ECAM %04x [bus 00-ff]" % r.randrange(4)])
                out.append([2, start, end, "PCI Bus %04x:00" % r.randrange(4)])
            elif roll < 0.5 and size >= 0x10000:
                for s, e in self.slots(start, end, r.randrange(1, 4), 0x400):
                    out.append([1, s, e, r.choice(["pnp 00:%02x" % r.randrange(16), "INT0800:00",
                                                   "Jailhouse hypervisor", "efifb"])])
            return out, end + 1
        # A PCI bus window with devices, some of them bridges two buses deep.
        size = r.choice([256, 512, 1024, 4096]) * self.MIB
        start, end = addr, addr + size - 1
        bus = self.next_bus()
        out = [[0, start, end, "PCI Bus " + bus]]
        for i, (s, e) in enumerate(self.slots(start, end, r.randrange(1, 7), 0x1000)):
            dev = "%s:%02x.%x" % (bus, i, r.randrange(2))
            roll = r.random()
            if roll < 0.2:  # a bridge: PCI Bus > device > PCI Bus > device
                sub = self.next_bus()
                out.append([1, s, e, "PCI Bus " + sub])
                for j, (s2, e2) in enumerate(self.slots(s, e, r.randrange(1, 3), 0x1000)):
                    out.append([2, s2, e2, "%s:%02x.0" % (sub, j)])
                    if r.random() < 0.5:
                        sub2 = self.next_bus()
                        out.append([3, s2, e2, "PCI Bus " + sub2])
                        out.append([4, s2, e2, sub2 + ":00.0"])
                    else:
                        out.append([3, s2, e2, r.choice(["nvme", "xhci-hcd", "thunderbolt"])])
            else:
                out.append([1, s, e, dev])
                if roll < 0.8:
                    out.append([2, s, e, r.choice(["virtio-pci-modern", "nvme", "xhci-hcd", "ahci", "r8169",
                                                   "i915", "snd_hda_intel", "iwlwifi", "ath10k_pci"])])
        return out, end + 1

    def text(self, anomalous=False):
        nodes = [list(n) for n in self.nodes]
        anomaly = None
        if anomalous:
            # One overlapping sibling pair in the middle: the middle top-level
            # range starts on its previous sibling's last page (or last byte).
            top = [i for i, n in enumerate(nodes) if n[0] == 0]
            k = top[len(top) // 2]
            prev = nodes[top[len(top) // 2 - 1]]
            new_start = max(prev[1], prev[2] - 0xfff)
            anomaly = {"line": k + 1, "previous_line": top[len(top) // 2 - 1] + 1,
                       "was": "%08x" % nodes[k][1], "now": "%08x" % new_start}
            nodes[k][1] = new_start
        return "".join(line(*n) + "\n" for n in nodes), anomaly


def deep_text(n):
    """A System RAM line, a chain of n - 2 ranges each inside the previous one
    (every line past the fifth of the chain at the cap's 10 spaces, so the
    parser nests it through the cap rule), and a last System RAM line."""
    lines = [line(0, 0x1000, 0xfffffff, "System RAM")]
    base, top = 0x10000000, 0x1fffffff
    for k in range(n - 2):
        lines.append("%s%08x-%08x : PCI Bus 0000:%02x" % (" " * min(2 * k, CAP_INDENT), base + k, top - k, k % 256))
    lines.append(line(0, 0x20000000, 0x3fffffff, "System RAM"))
    return "".join(s + "\n" for s in lines)


# --------------------------------------------------------------------------
# Running


def build(source, build_dir):
    cmd = ["cmake", "-S", source, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release", "-DKIN_BUILD_TESTS=OFF",
           "-DKIN_BUILD_DOCS=OFF"]
    if not os.path.exists(os.path.join(build_dir, "CMakeCache.txt")) and shutil.which("ninja"):
        cmd[1:1] = ["-G", "Ninja"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build_dir, "--target", "iomem"], check=True, stdout=subprocess.DEVNULL)
    return os.path.join(build_dir, "examples", "iomem", "iomem")


def run_once(argv, timeout, stdout=subprocess.DEVNULL):
    """(cpu seconds, exit status, stderr text, timed_out). CPU time is the
    child's user + system time as os.wait4 reports it; RLIMIT_CPU stops it
    after `timeout` CPU seconds (and a wall-clock guard after 5 times that)."""

    def limit():
        resource.setrlimit(resource.RLIMIT_CPU, (timeout, timeout + 2))

    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=stdout, stderr=err, preexec_fn=limit)
        deadline, pause, killed = time.monotonic() + 5 * timeout, 0.002, False
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if not killed and time.monotonic() > deadline:
                os.kill(p.pid, signal.SIGKILL)  # not reaped yet: the pid is still ours
                killed = True
            time.sleep(pause)
            pause = min(0.05, pause * 2)
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode(errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    timed_out = killed or (os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL))
    return cpu, p.returncode, text, timed_out


def check_listing(binary, path, text, shape, timeout):
    """Prints the listing back (compact layout) and checks it: byte for byte,
    exit 0; no warning (well-formed, deep) or exactly the one overlap
    warning (anomalous). Returns a list of problems."""
    problems = []
    with tempfile.NamedTemporaryFile() as out:
        _, rc, err, timed_out = run_once([binary, "--max-input", MAX_INPUT, path], 4 * timeout, stdout=out)
        out.seek(0)
        back = out.read().decode(errors="replace")
    if timed_out:
        return ["printing it back took too long"]
    if rc != 0:
        problems.append("exit status %d" % rc)
    if back != text:
        a, b = text.splitlines(), back.splitlines()
        first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        problems.append("does not print back byte for byte (first difference at line %d)" % (first + 1))
    warnings = [s for s in err.splitlines() if s]
    if shape == "anomalous":
        if len(warnings) != 1 or "starts at or before the end of its previous sibling" not in warnings[0]:
            problems.append("expected one overlap warning, got: %r" % warnings[:3])
    elif warnings:
        problems.append("unexpected diagnostics: %r" % warnings[:3])
    return problems


def consistency(binary, path, text, shape, timeout):
    """On the smallest listings: every layout prints the same, the mirrored
    listing holds the same lines, and --ram --reverse is --ram backwards."""
    problems, seen = [], {}

    def output(args):
        with tempfile.TemporaryFile() as out:
            _, rc, _, timed_out = run_once([binary, "--max-input", MAX_INPUT] + args + [path], 4 * timeout, stdout=out)
            out.seek(0)
            return None if timed_out or rc != 0 else out.read().decode(errors="replace").splitlines()

    for layout in LAYOUTS:
        for op, op_args in OPS:
            if op in SHAPE_OPS[shape]:
                seen[(layout, op)] = output(["--layout", layout] + op_args)
                if seen[(layout, op)] is None:
                    problems.append(f"{layout} {op} failed")
        if seen.get((layout, "mirrored")) is not None and sorted(seen[(layout, "mirrored")]) != sorted(text.splitlines()):
            problems.append(f"{layout}: the mirrored listing does not hold the listing's lines")
        if shape != "deep" and seen.get((layout, "ram")) is not None \
                and seen.get((layout, "ram_reverse")) != seen[(layout, "ram")][::-1]:
            problems.append(f"{layout}: --ram --reverse is not --ram backwards")
    for op in SHAPE_OPS[shape]:
        if len({tuple(seen[(layout, op)] or ()) for layout in LAYOUTS}) != 1:
            problems.append(f"{op}: the layouts differ")
    return problems


def measure(binary, path, layout, op_args, timeout):
    """{"runs": [cpu...], "median": s} or {"timeout": True, ...} or {"error": ...}."""
    runs = []
    for _ in range(RUNS):
        cpu, rc, err, timed_out = run_once([binary, "--max-input", MAX_INPUT, "--layout", layout] + op_args + [path],
                                           timeout)
        if timed_out:
            return {"timeout": True, "runs": runs, "cpu_at_stop": round(cpu, 3)}
        if rc != 0:
            return {"error": "exit status %d: %s" % (rc, err.strip()[:300]), "runs": runs}
        runs.append(cpu)
    return {"runs": [round(x, 6) for x in runs], "median": statistics.median(runs)}


def num(n):
    """10 000, as the rest of the page writes numbers."""
    return f"{n:,}".replace(",", " ")


def fmt(result, timeout):
    if result is None:
        return "—"
    if result.get("timeout"):
        return "> %d s" % timeout
    if "error" in result:
        return "error"
    s = result["median"]
    if s < 1:
        return "%.3g ms" % (s * 1000) if s >= 0.001 else "%.2g ms" % (s * 1000)
    return "%.3g s" % s


def table(results, sizes, deep_sizes, timeout):
    lines = ["| listing | lines | layout | " + " | ".join(OP_TITLES[o] for o, _ in OPS) + " |",
             "|---|---:|---|" + "---:|" * len(OPS)]
    for shape in SHAPES:
        for n in (deep_sizes if shape == "deep" else sizes):
            for layout in LAYOUTS:
                cells = [fmt(results.get(f"{shape}/{n}/{layout}/{op}"), timeout) if op in SHAPE_OPS[shape] else "—"
                         for op, _ in OPS]
                lines.append(f"| {shape} | {num(n)} | {layout} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def superlinear(results, sizes, deep_sizes, timeout):
    """The cases whose time grows more than 30 times for 10 times the lines
    (linear growth is about 6 to 10 here, quadratic about 100), or that were
    stopped: one sentence."""
    found = {}
    for shape in SHAPES:
        ns = deep_sizes if shape == "deep" else sizes
        for op in SHAPE_OPS[shape]:
            for layout in LAYOUTS:
                for small, big in zip(ns, ns[1:]):
                    a, b = results.get(f"{shape}/{small}/{layout}/{op}"), results.get(f"{shape}/{big}/{layout}/{op}")
                    if not a or not b or "error" in a or "error" in b or a.get("timeout"):
                        continue
                    if b.get("timeout") or b["median"] > 30 * a["median"]:
                        found.setdefault((shape, op), []).append(f"{layout} from {num(big)}")
                        break
    if not found:
        return "No case grows more than 30 times for 10 times the lines, and none was stopped."
    parts = [f"{shape} {OP_TITLES[op]} ({', '.join(where)})" for (shape, op), where in found.items()]
    return ("Superlinear (more than 30 times the time for 10 times the lines, or stopped; linear is about 6 "
            "to 10 here): " + "; ".join(parts) + ".")


def section(results, files, sizes, deep_sizes, timeout, machine):
    biggest = max(sizes)
    desc = files.get(f"well-formed/{biggest}", {})
    deep = files.get(f"deep/{max(deep_sizes)}", {})
    about = (
        f"CPU time (user + system of the child process, from `os.wait4`; never wall clock) of the `iomem` "
        f"example, median of {RUNS} runs, standard output to `/dev/null`, on every layout: `iomem FILE` (parse "
        f"and print the listing back), `iomem --reverse FILE` (mirrored), `--ram` (`walk_system_ram_res`) and "
        f"`--ram --reverse` (`walk_system_ram_res_rev`). Each time includes starting the program, reading and "
        f"parsing the file. The listings are generated deterministically by the script: **well-formed** is a "
        f"realistic listing (System RAM ranges, some with Kernel code/data, Crash kernel or reserved children; "
        f"PCI Bus windows with devices, drivers and bridges, down to the fifth level; Reserved with PCI ECAM or "
        f"pnp children; ACPI, IOAPIC, ROM and other leaves; lowercase hex, 8 or more digits; the "
        f"{num(biggest)}-line file is {desc.get('bytes', 0) / 1e6:.1f} MB with "
        f"{num(desc.get('system_ram_reports', 0))} `--ram` ranges), checked to print back byte for byte with "
        f"exit 0 and no warning; **anomalous** is the same listing with one top-level range in the middle moved "
        f"to start on its previous sibling's last page (one overlapping sibling pair, so `resource_check` fails "
        f"and the walks cannot assume a well-formed tree); **deep** is a chain nested through the indentation cap (every "
        f"line after the chain's fifth at 10 spaces, each range inside the previous one; the "
        f"{num(max(deep_sizes))}-line file is {deep.get('bytes', 0) / 1e6:.1f} MB), printed plain and mirrored "
        f"only. A run is stopped after {timeout} s of CPU (`> {timeout} s`), and the larger sizes of that case "
        f"are then not run. {machine}. Reproduce (and rewrite this section and "
        f"`bench/results/iomem_scaling.json`) with:")
    wrap = dict(width=76, break_long_words=False, break_on_hyphens=False)
    return ("## Scaling of the iomem example\n\n" + textwrap.fill(about, **wrap) + "\n\n```sh\n"
            "python3 bench/iomem_scaling.py     # builds build/bench-scaling; --quick: 10^4 and 10^5 lines only\n"
            "```\n\n" + table(results, sizes, deep_sizes, timeout) + "\n"
            + textwrap.fill(superlinear(results, sizes, deep_sizes, timeout), **wrap) + "\n")


def machine_line(build_dir):
    compiler = "c++"
    try:
        with open(os.path.join(build_dir, "CMakeCache.txt")) as f:
            compiler = next(s.split("=", 1)[1].strip() for s in f if s.startswith("CMAKE_CXX_COMPILER:"))
    except (OSError, StopIteration):
        pass
    try:
        cxx = subprocess.run([compiler, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        cxx = "unknown compiler"
    return f"Machine: {os.cpu_count()} cores, Linux {platform.release()}, {cxx}, CMake Release build"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "bench-scaling"), help="build directory")
    ap.add_argument("--source", default=ROOT, help="kin source tree to build (default: this one)")
    ap.add_argument("--quick", action="store_true", help="10^4 and 10^5 lines only")
    ap.add_argument("--no-write", action="store_true", help="print the table, change no file")
    ap.add_argument("--timeout", type=int, default=60, help="CPU seconds per run (default 60)")
    args = ap.parse_args()
    sizes = [10**4, 10**5] if args.quick else [10**4, 10**5, 10**6]
    deep_sizes = [10**4, 10**5]
    binary = build(args.source, args.build)
    results, files, problems = {}, {}, []
    with tempfile.TemporaryDirectory(prefix="kin-iomem-scaling-") as tmp:
        for shape in SHAPES:
            for n in (deep_sizes if shape == "deep" else sizes):
                anomaly = None
                if shape == "deep":
                    text = deep_text(n)
                else:
                    text, anomaly = Listing(n).text(anomalous=shape == "anomalous")
                path = os.path.join(tmp, f"{shape}-{n}.txt")
                with open(path, "w") as f:
                    f.write(text)
                info = {"lines": text.count("\n"), "bytes": len(text)}
                if anomaly:
                    info["anomaly"] = anomaly
                if shape == "well-formed":
                    with tempfile.TemporaryFile() as out:
                        run_once([binary, "--max-input", MAX_INPUT, "--ram", path], 4 * args.timeout, stdout=out)
                        out.seek(0)
                        info["system_ram_reports"] = out.read().count(b"\n")
                bad = check_listing(binary, path, text, shape, args.timeout)
                if n == min(sizes):
                    bad += consistency(binary, path, text, shape, args.timeout)
                info["round_trip"] = "ok" if not bad else "; ".join(bad)
                if bad:
                    problems.append(f"{shape} {n}: " + "; ".join(bad))
                files[f"{shape}/{n}"] = info
                print(f"{shape} {n} lines, {len(text)} bytes: round trip {info['round_trip']}", file=sys.stderr)
                for layout in LAYOUTS:
                    for op, op_args in OPS:
                        if op not in SHAPE_OPS[shape]:
                            continue
                        key = f"{shape}/{n}/{layout}/{op}"
                        smaller = [results.get(f"{shape}/{m}/{layout}/{op}") for m in sizes + deep_sizes if m < n]
                        if any(r and r.get("timeout") for r in smaller):
                            results[key] = {"timeout": True, "not_run": True, "runs": []}
                        else:
                            results[key] = measure(binary, path, layout, op_args, args.timeout)
                        print(f"  {key}: {fmt(results[key], args.timeout)}", file=sys.stderr)
    machine = machine_line(args.build)
    commit = subprocess.run(["git", "-C", args.source, "describe", "--always", "--dirty", "--abbrev=40"],
                            capture_output=True, text=True).stdout.strip() or "unknown"
    text = section(results, files, sizes, deep_sizes, args.timeout, machine)
    print(text)
    for p in problems:
        print("problem: " + p, file=sys.stderr)
    if args.no_write:
        return 1 if problems else 0
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", "iomem_scaling.json"), "w") as f:
        json.dump({"unit": "CPU seconds (user + system, os.wait4), median of %d runs" % RUNS,
                   "timeout_cpu_seconds": args.timeout, "machine": machine, "source_commit": commit, "quick": args.quick,
                   "files": files, "results": dict(sorted(results.items()))}, f, indent=1)
        f.write("\n")
    doc = os.path.join(ROOT, "docs", "benchmarks.md")
    with open(doc) as f:
        page = f.read()
    if BEGIN not in page or END not in page:
        page = page.rstrip("\n") + "\n\n" + BEGIN + "\n" + END + "\n"
    page = page[: page.index(BEGIN) + len(BEGIN)] + "\n" + text + page[page.index(END):]
    with open(doc, "w") as f:
        f.write(page)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
