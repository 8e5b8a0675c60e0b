#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Writes tests/fuzz/<target>/limits/: inputs at each hostile-input limit
of a loader and one step past it. ./run fuzz gives them to the fuzzer as
seeds it never rewrites (so every run starts from the limits), and ctest's
fuzz_replay.<target> replays them with the corpus. Run from anywhere:
    python3 tests/fuzz/make_limit_seeds.py
The limits (docs/reliability.md): a /proc/iomem line of 4096 bytes, 16 hex
digits; a DTB node at level 64 (kept) and 65 (skipped); AML bodies and
operands nested 256 deep (aml_max_nesting)."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    d = os.path.join(HERE, target, "limits")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


# ---- /proc/iomem
def iomem_line(length):  # one line of exactly `length` bytes, and its newline
    head = "00000000-00000fff : "
    return head + "x" * (length - len(head)) + "\n"


write("iomem", "line-4096-bytes", iomem_line(4096))
write("iomem", "line-4097-bytes", iomem_line(4097))
write("iomem", "digits-16", "0000000000000000-ffffffffffffffff : all\n")
write("iomem", "digits-17", "00000000000000000-ffffffffffffffff : all\n")
# Indentation far past the cap of 5 (two spaces a level).
write("iomem", "levels-40", "".join("  " * i + "00000000-ffffffff : l%d\n" % i for i in range(40)))


# ---- DTB: `levels` nested nodes below the root.
def dtb(levels):
    def node(name):
        n = name.encode() + b"\0"
        return struct.pack(">I", 1) + n + b"\0" * (-len(n) % 4)
    body = node("")
    for i in range(levels):
        body += node("n%d" % i)
    body += struct.pack(">I", 2) * (levels + 1) + struct.pack(">I", 9)
    off_rsv = 40
    off_struct = off_rsv + 16
    off_strings = off_struct + len(body)
    total = off_strings
    header = struct.pack(">10I", 0xD00DFEED, total, off_struct, off_strings, off_rsv, 17, 16, 0, 0, len(body))
    return header + b"\0" * 16 + body


write("dtb", "depth-64", dtb(64))  # the deepest node at level 64: kept
write("dtb", "depth-65", dtb(65))  # one at level 65: skipped, a warning


# ---- AML
def pkg_length(content):
    for extra in range(4):
        total = content + 1 + extra
        if extra == 0 and total < 64:
            return bytes([total])
        if extra > 0 and total < (1 << (4 + 8 * extra)):
            out = bytes([(extra << 6) | (total & 0x0F)])
            for i in range(extra):
                out += bytes([(total >> (4 + 8 * i)) & 0xFF])
            return out
    raise ValueError("too long")


def table(body):
    t = bytearray(b"DSDT" + struct.pack("<I", 36 + len(body)) + bytes([2, 0]) + b"KINLIB" + b"LIMITS  "
                  + struct.pack("<I", 1) + b"KIN " + struct.pack("<I", 1)) + body
    t[9] = (-sum(t)) & 0xFF
    return bytes(t)


def nested_devices(levels):
    body = b"\x08LEAF\x01"  # Name (LEAF, One) in the innermost
    for _ in range(levels):
        content = b"DEVX" + body
        body = b"\x5b\x82" + pkg_length(len(content)) + content
    return body


write("aml", "devices-256", table(nested_devices(256)))
write("aml", "devices-257", table(nested_devices(257)))
# Store (DerefOf (... Local0 ...), Local1) at table level: operands nested.
write("aml", "operands-256", table(b"\x70" + b"\x83" * 255 + b"\x60\x61"))
write("aml", "operands-257", table(b"\x70" + b"\x83" * 257 + b"\x60\x61"))
