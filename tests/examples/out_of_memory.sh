#!/bin/sh
# SPDX-License-Identifier: BSL-1.0
# Usage: out_of_memory.sh IOMEM
# Feeds IOMEM two million valid (if oddly written) lines, 14 MB of text whose
# node array needs about 160 MB, under a 120 MB address-space limit: the
# text fits, the nodes do not.
awk 'BEGIN { while (i++ < 2000000) print "0-0 : " }' | (ulimit -v 120000 && exec "$1" -)
