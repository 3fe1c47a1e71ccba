// Argument checks and results shared by every file of the addon.
//
// The TypeScript side validates user input; these checks only catch a bug
// in that caller. A wrong argument throws a TypeError whose message is the
// function's usage, e.g. "fdDup(fd: number)", the same wording everywhere;
// the caller then returns undefined at once. Everything the kernel refuses
// comes back as -errno.
#ifndef EMILUA_TS_ADDON_ARGS_H
#define EMILUA_TS_ADDON_ARGS_H

#include <errno.h>

#include <cmath>
#include <cstdint>
#include <string>

#include <napi.h>

namespace emilua_ts {
namespace args {

// Throws TypeError(usage). Returns false so checks can `return Usage(...)`.
inline bool Usage(const Napi::CallbackInfo& info, const char* usage) {
  Napi::TypeError::New(info.Env(), usage).ThrowAsJavaScriptException();
  return false;
}

// Any number (callers that convert with ToInt32/ToUint32 semantics).
inline bool Number(const Napi::CallbackInfo& info, size_t i, double* out, const char* usage) {
  if (info.Length() <= i || !info[i].IsNumber()) return Usage(info, usage);
  *out = info[i].As<Napi::Number>().DoubleValue();
  return true;
}

// A finite integral number of any size: offsets, lengths, device numbers.
// The caller checks the range it needs.
inline bool Integral(const Napi::CallbackInfo& info, size_t i, double* out, const char* usage) {
  double d;
  if (!Number(info, i, &d, usage)) return false;
  if (!std::isfinite(d) || d != std::trunc(d)) return Usage(info, usage);
  *out = d;
  return true;
}

// An integral number that fits in an int: descriptors, flags, signals.
inline bool Int(const Napi::CallbackInfo& info, size_t i, int* out, const char* usage) {
  double d;
  if (!Integral(info, i, &d, usage)) return false;
  if (d < INT32_MIN || d > INT32_MAX) return Usage(info, usage);
  *out = static_cast<int>(d);
  return true;
}

inline bool Bool(const Napi::CallbackInfo& info, size_t i, bool* out, const char* usage) {
  if (info.Length() <= i || !info[i].IsBoolean()) return Usage(info, usage);
  *out = info[i].As<Napi::Boolean>().Value();
  return true;
}

// A Uint8Array (a Buffer is one); other typed arrays are refused.
inline bool Bytes(const Napi::CallbackInfo& info, size_t i, Napi::Uint8Array* out, const char* usage) {
  if (info.Length() <= i || !info[i].IsTypedArray() ||
      info[i].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    return Usage(info, usage);
  }
  *out = info[i].As<Napi::Uint8Array>();
  return true;
}

// The raw bytes of a path, copied. A NUL byte inside cannot reach the kernel
// intact: callers answer -EINVAL when HasNul() says so, rather than act on a
// truncated path.
inline bool Path(const Napi::CallbackInfo& info, size_t i, std::string* out, const char* usage) {
  Napi::Uint8Array bytes;
  if (!Bytes(info, i, &bytes, usage)) return false;
  out->assign(reinterpret_cast<const char*>(bytes.Data()), bytes.ByteLength());
  return true;
}

inline bool HasNul(const std::string& path) { return path.find('\0') != std::string::npos; }

inline bool Function(const Napi::CallbackInfo& info, size_t i, Napi::Function* out, const char* usage) {
  if (info.Length() <= i || !info[i].IsFunction()) return Usage(info, usage);
  *out = info[i].As<Napi::Function>();
  return true;
}

// A syscall's result: negative (-1 from libc) becomes -errno.
inline Napi::Value Result(Napi::Env env, long ret) {
  return Napi::Number::New(env, ret < 0 ? -errno : static_cast<double>(ret));
}

// A failure decided here, without a syscall (e.g. -EINVAL for a NUL byte).
inline Napi::Value Errno(Napi::Env env, int err) { return Napi::Number::New(env, -err); }

}  // namespace args
}  // namespace emilua_ts

#endif
