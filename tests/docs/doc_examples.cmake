# SPDX-License-Identifier: BSL-1.0
# Code in the documentation that cannot rot: included by tests/CMakeLists.txt.
#
# kin_doc_example(FILE NAME [STDOUT_REGEX RE])
#
# At configure time (re-run when FILE changes), takes from the Markdown page
# FILE the ```cpp block between
#     <!-- kin-example:NAME:begin -->  and  <!-- kin-example:NAME:end -->
# builds it as the program kin_doc_example_NAME (kin::kin, KIN_WARNINGS) and
# adds the test docs_example.NAME, which runs it: it must exit 0, write
# nothing to stderr and, when the page also has a ```text block between
#     <!-- kin-example:NAME:output:begin -->  and  <!-- kin-example:NAME:output:end -->
# print exactly that block on stdout, byte for byte. STDOUT_REGEX: stdout must
# match RE instead (for output the page abbreviates). Each marker may occur
# once in FILE; a marker without its partner, or markers without the block
# between them, stop the configure step.

# kin_doc_block(TEXT NAME LANG OUT): the ```LANG block between NAME's markers
# in TEXT, into OUT (empty when the page has no such markers).
function(kin_doc_block text marker lang out)
  set(begin "<!-- kin-example:${marker}:begin -->")
  set(end "<!-- kin-example:${marker}:end -->")
  string(FIND "${text}" "${begin}" b)
  string(FIND "${text}" "${end}" e)
  if(b EQUAL -1 AND e EQUAL -1)
    set(${out} "" PARENT_SCOPE)
    return()
  endif()
  if(b EQUAL -1 OR e EQUAL -1 OR e LESS b)
    message(FATAL_ERROR "${kin_doc_file}: '${begin}' and '${end}' must both be there, in that order")
  endif()
  string(FIND "${text}" "${begin}" b_last REVERSE)
  string(FIND "${text}" "${end}" e_last REVERSE)
  if(NOT b EQUAL b_last OR NOT e EQUAL e_last)
    message(FATAL_ERROR "${kin_doc_file}: the markers of '${marker}' occur more than once")
  endif()
  string(LENGTH "${begin}" begin_length)
  math(EXPR from "${b} + ${begin_length}")
  math(EXPR length "${e} - ${from}")
  string(SUBSTRING "${text}" ${from} ${length} between)
  # Only blank lines around the block, which is the only thing there.
  unset(block)
  if(between MATCHES "^[ \n]*```${lang}\n(.*\n)```[ \n]*$")
    set(block "${CMAKE_MATCH_1}")
  endif()
  if(NOT DEFINED block OR block MATCHES "(^|\n)```")
    message(FATAL_ERROR "${kin_doc_file}: no single ```${lang} block between '${begin}' and '${end}'")
  endif()
  set(${out} "${block}" PARENT_SCOPE)
endfunction()

# Writes CONTENT to PATH unless PATH already holds it (so that a configure
# step does not rebuild an unchanged example).
function(kin_doc_write path content)
  if(EXISTS "${path}")
    file(READ "${path}" old)
    if(old STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE "${path}" "${content}")
endfunction()

function(kin_doc_example file name)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "STDOUT_REGEX" "")
  if(NOT name MATCHES "^[A-Za-z0-9_]+$")
    message(FATAL_ERROR "kin_doc_example: NAME '${name}' must be letters, digits and underscores")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  file(READ ${file} text)
  set(kin_doc_file ${file})
  kin_doc_block("${text}" ${name} cpp code)
  if(code STREQUAL "")
    message(FATAL_ERROR "${file} has no <!-- kin-example:${name}:begin --> marker")
  endif()
  kin_doc_block("${text}" ${name}:output text expected)
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/docs_examples)
  kin_doc_write(${dir}/${name}.cpp "${code}")
  add_executable(kin_doc_example_${name} ${dir}/${name}.cpp)
  target_link_libraries(kin_doc_example_${name} PRIVATE kin::kin)
  target_compile_options(kin_doc_example_${name} PRIVATE ${KIN_WARNINGS})
  set(check)
  if(NOT expected STREQUAL "")
    kin_doc_write(${dir}/${name}.expected "${expected}")
    list(APPEND check -D EXPECT_STDOUT_FILE=${dir}/${name}.expected)
  endif()
  if(DEFINED arg_STDOUT_REGEX)
    list(APPEND check "-DSTDOUT_REGEX=${arg_STDOUT_REGEX}")
  endif()
  add_test(NAME docs_example.${name}
    COMMAND ${CMAKE_COMMAND} -D COMMAND=$<TARGET_FILE:kin_doc_example_${name}> -D STDERR_EMPTY=1 ${check}
            -P ${PROJECT_SOURCE_DIR}/tests/examples/run_command.cmake)
endfunction()
