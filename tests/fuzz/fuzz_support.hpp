// SPDX-License-Identifier: BSL-1.0
// What every fuzz target shares: a check that reports and aborts (libFuzzer
// and the replay driver both treat an abort as a crash and keep the input),
// and the target's entry point, as libFuzzer declares it.
#ifndef KIN_TESTS_FUZZ_SUPPORT_HPP
#define KIN_TESTS_FUZZ_SUPPORT_HPP

#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace kin_fuzz {

/// Prints "kin fuzz check failed: " and the printf-style message, then aborts.
[[noreturn]] inline void fail(const char* format, ...) {
  std::fputs("kin fuzz check failed: ", stderr);
  va_list ap;
  va_start(ap, format);
  std::vfprintf(stderr, format, ap);
  va_end(ap);
  std::fputc('\n', stderr);
  std::fflush(stderr);
  std::abort();
}

/// Aborts with `message` when it is not empty (the models' convention: ""
/// means "agrees").
inline void check_empty(const std::string& message) {
  if (!message.empty()) fail("%s", message.c_str());
}

} // namespace kin_fuzz

/// Aborts with the condition's text, the file and line, and the message
/// (printf-style) when `cond` is false.
#define KIN_FUZZ_CHECK(cond, ...)                                                                                  \
  do {                                                                                                             \
    if (!(cond)) {                                                                                                 \
      std::fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond);                                              \
      ::kin_fuzz::fail(__VA_ARGS__);                                                                               \
    }                                                                                                              \
  } while (false)

#endif
