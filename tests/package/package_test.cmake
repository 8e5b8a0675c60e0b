# SPDX-License-Identifier: BSL-1.0
# kin as a user gets it, in one of two ways (MODE):
#   install  `cmake --install` of the build tree into a fresh prefix;
#   deb      the Debian package: cpack -G DEB into a scratch directory, then
#            `dpkg-deb -x` into a scratch root (never dpkg -i), and its
#            control fields, copyright file and doc directory checked
#            (the package was also found lintian-clean on Debian 12).
# Either way the headers, the CMake package, kin.pc, the licence and (with
# DOCS) the HTML reference must be there, and tests/package/consumer must
# build and run twice: with find_package(kin) (CMAKE_PREFIX_PATH) and with
# the flags of `pkg-config --cflags kin`.
#
# kin.pc holds the prefix installed to: the install prefix, or /usr in the
# .deb. To use the .deb's kin.pc from the scratch root, the test runs
# `pkg-config --define-prefix`, which sets prefix to the directory two levels
# above the .pc file (<root>/usr): that also checks that includedir is
# written relative to ${prefix}. (PKG_CONFIG_SYSROOT_DIR would work too, but
# it would also prefix a hard-coded /usr/include and so check less.)
# PKG_CONFIG_LIBDIR replaces pkg-config's search path, so no kin.pc installed
# on the machine can answer instead.
#
# -D MODE=install|deb -D KIN_BINARY_DIR=... -D CONSUMER_DIR=... -D WORK_DIR=...
# -D CXX=... -D GENERATOR=... -D PKG_CONFIG=... -D DOCS=ON|OFF -D VERSION=...
# and for MODE=deb: -D CPACK=... -D DPKG_DEB=...
file(REMOVE_RECURSE "${WORK_DIR}")
function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()
function(expect_file path)
  if(NOT EXISTS "${path}")
    message(FATAL_ERROR "the installed kin lacks ${path}")
  endif()
endfunction()
function(expect_no_file path)
  if(EXISTS "${path}")
    message(FATAL_ERROR "the installed kin should not have ${path}")
  endif()
endfunction()

if(MODE STREQUAL "install")
  set(prefix "${WORK_DIR}/prefix")
  run("install" ${CMAKE_COMMAND} --install "${KIN_BINARY_DIR}" --prefix "${prefix}")
  set(docdir "${prefix}/share/doc/kin")
  set(licence "${docdir}/LICENSE_1_0.txt")
  set(pc_prefix "${prefix}")
  set(pkg_config_args)
elseif(MODE STREQUAL "deb")
  run("cpack" ${CPACK} --config "${KIN_BINARY_DIR}/CPackConfig.cmake" -G DEB -B "${WORK_DIR}/cpack")
  set(deb "${WORK_DIR}/cpack/libkin-dev_${VERSION}_all.deb")
  expect_file("${deb}")
  foreach(field_value IN ITEMS "Package=libkin-dev" "Version=${VERSION}" "Architecture=all"
                               "Depends=libboost-dev (>= 1.74)" "Section=libdevel")
    string(REGEX MATCH "^([^=]*)=(.*)$" _ "${field_value}")
    run("dpkg-deb -f" ${DPKG_DEB} -f "${deb}" "${CMAKE_MATCH_1}")
    string(STRIP "${last_output}" value)
    if(NOT value STREQUAL CMAKE_MATCH_2)
      message(FATAL_ERROR "the package's ${CMAKE_MATCH_1} is '${value}', not '${CMAKE_MATCH_2}'")
    endif()
  endforeach()
  run("dpkg-deb -f" ${DPKG_DEB} -f "${deb}" Maintainer Description)
  if(NOT last_output MATCHES "Maintainer: [^\n]+ <[^\n]+@[^\n]+>\nDescription: [^\n]+\n [^\n]+")
    message(FATAL_ERROR "the package needs a maintainer and a description:\n${last_output}")
  endif()
  run("dpkg-deb -x" ${DPKG_DEB} -x "${deb}" "${WORK_DIR}/root")
  set(prefix "${WORK_DIR}/root/usr")
  expect_no_file("${WORK_DIR}/root/usr/local")
  # Debian policy 12.5: the licence is /usr/share/doc/<package>/copyright.
  set(docdir "${prefix}/share/doc/libkin-dev")
  set(licence "${docdir}/copyright")
  expect_no_file("${prefix}/share/doc/kin")
  expect_file("${docdir}/changelog.gz") # policy 12.7 (lintian: no-changelog)
  file(READ "${licence}" copyright)
  if(NOT copyright MATCHES "^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
     OR NOT copyright MATCHES "\nLicense: BSL-1.0\n Boost Software License - Version 1.0")
    message(FATAL_ERROR "${licence} is not a machine-readable copyright file with the licence:\n${copyright}")
  endif()
  set(pc_prefix "/usr")
  set(pkg_config_args --define-prefix)
else()
  message(FATAL_ERROR "MODE must be install or deb, not '${MODE}'")
endif()

expect_file("${prefix}/include/kin/kin.hpp")
expect_file("${prefix}/share/cmake/kin/kinConfig.cmake")
expect_file("${prefix}/share/pkgconfig/kin.pc")
expect_file("${licence}")
file(READ "${licence}" text)
if(NOT text MATCHES "Permission is hereby granted, free of charge")
  message(FATAL_ERROR "${licence} does not hold the licence text")
endif()
if(DOCS)
  expect_file("${docdir}/html/index.html")
endif()

# find_package(kin)
run("configure" ${CMAKE_COMMAND} -S "${CONSUMER_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Release)
file(STRINGS "${WORK_DIR}/build/CMakeCache.txt" kin_dir REGEX "^kin_DIR:")
if(NOT kin_dir MATCHES "${prefix}")
  message(FATAL_ERROR "find_package(kin) did not use the installed package: ${kin_dir}")
endif()
run("build" ${CMAKE_COMMAND} --build "${WORK_DIR}/build")
run("run" "${WORK_DIR}/build/consumer")
set(expected "kin consumer: 3 2 1 0\n")
if(NOT last_output STREQUAL expected)
  message(FATAL_ERROR "unexpected output (find_package): '${last_output}'")
endif()

# pkg-config
set(pkg_config ${CMAKE_COMMAND} -E env "PKG_CONFIG_LIBDIR=${prefix}/share/pkgconfig"
    --unset=PKG_CONFIG_PATH --unset=PKG_CONFIG_SYSROOT_DIR ${PKG_CONFIG})
run("pkg-config --modversion" ${pkg_config} --modversion kin)
if(NOT last_output STREQUAL "${VERSION}\n")
  message(FATAL_ERROR "kin.pc says version '${last_output}', not ${VERSION}")
endif()
run("pkg-config --variable=prefix" ${pkg_config} --variable=prefix kin)
if(NOT last_output STREQUAL "${pc_prefix}\n")
  message(FATAL_ERROR "kin.pc says prefix '${last_output}', not ${pc_prefix}")
endif()
run("pkg-config --cflags" ${pkg_config} ${pkg_config_args} --cflags kin)
string(STRIP "${last_output}" cflags)
if(NOT cflags STREQUAL "-I${prefix}/include")
  message(FATAL_ERROR "pkg-config ${pkg_config_args} --cflags kin gives '${cflags}', not -I${prefix}/include")
endif()
separate_arguments(cflags UNIX_COMMAND "${cflags}")
run("compile with pkg-config's flags" ${CXX} -std=c++20 -Wall -Wextra -Werror ${cflags}
    "${CONSUMER_DIR}/main.cpp" -o "${WORK_DIR}/consumer-pkg-config")
run("run" "${WORK_DIR}/consumer-pkg-config")
if(NOT last_output STREQUAL expected)
  message(FATAL_ERROR "unexpected output (pkg-config): '${last_output}'")
endif()
message(STATUS "package test (${MODE}) passed: ${last_output}")
