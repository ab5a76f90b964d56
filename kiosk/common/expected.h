#pragma once
// A value or an error, for results that cross module boundaries (C++20 has no std::expected).
#include <cassert>
#include <utility>
#include <variant>

namespace kiosk {

template <class E>
struct Unexpected {
  E error;
};
template <class E>
Unexpected(E) -> Unexpected<E>;

template <class T, class E>
class Expected {
 public:
  Expected(T value) : storage_(std::in_place_index<0>, std::move(value)) {}
  template <class U>
  Expected(Unexpected<U> failure) : storage_(std::in_place_index<1>, E(std::move(failure.error))) {}

  bool ok() const { return storage_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() { assert(ok()); return std::get<0>(storage_); }
  const T& value() const { assert(ok()); return std::get<0>(storage_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

  E& error() { assert(!ok()); return std::get<1>(storage_); }
  const E& error() const { assert(!ok()); return std::get<1>(storage_); }

 private:
  std::variant<T, E> storage_;
};

}  // namespace kiosk
