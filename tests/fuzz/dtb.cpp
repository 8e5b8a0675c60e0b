// SPDX-License-Identifier: BSL-1.0
// Fuzz target: the DTB loader. The input is a blob, loaded as is and, when
// its header's totalsize is not the input's size, once more with totalsize
// patched to the size (mutations that change the length then still reach
// the structure block). A rejected blob has an error offset inside it. An
// accepted one, on every layout:
// - verify passes, and the tree is what libfdt's own walk of the blob sees
//   (fdt_next_node: the nodes in order with their depths and names, each
//   node's properties in order with their lengths, values pointing into the
//   blob), nodes deeper than max_depth left out;
// - measure_dtb's counts are the tree's; load_dtb_into builds the same tree
//   in exactly the measured bytes and refuses one byte less;
// - every handle finds a node with that handle.
// Passes with the default max_depth (64) and a small one from the input's
// length. libfdt is not instrumented: AddressSanitizer sees kin's reads,
// not libfdt's (kin calls fdt_check_full before any other libfdt call).
#include "fuzz_support.hpp"

#include <kin/adapters/dtb.hpp>
#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>
#include <kin/layouts/singly.hpp>
#include <kin/verify.hpp>
#include <kin/walkers.hpp>

#include <libfdt.h>

#include <cstring>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace {

// A node as both sides see it: depth, unit name, properties (name, length).
struct seen {
  int depth;
  std::string_view name;
  std::vector<std::pair<std::string_view, std::size_t>> properties;
  bool operator==(const seen&) const = default;
};

// libfdt's view of an accepted blob, down to max_depth.
std::vector<seen> libfdt_view(const void* fdt, unsigned max_depth) {
  std::vector<seen> out;
  int depth = 0;
  for (int node = 0; node >= 0 && depth >= 0; node = fdt_next_node(fdt, node, &depth)) {
    if (depth < 0) break;
    if (static_cast<unsigned>(depth) > max_depth) continue;
    int len = 0;
    const char* name = fdt_get_name(fdt, node, &len);
    seen s{depth, name ? std::string_view(name, static_cast<std::size_t>(len)) : std::string_view{}, {}};
    int prop = 0;
    fdt_for_each_property_offset(prop, fdt, node) {
      const char* pname = nullptr;
      int plen = 0;
      fdt_getprop_by_offset(fdt, prop, &pname, &plen);
      s.properties.emplace_back(pname ? std::string_view(pname) : std::string_view{}, static_cast<std::size_t>(plen));
    }
    out.push_back(std::move(s));
  }
  return out;
}

template <class Hook>
std::vector<seen> kin_view(const kin::device_tree<Hook>& dt, const unsigned char* blob, std::size_t size) {
  using node = kin::device_node<Hook>;
  using R = typename node::traits;
  std::vector<seen> out;
  const auto walk = kin::preorder<R>(&dt.root()).with_depth();
  for (auto it = walk.begin(); it != walk.end(); ++it) {
    const node& n = *it;
    seen s{static_cast<int>(it.depth()), n.full_name, {}};
    bool has_name = false;
    for (std::size_t i = 0; i < n.property_count; ++i) {
      const kin::dt_property& p = n.properties[i];
      const bool inside = p.value >= blob && p.value + p.length <= blob + size;
      // The loader adds a `name` at the end when the blob's node has none;
      // its value lives in the tree's storage, not in the blob.
      const bool synthesised = i + 1 == n.property_count && p.name == "name" && !has_name && !inside;
      has_name |= p.name == "name";
      KIN_FUZZ_CHECK(synthesised || inside || (p.value == nullptr && p.length == 0),
                     "property %.*s's value is outside the blob", static_cast<int>(p.name.size()), p.name.data());
      if (!synthesised) s.properties.emplace_back(p.name, p.length);
    }
    if (n.phandle != 0) {
      const node* h = dt.find_by_phandle(n.phandle);
      KIN_FUZZ_CHECK(h && h->phandle == n.phandle, "handle 0x%x finds no node with it", n.phandle);
    }
    out.push_back(std::move(s));
  }
  return out;
}

template <class Hook>
void check_layout(const unsigned char* blob, std::size_t size, unsigned max_depth) {
  using R = typename kin::device_node<Hook>::traits;
  const kin::dtb_options o{max_depth};
  auto loaded = kin::load_dtb<Hook>(blob, size, o);
  const kin::dtb_layout layout = kin::measure_dtb<Hook>(blob, size, o);
  KIN_FUZZ_CHECK(bool(loaded) == bool(layout), "load_dtb and measure_dtb disagree on acceptance");
  if (!loaded) {
    KIN_FUZZ_CHECK(loaded.error().offset <= size, "error offset %zu of a %zu-byte blob: %s", loaded.error().offset, size,
                   loaded.error().message.c_str());
    KIN_FUZZ_CHECK(layout.error.offset == loaded.error().offset && layout.error.message == loaded.error().message,
                   "measure_dtb's error differs from load_dtb's");
    return;
  }
  const auto& dt = *loaded;
  KIN_FUZZ_CHECK(kin::verify<R>(&dt.root()), "verify fails on a loaded blob");
  KIN_FUZZ_CHECK(layout.nodes == dt.size() && layout.warnings == dt.warning_count() &&
                     layout.warnings == dt.warnings().size(),
                 "measure_dtb counts %zu nodes and %zu warnings, the tree has %zu and %zu", layout.nodes,
                 layout.warnings, dt.size(), dt.warning_count());
  // The loader checked the blob (fdt_check_full): libfdt may walk it now.
  const std::vector<seen> mine = kin_view(dt, blob, size);
  KIN_FUZZ_CHECK(mine == libfdt_view(blob, max_depth), "the tree is not what libfdt sees in the blob");
  // In caller storage: exactly the measured bytes, and not one less.
  static_assert(kin::device_tree<Hook>::block_alignment <= alignof(std::max_align_t));
  std::vector<std::max_align_t> words(layout.bytes / sizeof(std::max_align_t) + 1);
  auto* storage = reinterpret_cast<unsigned char*>(words.data());
  if (layout.bytes > 0) {
    auto short_of_one = kin::load_dtb_into<Hook>(blob, size, storage, layout.bytes - 1, o);
    KIN_FUZZ_CHECK(!short_of_one, "load_dtb_into accepted one byte less than measured");
  }
  auto in_place = kin::load_dtb_into<Hook>(blob, size, storage, layout.bytes, o);
  KIN_FUZZ_CHECK(in_place, "load_dtb_into refused the measured storage: %s",
                 in_place ? "" : in_place.error().message.c_str());
  KIN_FUZZ_CHECK(kin::verify<R>(&in_place->root()) && kin_view(*in_place, blob, size) == mine,
                 "load_dtb_into built another tree");
  KIN_FUZZ_CHECK(in_place->warning_count() == dt.warning_count(), "load_dtb_into counted other warnings");
}

void check(const unsigned char* blob, std::size_t size) {
  for (const unsigned max_depth : {64u, static_cast<unsigned>(size % 4)}) {
    check_layout<kin::singly_hook<>>(blob, size, max_depth);
    check_layout<kin::list_hook<>>(blob, size, max_depth);
    check_layout<kin::compact_hook<>>(blob, size, max_depth);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // An 8-byte aligned copy, as the loaders require (libFuzzer's buffer is
  // aligned, the replay driver's too; this makes it a fact).
  std::vector<std::uint64_t> words((size + 7) / 8 + 1);
  auto* blob = reinterpret_cast<unsigned char*>(words.data());
  if (size) std::memcpy(blob, data, size);
  check(blob, size);
  if (size >= 8) { // totalsize is bytes 4..7, big-endian
    const std::uint32_t total = static_cast<std::uint32_t>(size);
    const unsigned char be[4] = {static_cast<unsigned char>(total >> 24), static_cast<unsigned char>(total >> 16),
                                 static_cast<unsigned char>(total >> 8), static_cast<unsigned char>(total)};
    if (std::memcmp(blob + 4, be, 4) != 0) {
      std::memcpy(blob + 4, be, 4);
      check(blob, size);
    }
  }
  return 0;
}
