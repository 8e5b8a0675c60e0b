// One walk, chosen on the command line, run 100 times over a 10 000-node
// tree in shuffled memory: for instruction counts under callgrind, kin's
// walkers against hand-written loops over the same links.
//
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null
//            build/bench/bench/kin_instructions singly-preorder-kin
//   (the total "Collected" count, minus the "setup" run's, is the walk's)
//
// Walks: setup, singly-preorder-{kin,hand}, singly-postorder-{kin,hand},
// compact-preorder-kin and list-preorder-kin (the outer loop of the children
// walks, to subtract),
// compact-children-reverse-{kin,hand}, list-children-{kin,hand},
// list-children-reverse-{kin,hand}, compact-preorder-reverse-{kin,hand}.
#include <kin/kin.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numeric>
#include <random>
#include <vector>

namespace {

template <class Hook>
struct node : Hook {
  long value = 0;
};

constexpr std::size_t kNodes = 10000;
constexpr int kRounds = 100;

// A tree with fan-out 1..6 per node (breadth-first), in shuffled memory.
template <class Hook>
struct tree {
  using T = typename Hook::traits;
  tree() : storage(new node<Hook>[kNodes]) {
    std::vector<std::size_t> slot(kNodes);
    std::iota(slot.begin(), slot.end(), 0);
    std::mt19937 rng(1);
    std::shuffle(slot.begin() + 1, slot.end(), rng);
    std::size_t parent = 0, left = 1 + rng() % 6;
    for (std::size_t i = 1; i < kNodes; ++i) {
      if (left == 0) {
        ++parent;
        left = 1 + rng() % 6;
      }
      --left;
      kin::link_last_child<T>(&storage[slot[parent]], &storage[slot[i]]);
      storage[slot[i]].value = static_cast<long>(i);
    }
    root = &storage[slot[0]];
  }
  std::unique_ptr<node<Hook>[]> storage;
  node<Hook>* root;
};

template <class Hook>
long value(const Hook* h) {
  return static_cast<const node<Hook>*>(h)->value;
}

long run(const char* walk) {
  long s = 0;
  auto is = [&](const char* name) { return std::strcmp(walk, name) == 0; };
  if (is("setup")) {
    tree<kin::singly_hook> a;
    tree<kin::compact_hook> b;
    tree<kin::list_hook> c;
    return value(a.root) + value(b.root) + value(c.root);
  }
  tree<kin::singly_hook> singly;
  tree<kin::compact_hook> compact;
  tree<kin::list_hook> list;
  using S = kin::singly_traits;
  using C = kin::compact_traits;
  using L = kin::list_traits;
  for (int r = 0; r < kRounds; ++r) {
    if (is("singly-preorder-kin")) {
      for (auto* n : kin::preorder<S>(singly.root)) s += value(n);
    } else if (is("singly-preorder-hand")) {
      kin::singly_hook* n = singly.root;
      while (n) {
        s += value(n);
        if (auto* c = S::get_first_child(n)) { n = c; continue; }
        while (n != singly.root && !S::get_next_sibling(n)) n = S::get_parent(n);
        n = n == singly.root ? nullptr : S::get_next_sibling(n);
      }
    } else if (is("singly-postorder-kin")) {
      for (auto* n : kin::postorder<S>(singly.root)) s += value(n);
    } else if (is("singly-postorder-hand")) {
      kin::singly_hook* n = singly.root;
      while (auto* c = S::get_first_child(n)) n = c;
      for (;;) {
        s += value(n);
        if (n == singly.root) break;
        if (auto* sib = S::get_next_sibling(n)) {
          n = sib;
          while (auto* c = S::get_first_child(n)) n = c;
        } else {
          n = S::get_parent(n);
        }
      }
    } else if (is("compact-preorder-kin")) { // the outer walk of the children walks below
      for (auto* p : kin::preorder<C>(compact.root)) s += value(p);
    } else if (is("list-preorder-kin")) {
      for (auto* p : kin::preorder<L>(list.root)) s += value(p);
    } else if (is("compact-children-reverse-kin")) {
      for (auto* p : kin::preorder<C>(compact.root))
        for (auto* c : kin::children_reverse<C>(p)) s += value(c);
    } else if (is("compact-children-reverse-hand")) {
      for (auto* p : kin::preorder<C>(compact.root)) {
        kin::compact_hook* first = C::get_first_child(p);
        if (!first) continue;
        kin::compact_hook* c = C::get_raw_prev(first);
        for (;;) {
          s += value(c);
          if (c == first) break;
          c = C::get_raw_prev(c);
        }
      }
    } else if (is("list-children-kin")) {
      for (auto* p : kin::preorder<L>(list.root))
        for (auto* c : kin::children<L>(p)) s += value(c);
    } else if (is("list-children-hand")) {
      for (auto* p : kin::preorder<L>(list.root)) {
        // container_of the C way: the sibling link is at offset 0 of the hook
        auto* header = L::header(p);
        for (auto* l = header->next; l != header; l = l->next)
          s += value(reinterpret_cast<kin::list_hook*>(l));
      }
    } else if (is("list-children-reverse-kin")) {
      for (auto* p : kin::preorder<L>(list.root))
        for (auto* c : kin::children_reverse<L>(p)) s += value(c);
    } else if (is("list-children-reverse-hand")) {
      for (auto* p : kin::preorder<L>(list.root)) {
        auto* header = L::header(p);
        for (auto* l = header->prev; l != header; l = l->prev)
          s += value(reinterpret_cast<kin::list_hook*>(l));
      }
    } else if (is("compact-preorder-reverse-kin")) {
      for (auto* n : kin::preorder_reverse<C>(compact.root)) s += value(n);
    } else if (is("compact-preorder-reverse-hand")) {
      // last node of the pre-order, then: previous sibling's rightmost leaf, or the parent
      auto rightmost = [](kin::compact_hook* n) {
        while (auto* f = C::get_first_child(n)) n = C::get_raw_prev(f);
        return n;
      };
      kin::compact_hook* n = rightmost(compact.root);
      for (;;) {
        s += value(n);
        if (n == compact.root) break;
        kin::compact_hook* p = C::get_parent(n);
        n = C::get_first_child(p) == n ? p : rightmost(C::get_raw_prev(n));
      }
    } else {
      std::fprintf(stderr, "unknown walk %s\n", walk);
      return -1;
    }
  }
  return s;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: kin_instructions WALK (see the source)\n");
    return 2;
  }
  const long s = run(argv[1]);
  std::printf("%ld\n", s);
  return s < 0;
}
