// SPDX-License-Identifier: BSL-1.0
// Callbacks and exceptions: every kin function that calls user code is
// noexcept exactly when that code is, and a throwing disposer, visitor or
// walk callback propagates and leaves the tree valid. (Tests build with
// exceptions on; kin itself never throws.)
#include "test_support.hpp"

#include <kin/adapters/resource.hpp>
#include <kin/traverse.hpp>
#include <kin/tree.hpp>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace exceptions_test {

using namespace kin_test;

template <class L>
class Callbacks : public ::testing::Test {};
TYPED_TEST_SUITE(Callbacks, all_layouts, layout_names);

struct boom : std::runtime_error {
  boom() : std::runtime_error("boom") {}
};

TYPED_TEST(Callbacks, NoexceptExactlyWhenTheCallbackIs) {
  using value = typename TypeParam::node_type;
  using VT = typename TypeParam::traits;
  value root;
  const kin::tree<VT> t(root);
  auto quiet = [](value&) noexcept {};
  auto loud = [](value&) {};
  static_assert(noexcept(t.clear_and_dispose(quiet)));
  static_assert(!noexcept(t.clear_and_dispose(loud)));
  static_assert(noexcept(t.unlink_and_dispose(root, quiet)));
  static_assert(!noexcept(t.unlink_and_dispose(root, loud)));
  auto quiet_step = [](value&, std::size_t) noexcept { return kin::traverse_action::proceed; };
  auto loud_step = [](value&, std::size_t) { return kin::traverse_action::proceed; };
  static_assert(noexcept(kin::traverse(t, quiet_step)));
  static_assert(!noexcept(kin::traverse(t, loud_step)));
  static_assert(!noexcept(kin::traverse(t, quiet_step, loud_step)));
  // Functions that call no user code stay noexcept.
  static_assert(noexcept(t.unlink(root)));
  static_assert(noexcept(kin::preorder(t)));
  EXPECT_TRUE(t.empty());
}

TYPED_TEST(Callbacks, AThrowingDisposerPropagatesAndLeavesTheTreeValid) {
  using value = typename TypeParam::node_type;
  pool<TypeParam> p(7);
  auto root = p.build("0(1(2 3) 4(5 6))");
  const kin::tree<typename TypeParam::traits> t(*root);
  std::vector<int> disposed;
  auto third_throws = [&](value& v) {
    if (disposed.size() == 2) throw boom();
    disposed.push_back(v.id);
  };
  EXPECT_THROW(t.clear_and_dispose(third_throws), boom);
  EXPECT_EQ(disposed, (std::vector<int>{2, 3}));
  // The value that threw (1) was unlinked first; the rest are still there.
  EXPECT_TRUE(t.verify());
  EXPECT_FALSE(kin::is_linked<typename TypeParam::traits>(p[1]));
  EXPECT_EQ(shape<TypeParam>(root), "0(4(5 6))");
  // unlink_and_dispose: the same guarantee below the unlinked value.
  disposed.clear();
  EXPECT_THROW(t.unlink_and_dispose(*p[4], third_throws), boom);
  EXPECT_EQ(disposed, (std::vector<int>{5, 6}));
  EXPECT_TRUE(t.verify());
  EXPECT_EQ(shape<TypeParam>(root), "0");
  t.clear_and_dispose([](value&) noexcept {});
  EXPECT_TRUE(t.empty());
}

TYPED_TEST(Callbacks, AThrowingTraverseCallbackPropagates) {
  using value = typename TypeParam::node_type;
  pool<TypeParam> p(5);
  auto root = p.build("0(1(2) 3(4))");
  const kin::tree<typename TypeParam::traits> t(*root);
  std::vector<int> seen;
  auto descend = [&](value& v, std::size_t) {
    seen.push_back(v.id);
    if (v.id == 3) throw boom();
    return kin::traverse_action::proceed;
  };
  EXPECT_THROW(kin::traverse(t, descend), boom);
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(shape<TypeParam>(root), "0(1(2) 3(4))");
  auto ascend = [&](value& v, std::size_t) {
    if (v.id == 2) throw boom();
    return kin::traverse_action::proceed;
  };
  auto quiet = [](value&, std::size_t) noexcept { return kin::traverse_action::proceed; };
  EXPECT_THROW(kin::traverse(t, quiet, ascend), boom);
  EXPECT_TRUE(t.verify());
}

TYPED_TEST(Callbacks, AThrowingResourceVisitorPropagates) {
  using res = kin::resource<typename TypeParam::hook>;
  using R = typename res::traits;
  res root(0, UINT64_MAX, "root"), a(0x1000, 0x1fff, "System RAM"), b(0x4000, 0x4fff, "System RAM");
  a.flags = b.flags = kin::ioresource_system_ram | kin::ioresource_busy;
  kin::link_last_child<R>(&root, &a);
  kin::link_last_child<R>(&root, &b);
  int calls = 0;
  auto visit = [&](const kin::resource_record<res*>& r) -> int {
    ++calls;
    if (r.start == 0x4000) throw boom();
    return 0;
  };
  auto quiet = [](const kin::resource_record<res*>&) noexcept { return 0; };
  static_assert(!noexcept(kin::walk_system_ram_res<R>(&root, 0, UINT64_MAX, visit)));
  static_assert(noexcept(kin::walk_system_ram_res<R>(&root, 0, UINT64_MAX, quiet)));
  EXPECT_THROW(kin::walk_system_ram_res<R>(&root, 0, UINT64_MAX, visit), boom);
  EXPECT_EQ(calls, 2);
  std::array<kin::resource_record<res*>, 4> records{};
  calls = 0;
  EXPECT_THROW(kin::walk_system_ram_res_rev<R>(&root, 0, UINT64_MAX, visit, kin::collect(records)), boom);
  EXPECT_EQ(calls, 1); // highest first: b throws at once
  EXPECT_TRUE(kin::verify<R>(&root));
}

} // namespace exceptions_test
