// SPDX-License-Identifier: BSL-1.0
// The operations bench/hardening_cost.cpp measures, compiled once per
// hardening mode: a unit defines KIN_HARDENING_MODE and
// KIN_BENCH_HARDENING_SUFFIX (none, fast) and includes this file, which
// defines kin_bench::run_op_<suffix> and instantiates it for the three
// layouts.
//
// Every kin call goes through its own `noipa` wrapper: the compiler sees
// neither the arguments nor what the previous call stored, so no check is
// folded away because the call before it has just made it true (the cost
// measured is that of a call site that knows nothing about the tree, the
// upper bound). The wrappers cost the same call and return in both modes.
#ifndef KIN_BENCH_HARDENING_COST_OPS_HPP
#define KIN_BENCH_HARDENING_COST_OPS_HPP

#ifndef KIN_BENCH_HARDENING_SUFFIX
#error "define KIN_BENCH_HARDENING_SUFFIX (none, fast) before including hardening_cost_ops.hpp"
#endif
#ifndef KIN_HARDENING_MODE
#error "define KIN_HARDENING_MODE before including hardening_cost_ops.hpp"
#endif

#include "hardening_cost.hpp"

#define KIN_BENCH_CAT2(a, b) a##b
#define KIN_BENCH_CAT(a, b) KIN_BENCH_CAT2(a, b)
// name_<suffix>: run_op_none, w_unlink_fast, ...
#define KIN_BENCH_NAME(name) KIN_BENCH_CAT(name, KIN_BENCH_CAT(_, KIN_BENCH_HARDENING_SUFFIX))

namespace kin_bench {
namespace {

template <class VT>
using ptr = kin::value_ptr<VT>;

template <class VT>
[[gnu::noipa]] void KIN_BENCH_NAME(w_link_first_child)(ptr<VT> p, ptr<VT> n) noexcept {
  kin::link_first_child<VT>(p, n);
}
template <class VT>
[[gnu::noipa]] void KIN_BENCH_NAME(w_link_last_child)(ptr<VT> p, ptr<VT> n) noexcept {
  kin::link_last_child<VT>(p, n);
}
template <class VT>
[[gnu::noipa]] void KIN_BENCH_NAME(w_link_after)(ptr<VT> pos, ptr<VT> n) noexcept {
  kin::link_after<VT>(pos, n);
}
template <class VT>
[[gnu::noipa]] void KIN_BENCH_NAME(w_link_before)(ptr<VT> pos, ptr<VT> n) noexcept {
  kin::link_before<VT>(pos, n);
}
template <class VT>
[[gnu::noipa]] void KIN_BENCH_NAME(w_unlink)(ptr<VT> n) noexcept {
  kin::unlink<VT>(n);
}
template <class VT>
[[gnu::noipa]] void KIN_BENCH_NAME(w_reparent)(ptr<VT> n, ptr<VT> p) noexcept {
  kin::reparent<VT>(n, p);
}
template <class VT>
[[gnu::noipa]] void KIN_BENCH_NAME(w_adopt_siblings)(ptr<VT> n, ptr<VT> first, ptr<VT> last) noexcept {
  kin::adopt_siblings<VT>(n, first, last);
}
template <class VT>
[[gnu::noipa]] void KIN_BENCH_NAME(w_hoist_children)(ptr<VT> n) noexcept {
  kin::hoist_children<VT>(n);
}
template <class VT>
[[gnu::noipa]] void KIN_BENCH_NAME(w_replace)(ptr<VT> old_value, ptr<VT> new_value) noexcept {
  kin::replace<VT>(old_value, new_value);
}
template <class VT>
[[gnu::noipa]] void KIN_BENCH_NAME(w_splice_children)(ptr<VT> to, ptr<VT> from) noexcept {
  kin::splice_children<VT>(to, from);
}

} // namespace

template <class Hook>
void KIN_BENCH_NAME(run_op)(fixture<Hook>& f, op o, long iterations) {
  using VT = vt<Hook>;
  node<Hook>* const root = &f.root;
  node<Hook>* const fresh = &f.fresh;
  node<Hook>* const c = f.c;
  node<Hook>* const g = f.g;
  switch (o) {
  case op::link_first_child:
    for (long i = 0; i < iterations; ++i) {
      KIN_BENCH_NAME(w_link_first_child)<VT>(root, fresh);
      KIN_BENCH_NAME(w_unlink)<VT>(fresh);
    }
    break;
  case op::link_last_child:
    for (long i = 0; i < iterations; ++i) {
      KIN_BENCH_NAME(w_link_last_child)<VT>(root, fresh);
      KIN_BENCH_NAME(w_unlink)<VT>(fresh);
    }
    break;
  case op::link_after:
    for (long i = 0; i < iterations; ++i) {
      KIN_BENCH_NAME(w_link_after)<VT>(&c[3], fresh);
      KIN_BENCH_NAME(w_unlink)<VT>(fresh);
    }
    break;
  case op::link_before:
    for (long i = 0; i < iterations; ++i) {
      KIN_BENCH_NAME(w_link_before)<VT>(&c[4], fresh);
      KIN_BENCH_NAME(w_unlink)<VT>(fresh);
    }
    break;
  case op::reparent: // g2, c1's last child, to the end of c5 and back
    for (long i = 0; i < iterations; ++i) {
      KIN_BENCH_NAME(w_reparent)<VT>(&g[2], &c[5]);
      KIN_BENCH_NAME(w_reparent)<VT>(&g[2], &c[1]);
    }
    break;
  case op::adopt_hoist: // fresh takes c2 c3 c4 as children, then gives them back
    for (long i = 0; i < iterations; ++i) {
      KIN_BENCH_NAME(w_adopt_siblings)<VT>(fresh, &c[2], &c[4]);
      KIN_BENCH_NAME(w_hoist_children)<VT>(fresh);
    }
    break;
  case op::replace: // c3 (two children) out, fresh in, and back
    for (long i = 0; i < iterations; ++i) {
      KIN_BENCH_NAME(w_replace)<VT>(&c[3], fresh);
      KIN_BENCH_NAME(w_replace)<VT>(fresh, &c[3]);
    }
    break;
  case op::splice_children: // c5's three children to the childless c7, and back
    for (long i = 0; i < iterations; ++i) {
      KIN_BENCH_NAME(w_splice_children)<VT>(&c[7], &c[5]);
      KIN_BENCH_NAME(w_splice_children)<VT>(&c[5], &c[7]);
    }
    break;
  }
}

#define KIN_BENCH_INSTANTIATE(H) template void KIN_BENCH_NAME(run_op)<H>(fixture<H>&, op, long);
KIN_BENCH_HARDENING_LAYOUTS(KIN_BENCH_INSTANTIATE)
#undef KIN_BENCH_INSTANTIATE

} // namespace kin_bench

#endif // KIN_BENCH_HARDENING_COST_OPS_HPP
