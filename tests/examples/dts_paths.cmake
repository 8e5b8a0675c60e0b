# SPDX-License-Identifier: BSL-1.0
# kin_dts_paths(DTS PREORDER_OUT MIRRORED_OUT): the node list of a .dts as
# `dtc -I dtb -O dts` prints it, extracted from the text alone (never from
# dt-tree's output): the full path of every node, one per line, root "/",
# in document order (PREORDER_OUT) and in mirrored pre-order (MIRRORED_OUT:
# each level's children last to first, parents before children), which is
# the post-order read backwards: a node's path is recorded when its "};"
# closes it, and that list is reversed.
# Node lines end in " {" (a property line ends in ";"), closing lines are
# tabs and "};". Semicolons are removed first, so the text splits into
# lines safely.
function(kin_dts_paths dts preorder_out mirrored_out)
  file(READ ${dts} text)
  string(REPLACE ";" "" text "${text}")
  string(REGEX MATCHALL "[^\n]* {\n|\t*}\n" lines "${text}")
  set(stack "")
  set(preorder "")
  set(postorder "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^\t*([^\t][^\n]*) {\n$")
      set(name "${CMAKE_MATCH_1}")
      list(LENGTH stack depth)
      if(depth EQUAL 0)
        set(path "/") # the root: "/ {"
      else()
        list(GET stack -1 parent)
        if(parent STREQUAL "/")
          set(path "/${name}")
        else()
          set(path "${parent}/${name}")
        endif()
      endif()
      list(APPEND stack "${path}")
      string(APPEND preorder "${path}\n")
    else()
      list(LENGTH stack depth)
      if(depth EQUAL 0)
        message(FATAL_ERROR "${dts}: a \"};\" closes no node")
      endif()
      list(GET stack -1 path)
      list(REMOVE_AT stack -1)
      list(APPEND postorder "${path}")
    endif()
  endforeach()
  if(stack)
    message(FATAL_ERROR "${dts}: nodes left open: ${stack}")
  endif()
  list(REVERSE postorder)
  list(JOIN postorder "\n" mirrored)
  file(WRITE ${preorder_out} "${preorder}")
  file(WRITE ${mirrored_out} "${mirrored}\n")
endfunction()
