#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
#
# Regenerate the ACPI test data in this folder (see README.md):
#   1. compile every NAME.asl to NAME.aml with iasl,
#   2. load the tables with acpiexec and keep its namespace dump
#      (NAME.ns.txt),
#   3. turn each dump into the expected path list (NAME.paths) with
#      ns-to-paths.awk, including dsdt-firecracker.paths from the committed
#      dsdt-firecracker.ns.txt (that table is not rebuilt).
# Needs acpica-tools 20200925 (Debian 12: apt-get install acpica-tools).
# Node addresses in the .ns.txt files change on every run; the .aml and
# .paths files must not.
set -euo pipefail

cd "$(dirname "$0")"

IASL=${IASL:-iasl}
ACPIEXEC=${ACPIEXEC:-acpiexec}
EXPECTED_VERSION=20200925

version=$("$IASL" -v 2>&1 | sed -n 's/.*version \([0-9]*\).*/\1/p' | head -n 1)
if [ "$version" != "$EXPECTED_VERSION" ]; then
    echo "regen.sh: warning: iasl version '$version', the committed files were made with $EXPECTED_VERSION" >&2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# compile NAME [extra iasl options]: NAME.asl -> NAME.aml
compile() {
    local name=$1
    shift
    # -on: keep every name path as written (no \ / ^ shortening or
    #      lengthening), -oi: keep integer constants as written (no
    #      0x00 -> Zero), -of: no constant folding (Add (...) stays code)
    if ! "$IASL" -on -oi -of "$@" "$name.asl" >"$tmp/$name.iasl.log" 2>&1; then
        cat "$tmp/$name.iasl.log" >&2
        echo "regen.sh: iasl failed on $name.asl" >&2
        exit 1
    fi
    if [ ! -s "$name.aml" ]; then
        cat "$tmp/$name.iasl.log" >&2
        echo "regen.sh: iasl wrote no $name.aml" >&2
        exit 1
    fi
}

# load OUT TABLE.aml...: dump the namespace after loading the tables in
# order to OUT.ns.txt and derive OUT.paths
load() {
    local out=$1
    shift
    "$ACPIEXEC" -b "namespace" "$@" >"$out.ns.txt" 2>&1
    awk -f ns-to-paths.awk "$out.ns.txt" >"$out.paths"
    if [ ! -s "$out.paths" ]; then
        echo "regen.sh: no namespace in $out.ns.txt" >&2
        exit 1
    fi
}

# check OUT ALLOWED-REGEX: every error/warning line of OUT.ns.txt must
# match ALLOWED-REGEX (use a regex that matches nothing for "none")
check() {
    local out=$1 allowed=$2
    local bad
    bad=$(grep -E 'Error|Warning|Outstanding|Skipping' "$out.ns.txt" |
          grep -Ev "$allowed" || true)
    if [ -n "$bad" ]; then
        printf '%s\n' "$bad" >&2
        echo "regen.sh: unexpected acpiexec messages in $out.ns.txt" >&2
        exit 1
    fi
}

NONE='^$'
DUPLICATES='AE_ALREADY_EXISTS|Skipping parse of AML opcode'
RETYPES='Warning: Type override - \[(INT0|STR0|BUF0)\] had invalid type \((Integer|String|Buffer)\) for Scope operator'

compile objects
compile paths
compile exec
compile multi-dsdt
compile multi-ssdt1
compile multi-ssdt2
# dup.asl declares names twice on purpose; iasl reports error 6074 for
# each and writes the AML only when forced with -f
compile dup -f
compile dup-ssdt
compile retype
# missing.asl names scopes and alias sources that do not exist
compile missing -f

load objects objects.aml
load paths paths.aml
load exec exec.aml
load multi-dsdt multi-dsdt.aml
load multi multi-dsdt.aml multi-ssdt1.aml multi-ssdt2.aml
load dup dup.aml
load dup-ssdt dup.aml dup-ssdt.aml
load retype retype.aml
load missing missing.aml

for out in objects paths exec multi-dsdt multi; do
    check "$out" "$NONE"
done
check dup "$DUPLICATES"
check dup-ssdt "$DUPLICATES"
check retype "$RETYPES"
check missing 'AE_NOT_FOUND|Could not resolve symbol|Object does not exist|Skipping parse of AML opcode|Invalid type \(Mutex\) for target of Scope|AE_AML_OPERAND_TYPE'

awk -f ns-to-paths.awk dsdt-firecracker.ns.txt >dsdt-firecracker.paths

wc -l ./*.paths
