// strerror(errno: number): string -- glibc's untranslated message text.
#include <string.h>

#include <cstdio>

#include "exports.h"

namespace emilua_ts {

Napi::Value Strerror(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber()) {
    Napi::TypeError::New(env, "strerror(errno: number)")
        .ThrowAsJavaScriptException();
    return env.Undefined();
  }
  int err = info[0].As<Napi::Number>().Int32Value();

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
  // Locale-independent; NULL for unknown values.
  if (const char* desc = strerrordesc_np(err)) {
    return Napi::String::New(env, desc);
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "Unknown error %d", err);
  return Napi::String::New(env, buf);
#else
  char buf[256];
  // GNU strerror_r returns a pointer that may or may not be buf.
  const char* desc = strerror_r(err, buf, sizeof buf);
  return Napi::String::New(env, desc);
#endif
}

}  // namespace emilua_ts
