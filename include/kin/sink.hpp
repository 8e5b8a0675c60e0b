// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief Text sinks for kin's printers: any callable taking a
/// `std::string_view` receives the output; these two cover the usual cases.
///
/// ```cpp
/// kin::print_tree<T>(kin::file_sink{stdout}, root, label);
/// std::string text;
/// kin::write_dot<T>(kin::string_sink{text}, root, label);
/// ```
#ifndef KIN_SINK_HPP
#define KIN_SINK_HPP

#include <kin/config.hpp>
#include <cstdio>
#include <string>
#include <string_view>

namespace kin {

/// Writes text to a C `FILE*` (stdout, stderr, an open file).
struct file_sink {
  std::FILE* file; ///< where the text goes
  /// Writes `text`. @complexity O(text size)
  KIN_HARDENING_ABI void operator()(std::string_view text) const noexcept { std::fwrite(text.data(), 1, text.size(), file); }
};

/// Appends text to a `std::string`.
struct string_sink {
  std::string& out; ///< where the text goes
  /// Appends `text`. @complexity amortised O(text size)
  KIN_HARDENING_ABI void operator()(std::string_view text) const { out.append(text); }
};

} // namespace kin

#endif // KIN_SINK_HPP
