# SPDX-License-Identifier: BSL-1.0
# kin_acpi_mirrored_paths(PATHS MIRRORED_OUT): the mirrored pre-order of an
# acpiexec path list (tests/data/acpi/*.paths: one FULLPATH<TAB>TYPE line
# per node in pre-order, the root not listed), derived from that text alone
# (never from acpi-ns's output): what `acpi-ns --paths --reverse` must print.
# The tree comes from the path prefixes: a node's parent is its path up to
# the last '.'; \XXXX has the root as its parent. It is then walked in
# pre-order with each node's children visited last to first (parents still
# before their children). The forward walk must give the file back, so a
# list that is not a pre-order stops here instead of yielding a wrong
# expectation.
function(kin_acpi_mirrored_paths paths mirrored_out)
  file(READ ${paths} text)
  if(text STREQUAL "" OR NOT text MATCHES "\n$")
    message(FATAL_ERROR "${paths}: empty, or the last line has no newline")
  endif()
  if(text MATCHES "[][;]")
    message(FATAL_ERROR "${paths}: ';', '[' or ']' (not in ACPI names or types; CMake lists cannot hold them)")
  endif()
  string(REGEX REPLACE "\n$" "" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(names "") # the paths, by index
  set(count 0)
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "^(\\\\[A-Z0-9_][A-Z0-9_][A-Z0-9_][A-Z0-9_](\\.[A-Z0-9_][A-Z0-9_][A-Z0-9_][A-Z0-9_])*)\t[A-Za-z]+$")
      message(FATAL_ERROR "${paths}: not a FULLPATH<TAB>TYPE line: \"${line}\"")
    endif()
    set(path "${CMAKE_MATCH_1}")
    string(FIND "${path}" "." dot REVERSE)
    if(dot EQUAL -1)
      set(parent root)
    else()
      string(SUBSTRING "${path}" 0 ${dot} parent_path)
      list(FIND names "${parent_path}" parent)
      if(parent EQUAL -1)
        message(FATAL_ERROR "${paths}: ${path} comes before its parent ${parent_path}")
      endif()
    endif()
    list(FIND names "${path}" seen)
    if(NOT seen EQUAL -1)
      message(FATAL_ERROR "${paths}: ${path} listed twice")
    endif()
    list(APPEND names "${path}")
    set(line_${count} "${line}")
    list(APPEND kids_${parent} ${count})
    math(EXPR count "${count} + 1")
  endforeach()
  # Pre-order with an explicit stack. Forward: children pushed last to first
  # (the first on top); mirrored: pushed first to last (the last on top).
  foreach(direction forward mirrored)
    set(out "")
    set(stack ${kids_root})
    if(direction STREQUAL "forward")
      list(REVERSE stack)
    endif()
    while(NOT stack STREQUAL "") # not while(stack): a stack holding only index 0 reads as false
      list(POP_BACK stack i)
      string(APPEND out "${line_${i}}\n")
      set(kids ${kids_${i}})
      if(direction STREQUAL "forward")
        list(REVERSE kids)
      endif()
      list(APPEND stack ${kids})
    endwhile()
    set(out_${direction} "${out}")
  endforeach()
  if(NOT out_forward STREQUAL "${text}\n")
    message(FATAL_ERROR "${paths}: not in pre-order (the tree its paths describe, walked in pre-order, differs)")
  endif()
  file(WRITE ${mirrored_out} "${out_mirrored}")
endfunction()
