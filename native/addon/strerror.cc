// strerror(errno: number): string -- glibc's untranslated message text.
#include <string.h>

#include <cstdio>

#include "args.h"
#include "register.h"

namespace emilua_ts {
namespace {

Napi::Value Strerror(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  double unused;
  if (!args::Number(info, 0, &unused, "strerror(errno: number)")) return env.Undefined();
  // ToInt32: never throws for a number (addon-api contract).
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

}  // namespace

void RegisterStrerror(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"strerror", Strerror},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
