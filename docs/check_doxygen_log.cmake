# SPDX-License-Identifier: BSL-1.0
# Run by the docs target after Doxygen: fails on every warning in Doxygen's
# log except an undocumented typedef or using alias (at any scope) and an
# undocumented data member (a variable of a struct, class or union).
#
# Doxygen 1.9.4 cannot warn about undocumented functions without warning about
# undocumented typedefs too; kin documents its functions and classes, but not
# every member type (value_type, iterator_category, ...) or plain data member.
# Those warnings read, for example:
#   file.hpp:12: warning: Member value_type (typedef) of struct kin::x is not documented.
#   file.hpp:13: warning: Member id (variable) of struct kin::x is not documented.
# A message continues on following lines that are not the start of another
# message; a line that is not a message at all also fails the check.
#
# -D LOG=<WARN_LOGFILE> [-D INVALIDATE=<file>]: on failure INVALIDATE (the
# docs target's output, html/index.html) is removed, so the next build runs
# Doxygen again instead of trusting HTML from a failed run.
if(NOT EXISTS "${LOG}")
  message(FATAL_ERROR "Doxygen wrote no warning log at ${LOG}")
endif()
file(READ "${LOG}" log)
# One list element per line: protect the characters lists treat specially.
string(REPLACE "\\" "<backslash>" log "${log}")
string(REPLACE ";" "<semicolon>" log "${log}")
string(REPLACE "[" "<lbracket>" log "${log}")
string(REPLACE "]" "<rbracket>" log "${log}")
string(REPLACE "\n" ";" lines "${log}")

set(allowed_regex
  "warning: Member .* \\(typedef\\) of .* is not documented\\.$"
  "warning: Member .* \\(variable\\) of (struct|class|union) .* is not documented\\.$")
set(message_start_regex "(^|: )(warning|error): ")

set(kept "")
set(kept_count 0)
set(ignored_count 0)
set(current_allowed FALSE)
foreach(line IN LISTS lines)
  if(line STREQUAL "")
    continue()
  endif()
  if(line MATCHES "${message_start_regex}")
    set(current_allowed FALSE)
    foreach(regex IN LISTS allowed_regex)
      if(line MATCHES "${regex}")
        set(current_allowed TRUE)
      endif()
    endforeach()
    if(current_allowed)
      math(EXPR ignored_count "${ignored_count} + 1")
      continue()
    endif()
    math(EXPR kept_count "${kept_count} + 1")
  elseif(current_allowed)
    continue() # a continuation line of an allowed message
  elseif(kept_count EQUAL 0)
    math(EXPR kept_count "${kept_count} + 1") # text outside any message
  endif()
  string(APPEND kept "${line}\n")
endforeach()
string(REPLACE "<rbracket>" "]" kept "${kept}")
string(REPLACE "<lbracket>" "[" kept "${kept}")
string(REPLACE "<semicolon>" ";" kept "${kept}")
string(REPLACE "<backslash>" "\\" kept "${kept}")

if(kept_count GREATER 0)
  if(INVALIDATE)
    file(REMOVE "${INVALIDATE}")
  endif()
  message(NOTICE "${kept}") # as Doxygen wrote them: FATAL_ERROR would rewrap the lines
  message(FATAL_ERROR "Doxygen: ${kept_count} warning(s) above (the whole log: ${LOG}); "
    "only undocumented typedefs and data members are allowed")
endif()
message(STATUS "Doxygen: no warnings (${ignored_count} undocumented typedefs or data members ignored)")
