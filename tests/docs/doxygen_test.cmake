# SPDX-License-Identifier: BSL-1.0
# The docs target's warning check (docs/check_doxygen_log.cmake) and kin's
# contract headings (the ALIASES in docs/Doxyfile.in):
# 1. Doxygen, configured by kin's Doxyfile, over contracts.hpp: undocumented
#    typedefs, using aliases and data members only, so the check passes, and
#    the HTML shows the Requires:/Effects:/Complexity:/Throws: headings.
# 2. The same over undocumented_function.hpp: the check fails and names the
#    function.
# 3. The check alone on hand-written logs: multi-line messages, warnings
#    that look allowed but are not.
# -D DOXYGEN=... -D DOXYFILE=<build>/docs/Doxyfile -D CHECK=... -D FIXTURES=... -D WORK_DIR=...
file(REMOVE_RECURSE "${WORK_DIR}")

# check_log(NAME LOG_FILE EXPECT_PASS [REGEX]): run the check on a log; with
# EXPECT_PASS false it must fail, and its output must match REGEX.
function(check_log name log expect_pass)
  execute_process(COMMAND ${CMAKE_COMMAND} -D LOG=${log} -P ${CHECK}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(expect_pass AND NOT rc EQUAL 0)
    message(FATAL_ERROR "${name}: the check failed but should pass:\n${out}${err}")
  elseif(NOT expect_pass AND rc EQUAL 0)
    message(FATAL_ERROR "${name}: the check passed but should fail:\n${out}${err}")
  endif()
  if(ARGC GREATER 3 AND NOT "${out}${err}" MATCHES "${ARGV3}")
    message(FATAL_ERROR "${name}: the check's output does not match '${ARGV3}':\n${out}${err}")
  endif()
endfunction()

function(run_doxygen name header)
  set(dir "${WORK_DIR}/${name}")
  file(MAKE_DIRECTORY "${dir}")
  file(WRITE "${dir}/Doxyfile" "@INCLUDE = ${DOXYFILE}
INPUT = ${FIXTURES}/${header}
OUTPUT_DIRECTORY = ${dir}
WARN_LOGFILE = ${dir}/warnings.log
USE_MDFILE_AS_MAINPAGE =
STRIP_FROM_PATH = ${FIXTURES}
")
  execute_process(COMMAND ${DOXYGEN} "${dir}/Doxyfile" WORKING_DIRECTORY "${dir}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name}: doxygen failed (${rc}):\n${out}${err}")
  endif()
endfunction()

# 1.
run_doxygen(contracts contracts.hpp)
file(READ "${WORK_DIR}/contracts/warnings.log" log)
foreach(expected IN ITEMS "value_type \\(typedef\\)" "pointer \\(typedef\\)"
                          "other_alias \\(typedef\\)" "id \\(variable\\)")
  if(NOT log MATCHES "${expected}")
    message(FATAL_ERROR "Doxygen no longer warns '${expected}' on contracts.hpp: "
      "the check's allow-list may not match its messages any more. The log:\n${log}")
  endif()
endforeach()
check_log(contracts "${WORK_DIR}/contracts/warnings.log" TRUE)
file(GLOB pages "${WORK_DIR}/contracts/html/*.html")
set(html "")
foreach(page IN LISTS pages)
  file(READ "${page}" text)
  string(APPEND html "${text}")
endforeach()
foreach(heading IN ITEMS Requires Effects Complexity Throws)
  if(NOT html MATCHES "<dt>${heading}:</dt>")
    message(FATAL_ERROR "the HTML has no '${heading}:' heading (ALIASES in docs/Doxyfile.in)")
  endif()
endforeach()
if(NOT html MATCHES "<dt>Requires:</dt><dd><code>n</code> is linked\\.")
  message(FATAL_ERROR "@requires does not put its text under the Requires: heading")
endif()

# 2.
run_doxygen(undocumented undocumented_function.hpp)
check_log(undocumented "${WORK_DIR}/undocumented/warnings.log" FALSE
  "Member forgotten_step\\(int n\\) const \\(function\\)")

# 3.
set(w "/src/kin/x.hpp:1: warning:")
file(WRITE "${WORK_DIR}/allowed.log" "${w} Member value_type (typedef) of struct kin::x< T > is not documented.
${w} Member id (variable) of class kin::y is not documented.
${w} Member bits (variable) of union kin::z is not documented.
")
check_log(allowed "${WORK_DIR}/allowed.log" TRUE)
file(WRITE "${WORK_DIR}/empty.log" "")
check_log(empty "${WORK_DIR}/empty.log" TRUE)
check_log(missing "${WORK_DIR}/no-such.log" FALSE "wrote no warning log")
file(WRITE "${WORK_DIR}/namespace_variable.log" "${w} Member depth (variable) of namespace kin is not documented.\n")
check_log(namespace_variable "${WORK_DIR}/namespace_variable.log" FALSE "depth \\(variable\\) of namespace")
file(WRITE "${WORK_DIR}/multiline.log" "${w} Member value_type (typedef) of struct kin::x is not documented.
${w} argument 'q' of command @param is not found in the argument list of kin::f(int p)
  parameter 'p'
")
check_log(multiline "${WORK_DIR}/multiline.log" FALSE "argument 'q'[^\n]*\n  parameter 'p'")
file(WRITE "${WORK_DIR}/stray.log" "something Doxygen said without 'warning:'\n")
check_log(stray "${WORK_DIR}/stray.log" FALSE "without 'warning:'")
file(WRITE "${WORK_DIR}/error.log" "error: tag file not found; [x] \\n\n")
check_log(error "${WORK_DIR}/error.log" FALSE "error: tag file not found; \\[x\\] \\\\n")
message(STATUS "docs check and contract headings: all cases passed")
