// Argument helpers shared by the I/O files of the addon (fd.cc, fd_async.cc,
// fd_poll.cc, process.cc). A wrong argument type is a bug in the TypeScript
// caller: it throws TypeError; everything else comes back as -errno.
#ifndef EMILUA_TS_ADDON_IO_ARGS_H
#define EMILUA_TS_ADDON_IO_ARGS_H

#include <errno.h>

#include <cmath>
#include <cstdint>

#include <napi.h>

namespace emilua_ts {
namespace io_args {

inline void TypeError(const Napi::CallbackInfo& info, const char* what) {
  Napi::TypeError::New(info.Env(), what).ThrowAsJavaScriptException();
}

// An integral number that fits in an int. Returns false (with a pending
// TypeError) otherwise.
inline bool Int(const Napi::CallbackInfo& info, size_t i, int* out, const char* what) {
  if (info.Length() <= i || !info[i].IsNumber()) {
    TypeError(info, what);
    return false;
  }
  double d = info[i].As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d) || d != std::trunc(d) || d < INT32_MIN || d > INT32_MAX) {
    TypeError(info, what);
    return false;
  }
  *out = static_cast<int>(d);
  return true;
}

inline bool Bytes(const Napi::CallbackInfo& info, size_t i, Napi::Uint8Array* out, const char* what) {
  if (info.Length() <= i || !info[i].IsTypedArray() ||
      info[i].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    TypeError(info, what);
    return false;
  }
  *out = info[i].As<Napi::Uint8Array>();
  return true;
}

inline bool Function(const Napi::CallbackInfo& info, size_t i, Napi::Function* out, const char* what) {
  if (info.Length() <= i || !info[i].IsFunction()) {
    TypeError(info, what);
    return false;
  }
  *out = info[i].As<Napi::Function>();
  return true;
}

inline Napi::Value Result(Napi::Env env, long ret) {
  return Napi::Number::New(env, ret < 0 ? -errno : static_cast<double>(ret));
}

}  // namespace io_args
}  // namespace emilua_ts

#endif
