# SPDX-License-Identifier: BSL-1.0
# Test docs_walk_pictures: runs the generator of docs/walkers.md's pictures
# and reads back, from the DOT it wrote, the order its numbers (xlabels)
# give. The expected orders are worked out by hand from the tree drawn in
# walk_pictures.cpp's opening comment, not taken from its output: a picture
# that numbers a walk wrongly fails here.
#
# -D GENERATOR=<walk_pictures> -D WORK_DIR=<empty directory to write into>
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(COMMAND "${GENERATOR}" "${WORK_DIR}" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${GENERATOR} ${WORK_DIR}: exit status ${rc}\n${err}")
endif()

# numbered_order(WALK OUT): the letters of walk_WALK.dot in the order of
# their xlabels 1, 2, ...; fails on a gap, a repeat or an unknown node.
function(numbered_order walk out)
  set(file "${WORK_DIR}/walk_${walk}.dot")
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "the generator wrote no ${file}")
  endif()
  file(READ "${file}" text)
  # One list element per line: protect the characters lists treat specially.
  string(REPLACE ";" "<semicolon>" text "${text}")
  string(REPLACE "[" "<lbracket>" text "${text}")
  string(REPLACE "]" "<rbracket>" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(count 0)
  foreach(line IN LISTS lines)
    if(line MATCHES "^  (n[0-9]+) <lbracket>label=\"([A-J])\"<rbracket><semicolon>$")
      set(letter_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
    elseif(line MATCHES "^  (n[0-9]+) <lbracket>xlabel=\"([0-9]+)\"<rbracket><semicolon>$")
      if(DEFINED at_${CMAKE_MATCH_2})
        message(FATAL_ERROR "${file}: number ${CMAKE_MATCH_2} given twice")
      endif()
      set(at_${CMAKE_MATCH_2} "${CMAKE_MATCH_1}")
      math(EXPR count "${count} + 1")
    endif()
  endforeach()
  if(count EQUAL 0)
    message(FATAL_ERROR "${file}: no node is numbered")
  endif()
  set(order "")
  foreach(i RANGE 1 ${count})
    if(NOT DEFINED at_${i} OR NOT DEFINED letter_${at_${i}})
      message(FATAL_ERROR "${file}: no node numbered ${i} of ${count}")
    endif()
    string(APPEND order "${letter_${at_${i}}}")
  endforeach()
  set(${out} "${order}" PARENT_SCOPE)
endfunction()

# The tree: A has B, E, F; B - C - D is a chain; F has G, H, I, J.
set(expected
  preorder=ABCDEFGHIJ
  postorder_reverse=AFJIHGEBCD   # mirrored pre-order
  postorder=DCBEGHIJFA
  descendants_reverse=JIHGFEDCB
  children_reverse=JIHG          # of F
  ancestors_reverse=ABC          # of D
  leaves=DEGHIJ
  preorder_skip=ABEFGHIJ)        # skip_children() at B
set(failures "")
foreach(entry IN LISTS expected)
  string(REPLACE "=" ";" pair "${entry}")
  list(GET pair 0 walk)
  list(GET pair 1 want)
  numbered_order(${walk} got)
  if(NOT got STREQUAL want)
    string(APPEND failures "  walk_${walk}.dot numbers ${got}, expected ${want}\n")
  endif()
endforeach()
if(failures)
  message(FATAL_ERROR "wrong visit numbers:\n${failures}")
endif()
message(STATUS "walk pictures: the numbering of ${WORK_DIR} is right")
