# SPDX-License-Identifier: BSL-1.0
#
# ns-to-paths.awk - turn an `acpiexec -b "namespace" T1.aml [T2.aml ...]`
# dump into one `FULLPATH<TAB>TYPE` line per namespace node.
#
# Only the lines after "ACPI Namespace (from Namespace Root):" are read.
# A node line is
#     DEPTH NAME TYPE ADDRESS OWNER [DETAILS...]
# e.g. ` 2      _HID String       0x564b29dbe300 001 Len 08 "VMGENCTR"`
# (depth 0 = child of the root).  Output keeps the dump's (pre-order) order;
# FULLPATH is `\` + the 4-character segments joined with `.`, TYPE is the
# type column as printed.  The root itself is not printed, and the `\_TI_`
# node (owner 000) that acpiexec installs by itself, with its whole
# subtree, is dropped.  Every other line (node count, messages, blank
# lines) is ignored.
#
# usage: awk -f ns-to-paths.awk DUMP.ns.txt > DUMP.paths

BEGIN { in_list = 0; skip_depth = -1 }

/^ACPI Namespace \(from Namespace Root\):/ { in_list = 1; next }

in_list && is_node_line() {
    depth = $1 + 0
    name  = $2
    type  = $3
    owner = $5

    # inside a dropped subtree?
    if (skip_depth >= 0) {
        if (depth > skip_depth) next
        skip_depth = -1
    }
    if (depth == 0 && name == "_TI_" && owner == "000") {
        skip_depth = depth
        next
    }

    seg[depth] = name
    path = "\\" seg[0]
    for (i = 1; i <= depth; i++) path = path "." seg[i]
    printf "%s\t%s\n", path, type
    next
}

# A node line: depth (decimal), a 4-character name segment, a type word,
# a hexadecimal node address and a 3-digit owner id.
function is_node_line() {
    return NF >= 5 &&
           $1 ~ /^[0-9]+$/ &&
           $2 ~ /^[A-Z_][A-Z0-9_][A-Z0-9_][A-Z0-9_]$/ &&
           $3 ~ /^[A-Za-z]+$/ &&
           $4 ~ /^0x[0-9a-fA-F]+$/ &&
           $5 ~ /^[0-9][0-9][0-9]$/
}
