// SPDX-License-Identifier: BSL-1.0
// Fuzz target: the resource operations (request, insert, remove, adjust,
// allocate, request_region, ...) driven by the input's bytes, on kin's
// resource tree and on the interval model of tests/resource/resource_model.hpp,
// which compares them after every step (results, the whole forest, verify,
// resource_check). The first byte picks the traits: the three kin hooks and
// the two kernel-shaped C structs (singly linked, list_head).
#include "fuzz_support.hpp"
#include "resource/resource_model.hpp"

#include <kin/adapters/resource.hpp>
#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>
#include <kin/layouts/singly.hpp>

namespace {

using namespace kin_resource_model;

template <class R>
void run(kin_test::byte_source& src) {
  harness<R> h(24);
  // Each step draws at least one byte: the input bounds the run. The cap
  // keeps one execution short (the comparison walks the whole pool).
  for (int i = 0; i < 200 && !src.exhausted(); ++i) {
    const std::string error = h.step(src);
    if (!error.empty()) kin_fuzz::fail("step %d: %s", i, error.c_str());
  }
}

template <class Hook>
using hook_traits = typename kin::resource<Hook>::traits;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  kin_test::byte_source src(data + 1, size - 1);
  switch (data[0] % 5) {
  case 0: run<hook_traits<kin::singly_hook<>>>(src); break;
  case 1: run<hook_traits<kin::list_hook<>>>(src); break;
  case 2: run<hook_traits<kin::compact_hook<>>>(src); break;
  case 3: run<kres_traits>(src); break;
  default: run<lres_traits>(src); break;
  }
  return 0;
}
