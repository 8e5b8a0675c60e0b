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
