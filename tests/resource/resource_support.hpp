// SPDX-License-Identifier: BSL-1.0
// Helpers for the resource tests: a builder of kin::resource trees, and an
// independent reference model of the kernel's walk loop (written from the
// behaviour in the reference notes, plainly, recursion and vectors allowed).
#ifndef KIN_TESTS_RESOURCE_SUPPORT_HPP
#define KIN_TESTS_RESOURCE_SUPPORT_HPP

#include <kin/adapters/resource.hpp>
#include <kin/kin.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kin_test {

constexpr std::uint64_t kRam = kin::ioresource_system_ram | kin::ioresource_busy;
constexpr std::uint64_t kMemBusy = kin::ioresource_mem | kin::ioresource_busy;
constexpr std::uint64_t kMem = kin::ioresource_mem;

// A plain description of one node: its parent's index (-1: the root).
struct spec {
  int parent;
  std::uint64_t start, end, flags;
  int desc = 0;
};

// A kin::resource tree built from specs (index i is node i; the root apart).
template <class Hook>
class resource_forest {
public:
  using node = kin::resource<Hook>;
  using R = typename node::traits; // value traits: every kin call takes node* (value pointers)
  explicit resource_forest(const std::vector<spec>& specs)
      : root_(0, UINT64_MAX, "PCI mem"), nodes_(new node[specs.size()]), size_(specs.size()) {
    std::vector<node*> last(specs.size() + 1, nullptr);
    for (std::size_t i = 0; i < specs.size(); ++i) {
      const spec& s = specs[i];
      node& n = nodes_[i];
      n.start = s.start;
      n.end = s.end;
      n.flags = s.flags;
      n.desc = s.desc;
      n.name = "n";
      node* parent = s.parent < 0 ? &root_ : &nodes_[static_cast<std::size_t>(s.parent)];
      node*& prev = last[s.parent < 0 ? specs.size() : static_cast<std::size_t>(s.parent)];
      if (prev) kin::link_after<R>(prev, &n); else kin::link_first_child<R>(parent, &n);
      prev = &n;
    }
  }
  node* root() { return &root_; }
  node& operator[](std::size_t i) { return nodes_[i]; }
  int index(const node* n) const { return n == &root_ ? -1 : static_cast<int>(n - nodes_.get()); }

private:
  node root_;
  std::unique_ptr<node[]> nodes_;
  std::size_t size_;
};

// What a walk reported, as comparable values (node as its spec index).
struct report {
  std::uint64_t start, end, flags;
  int desc, index;
  bool operator==(const report&) const = default;
};

inline std::ostream& operator<<(std::ostream& os, const report& r) {
  return os << std::hex << "[" << r.start << "-" << r.end << " f=" << r.flags << std::dec << " d=" << r.desc
            << " #" << r.index << "]";
}

// The reference: the kernel's loop over a plain model.
class reference_model {
public:
  explicit reference_model(const std::vector<spec>& specs) : specs_(specs), kids_(specs.size() + 1) {
    for (std::size_t i = 0; i < specs.size(); ++i)
      kids_[specs[i].parent < 0 ? specs.size() : static_cast<std::size_t>(specs[i].parent)].push_back(
          static_cast<int>(i));
    order(static_cast<int>(specs.size()));
  }

  // walk_iomem_res_desc as the reference notes describe it.
  std::vector<report> walk(std::uint64_t start, std::uint64_t end, std::uint64_t flags, int desc,
                           bool upstream = false) const {
    std::vector<report> out;
    while (start < end) {
      int hit = find_next(start, end, flags, desc, upstream);
      if (hit < 0) break;
      const spec& s = specs_[static_cast<std::size_t>(hit)];
      report r{s.start > start ? s.start : start, s.end < end ? s.end : end, s.flags, s.desc, hit};
      out.push_back(r);
      if (r.end == UINT64_MAX) break; // kin's documented deviation
      start = r.end + 1;
    }
    return out;
  }

private:
  void order(int n) { // pre-order without the root, with subtree ends
    const bool is_root = n == static_cast<int>(specs_.size());
    std::size_t at = preorder_.size();
    if (!is_root) {
      preorder_.push_back(n);
      subtree_end_.push_back(0);
    }
    for (int c : kids_[static_cast<std::size_t>(n)]) order(c);
    if (!is_root) subtree_end_[at] = preorder_.size();
  }
  int find_next(std::uint64_t start, std::uint64_t end, std::uint64_t flags, int desc, bool upstream) const {
    for (std::size_t i = 0; i < preorder_.size();) {
      const spec& s = specs_[static_cast<std::size_t>(preorder_[i])];
      if (s.start > end) return -1;
      if (s.end < start) {
        i = (upstream && s.parent < 0) ? subtree_end_[i] : i + 1;
        continue;
      }
      if ((s.flags & flags) == flags && (desc == 0 || s.desc == desc)) return preorder_[i];
      ++i;
    }
    return -1;
  }

  std::vector<spec> specs_;
  std::vector<std::vector<int>> kids_;
  std::vector<int> preorder_;
  std::vector<std::size_t> subtree_end_;
};

} // namespace kin_test

#endif
