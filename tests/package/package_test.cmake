# SPDX-License-Identifier: BSL-1.0
# Installs kin from a build tree into a fresh prefix, then configures, builds
# and runs tests/package/consumer against it with find_package(kin).
# -D KIN_BINARY_DIR=... -D CONSUMER_DIR=... -D WORK_DIR=... -D CXX=... -D GENERATOR=...
file(REMOVE_RECURSE "${WORK_DIR}")
function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()
run("install" ${CMAKE_COMMAND} --install "${KIN_BINARY_DIR}" --prefix "${WORK_DIR}/prefix")
if(NOT EXISTS "${WORK_DIR}/prefix/share/cmake/kin/kinConfig.cmake" OR
   NOT EXISTS "${WORK_DIR}/prefix/include/kin/kin.hpp")
  message(FATAL_ERROR "the install tree lacks kinConfig.cmake or the headers")
endif()
run("configure" ${CMAKE_COMMAND} -S "${CONSUMER_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Release)
file(STRINGS "${WORK_DIR}/build/CMakeCache.txt" kin_dir REGEX "^kin_DIR:")
if(NOT kin_dir MATCHES "${WORK_DIR}/prefix")
  message(FATAL_ERROR "find_package(kin) did not use the installed package: ${kin_dir}")
endif()
run("build" ${CMAKE_COMMAND} --build "${WORK_DIR}/build")
run("run" "${WORK_DIR}/build/consumer")
if(NOT last_output STREQUAL "kin consumer: 3 2 1 0\n")
  message(FATAL_ERROR "unexpected output: '${last_output}'")
endif()
message(STATUS "package test passed: ${last_output}")
