// SPDX-License-Identifier: BSL-1.0
// kin_resource_tests' global operator new and delete: malloc and free,
// unless iomem_test.cpp's out-of-memory test arms a failure (the n-th
// allocation after arming, once or from then on). Its own translation
// unit, outside the unity build, as a replaced operator new must be.
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace iomem_test {
std::atomic<long> g_allocations_left{-1}; // -1: disarmed
std::atomic<bool> g_fail_from_then_on{false};

static bool fail_this_allocation() {
  long left = g_allocations_left.load(std::memory_order_relaxed);
  if (left < 0) return false;
  if (left > 0) {
    g_allocations_left.store(left - 1, std::memory_order_relaxed);
    return false;
  }
  if (!g_fail_from_then_on.load(std::memory_order_relaxed)) g_allocations_left.store(-1, std::memory_order_relaxed);
  return true;
}
} // namespace iomem_test

void* operator new(std::size_t size) {
  if (iomem_test::fail_this_allocation()) throw std::bad_alloc();
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return iomem_test::fail_this_allocation() ? nullptr : std::malloc(size ? size : 1);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return iomem_test::fail_this_allocation() ? nullptr : std::malloc(size ? size : 1);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
