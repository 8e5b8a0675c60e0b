// SPDX-License-Identifier: BSL-1.0
// Replaces the global operator new of the scale test program to count
// allocations (the core must make none). In its own translation unit so the
// compiler never sees new and free side by side.
#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<long> g_allocations{0};
}

namespace kin_test {
long allocation_count() { return g_allocations.load(); }
} // namespace kin_test

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {
std::atomic<bool> g_fail_next_nothrow{false};
}
namespace kin_test {
void fail_next_nothrow_allocation() { g_fail_next_nothrow.store(true); }
} // namespace kin_test

// What `new (std::nothrow) T[n]` calls: counted, and failing on request.
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (g_fail_next_nothrow.exchange(false)) return nullptr;
  return std::malloc(size ? size : 1);
}
// The array forms, so that ASan's own operators never see our malloc blocks.
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
