// SPDX-License-Identifier: BSL-1.0
// kin_bench_resource: the resource and kexec cases on real memory maps,
// kin against kernel-shaped code, every time measured with
// kin_bench::paired (bench/paired.hpp: alternating batches, thread CPU
// time, median ratio and spread) and written as JSON Lines.
//
// Maps: every listing in tests/data/iomem, and the largest of them
// replicated to 10^4 and 10^5 ranges (its lines repeated, each copy shifted
// by the map's span: the distance from the first top-level start to one past
// the last top-level end; the last copy is a pre-order prefix, so the count
// is exact and the tree stays well formed).
//
// Cases (the case id is OP/MAP/VARIANT; `--list` prints them):
//   walk_fwd      walk_system_ram_res: kin's one pass on each layout
//                 ÷ the kernel-shaped walk that rescans from the root after
//                 every report (kin/kernel-shaped)
//   walk_rev      walk_system_ram_res_rev: kin native on list and compact,
//                 kin collecting on singly (a caller buffer, and
//                 collect_allocating) ÷ the kernel-shaped v6.8 walk that
//                 copies 64-byte records into an array grown by 16
//   walk_checked  kin with kin::checked (resource_check every call)
//                 ÷ kin::assume_well_formed (the parse already checked),
//                 forward and native reverse, on list (checked/assumed)
//   parse, print  parse_iomem and print_iomem per layout ÷ a plain loop that
//                 counts the text's lines (memchr): ns per line, both sides
//   request_release, insert_remove, release_request
//                 the resource operations in pairs that leave the tree as
//                 it was, at the lowest and at the highest top-level place,
//                 list or compact ÷ singly (doubly/singly)
//   kexec_default kexec_place of the default x86-64 bzImage segments
//                 (purgatory, boot parameters, kernel; 6.12 rules, top-down)
//                 per layout ÷ the kernel-shaped search that walks with the
//                 v6.8 array and steps one page at a time (kin/page-stepping)
//   kexec_scaling not a kernel scenario (the kernel stops at 16 segments):
//                 10, 100, 300 segments of 1, 16, 64 pages, top-down, all in
//                 the bundled map's top range, kin (list) ÷ page stepping
//   memory        bytes per node of each layout and of the kernel-style
//                 struct; the extra heap each reverse strategy needs on each
//                 map; the peak heap of the default kexec placement
//
// Every case first runs both sides once and compares what they visited or
// placed (abort on a mismatch); only then is it timed. The kernel-shaped
// code is in resource_bench_kernel.hpp, over a kernel-style C struct built
// from the same listing (one array in line order, as kin's parser lays out
// its nodes). The kin walks take kin::assume_well_formed (the parse already
// ran resource_check; walk_checked shows what checking on every call
// costs); kexec_place has no such argument and checks on every placement.
//
// Repetitions: 7 of 4 batches of 2 ms (kin_bench::pair_options' defaults);
// the 300-segment study 3 of 2; the kernel-shaped sides on the 10^5 map,
// about a second a call, 3 of 1 (every pair also makes a warm-up and a
// calibration call of each side). The full run takes about 2 minutes of
// CPU on the 2-core development VM; --quick about 2 seconds.
//
// Options: --quick (a smoke test of every kind of case: 3 repetitions of
// 0.2 ms batches, no 10^5 map, the scaling study at 10 and 100 segments),
// --json FILE (default standard output), --filter SUBSTRING (only the case
// ids that contain it), --list (print the case ids and exit). Progress, one
// line a case, and the run's CPU and wall time go to standard error.
//
// JSON Lines. One object per pair:
//   {"suite":"resource", "case":ID (unique), "map":FILE | "replicated-10^4"
//    | "replicated-10^5", ["source":FILE (a replicated map's)], "ranges":N
//    (lines of the map), "layout":"singly"|"list"|"compact" (kin's side, or
//    A's), "op":the function(s) timed, "a":WHAT, "b":WHAT,
//    "kind":"kin/kernel-shaped"|"kin/page-stepping"|"doubly/singly"|
//    "checked/assumed"|"kin/line-count", "per":"walk"|"line"|"op-pair"|
//    "placement", then the case's own numbers ("matches": System RAM
//    reports; "bytes": the listing's size; "top_level_ranges", "high": 0 or
//    1; "segments", "segment_pages", "pages_stepped"), then
//    kin_bench::json_line::pair(): "a_ns", "b_ns" (median CPU ns per `per`),
//    "ratio" (median of the repetitions' a/b), "ratio_min", "ratio_max",
//    "repetitions", "calls_per_batch"}
// Memory lines:
//   {"suite":"memory", "what":"node", "layout":..., "bytes":sizeof,
//    "link_bytes":...}                         per layout and kernel-shaped
//   {"suite":"memory", "what":"reverse_record", "layout":..., "bytes":...}
//   {"suite":"memory", "what":"reverse_walk_peak"|"reverse_walk_storage"|
//    "kexec_default_peak"|"kexec_default_heap", "layout":"kernel-shaped"|
//    "list"|"compact"|"singly"|"singly-collect"|"singly-collect_allocating",
//    "bytes":..., "map":..., "ranges":..., "records":..., and
//    "allocations" (kin: counted through operator new) or "transient_bytes"
//    and "growths" (kernel-shaped: old + new while a realloc moved the
//    array, and the number of reallocs)}
#include "paired.hpp"
#include "resource_bench_kernel.hpp"

#include <kin/adapters/iomem.hpp>
#include <kin/adapters/kexec.hpp>
#include <kin/adapters/resource.hpp>
#include <kin/adapters/resource_ops.hpp>
#include <kin/layouts/compact.hpp>
#include <kin/layouts/list.hpp>
#include <kin/layouts/singly.hpp>

#include <algorithm>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#ifndef KIN_BENCH_DATA_DIR
#error "KIN_BENCH_DATA_DIR must name tests/data"
#endif

// ---- Heap accounting: kin allocates through operator new (collect_allocating,
// the parser); counting is switched on only around one untimed call.
namespace {
bool g_heap_counting = false;
std::size_t g_heap_bytes = 0;       // requested while counting
std::size_t g_heap_allocations = 0; // allocations while counting
std::size_t g_heap_live = 0;        // requested and not yet freed, of those
std::size_t g_heap_peak = 0;        // the most g_heap_live reached
// Each block carries its size and whether it was counted, so that a free
// while counting takes back exactly what was counted.
struct alignas(16) heap_header {
  std::size_t size;
  std::size_t counted;
};
inline void* counted_malloc(std::size_t n) noexcept {
  auto* h = static_cast<heap_header*>(std::malloc(sizeof(heap_header) + n));
  if (!h) {
    return nullptr;
  }
  h->size = n;
  h->counted = g_heap_counting;
  if (g_heap_counting) {
    g_heap_bytes += n;
    ++g_heap_allocations;
    g_heap_live += n;
    g_heap_peak = g_heap_live > g_heap_peak ? g_heap_live : g_heap_peak;
  }
  return h + 1;
}
inline void counted_free(void* p) noexcept {
  if (!p) {
    return;
  }
  heap_header* h = static_cast<heap_header*>(p) - 1;
  if (h->counted && g_heap_counting) {
    g_heap_live -= h->size;
  }
  std::free(h);
}
} // namespace

// Out of line (noinline), so that GCC never sees operator new's malloc meet
// operator delete's free inside one function (-Wmismatched-new-delete).
#define KIN_BENCH_HEAP __attribute__((noinline))
KIN_BENCH_HEAP void* operator new(std::size_t n) {
  if (void* p = counted_malloc(n)) {
    return p;
  }
  throw std::bad_alloc();
}
KIN_BENCH_HEAP void* operator new[](std::size_t n) {
  if (void* p = counted_malloc(n)) {
    return p;
  }
  throw std::bad_alloc();
}
KIN_BENCH_HEAP void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted_malloc(n); }
KIN_BENCH_HEAP void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return counted_malloc(n); }
KIN_BENCH_HEAP void operator delete(void* p) noexcept { counted_free(p); }
KIN_BENCH_HEAP void operator delete[](void* p) noexcept { counted_free(p); }
KIN_BENCH_HEAP void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
KIN_BENCH_HEAP void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }
KIN_BENCH_HEAP void operator delete(void* p, const std::nothrow_t&) noexcept { counted_free(p); }
KIN_BENCH_HEAP void operator delete[](void* p, const std::nothrow_t&) noexcept { counted_free(p); }
#undef KIN_BENCH_HEAP

namespace {

// The peak heap (bytes live at once) and the allocations a call of `f`
// makes through operator new.
template <class F>
std::pair<std::size_t, std::size_t> heap_of(F&& f) {
  g_heap_bytes = g_heap_allocations = g_heap_live = g_heap_peak = 0;
  g_heap_counting = true;
  f();
  g_heap_counting = false;
  return {g_heap_peak, g_heap_allocations};
}

using kshape::kres;
using SH = kin::singly_hook<>;
using LH = kin::list_hook<>;
using CH = kin::compact_hook<>;

[[noreturn]] __attribute__((format(printf, 1, 2))) void fail(const char* fmt, ...) {
  std::fflush(stdout);
  std::fputs("kin_bench_resource: ", stderr);
  va_list ap;
  va_start(ap, fmt);
  std::vfprintf(stderr, fmt, ap);
  va_end(ap);
  std::fputc('\n', stderr);
  std::abort();
}

template <class H>
constexpr const char* layout_name() {
  if constexpr (std::is_same_v<H, SH>) {
    return "singly";
  } else if constexpr (std::is_same_v<H, LH>) {
    return "list";
  } else {
    return "compact";
  }
}

std::string hex(std::uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "%llx", static_cast<unsigned long long>(v));
  return b;
}

// ---- Listings

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    fail("cannot read %s", p.c_str());
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count_lines(std::string_view t) noexcept {
  std::size_t n = 0;
  const char* p = t.data();
  const char* const e = p + t.size();
  while (p < e) {
    ++n;
    const void* q = std::memchr(p, '\n', static_cast<std::size_t>(e - p));
    if (!q) {
      break;
    }
    p = static_cast<const char*>(q) + 1;
  }
  return n;
}

struct listing_line {
  std::size_t indent;
  std::uint64_t start, end;
  std::string_view name;
};

// A listing's lines, split for replication (the files are in kernel form:
// the parser has accepted them before this runs).
std::vector<listing_line> split_listing(std::string_view text) {
  std::vector<listing_line> out;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    std::string_view l = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    listing_line f{};
    while (f.indent < l.size() && l[f.indent] == ' ') {
      ++f.indent;
    }
    const std::size_t dash = l.find('-', f.indent), colon = l.find(" : ");
    if (dash == std::string_view::npos || colon == std::string_view::npos || colon < dash) {
      fail("cannot split line '%.*s'", static_cast<int>(l.size()), l.data());
    }
    f.start = std::strtoull(std::string(l.substr(f.indent, dash - f.indent)).c_str(), nullptr, 16);
    f.end = std::strtoull(std::string(l.substr(dash + 1, colon - dash - 1)).c_str(), nullptr, 16);
    f.name = l.substr(colon + 3);
    out.push_back(f);
  }
  return out;
}

// `ranges` lines: the source's lines again and again, copy k shifted up by
// k times the source's span.
std::string replicate(std::string_view source, std::size_t ranges, std::uint64_t& span_out) {
  const std::vector<listing_line> lines = split_listing(source);
  std::uint64_t lo = UINT64_MAX, hi = 0;
  for (const listing_line& l : lines) {
    if (l.indent == 0) {
      lo = std::min(lo, l.start);
      hi = std::max(hi, l.end);
    }
  }
  const std::uint64_t span = hi - lo + 1;
  const std::uint64_t copies = (ranges + lines.size() - 1) / lines.size();
  if (span == 0 || hi > UINT64_MAX / (copies + 1) || span > (UINT64_MAX - hi) / copies) {
    fail("the replicated map would pass 2^64");
  }
  span_out = span;
  std::string out;
  out.reserve(ranges * 48);
  char buf[64];
  for (std::size_t i = 0; i < ranges; ++i) {
    const listing_line& l = lines[i % lines.size()];
    const std::uint64_t shift = span * (i / lines.size());
    out.append(l.indent, ' ');
    std::snprintf(buf, sizeof buf, "%08llx-%08llx : ", static_cast<unsigned long long>(l.start + shift),
                  static_cast<unsigned long long>(l.end + shift));
    out += buf;
    out += l.name;
    out += '\n';
  }
  return out;
}

// ---- The kernel-style tree: one array of kres in line order (as kin's
// parser lays out its nodes), the names NUL-terminated in one buffer.

struct ktree {
  std::unique_ptr<kres[]> nodes;
  std::string names;
  std::size_t size = 0;
  kres* root() { return &nodes[0]; }
};

template <class H>
ktree build_ktree(kin::iomem_tree<H>& t) {
  using R = typename kin::iomem_tree<H>::traits;
  ktree k;
  k.size = t.size();
  k.nodes = std::make_unique<kres[]>(k.size + 1);
  std::vector<std::size_t> name_at(k.size + 1, SIZE_MAX);
  k.names = std::string("PCI mem") + '\0';
  name_at[0] = 0;
  for (std::size_t i = 1; i <= k.size; ++i) {
    const std::string_view n = t.at_line(i).name;
    if (n.data()) {
      name_at[i] = k.names.size();
      k.names.append(n);
      k.names += '\0';
    }
  }
  k.nodes[0] = kres{0, UINT64_MAX, k.names.c_str(), kshape::res_mem, 0, nullptr, nullptr, nullptr};
  std::vector<kres*> last_child(k.size + 1, nullptr);
  for (std::size_t i = 1; i <= k.size; ++i) {
    auto& r = t.at_line(i);
    const std::size_t p = t.line_of(*kin::parent<R>(&r));
    kres& c = k.nodes[i];
    c = kres{r.start, r.end, name_at[i] == SIZE_MAX ? nullptr : k.names.c_str() + name_at[i],
             static_cast<unsigned long>(r.flags), static_cast<unsigned long>(r.desc), &k.nodes[p], nullptr, nullptr};
    (last_child[p] ? last_child[p]->sibling : k.nodes[p].child) = &c;
    last_child[p] = &c;
  }
  // The same shape: pre-order of the C tree is line order, parents alike.
  std::size_t line = 0;
  for (kres* p = k.root()->child; p; p = kshape::next_preorder(p)) {
    ++line;
    if (p != &k.nodes[line] ||
        static_cast<std::size_t>(p->parent - k.root()) != t.line_of(*kin::parent<R>(&t.at_line(line)))) {
      fail("the kernel-style tree differs from kin's at line %zu", line);
    }
  }
  if (line != k.size) {
    fail("the kernel-style tree has %zu nodes, kin's %zu", line, k.size);
  }
  return k;
}

template <class H>
kin::iomem_tree<H> parse_or_die(std::string_view text, const std::string& name) {
  auto parsed = kin::parse_iomem<H>(text);
  if (!parsed) {
    fail("%s:%zu:%zu: %s", name.c_str(), parsed.error().line, parsed.error().column, parsed.error().message.c_str());
  }
  if (!parsed.value().well_formed()) {
    fail("%s is not well formed", name.c_str());
  }
  return std::move(parsed).value();
}

struct map_data {
  std::string name; // the file name, or "replicated-10^N"
  std::string text;
  std::size_t ranges = 0;
  std::optional<kin::iomem_tree<SH>> singly;
  std::optional<kin::iomem_tree<LH>> list;
  std::optional<kin::iomem_tree<CH>> compact;
  ktree kernel;

  template <class H>
  kin::iomem_tree<H>& tree() {
    if constexpr (std::is_same_v<H, SH>) {
      return *singly;
    } else if constexpr (std::is_same_v<H, LH>) {
      return *list;
    } else {
      return *compact;
    }
  }
};

// ---- Visits, compared before timing

struct visit_rec {
  std::uint64_t start, end, flags;
  long desc;
  bool operator==(const visit_rec&) const = default;
};

struct recorder {
  std::vector<visit_rec>* out;
  template <class Rec>
  int operator()(const Rec& r) const {
    out->push_back({r.start, r.end, static_cast<std::uint64_t>(r.flags), static_cast<long>(r.desc)});
    return 0;
  }
};

// The timed visitor: a sum the optimizer must keep.
struct summer {
  std::uint64_t* acc;
  template <class Rec>
  int operator()(const Rec& r) const noexcept {
    *acc += r.start * 3 + r.end;
    return 0;
  }
};

void require_same(const std::vector<visit_rec>& a, const std::vector<visit_rec>& b, const std::string& what) {
  if (a != b) {
    fail("%s: kin visited %zu ranges, the kernel-shaped code %zu, or in another order", what.c_str(), a.size(),
         b.size());
  }
  if (a.empty()) {
    fail("%s: no System RAM visited", what.c_str());
  }
}

// ---- The run

struct config {
  bool quick = false;
  bool list = false;
  std::string json;
  std::string filter;
};

struct case_info {
  std::string id, map;
  std::size_t ranges = 0;
  std::string layout, op, a, b, kind, per;
  std::vector<std::pair<std::string, double>> numbers;
};

struct bench_case {
  std::string id;
  std::function<void()> run;
};

class bench {
public:
  explicit bench(const config& c) : cfg_(c) {
    if (cfg_.quick) {
      normal_ = {3, 2, 2e5};
      heavy_ = {3, 1, 2e5};
      huge_ = {3, 1, 2e5};
    }
    const std::filesystem::path dir = std::filesystem::path(KIN_BENCH_DATA_DIR) / "iomem";
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() == ".txt") {
        real_.push_back(e.path().filename().string());
      }
    }
    std::sort(real_.begin(), real_.end());
    if (real_.empty()) {
      fail("no listings in %s", dir.c_str());
    }
    std::size_t most = 0;
    for (const std::string& f : real_) {
      const std::size_t n = count_lines(read_file(dir / f));
      if (n > most) {
        most = n;
        largest_ = f;
      }
    }
    replicated_ = {"replicated-10^4"};
    if (!cfg_.quick) {
      replicated_.push_back("replicated-10^5");
    }
  }

  void define_cases();
  int run();

private:
  static constexpr const char* bundled = "x86-qemu-pc-57g-crashkernel.txt";

  map_data& map(const std::string& name);
  static std::string stem(const std::string& map) {
    return map.size() > 4 && map.ends_with(".txt") ? map.substr(0, map.size() - 4) : map;
  }
  bool is_large(const std::string& map) const { return map == "replicated-10^5"; }
  // The maps the kexec cases use: the bundled one, the replicated one's
  // source, and the replicated ones (the others are arm boards, 32-bit
  // machines and a VM where the 64 MiB kernel may not fit).
  bool has_kexec(const std::string& map) const {
    return map == bundled || map == largest_ || map.starts_with("replicated-");
  }
  void add(std::string id, std::function<void()> f) {
    if (cfg_.filter.empty() || id.find(cfg_.filter) != std::string::npos) {
      cases_.push_back({std::move(id), std::move(f)});
    }
  }
  void emit(const case_info& c, const kin_bench::pair_result& p);
  void emit_memory(const std::string& what, const std::string& layout, double bytes,
                   std::vector<std::pair<std::string, double>> numbers = {}, const std::string& map = {});

  template <class H>
  void walk_cases(const std::string& m);
  template <class H>
  void op_cases(const std::string& m);
  template <class H>
  void parse_print_cases(const std::string& m);
  template <class H>
  void kexec_case(const std::string& m);
  void kexec_scaling(std::size_t segments, std::uint64_t pages);
  void memory_nodes();
  void memory_map(const std::string& m);

  config cfg_;
  // How long each pair runs. A call longer than a batch makes a batch of one
  // call, and every pair makes 2 + repetitions x batches calls of each side
  // (a warm-up and a calibration first), so the slow kernel-shaped sides
  // get fewer repetitions to keep the whole run within its budget.
  kin_bench::pair_options normal_{};        // 7 repetitions of 4 batches of 2 ms
  kin_bench::pair_options heavy_{3, 2, 2e6}; // a side of 0.1-0.2 s a call (the 300-segment study)
  kin_bench::pair_options huge_{3, 1, 2e6};  // a side of about a second a call (the 10^5 map's kernel side)
  std::vector<std::string> real_, replicated_;
  std::string largest_;
  std::map<std::string, std::unique_ptr<map_data>> maps_;
  std::vector<bench_case> cases_;
  std::FILE* out_ = stdout;
  std::size_t done_ = 0;
};

map_data& bench::map(const std::string& name) {
  auto& slot = maps_[name];
  if (slot) {
    return *slot;
  }
  slot = std::make_unique<map_data>();
  map_data& m = *slot;
  m.name = name;
  const std::filesystem::path dir = std::filesystem::path(KIN_BENCH_DATA_DIR) / "iomem";
  if (name.starts_with("replicated-10^")) {
    std::size_t n = 1;
    for (int e = std::atoi(name.c_str() + std::strlen("replicated-10^")); e > 0; --e) {
      n *= 10;
    }
    std::uint64_t span = 0;
    m.text = replicate(read_file(dir / largest_), n, span);
  } else {
    m.text = read_file(dir / name);
  }
  m.ranges = count_lines(m.text);
  m.singly.emplace(parse_or_die<SH>(m.text, name));
  m.list.emplace(parse_or_die<LH>(m.text, name));
  m.compact.emplace(parse_or_die<CH>(m.text, name));
  m.kernel = build_ktree(*m.singly);
  return m;
}

void bench::emit(const case_info& c, const kin_bench::pair_result& p) {
  kin_bench::json_line j;
  j.str("suite", "resource").str("case", c.id).str("map", c.map).num("ranges", static_cast<double>(c.ranges));
  if (c.map.starts_with("replicated-")) {
    j.str("source", largest_);
  }
  j.str("layout", c.layout).str("op", c.op).str("a", c.a).str("b", c.b).str("kind", c.kind).str("per", c.per);
  for (const auto& [k, v] : c.numbers) {
    j.num(k.c_str(), v);
  }
  j.pair(p).write(out_);
  std::fflush(out_);
  std::fprintf(stderr, "[%zu/%zu] %-58s ratio %8.4g (%.4g..%.4g)  a %10.4g ns  b %10.4g ns\n", ++done_, cases_.size(),
               c.id.c_str(), p.ratio, p.ratio_min, p.ratio_max, p.a.ns_per_op, p.b.ns_per_op);
}

void bench::emit_memory(const std::string& what, const std::string& layout, double bytes,
                        std::vector<std::pair<std::string, double>> numbers, const std::string& map) {
  kin_bench::json_line j;
  j.str("suite", "memory").str("what", what).str("layout", layout).num("bytes", bytes);
  if (!map.empty()) {
    j.str("map", map);
  }
  for (const auto& [k, v] : numbers) {
    j.num(k.c_str(), v);
  }
  j.write(out_);
  std::fflush(out_);
}

// ---- Walks: kin ÷ kernel-shaped, forward and reverse

template <class H>
void bench::walk_cases(const std::string& mname) {
  using R = typename kin::iomem_tree<H>::traits;
  using res = kin::resource<H>;
  const std::string tag = stem(mname) + "/" + layout_name<H>();

  add("walk_fwd/" + tag, [this, mname] {
    map_data& m = map(mname);
    const res* root = &m.tree<H>().root();
    kres* kroot = m.kernel.root();
    std::vector<visit_rec> kv, nv;
    kin::walk_system_ram_res<R>(root, 0, UINT64_MAX, recorder{&nv}, kin::assume_well_formed);
    kshape::walk_system_ram_res(kroot, 0, UINT64_MAX, recorder{&kv});
    require_same(nv, kv, "walk_fwd/" + mname);
    std::uint64_t acc = 0;
    auto a = [&] {
      const int r = kin::walk_system_ram_res<R>(root, 0, UINT64_MAX, summer{&acc}, kin::assume_well_formed);
      kin_bench::keep(r);
      kin_bench::keep(acc);
    };
    auto b = [&] {
      const int r = kshape::walk_system_ram_res(kroot, 0, UINT64_MAX, summer{&acc});
      kin_bench::keep(r);
      kin_bench::keep(acc);
    };
    const auto p = kin_bench::paired(a, b, 1, is_large(mname) ? huge_ : normal_);
    emit({"walk_fwd/" + stem(mname) + "/" + layout_name<H>(), mname, m.ranges, layout_name<H>(), "walk_system_ram_res",
          "kin-one-pass", "kernel-rescan-from-root", "kin/kernel-shaped", "walk",
          {{"matches", static_cast<double>(kv.size())}}},
         p);
  });

  if constexpr (kin::bidirectional_tree_traits<kin::node_traits_of<R>>) {
    add("walk_rev/" + tag + "-native", [this, mname] {
      map_data& m = map(mname);
      const res* root = &m.tree<H>().root();
      kres* kroot = m.kernel.root();
      std::vector<visit_rec> kv, nv;
      int nr = 0;
      kin::walk_system_ram_res_rev<R>(root, 0, UINT64_MAX, recorder{&nv}, kin::collect_allocating,
                                      kin::assume_well_formed);
      // Native: nothing allocated (the timed visitor, whose sum allocates nothing).
      std::uint64_t acc = 0;
      const auto heap = heap_of([&] {
        nr = kin::walk_system_ram_res_rev<R>(root, 0, UINT64_MAX, summer{&acc}, kin::collect_allocating,
                                             kin::assume_well_formed);
      });
      if (heap.second != 0 || nr != 0) {
        fail("walk_rev/%s: the native reverse walk allocated (%zu) or returned %d", mname.c_str(), heap.second, nr);
      }
      kshape::walk_system_ram_res_rev(kroot, 0, UINT64_MAX, recorder{&kv});
      require_same(nv, kv, "walk_rev/" + mname);
      std::vector<visit_rec> fwd;
      kshape::walk_system_ram_res(kroot, 0, UINT64_MAX, recorder{&fwd});
      std::reverse(fwd.begin(), fwd.end());
      require_same(fwd, kv, "walk_rev/" + mname + " (the forward walk reversed)");
      auto a = [&] {
        const int r = kin::walk_system_ram_res_rev<R>(root, 0, UINT64_MAX, summer{&acc}, kin::collect_allocating,
                                                      kin::assume_well_formed);
        kin_bench::keep(r);
        kin_bench::keep(acc);
      };
      auto b = [&] {
        const int r = kshape::walk_system_ram_res_rev(kroot, 0, UINT64_MAX, summer{&acc});
        kin_bench::keep(r);
        kin_bench::keep(acc);
      };
      const auto p = kin_bench::paired(a, b, 1, is_large(mname) ? huge_ : normal_);
      emit({"walk_rev/" + stem(mname) + "/" + layout_name<H>() + "-native", mname, m.ranges, layout_name<H>(),
            "walk_system_ram_res_rev", "kin-native-reverse", "kernel-v6.8-array", "kin/kernel-shaped", "walk",
            {{"matches", static_cast<double>(kv.size())}}},
           p);
    });
  } else {
    // Singly linked: kin collects, as the kernel does (into the caller's
    // records, or allocating exactly what a first pass counted).
    for (const bool allocating : {false, true}) {
      const std::string variant = allocating ? "-collect_allocating" : "-collect";
      add("walk_rev/" + tag + variant, [this, mname, allocating, variant] {
        map_data& m = map(mname);
        const res* root = &m.tree<H>().root();
        kres* kroot = m.kernel.root();
        std::vector<visit_rec> kv, nv;
        kshape::walk_system_ram_res_rev(kroot, 0, UINT64_MAX, recorder{&kv});
        std::vector<kin::resource_record<res*>> records(kv.size());
        const kin::window all{0, UINT64_MAX};
        auto kin_walk = [&](auto&& visit) {
          if (allocating) {
            return kin::walk_resources_reverse<R>(root, all, kin::system_ram_filter, visit, kin::collect_allocating,
                                                  kin::assume_well_formed);
          }
          return kin::walk_resources_reverse<R>(root, all, kin::system_ram_filter, visit, kin::collect(records),
                                                kin::assume_well_formed);
        };
        const auto nr = kin_walk(recorder{&nv});
        if (nr.status != kin::walk_status::completed) {
          fail("walk_rev/%s%s: kin's collected walk did not complete", mname.c_str(), variant.c_str());
        }
        require_same(nv, kv, "walk_rev/" + mname + variant);
        std::uint64_t acc = 0;
        auto a = [&] {
          const auto r = kin_walk(summer{&acc});
          kin_bench::keep(r.visited);
          kin_bench::keep(acc);
        };
        auto b = [&] {
          const int r = kshape::walk_system_ram_res_rev(kroot, 0, UINT64_MAX, summer{&acc});
          kin_bench::keep(r);
          kin_bench::keep(acc);
        };
        const auto p = kin_bench::paired(a, b, 1, is_large(mname) ? huge_ : normal_);
        emit({"walk_rev/" + stem(mname) + "/singly" + variant, mname, m.ranges, "singly", "walk_system_ram_res_rev",
              allocating ? "kin-collect-allocating" : "kin-collect-buffer", "kernel-v6.8-array", "kin/kernel-shaped",
              "walk", {{"matches", static_cast<double>(kv.size())}}},
             p);
      });
    }
  }
}

// ---- Resource operations: doubly ÷ singly

struct op_place {
  std::uint64_t gap_start = 0, gap_end = 0; // a free page between top-level ranges
  std::size_t target_line = 0;              // a top-level range
};

// The lowest or highest free page between (or around) the top-level
// ranges, and the first or last top-level range.
op_place find_place(kin::iomem_tree<SH>& t, bool high) {
  using R = kin::iomem_tree<SH>::traits;
  op_place p;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> gaps;
  std::uint64_t from = 0;
  bool open = true; // [from, ...] is free
  for (auto& c : kin::children<R>(&t.root())) {
    if (open && c.start > from) {
      gaps.emplace_back(from, c.start - 1);
    }
    open = c.end != UINT64_MAX;
    from = c.end + 1;
    if (!p.target_line || high) {
      p.target_line = t.line_of(c);
    }
  }
  if (open) {
    gaps.emplace_back(from, UINT64_MAX);
  }
  if (high) {
    std::reverse(gaps.begin(), gaps.end());
  }
  for (const auto& [s, e] : gaps) {
    const std::uint64_t a = (s + 0xfff) & ~std::uint64_t{0xfff};
    if (a >= s && a <= e && e - a >= 0xfff) {
      p.gap_start = a;
      p.gap_end = a + 0xfff;
      return p;
    }
  }
  fail("no free page between the top-level ranges");
}

// One op pair on layout H; `fresh` is a node of H outside the tree.
enum class op_kind { request_release, insert_remove, release_request };

template <class H>
int run_op(op_kind k, kin::iomem_tree<H>& t, kin::resource<H>* fresh, kin::resource<H>* target) {
  using R = typename kin::iomem_tree<H>::traits;
  kin::resource<H>* root = &t.root();
  switch (k) {
  case op_kind::request_release:
    return kin::request_resource<R>(root, fresh) + 2 * kin::release_resource<R>(fresh);
  case op_kind::insert_remove:
    return kin::insert_resource<R>(root, fresh) + 2 * kin::remove_resource<R>(fresh);
  case op_kind::release_request:
    return kin::release_resource<R>(target) + 2 * kin::request_resource<R>(root, target);
  }
  return -1;
}

template <class H>
struct op_side {
  kin::iomem_tree<H>* tree;
  std::unique_ptr<kin::resource<H>> fresh;
  kin::resource<H>* target;
  op_side(kin::iomem_tree<H>& t, op_kind k, const op_place& p) : tree(&t), target(&t.at_line(p.target_line)) {
    fresh = std::make_unique<kin::resource<H>>(p.gap_start, p.gap_end, "bench", kin::ioresource_mem);
    if (k == op_kind::insert_remove) {
      fresh->start = target->start;
      fresh->end = target->end;
    }
  }
  int operator()(op_kind k) { return run_op<H>(k, *tree, fresh.get(), target); }
};

template <class H>
void bench::op_cases(const std::string& mname) {
  static_assert(!std::is_same_v<H, SH>, "the doubly linked layout is A; singly is B");
  constexpr std::pair<op_kind, const char*> kinds[] = {{op_kind::request_release, "request_release"},
                                                       {op_kind::insert_remove, "insert_remove"},
                                                       {op_kind::release_request, "release_request"}};
  for (const auto& [kind, kname] : kinds) {
    for (const bool high : {false, true}) {
      const std::string where = high ? "high" : "low";
      const std::string id = std::string(kname) + "/" + stem(mname) + "/" + where + "/" + layout_name<H>();
      add(id, [this, mname, kind, high, id] {
        map_data& m = map(mname);
        const op_place place = find_place(*m.singly, high);
        op_side<H> a_side(m.tree<H>(), kind, place);
        op_side<SH> b_side(*m.singly, kind, place);
        // Each pair leaves the tree as it was, and succeeds.
        for (int i = 0; i < 3; ++i) {
          if (a_side(kind) != 0 || b_side(kind) != 0) {
            fail("%s: an operation failed", id.c_str());
          }
        }
        using RA = typename kin::iomem_tree<H>::traits;
        using RB = kin::iomem_tree<SH>::traits;
        if (kin::iomem_to_text<RA>(&m.tree<H>().root()) != m.text ||
            kin::iomem_to_text<RB>(&m.singly->root()) != m.text || !kin::resource_check<RA>(&m.tree<H>().root()) ||
            !kin::resource_check<RB>(&m.singly->root())) {
          fail("%s: the operations did not leave the tree as it was", id.c_str());
        }
        int acc = 0;
        auto a = [&] {
          acc += a_side(kind);
          kin_bench::keep(acc);
        };
        auto b = [&] {
          acc += b_side(kind);
          kin_bench::keep(acc);
        };
        const auto p = kin_bench::paired(a, b, 1, normal_);
        if (acc != 0) {
          fail("%s: an operation failed while timed", id.c_str());
        }
        const std::string op = kind == op_kind::request_release ? "request_resource+release_resource"
                               : kind == op_kind::insert_remove ? "insert_resource+remove_resource"
                                                                : "release_resource+request_resource";
        std::size_t top_level = 0;
        for ([[maybe_unused]] auto& c : kin::children<RB>(&m.singly->root())) {
          ++top_level;
        }
        emit({id, mname, m.ranges, layout_name<H>(), op, layout_name<H>(), "singly", "doubly/singly", "op-pair",
              {{"top_level_ranges", static_cast<double>(top_level)}, {"high", high ? 1.0 : 0.0}}},
             p);
      });
    }
  }
}

// ---- kexec placement: kin ÷ page stepping

std::vector<kin::kexec_request> default_segments() {
  constexpr std::uint64_t MiB = 1 << 20;
  return {{0x5000, 16, 0x3000, UINT64_MAX, kin::kexec_direction::top_down},          // purgatory
          {0x2000, 16, 0x3000, UINT64_MAX, kin::kexec_direction::top_down},          // boot parameters
          {64 * MiB, 2 * MiB, 16 * MiB, UINT64_MAX, kin::kexec_direction::top_down}}; // kernel
}

template <class H>
void kin_place_all(const kin::resource<H>* root, const std::vector<kin::kexec_request>& reqs,
                   std::vector<kin::kexec_span>& placed) {
  using R = typename kin::iomem_tree<H>::traits;
  placed.clear();
  for (const kin::kexec_request& q : reqs) {
    const kin::kexec_placement p = kin::kexec_place<R>(root, q, placed, kin::kexec_rules::linux_6_12);
    if (!p) {
      fail("kin could not place a segment");
    }
    placed.push_back(p.span);
  }
}

void kernel_place_all(kres* root, const std::vector<kin::kexec_request>& reqs, std::vector<kshape::segment>& segs,
                      kshape::heap_stats* stats = nullptr) {
  std::size_t nr = 0;
  for (const kin::kexec_request& q : reqs) {
    if (kshape::add_buffer(root, segs.data(), nr, q.size, q.align, q.min, q.max,
                           q.direction == kin::kexec_direction::top_down, stats) != 0) {
      fail("the kernel-shaped search could not place a segment");
    }
  }
}

void require_same_places(const std::vector<kin::kexec_span>& a, const std::vector<kshape::segment>& b,
                         const std::string& what) {
  if (a.size() != b.size()) {
    fail("%s: %zu placements against %zu", what.c_str(), a.size(), b.size());
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].start != b[i].mem || a[i].end != b[i].mem + b[i].memsz - 1) {
      fail("%s: segment %zu at %s-%s (kin) and %s-%s (kernel-shaped)", what.c_str(), i, hex(a[i].start).c_str(),
           hex(a[i].end).c_str(), hex(b[i].mem).c_str(), hex(b[i].mem + b[i].memsz - 1).c_str());
    }
  }
}

// kin's placement of `reqs` and the kernel-shaped one on the same map,
// checked equal (or the program stops), then timed as a pair: per placement.
template <class H>
kin_bench::pair_result pair_placements(const kin::resource<H>* root, kres* kroot,
                                       const std::vector<kin::kexec_request>& reqs, const std::string& id,
                                       const kin_bench::pair_options& options) {
  std::vector<kin::kexec_span> placed;
  placed.reserve(reqs.size());
  std::vector<kshape::segment> segs(reqs.size());
  kin_place_all<H>(root, reqs, placed);
  kernel_place_all(kroot, reqs, segs);
  require_same_places(placed, segs, id);
  auto a = [&] {
    kin_place_all<H>(root, reqs, placed);
    kin_bench::keep(placed.data());
  };
  auto b = [&] {
    kernel_place_all(kroot, reqs, segs);
    kin_bench::keep(segs.data());
  };
  return kin_bench::paired(a, b, static_cast<double>(reqs.size()), options);
}

template <class H>
void bench::kexec_case(const std::string& mname) {
  const std::string id = "kexec_default/" + stem(mname) + "/" + layout_name<H>();
  add(id, [this, mname, id] {
    map_data& m = map(mname);
    const kin::resource<H>* root = &m.tree<H>().root();
    kres* kroot = m.kernel.root();
    const std::vector<kin::kexec_request> reqs = default_segments();
    const auto p = pair_placements<H>(root, kroot, reqs, id, is_large(mname) ? huge_ : normal_);
    emit({id, mname, m.ranges, layout_name<H>(), "kexec_place", "kin-jump", "kernel-page-stepping", "kin/page-stepping",
          "placement", {{"segments", static_cast<double>(reqs.size())}}},
         p);
  });
}

void bench::kexec_scaling(std::size_t segments, std::uint64_t pages) {
  const std::string id = "kexec_scaling/" + std::to_string(segments) + "-segments/" + std::to_string(pages) + "-pages";
  add(id, [this, segments, pages, id] {
    map_data& m = map(bundled);
    const kin::resource<LH>* root = &m.list->root();
    kres* kroot = m.kernel.root();
    const std::vector<kin::kexec_request> reqs(
        segments, kin::kexec_request{pages * kshape::page_size, kshape::page_size, 0, UINT64_MAX,
                                     kin::kexec_direction::top_down});
    const bool heavy = segments * segments * segments * pages > 100'000'000ULL;
    const auto p = pair_placements<LH>(root, kroot, reqs, id, heavy ? heavy_ : normal_);
    // Pages the kernel-shaped search stepped over, in all: segment k starts
    // at the ceiling and steps past the k segments above it.
    const double stepped = static_cast<double>(pages) * static_cast<double>(segments) *
                           static_cast<double>(segments - 1) / 2;
    emit({id, bundled, m.ranges, "list", "kexec_place", "kin-jump", "kernel-page-stepping", "kin/page-stepping",
          "placement",
          {{"segments", static_cast<double>(segments)},
           {"segment_pages", static_cast<double>(pages)},
           {"pages_stepped", stepped}}},
         p);
  });
}

// ---- Memory

void bench::memory_nodes() {
  add("memory/nodes", [this] {
    emit_memory("node", "singly", sizeof(kin::resource<SH>), {{"link_bytes", sizeof(SH)}});
    emit_memory("node", "list", sizeof(kin::resource<LH>), {{"link_bytes", sizeof(LH)}});
    emit_memory("node", "compact", sizeof(kin::resource<CH>), {{"link_bytes", sizeof(CH)}});
    emit_memory("node", "kernel-shaped", sizeof(kres), {{"link_bytes", 3 * sizeof(kres*)}});
    emit_memory("reverse_record", "kernel-shaped", sizeof(kres));
    emit_memory("reverse_record", "singly", sizeof(kin::resource_record<kin::resource<SH>*>));
    std::fprintf(stderr, "[%zu/%zu] memory/nodes\n", ++done_, cases_.size());
  });
}

void bench::memory_map(const std::string& mname) {
  add("memory/" + stem(mname), [this, mname] {
    map_data& m = map(mname);
    std::uint64_t acc = 0;
    // The kernel-shaped v6.8 array: its largest capacity, and old + new
    // while the last growth copied.
    kshape::heap_stats ks;
    std::size_t matches = 0;
    kshape::walk_system_ram_res_rev(
        m.kernel.root(), 0, UINT64_MAX,
        [&](const kres&) {
          ++matches;
          return 0;
        },
        &ks);
    const std::vector<std::pair<std::string, double>> common = {{"ranges", static_cast<double>(m.ranges)},
                                                                {"records", static_cast<double>(matches)}};
    auto with = [&](std::vector<std::pair<std::string, double>> more) {
      auto v = common;
      v.insert(v.end(), more.begin(), more.end());
      return v;
    };
    emit_memory("reverse_walk_peak", "kernel-shaped", static_cast<double>(ks.peak),
                with({{"transient_bytes", static_cast<double>(ks.transient)},
                      {"growths", static_cast<double>(ks.growths)}}),
                mname);
    auto native = [&](auto& tree) {
      using R = typename std::remove_reference_t<decltype(tree)>::traits;
      return heap_of([&] {
        kin::walk_system_ram_res_rev<R>(&tree.root(), 0, UINT64_MAX, summer{&acc}, kin::collect_allocating,
                                        kin::assume_well_formed);
      });
    };
    const auto ln = native(*m.list);
    const auto cn = native(*m.compact);
    emit_memory("reverse_walk_peak", "list", static_cast<double>(ln.first),
                with({{"allocations", static_cast<double>(ln.second)}}), mname);
    emit_memory("reverse_walk_peak", "compact", static_cast<double>(cn.first),
                with({{"allocations", static_cast<double>(cn.second)}}), mname);
    using RS = kin::iomem_tree<SH>::traits;
    const auto sa = heap_of([&] {
      kin::walk_system_ram_res_rev<RS>(&m.singly->root(), 0, UINT64_MAX, summer{&acc}, kin::collect_allocating,
                                       kin::assume_well_formed);
    });
    emit_memory("reverse_walk_peak", "singly-collect_allocating", static_cast<double>(sa.first),
                with({{"allocations", static_cast<double>(sa.second)}}), mname);
    emit_memory("reverse_walk_storage", "singly-collect",
                static_cast<double>(matches * sizeof(kin::resource_record<kin::resource<SH>*>)), with({}), mname);
    if (!has_kexec(mname)) {
      kin_bench::keep(acc);
      std::fprintf(stderr, "[%zu/%zu] memory/%s\n", ++done_, cases_.size(), stem(mname).c_str());
      return;
    }
    // The default kexec placement: the kernel-shaped reverse walk's array
    // at its largest over the three placements, against kin's heap.
    const std::vector<kin::kexec_request> reqs = default_segments();
    std::vector<kshape::segment> segs(reqs.size());
    kshape::heap_stats kp;
    kernel_place_all(m.kernel.root(), reqs, segs, &kp);
    emit_memory("kexec_default_peak", "kernel-shaped", static_cast<double>(kp.peak),
                with({{"transient_bytes", static_cast<double>(kp.transient)}}), mname);
    std::vector<kin::kexec_span> placed;
    placed.reserve(reqs.size());
    const auto kl = heap_of([&] { kin_place_all<LH>(&m.list->root(), reqs, placed); });
    const auto kc = heap_of([&] { kin_place_all<CH>(&m.compact->root(), reqs, placed); });
    const auto ks1 = heap_of([&] { kin_place_all<SH>(&m.singly->root(), reqs, placed); });
    emit_memory("kexec_default_heap", "list", static_cast<double>(kl.first),
                with({{"allocations", static_cast<double>(kl.second)}}), mname);
    emit_memory("kexec_default_heap", "compact", static_cast<double>(kc.first),
                with({{"allocations", static_cast<double>(kc.second)}}), mname);
    emit_memory("kexec_default_heap", "singly", static_cast<double>(ks1.first),
                with({{"allocations", static_cast<double>(ks1.second)}}), mname);
    kin_bench::keep(acc);
    std::fprintf(stderr, "[%zu/%zu] memory/%s\n", ++done_, cases_.size(), stem(mname).c_str());
  });
}

// ---- parse and print: ns per line, both ÷ a plain loop counting the lines

template <class H>
void bench::parse_print_cases(const std::string& mname) {
  using R = typename kin::iomem_tree<H>::traits;
  for (const bool print : {false, true}) {
    const std::string id = std::string(print ? "print/" : "parse/") + stem(mname) + "/" + layout_name<H>();
    add(id, [this, mname, print, id] {
      map_data& m = map(mname);
      const std::string_view text = m.text;
      const auto* root = &m.tree<H>().root();
      std::string printed;
      printed.reserve(text.size() + 64);
      // Parsing gives the map's tree; printing it gives the text back.
      {
        auto again = kin::parse_iomem<H>(text);
        if (!again || again.value().size() != m.ranges || !again.value().warnings().empty()) {
          fail("%s: parse_iomem did not give the map back", id.c_str());
        }
        kin::print_iomem<R>(kin::string_sink{printed}, &again.value().root());
        if (printed != text) {
          fail("%s: print_iomem did not give the text back", id.c_str());
        }
      }
      std::size_t acc = 0;
      auto a = [&] {
        if (print) {
          printed.clear();
          kin::print_iomem<R>(kin::string_sink{printed}, root);
          acc += printed.size();
        } else {
          auto parsed = kin::parse_iomem<H>(text);
          acc += parsed.value().size();
        }
        kin_bench::keep(acc);
      };
      auto b = [&] {
        acc += count_lines(text);
        kin_bench::keep(acc);
      };
      const auto p = kin_bench::paired(a, b, static_cast<double>(m.ranges), normal_);
      emit({id, mname, m.ranges, layout_name<H>(), print ? "print_iomem" : "parse_iomem",
            print ? "kin-print" : "kin-parse", "line-count-loop", "kin/line-count", "line",
            {{"bytes", static_cast<double>(text.size())}}},
           p);
    });
  }
}

void bench::define_cases() {
  std::vector<std::string> all = real_;
  all.insert(all.end(), replicated_.begin(), replicated_.end());
  memory_nodes();
  for (const std::string& m : all) {
    walk_cases<SH>(m);
    walk_cases<LH>(m);
    walk_cases<CH>(m);
    const std::string tag = stem(m) + "/list";
    for (const bool reverse : {false, true}) {
      const std::string id = std::string(reverse ? "walk_checked_rev/" : "walk_checked_fwd/") + tag;
      add(id, [this, m, reverse, id] {
        map_data& md = map(m);
        using R = kin::iomem_tree<LH>::traits;
        const kin::resource<LH>* root = &md.list->root();
        std::uint64_t acc = 0;
        auto a = [&] {
          const int r = reverse ? kin::walk_system_ram_res_rev<R>(root, 0, UINT64_MAX, summer{&acc},
                                                                  kin::collect_allocating, kin::checked)
                                : kin::walk_system_ram_res<R>(root, 0, UINT64_MAX, summer{&acc}, kin::checked);
          kin_bench::keep(r);
          kin_bench::keep(acc);
        };
        auto b = [&] {
          const int r = reverse ? kin::walk_system_ram_res_rev<R>(root, 0, UINT64_MAX, summer{&acc},
                                                                  kin::collect_allocating, kin::assume_well_formed)
                                : kin::walk_system_ram_res<R>(root, 0, UINT64_MAX, summer{&acc},
                                                              kin::assume_well_formed);
          kin_bench::keep(r);
          kin_bench::keep(acc);
        };
        std::vector<visit_rec> x, y;
        if (reverse) {
          kin::walk_system_ram_res_rev<R>(root, 0, UINT64_MAX, recorder{&x}, kin::collect_allocating, kin::checked);
          kin::walk_system_ram_res_rev<R>(root, 0, UINT64_MAX, recorder{&y}, kin::collect_allocating,
                                          kin::assume_well_formed);
        } else {
          kin::walk_system_ram_res<R>(root, 0, UINT64_MAX, recorder{&x}, kin::checked);
          kin::walk_system_ram_res<R>(root, 0, UINT64_MAX, recorder{&y}, kin::assume_well_formed);
        }
        require_same(x, y, id);
        const auto p = kin_bench::paired(a, b, 1, normal_);
        emit({id, m, md.ranges, "list", reverse ? "walk_system_ram_res_rev" : "walk_system_ram_res", "kin-checked",
              "kin-assume-well-formed", "checked/assumed", "walk", {{"matches", static_cast<double>(x.size())}}},
             p);
      });
    }
    parse_print_cases<SH>(m);
    parse_print_cases<LH>(m);
    parse_print_cases<CH>(m);
    op_cases<LH>(m);
    op_cases<CH>(m);
    if (has_kexec(m)) {
      kexec_case<SH>(m);
      kexec_case<LH>(m);
      kexec_case<CH>(m);
    }
    memory_map(m);
  }
  const std::vector<std::size_t> counts = cfg_.quick ? std::vector<std::size_t>{10, 100}
                                                     : std::vector<std::size_t>{10, 100, 300};
  for (const std::size_t n : counts) {
    for (const std::uint64_t pages : {1, 16, 64}) {
      kexec_scaling(n, pages);
    }
  }
}

int bench::run() {
  if (cfg_.list) {
    for (const bench_case& c : cases_) {
      std::printf("%s\n", c.id.c_str());
    }
    return 0;
  }
  if (cases_.empty()) {
    std::fprintf(stderr, "kin_bench_resource: no case matches '%s'\n", cfg_.filter.c_str());
    return 2;
  }
  if (!cfg_.json.empty()) {
    out_ = std::fopen(cfg_.json.c_str(), "w");
    if (!out_) {
      std::fprintf(stderr, "kin_bench_resource: cannot write %s\n", cfg_.json.c_str());
      return 2;
    }
  }
  timespec w0{}, w1{};
  clock_gettime(CLOCK_MONOTONIC, &w0);
  const double c0 = kin_bench::thread_cpu_ns();
  for (const bench_case& c : cases_) {
    c.run();
  }
  const double cpu = (kin_bench::thread_cpu_ns() - c0) / 1e9;
  clock_gettime(CLOCK_MONOTONIC, &w1);
  const double wall = static_cast<double>(w1.tv_sec - w0.tv_sec) + static_cast<double>(w1.tv_nsec - w0.tv_nsec) / 1e9;
  std::fprintf(stderr, "kin_bench_resource: %zu cases, %.1f s CPU, %.1f s wall%s\n", cases_.size(), cpu, wall,
               cfg_.quick ? " (--quick)" : "");
  if (out_ != stdout && std::fclose(out_) != 0) {
    std::fprintf(stderr, "kin_bench_resource: write error on %s\n", cfg_.json.c_str());
    return 2;
  }
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  config c;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--quick") {
      c.quick = true;
    } else if (a == "--list") {
      c.list = true;
    } else if (a == "--json" && i + 1 < argc) {
      c.json = argv[++i];
    } else if (a == "--filter" && i + 1 < argc) {
      c.filter = argv[++i];
    } else if (a == "--help" || a == "-h") {
      std::printf("usage: kin_bench_resource [--quick] [--json FILE] [--filter SUBSTRING] [--list]\n"
                  "  --quick             a smoke test (fewer repetitions, no 10^5 map, <= 5 s)\n"
                  "  --json FILE         write the JSON Lines there (default: standard output)\n"
                  "  --filter SUBSTRING  only the cases whose id contains SUBSTRING\n"
                  "  --list              print the case ids and exit\n");
      return 0;
    } else {
      std::fprintf(stderr, "kin_bench_resource: unknown argument '%s' (try --help)\n", argv[i]);
      return 2;
    }
  }
  bench b(c);
  b.define_cases();
  return b.run();
}
