// SPDX-License-Identifier: BSL-1.0
// The paired measurement every comparison in bench/ uses: A and B run in one
// process on the same data, in alternating short batches, each batch timed
// with the thread's own CPU time (CLOCK_THREAD_CPUTIME_ID: a neighbour's
// load on a shared machine does not count), and the result is the median,
// over repetitions, of each repetition's A/B ratio, with its spread. Both
// sides see the same cache state on average, and a slow patch of the
// machine hits both sides of one repetition alike, so ratios stay stable
// where absolute times drift.
#ifndef KIN_BENCH_PAIRED_HPP
#define KIN_BENCH_PAIRED_HPP

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace kin_bench {

// The calling thread's CPU time, in nanoseconds.
inline double thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

// Keeps `v` alive past the optimizer (the result of a walk).
template <class T>
inline void keep(const T& v) {
  asm volatile("" : : "r,m"(v) : "memory");
}

struct pair_options {
  int repetitions = 7;          // ratios measured; the median is reported
  int batches = 4;              // A/B alternations per repetition (A B A B ... then B A ... swapped every other one)
  double batch_ns = 2e6;        // target CPU time of one batch (calls per batch are calibrated to it)
};

// One side's result.
struct side {
  double ns_per_op = 0; // median over repetitions of CPU time per operation
};

struct pair_result {
  side a, b;
  double ratio = 0;          // median over repetitions of (A time / B time)
  double ratio_min = 0;      // the smallest and largest repetition ratio: the spread
  double ratio_max = 0;
  int repetitions = 0;
  long calls_per_batch = 0;   // A's calls per batch
  long calls_per_batch_b = 0; // B's
};

inline double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Runs `a` and `b` (callables; each call does `ops` operations, so the
// per-operation time is CPU time / calls / ops) as described above. Each
// side's calls per batch are calibrated on its own, so that a batch of the
// fast side lasts as long as one of the slow side: a lopsided pair (an O(1)
// unlink beside an O(n) one) does not time the fast side in slivers of a
// microsecond, on caches the slow side has just flushed.
template <class A, class B>
pair_result paired(A&& a, B&& b, double ops, const pair_options& o = {}) {
  auto time_calls = [](auto& f, long calls) {
    const double t0 = thread_cpu_ns();
    for (long i = 0; i < calls; ++i) f();
    return thread_cpu_ns() - t0;
  };
  auto calibrate = [&](auto& f) {
    long calls = 1;
    for (;;) {
      const double t = time_calls(f, calls);
      if (t >= o.batch_ns / 4 || calls >= (1L << 30)) {
        if (t < o.batch_ns) {
          calls = std::max(1L, static_cast<long>(static_cast<double>(calls) * o.batch_ns / std::max(t, 1.0)));
        }
        return calls;
      }
      calls *= 4;
    }
  };
  a();
  b(); // warm both (page faults, caches)
  const long calls_a = calibrate(a), calls_b = calibrate(b);
  std::vector<double> ratios, as, bs;
  for (int r = 0; r < o.repetitions; ++r) {
    double ta = 0, tb = 0;
    for (int k = 0; k < o.batches; ++k) {
      if ((k + r) % 2 == 0) {
        ta += time_calls(a, calls_a);
        tb += time_calls(b, calls_b);
      } else {
        tb += time_calls(b, calls_b);
        ta += time_calls(a, calls_a);
      }
    }
    const double per_a = ta / (static_cast<double>(calls_a) * o.batches * ops);
    const double per_b = tb / (static_cast<double>(calls_b) * o.batches * ops);
    as.push_back(per_a);
    bs.push_back(per_b);
    ratios.push_back(per_b > 0 ? per_a / per_b : 0);
  }
  pair_result out;
  out.a.ns_per_op = median(as);
  out.b.ns_per_op = median(bs);
  out.ratio = median(ratios);
  out.ratio_min = *std::min_element(ratios.begin(), ratios.end());
  out.ratio_max = *std::max_element(ratios.begin(), ratios.end());
  out.repetitions = o.repetitions;
  out.calls_per_batch = calls_a;
  out.calls_per_batch_b = calls_b;
  return out;
}

// One JSON object per line (JSON Lines), so programs can append and the
// report script can read them one at a time. Keys and string values are
// plain ASCII identifiers; no escaping is needed.
class json_line {
public:
  json_line& str(const char* key, const std::string& v) {
    sep();
    text_ += std::string("\"") + key + "\":\"" + v + "\"";
    return *this;
  }
  json_line& num(const char* key, double v) {
    sep();
    char buf[64];
    std::snprintf(buf, sizeof buf, "\"%s\":%.6g", key, v);
    text_ += buf;
    return *this;
  }
  json_line& pair(const pair_result& p) {
    return num("a_ns", p.a.ns_per_op)
        .num("b_ns", p.b.ns_per_op)
        .num("ratio", p.ratio)
        .num("ratio_min", p.ratio_min)
        .num("ratio_max", p.ratio_max)
        .num("repetitions", p.repetitions)
        .num("calls_per_batch", static_cast<double>(p.calls_per_batch))
        .num("calls_per_batch_b", static_cast<double>(p.calls_per_batch_b));
  }
  void write(std::FILE* f) const { std::fprintf(f, "{%s}\n", text_.c_str()); }

private:
  void sep() {
    if (!text_.empty()) text_ += ",";
  }
  std::string text_;
};

} // namespace kin_bench

#endif
