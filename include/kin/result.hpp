// SPDX-License-Identifier: BSL-1.0
/// @file
/// @brief kin::result: a value or an error, for kin's loaders (g++ 12 has no
/// `std::expected`). No exceptions: ask before you take.
///
/// ```cpp
/// auto parsed = kin::parse_iomem<kin::list_hook<>>(text);
/// if (!parsed) { std::fprintf(stderr, "%s\n", parsed.error().message.c_str()); return 2; }
/// auto& tree = parsed.value();
/// ```
#ifndef KIN_RESULT_HPP
#define KIN_RESULT_HPP

#include <kin/config.hpp>

#include <optional>
#include <utility>

namespace kin {

/// Either a `T` or an `E`. Move-only when `T` is.
template <class T, class E>
class result {
public:
  /// A successful result.
  /// @throws_ what moving `T` or default-constructing `E` throws.
  /// @complexity O(1) moves.
  KIN_HARDENING_ABI result(T value) : value_(std::move(value)) {}
  /// A failed result.
  /// @throws_ what moving `E` throws.
  /// @complexity O(1) moves.
  KIN_HARDENING_ABI result(E error) : error_(std::move(error)) {}

  /// Whether there is a value. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI bool has_value() const noexcept { return value_.has_value(); }
  /// Whether there is a value. @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI explicit operator bool() const noexcept { return has_value(); }
  /// The value. @requires has_value() (checked in `fast`).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI T& value() & noexcept {
    KIN_CHECK(has_value(), "a result without a value has no value to read");
    return *value_;
  }
  /// The value. @requires has_value() (checked in `fast`).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI const T& value() const& noexcept {
    KIN_CHECK(has_value(), "a result without a value has no value to read");
    return *value_;
  }
  /// The value, moved out. @requires has_value() (checked in `fast`).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI T&& value() && noexcept {
    KIN_CHECK(has_value(), "a result without a value has no value to read");
    return std::move(*value_);
  }
  /// The value. @requires has_value() (checked in `fast`).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI T& operator*() & noexcept { return value(); }
  /// The value. @requires has_value() (checked in `fast`).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI const T& operator*() const& noexcept { return value(); }
  /// The value's members. @requires has_value() (checked in `fast`).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI T* operator->() noexcept { return &value(); }
  /// The value's members. @requires has_value() (checked in `fast`).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI const T* operator->() const noexcept { return &value(); }
  /// The error. @requires !has_value() (checked in `fast`).
  /// @throws_ Nothing. @complexity O(1)
  KIN_HARDENING_ABI const E& error() const noexcept {
    KIN_CHECK(!has_value(), "a result with a value has no error to read");
    return error_;
  }

private:
  std::optional<T> value_;
  E error_{};
};

} // namespace kin

#endif // KIN_RESULT_HPP
