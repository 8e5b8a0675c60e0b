# SPDX-License-Identifier: BSL-1.0
# The live cross-check with ACPICA (ctest, when acpica-tools is installed):
# loads TABLES (a ;-list, in order) with acpiexec and with acpi-ns, and
# fails unless `acpi-ns --paths` equals acpiexec's namespace dump turned
# into path lines by ns-to-paths.awk (acpiexec's own \_TI_ left out).
#   cmake -D ACPIEXEC=... -D ACPI_NS=... -D AWK=... -D SCRIPT=.../ns-to-paths.awk
#         -D TABLES=a.aml;b.aml -D WORK=DIR -P acpiexec_check.cmake
foreach(v ACPIEXEC ACPI_NS AWK SCRIPT TABLES WORK)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "acpiexec_check.cmake: -D ${v}=... is missing")
  endif()
endforeach()
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${ACPIEXEC} -b namespace ${TABLES}
  OUTPUT_VARIABLE dump ERROR_VARIABLE dump_err RESULT_VARIABLE rc)
file(WRITE ${WORK}/acpiexec.ns.txt "${dump}${dump_err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "acpiexec failed (${rc}): see ${WORK}/acpiexec.ns.txt")
endif()
execute_process(COMMAND ${AWK} -f ${SCRIPT} ${WORK}/acpiexec.ns.txt OUTPUT_VARIABLE expected RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR expected STREQUAL "")
  message(FATAL_ERROR "no namespace in acpiexec's dump: see ${WORK}/acpiexec.ns.txt")
endif()
execute_process(COMMAND ${ACPI_NS} --paths ${TABLES} OUTPUT_VARIABLE actual ERROR_VARIABLE actual_err RESULT_VARIABLE rc)
file(WRITE ${WORK}/expected.paths "${expected}")
file(WRITE ${WORK}/acpi-ns.paths "${actual}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "acpi-ns --paths exited ${rc}: ${actual_err}")
endif()
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "acpi-ns --paths differs from acpiexec: diff ${WORK}/expected.paths ${WORK}/acpi-ns.paths")
endif()
