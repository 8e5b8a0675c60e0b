# SPDX-License-Identifier: BSL-1.0
# CPack settings: `cpack` (or `cpack -G DEB`) in a build tree makes
# libkin-dev_<version>_all.deb from what `cmake --install` installs, with
# prefix /usr. Build first: the package takes the HTML docs from the build.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kin)
set(CPACK_PACKAGE_VENDOR "kin")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION "kin is a header-only C++20 library of intrusive parent/child/sibling
trees: the node embeds its links and kin never allocates. One set of
walkers (forward and reverse, on every layout) and algorithms serves the
kernel's singly linked layout, a list_head-style doubly linked layout, a
compact 4-pointer layout and any C struct described by a few traits.
This package holds the headers, a CMake package (find_package(kin)),
a pkg-config file (kin.pc) and the HTML reference.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE_1_0.txt)
set(CPACK_PACKAGE_CONTACT "${KIN_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_NAME libkin-dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${KIN_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libboost-dev (>= 1.74)")
# The DTB loader (kin/adapters/dtb.hpp, the devicetree component) needs libfdt.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libfdt-dev")
set(CPACK_DEBIAN_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/kin_cpack_project.cmake)
include(CPack)
