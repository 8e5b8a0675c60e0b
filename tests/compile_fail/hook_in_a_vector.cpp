// SPDX-License-Identifier: BSL-1.0
// A value with a hook cannot live in a std::vector (which moves its elements
// when it grows): the error shows the hook's deleted copy constructor, whose
// line says why and what to do.
// expect-error: a hook never moves; keep values in place
#include <kin/layouts/list.hpp>

#include <deque>
#include <vector>

struct region {
  unsigned long start = 0;
  kin::list_hook<> hook;
};

int main() {
#ifndef KIN_CONTROL
  std::vector<region> regions;
#else
  std::deque<region> regions; // never moves what it holds
#endif
  regions.emplace_back();
  return static_cast<int>(regions.size()) - 1;
}
