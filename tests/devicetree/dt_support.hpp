// SPDX-License-Identifier: BSL-1.0
// Shared helpers of the device tree tests: the committed blobs and their
// .dts text, a tiny .dts parser (node paths and property names), blob
// builders (libfdt's sequential-write API) and the three layouts.
#ifndef KIN_TESTS_DT_SUPPORT_HPP
#define KIN_TESTS_DT_SUPPORT_HPP

#include <kin/adapters/dtb.hpp>
#include <kin/checked_hook.hpp>
#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>
#include <kin/layouts/singly.hpp>
#include <kin/verify.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace dt_support {

// A blob in 8-byte aligned memory (libfdt's rule).
struct blob {
  std::vector<std::uint64_t> words;
  std::size_t size = 0;
  const void* data() const { return words.data(); }
  unsigned char* bytes() { return reinterpret_cast<unsigned char*>(words.data()); }
  const unsigned char* bytes() const { return reinterpret_cast<const unsigned char*>(words.data()); }
  void resize(std::size_t n) {
    words.resize((n + 7) / 8 + 1, 0);
    size = n;
  }
};

inline std::string data_path(const std::string& name) { return std::string(KIN_TEST_DATA_DIR) + "/dtb/" + name; }

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline blob read_blob(const std::string& name) {
  const std::string text = read_text(data_path(name));
  blob b;
  b.resize(text.size());
  std::memcpy(b.bytes(), text.data(), text.size());
  return b;
}

inline std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
inline void put_be32(unsigned char* p, std::uint32_t v) {
  p[0] = static_cast<unsigned char>(v >> 24);
  p[1] = static_cast<unsigned char>(v >> 16);
  p[2] = static_cast<unsigned char>(v >> 8);
  p[3] = static_cast<unsigned char>(v);
}

// One node of a .dts: its path and its property names, in order.
struct dts_node {
  std::string path;
  std::vector<std::string> properties;
};

// The nodes of dtc's output in pre-order: a line ending in " {" opens a
// node (its name is the text before), "};" closes one, any other line
// ending in ';' inside a node is a property (its name runs to " =" or ';').
inline std::vector<dts_node> parse_dts(const std::string& text) {
  std::vector<dts_node> out;
  std::vector<std::string> stack; // paths of the open nodes
  std::vector<std::size_t> open;  // their indices in `out`
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    line = line.substr(first);
    if (line.size() >= 2 && line.compare(line.size() - 2, 2, " {") == 0) {
      const std::string name = line.substr(0, line.size() - 2);
      std::string path = stack.empty() ? "/" : (stack.back() == "/" ? "/" + name : stack.back() + "/" + name);
      stack.push_back(path);
      open.push_back(out.size());
      out.push_back({path, {}});
    } else if (line == "};") {
      stack.pop_back();
      open.pop_back();
    } else if (!open.empty() && line.back() == ';') {
      const std::size_t end = line.find_first_of(" =;");
      out[open.back()].properties.push_back(line.substr(0, end));
    }
  }
  EXPECT_TRUE(stack.empty()) << "unbalanced .dts";
  return out;
}

template <class Node>
std::string path_of(const Node* n) {
  std::vector<std::string_view> parts;
  for (const Node* p = n; kin::of::get_parent(p); p = kin::of::get_parent(p)) parts.push_back(p->full_name);
  if (parts.empty()) return "/";
  std::string path;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) path += "/" + std::string(*it);
  return path;
}

// A blob written with libfdt's sequential-write API: `body(fdt)` adds the
// nodes (the root included).
inline blob build_blob(const std::function<void(void*)>& body, std::size_t capacity = 64 * 1024) {
  blob b;
  b.resize(capacity);
  void* fdt = b.bytes();
  EXPECT_EQ(fdt_create(fdt, static_cast<int>(capacity)), 0);
  EXPECT_EQ(fdt_finish_reservemap(fdt), 0);
  body(fdt);
  EXPECT_EQ(fdt_finish(fdt), 0);
  b.size = fdt_totalsize(fdt);
  return b;
}

inline void prop_u32(void* fdt, const char* name, std::uint32_t v) { EXPECT_EQ(fdt_property_u32(fdt, name, v), 0); }
inline void prop_string(void* fdt, const char* name, const char* s) {
  EXPECT_EQ(fdt_property(fdt, name, s, static_cast<int>(std::strlen(s) + 1)), 0);
}

// The real blobs.
inline const char* const real_blobs[] = {"aarch64-virt", "riscv64-virt", "ppc-ppce500"};

} // namespace dt_support

#endif // KIN_TESTS_DT_SUPPORT_HPP
