# SPDX-License-Identifier: BSL-1.0
# CPACK_PROJECT_CONFIG_FILE: read by cpack once per generator, with
# CPACK_GENERATOR set to that generator. The Debian package tells kin's install
# script (kin_install.cmake) to put the licence and docs where Debian wants
# them; every other generator gets the plain `cmake --install` layout.
if(CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_CUSTOM_INSTALL_VARIABLES "KIN_DEBIAN_PACKAGE=${CPACK_DEBIAN_PACKAGE_NAME}")
endif()
