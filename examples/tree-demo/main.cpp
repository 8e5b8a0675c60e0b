// kin-tree-demo: builds a small memory map as a kin tree (list_head layout)
// and prints it forwards and backwards, the way /proc/iomem nests it.
#include <kin/kin.hpp>

#include <cstdio>

namespace {

// A base-class hook: hook -> region is a static_cast.
struct region : kin::list_hook {
  region(unsigned long long s, unsigned long long e, const char* n) : start(s), end(e), name(n) {}
  unsigned long long start, end;
  const char* name;
};
using T = kin::list_traits;

const region& as_region(const kin::list_hook* h) { return *static_cast<const region*>(h); }

void print(const char* title, auto&& walk) {
  std::printf("%s\n", title);
  for (auto it = walk.begin(); it != walk.end(); ++it) {
    if (it.depth() == 0) continue; // the root spans everything; /proc/iomem omits it
    const region& r = as_region(*it);
    std::printf("%*s%08llx-%08llx : %s\n", static_cast<int>(2 * (it.depth() - 1)), "", r.start, r.end, r.name);
  }
}

} // namespace

int main() {
  region root{0, ~0ULL, "PCI mem"};
  region ram0{0x1000, 0x9fbff, "System RAM"};
  region ram1{0x100000, 0xbffdffff, "System RAM"};
  region code{0x1000000, 0x1ffffff, "Kernel code"};
  region data{0x2000000, 0x25fffff, "Kernel data"};
  region pci{0xc0000000, 0xfebfffff, "PCI Bus 0000:00"};
  region ram2{0x100000000, 0x23fffffff, "System RAM"};

  kin::link_last_child<T>(&root, &ram0);
  kin::link_last_child<T>(&root, &ram1);
  kin::link_last_child<T>(&root, &pci);
  kin::link_last_child<T>(&root, &ram2);
  kin::link_last_child<T>(&ram1, &code);
  kin::link_last_child<T>(&ram1, &data);

  if (!kin::verify<T>(&root)) return 1;
  print("pre-order (as /proc/iomem prints it):", kin::preorder<T>(&root));
  print("\nmirrored pre-order (top of memory first, no allocation):", kin::mirrored_preorder<T>(&root));
  std::printf("\ntop-level ranges, highest first:");
  for (auto* h : kin::children_reverse<T>(&root)) std::printf(" %s@%llx", as_region(h).name, as_region(h).start);
  std::printf("\n");
}
