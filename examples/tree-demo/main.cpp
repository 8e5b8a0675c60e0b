// SPDX-License-Identifier: BSL-1.0
// kin-tree-demo: builds a small memory map as a kin tree and shows it the
// ways kin can: drawn like tree(1), printed like /proc/iomem forwards and
// top-down, and as Graphviz DOT with --dot.
//
//   kin-tree-demo          the drawings
//   kin-tree-demo --dot    DOT text, numbered in mirrored pre-order (| dot -Tsvg)
#include <kin/dot.hpp>
#include <kin/kin.hpp>
#include <kin/print.hpp>

#include <cstdio>
#include <cstring>
#include <string>

namespace {

struct region : kin::list_hook<> { // a base-class hook, list_head layout
  region(unsigned long long s, unsigned long long e, const char* n) : start(s), end(e), name(n) {}
  unsigned long long start, end;
  const char* name;
};
using tree = kin::tree<kin::base_hook<region, kin::list_hook<>>>;

std::string label(const region& r) {
  char text[128];
  std::snprintf(text, sizeof text, "%08llx-%08llx : %s", r.start, r.end, r.name);
  return text;
}

} // namespace

constexpr const char* kUsage =
    "usage: kin-tree-demo [--dot]\n"
    "Builds a small memory map as a kin::tree and prints it: drawn, walked\n"
    "top-down and bottom-up, or with --dot as Graphviz DOT (pipe into dot -Tsvg).\n"
    "\n"
    "  --dot        write Graphviz DOT instead of the drawing\n"
    "  --help       this text\n"
    "  --version    the kin version\n"
    "\n"
    "Exit status: 0 success, 2 bad usage. It reads no input.\n";

int main(int argc, char** argv) {
  bool dot = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0) {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (std::strcmp(argv[i], "--version") == 0) {
      std::printf("kin-tree-demo (kin) %s\n", KIN_VERSION_STRING);
      return 0;
    }
    if (std::strcmp(argv[i], "--dot") == 0) {
      dot = true;
      continue;
    }
    std::fprintf(stderr, "kin-tree-demo: unknown option %s (kin-tree-demo --help lists the options)\n", argv[i]);
    return 2;
  }
  region root(0, ~0ULL, "PCI mem");
  region ram0(0x1000, 0x9fbff, "System RAM"), ram1(0x100000, 0xbffdffff, "System RAM"),
      code(0x1000000, 0x1ffffff, "Kernel code"), data(0x2000000, 0x25fffff, "Kernel data"),
      pci(0xc0000000, 0xfebfffff, "PCI Bus 0000:00"), vga(0xfd000000, 0xfdffffff, "0000:00:02.0"),
      ram2(0x100000000, 0x23fffffff, "System RAM");
  tree t(root);
  for (region* r : {&ram0, &ram1, &pci, &ram2}) t.link_last_child(root, *r);
  t.link_last_child(ram1, code);
  t.link_last_child(ram1, data);
  t.link_last_child(pci, vga);
  if (!t.verify()) return 1;

  if (dot) {
    kin::write_dot(kin::file_sink{stdout}, t, label, kin::postorder_reverse(t), {"memory map"});
    return 0;
  }
  std::printf("The tree, drawn by kin::print_tree:\n\n");
  kin::print_tree(kin::file_sink{stdout}, t, label);

  std::printf("\nAs /proc/iomem prints it (pre-order, two spaces per level):\n\n");
  const auto all = kin::descendants(t).with_depth();
  for (auto it = all.begin(); it != all.end(); ++it)
    std::printf("%*s%s\n", static_cast<int>(2 * (it.depth() - 1)), "", label(*it).c_str());

  std::printf("\nTop of memory first (post-order reversed = mirrored pre-order: native, no allocation):\n\n");
  const auto top_down = kin::postorder_reverse(t).with_depth();
  for (auto it = std::next(top_down.begin()); it != top_down.end(); ++it)
    std::printf("%*s%s\n", static_cast<int>(2 * (it.depth() - 1)), "", label(*it).c_str());

  std::printf("\nSystem RAM, highest first: ");
  for (region& r : kin::children_reverse(t))
    if (std::strcmp(r.name, "System RAM") == 0) std::printf("%llx ", r.start);
  std::printf("\n\n(build/release/examples/tree-demo/kin-tree-demo --dot | dot -Tsvg > map.svg draws it)\n");
  return 0;
}
