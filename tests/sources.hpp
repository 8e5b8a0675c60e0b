// SPDX-License-Identifier: BSL-1.0
// Where the randomized tests and the fuzz targets draw their choices from:
// a "source" has `std::uint64_t below(std::uint64_t n)` (a number in [0, n),
// any 64-bit number for n == 0) and `bool exhausted()`. rng_source is a
// seeded generator (the tests); byte_source reads the bytes of a fuzzer
// input, as few as each draw needs, then zeros (the fuzz targets). A model
// written against a source serves both.
#ifndef KIN_TESTS_SOURCES_HPP
#define KIN_TESTS_SOURCES_HPP

#include <cstddef>
#include <cstdint>
#include <random>

namespace kin_test {

/// A seeded generator: never exhausted.
class rng_source {
public:
  explicit rng_source(std::uint64_t seed) : g_(seed) {}
  std::uint64_t below(std::uint64_t n) { return n ? g_() % n : g_(); }
  bool exhausted() const { return false; }

private:
  std::mt19937_64 g_;
};

/// The bytes of a fuzzer input, big-endian, as few as each draw needs (one
/// for a choice among up to 256); zeros once they run out, so every input
/// is a complete run and a shorter input is a prefix of the same choices.
class byte_source {
public:
  byte_source(const std::uint8_t* data, std::size_t size) : p_(data), left_(size) {}
  std::uint64_t below(std::uint64_t n) {
    std::uint64_t v = 0, span = 1; // v is uniform-ish in [0, span)
    while (left_ && (n == 0 || span < n)) {
      v = (v << 8) | *p_++;
      --left_;
      if (span > (UINT64_MAX >> 8)) {
        span = 0; // 2^64: every value
        break;
      }
      span <<= 8;
    }
    return n ? v % n : v;
  }
  bool exhausted() const { return left_ == 0; }
  std::size_t left() const { return left_; }

private:
  const std::uint8_t* p_;
  std::size_t left_;
};

} // namespace kin_test

#endif
