# SPDX-License-Identifier: BSL-1.0
# Renders one example program's --dot output as SVG for the guides (run by
# the docs target, docs/CMakeLists.txt): PROGRAM ARGS... > DOT_FILE, then
# dot -Tsvg DOT_FILE -o SVG. The program's standard error (notes, loader
# warnings about the test tables) is shown only when it fails, so the build
# log stays quiet; a failure of either step fails the build.
#
# -D PROGRAM=... -D ARGS=a|b|c (| separates the arguments) -D DOT=<dot>
# -D DOT_FILE=... -D SVG=...
string(REPLACE "|" ";" args "${ARGS}")
string(REPLACE "|" " " shown "${ARGS}")
execute_process(COMMAND "${PROGRAM}" ${args}
  OUTPUT_FILE "${DOT_FILE}" ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE "${DOT_FILE}")
  message(FATAL_ERROR "${PROGRAM} ${shown}: exit status ${rc}\n${err}")
endif()
execute_process(COMMAND "${DOT}" -Tsvg "${DOT_FILE}" -o "${SVG}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE "${SVG}")
  message(FATAL_ERROR "${DOT} -Tsvg ${DOT_FILE}: exit status ${rc}")
endif()
