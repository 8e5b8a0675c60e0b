// SPDX-License-Identifier: BSL-1.0
// kin without the C++ runtime: every walk of kin/walkers.hpp and
// kin/reverse.hpp (native where the layout has it, rescan, and collected
// into a caller's buffer), the queries, the steps, the callback traversal,
// verify, every mutation of kin/algorithms.hpp and every member of kin::tree,
// on the three layouts. Built with -fno-exceptions -fno-rtti and linked
// without libstdc++ (gcc's C driver, or clang's -nostdlib++): any use of
// operator new, __cxa_*, std::terminate or typeinfo fails the link. Checks
// every result and exits non-zero on a wrong one. Uses libc only for its own
// messages (fprintf) and string comparison; nothing from the C++ library
// that needs linking.
// KIN_NO_CXX_RUNTIME_EXTENSIVE: the same program in the extensive hardening
// mode (every check kin has, through the default assertion handler); built
// as it is, it runs in the default (fast) mode.
#ifdef KIN_NO_CXX_RUNTIME_EXTENSIVE
#define KIN_HARDENING_MODE KIN_HARDENING_MODE_EXTENSIVE
#endif

#include <kin/algorithms.hpp>
#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>
#include <kin/layouts/singly.hpp>
#include <kin/queries.hpp>
#include <kin/reverse.hpp>
#include <kin/steps.hpp>
#include <kin/traverse.hpp>
#include <kin/tree.hpp>
#include <kin/verify.hpp>
#include <kin/walkers.hpp>

#include <cstdio>
#include <cstring>

namespace {

int failures = 0;
const char* layout_name = "";

void check(bool ok, int line, const char* what) {
  if (!ok) {
    ++failures;
    std::fprintf(stderr, "no_cxx_runtime.cpp:%d: %s: failed: %s\n", line, layout_name, what);
  }
}
#define CHECK(expr) check(static_cast<bool>(expr), __LINE__, #expr)

template <class Hook>
struct node : Hook {
  int id = 0;
};

// The ids a walk visits, as the digits of one number (ids are 1..9).
template <class R>
unsigned long long digits(R&& walk) {
  unsigned long long s = 0;
  for (auto&& v : walk) s = s * 10 + static_cast<unsigned>(v.id);
  return s;
}

// The tree below `root` as text, "1(2(4 5) 3)", read with a depth-tracking
// pre-order.
template <class VT, class T>
const char* shape(const T* root, char (&out)[64]) {
  std::size_t len = 0;
  std::ptrdiff_t depth = -1;
  const auto walk = kin::preorder<VT>(root).with_depth();
  for (auto it = walk.begin(); it != walk.end(); ++it) {
    if (it.depth() > depth) {
      if (depth >= 0) out[len++] = '(';
    } else {
      for (std::ptrdiff_t d = it.depth(); d < depth; ++d) out[len++] = ')';
      out[len++] = ' ';
    }
    out[len++] = static_cast<char>('0' + it->id);
    depth = it.depth();
  }
  for (; depth > 0; --depth) out[len++] = ')';
  out[len] = '\0';
  return out;
}

template <class VT, class T>
bool shape_is(const T* root, const char* expected) {
  char buf[64];
  const bool same = std::strcmp(shape<VT>(root, buf), expected) == 0;
  if (!same) std::fprintf(stderr, "  shape %s, expected %s\n", buf, expected);
  return same;
}

// Every walk, query, step and verify over 1(2(4 5(7 8)) 3(6(9))).
template <class Hook>
void walks() {
  using N = node<Hook>;
  using VT = kin::base_hook<N, Hook>;
  constexpr bool bidi = kin::bidirectional_tree_traits<typename Hook::node_traits>;
  N n[10];
  for (int i = 0; i < 10; ++i) n[i].id = i;
  kin::link_last_child<VT>(&n[1], &n[2]);
  kin::link_last_child<VT>(&n[1], &n[3]);
  kin::link_last_child<VT>(&n[2], &n[4]);
  kin::link_last_child<VT>(&n[2], &n[5]);
  kin::link_last_child<VT>(&n[5], &n[7]);
  kin::link_last_child<VT>(&n[5], &n[8]);
  kin::link_last_child<VT>(&n[3], &n[6]);
  kin::link_last_child<VT>(&n[6], &n[9]);
  N* const root = &n[1];
  CHECK(kin::verify<VT>(root));
  CHECK(shape_is<VT>(root, "1(2(4 5(7 8)) 3(6(9)))"));

  // Forward walks.
  CHECK(digits(kin::children<VT>(root)) == 23);
  CHECK(digits(kin::preorder<VT>(root)) == 124578369);
  CHECK(digits(kin::descendants<VT>(root)) == 24578369);
  CHECK(digits(kin::postorder<VT>(root)) == 478529631);
  CHECK(digits(kin::postorder_safe<VT>(root)) == 478529631);
  CHECK(digits(kin::leaves<VT>(root)) == 4789);
  CHECK(digits(kin::ancestors<VT>(&n[7])) == 521);
  CHECK(digits(kin::preorder<VT>(root).from(&n[5])) == 578369);
  CHECK(digits(kin::preorder<VT>(root).after(&n[5])) == 78369);
  CHECK(digits(kin::descendants<VT>(root).from(&n[3])) == 369);
  CHECK(digits(kin::postorder<VT>(root).after(&n[2])) == 9631);
  CHECK(digits(kin::children<VT>(root).from(&n[3])) == 3);
  CHECK(digits(kin::leaves<VT>(root).after(&n[7])) == 89);
  CHECK(digits(kin::ancestors<VT>(&n[9]).from(&n[3])) == 31);
  {
    unsigned long long s = 0; // pre-order without 2's children
    const auto walk = kin::preorder<VT>(root);
    for (auto it = walk.begin(); it != walk.end();) {
      s = s * 10 + static_cast<unsigned>(it->id);
      if (it->id == 2) it.skip_children();
      else ++it;
    }
    CHECK(s == 12369);
    unsigned long long d = 1; // depths in post-order, after a leading 1
    const auto post = kin::postorder<VT>(root).with_depth();
    for (auto it = post.begin(); it != post.end(); ++it) d = d * 10 + static_cast<unsigned long long>(it.depth());
    CHECK(d == 1233213210);
    d = 1;
    const auto desc = kin::descendants<VT>(root).with_depth();
    for (auto it = desc.begin(); it != desc.end(); ++it) d = d * 10 + static_cast<unsigned long long>(it.depth());
    CHECK(d == 112233123);
  }

  // Reverse walks, rescanning and collected into a caller's buffer.
  N* buf[10];
  CHECK(digits(kin::children_reverse<VT>(root, kin::rescan)) == 32);
  CHECK(digits(kin::preorder_reverse<VT>(root, kin::rescan)) == 963875421);
  CHECK(digits(kin::descendants_reverse<VT>(root, kin::rescan)) == 96387542);
  CHECK(digits(kin::postorder_reverse<VT>(root, kin::rescan)) == 136925874);
  CHECK(digits(kin::leaves_reverse<VT>(root, kin::rescan)) == 9874);
  CHECK(digits(kin::preorder_reverse<VT>(root, kin::rescan).from(&n[6])) == 63875421);
  CHECK(digits(kin::children_reverse<VT>(root, kin::collect(buf))) == 32);
  CHECK(digits(kin::preorder_reverse<VT>(root, kin::collect(buf))) == 963875421);
  CHECK(digits(kin::descendants_reverse<VT>(root, kin::collect(buf))) == 96387542);
  CHECK(digits(kin::postorder_reverse<VT>(root, kin::collect(buf))) == 136925874);
  CHECK(digits(kin::leaves_reverse<VT>(root, kin::collect(buf))) == 9874);
  CHECK(digits(kin::ancestors_reverse<VT>(&n[7], kin::collect(buf))) == 125);
  {
    N* small[3];
    const auto r = kin::preorder_reverse<VT>(root, kin::collect(small));
    CHECK(!r.fits() && r.needed() == 9 && r.empty());
    const N* cbuf[10];
    const N* croot = root;
    CHECK(digits(kin::descendants_reverse<VT>(croot, kin::collect(cbuf))) == 96387542);
  }
  if constexpr (bidi) {
    CHECK(digits(kin::children_reverse<VT>(root)) == 32);
    CHECK(digits(kin::preorder_reverse<VT>(root)) == 963875421);
    CHECK(digits(kin::descendants_reverse<VT>(root)) == 96387542);
    CHECK(digits(kin::postorder_reverse<VT>(root)) == 136925874);
    CHECK(digits(kin::leaves_reverse<VT>(root, kin::native)) == 9874);
    CHECK(digits(kin::postorder_reverse<VT>(root).from(&n[2])) == 25874);
    auto pre = kin::preorder<VT>(root);
    auto last = pre.end();
    --last;
    CHECK(last->id == 9);
    auto post = kin::postorder<VT>(root);
    auto it = post.end();
    --it;
    --it;
    CHECK(it->id == 3);
    CHECK((--kin::children<VT>(root).end())->id == 3);
    CHECK((--kin::leaves<VT>(root).end())->id == 9);
    CHECK((--kin::descendants<VT>(root).end())->id == 9);
  }

  // Queries and steps.
  CHECK(kin::parent<VT>(&n[5]) == &n[2]);
  CHECK(kin::parent<VT>(root) == nullptr);
  CHECK(kin::first_child<VT>(&n[2]) == &n[4]);
  CHECK(kin::next_sibling<VT>(&n[4]) == &n[5]);
  CHECK(kin::next_sibling<VT>(&n[5]) == nullptr);
  CHECK(kin::last_child<VT>(root) == &n[3]);
  CHECK(kin::prev_sibling<VT>(&n[3]) == &n[2]);
  CHECK(kin::prev_sibling<VT>(&n[2]) == nullptr);
  CHECK(kin::child_count<VT>(&n[2]) == 2 && kin::child_count<VT>(&n[4]) == 0);
  CHECK(kin::depth<VT>(&n[7]) == 3 && kin::depth<VT>(root) == 0);
  CHECK(kin::is_ancestor<VT>(root, &n[7]) && !kin::is_ancestor<VT>(&n[3], &n[7]));
  CHECK(kin::is_linked<VT>(&n[7]) && !kin::is_linked<VT>(&n[0]));
  CHECK(kin::leftmost_leaf<VT>(root) == &n[4]);
  CHECK(kin::preorder_next<VT>(&n[8], root) == &n[3]);
  CHECK(kin::preorder_next_skip_children<VT>(&n[2], root) == &n[3]);
  CHECK(kin::postorder_next<VT>(&n[8], root) == &n[5]);
  if constexpr (bidi) {
    CHECK(kin::rightmost_leaf<VT>(root) == &n[9]);
    CHECK(kin::preorder_prev<VT>(&n[3], root) == &n[8]);
    CHECK(kin::postorder_prev<VT>(&n[5], root) == &n[8]);
    CHECK(kin::postorder_prev_skip_children<VT>(&n[5], root) == &n[4]);
  }

  // The callback traversal: depths 1..2 only, then a stop at 6.
  {
    unsigned long long down = 0, up = 0;
    const auto r = kin::traverse<VT>(
        root,
        [&](N& v, std::size_t) {
          down = down * 10 + static_cast<unsigned>(v.id);
          return kin::traverse_action::proceed;
        },
        [&](N& v, std::size_t) {
          up = up * 10 + static_cast<unsigned>(v.id);
          return kin::traverse_action::proceed;
        },
        2);
    CHECK(r.completed && down == 24536 && up == 45263);
    const auto s = kin::traverse<VT>(root, [](N& v, std::size_t) {
      return v.id == 6 ? kin::traverse_action::stop : kin::traverse_action::proceed;
    });
    CHECK(!s.completed && s.stopped_at == &n[6] && s.depth == 2);
  }

  CHECK(kin::verify<VT>(&n[2]));
}

// Every mutation of kin/algorithms.hpp.
template <class Hook>
void mutations() {
  using N = node<Hook>;
  using VT = kin::base_hook<N, Hook>;
  N n[10];
  for (int i = 0; i < 10; ++i) n[i].id = i;
  N* const root = &n[1];
  kin::link_first_child<VT>(root, &n[3]);
  kin::link_first_child<VT>(root, &n[2]);
  kin::link_last_child<VT>(root, &n[5]);
  kin::link_after<VT>(&n[3], &n[4]);
  kin::link_before<VT>(&n[2], &n[6]);
  CHECK(shape_is<VT>(root, "1(6 2 3 4 5)"));
  kin::unlink<VT>(&n[6]);
  CHECK(!kin::is_linked<VT>(&n[6]) && shape_is<VT>(root, "1(2 3 4 5)"));
  kin::reparent<VT>(&n[4], &n[2]);
  kin::reparent<VT>(&n[5], &n[2]);
  CHECK(shape_is<VT>(root, "1(2(4 5) 3)"));
  CHECK(kin::try_reparent<VT>(&n[3], &n[4]));
  CHECK(!kin::try_reparent<VT>(&n[2], &n[3]));
  CHECK(shape_is<VT>(root, "1(2(4(3) 5))"));
  kin::replace<VT>(&n[4], &n[7]);
  CHECK(!kin::is_linked<VT>(&n[4]) && shape_is<VT>(root, "1(2(7(3) 5))"));
  kin::splice_children<VT>(root, &n[2]);
  CHECK(shape_is<VT>(root, "1(2 7(3) 5)"));
  kin::adopt_siblings<VT>(&n[8], &n[7], &n[5]);
  CHECK(shape_is<VT>(root, "1(2 8(7(3) 5))"));
  kin::hoist_children<VT>(&n[8]);
  CHECK(!kin::is_linked<VT>(&n[8]) && shape_is<VT>(root, "1(2 7(3) 5)"));
  CHECK(kin::verify<VT>(root));
}

// Every member of kin::tree, and walks that take the tree.
template <class Hook>
void facade() {
  using N = node<Hook>;
  using VT = kin::base_hook<N, Hook>;
  N n[10];
  for (int i = 0; i < 10; ++i) n[i].id = i;
  const kin::tree<VT> t(n[1]);
  CHECK(t.empty() && &t.root() == &n[1]);
  t.link_first_child(n[1], n[3]);
  t.link_first_child(n[1], n[2]);
  t.link_last_child(n[1], n[5]);
  t.link_after(n[3], n[4]);
  t.link_before(n[2], n[6]);
  CHECK(!t.empty() && shape_is<VT>(&n[1], "1(6 2 3 4 5)"));
  t.unlink(n[6]);
  t.reparent(n[4], n[2]);
  t.reparent(n[5], n[2]);
  CHECK(t.try_reparent(n[3], n[4]) && !t.try_reparent(n[2], n[3]));
  CHECK(shape_is<VT>(&n[1], "1(2(4(3) 5))"));
  t.replace(n[4], n[7]);
  t.splice_children(n[1], n[2]);
  CHECK(shape_is<VT>(&n[1], "1(2 7(3) 5)"));
  t.adopt_siblings(n[8], n[7], n[5]);
  CHECK(shape_is<VT>(&n[1], "1(2 8(7(3) 5))"));
  t.hoist_children(n[8]);
  t.link_last_child(n[5], n[9]);
  CHECK(shape_is<VT>(&n[1], "1(2 7(3) 5(9))"));
  CHECK(t.verify());
  CHECK(digits(kin::preorder(t)) == 127359);
  CHECK(digits(kin::descendants_reverse(t, kin::rescan)) == 95372);
  N* buf[10];
  CHECK(digits(kin::postorder_reverse(t, kin::collect(buf))) == 159732);
  unsigned long long disposed = 0;
  t.unlink_and_dispose(n[7], [&](N& v) { disposed = disposed * 10 + static_cast<unsigned>(v.id); });
  CHECK(disposed == 37 && !kin::is_linked<VT>(&n[3]) && shape_is<VT>(&n[1], "1(2 5(9))"));
  disposed = 0;
  t.clear_and_dispose([&](N& v) { disposed = disposed * 10 + static_cast<unsigned>(v.id); });
  CHECK(disposed == 295 && t.empty() && !kin::is_linked<VT>(&n[9]));
}

template <class Hook>
void all(const char* name) {
  layout_name = name;
  walks<Hook>();
  mutations<Hook>();
  facade<Hook>();
}

} // namespace

int main() {
  all<kin::singly_hook<>>("singly");
  all<kin::list_hook<>>("list");
  all<kin::compact_hook<>>("compact");
  if (failures != 0) {
    std::fprintf(stderr, "%d checks failed\n", failures);
    return 1;
  }
  std::puts("kin without the C++ runtime: every check passed");
  return 0;
}
