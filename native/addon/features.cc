// features(): string[] -- the kernel interfaces this build supports. Decided
// at compile time (linux_compat.h); says nothing about the running kernel.
#include "register.h"
#include "linux_compat.h"

namespace emilua_ts {
namespace {

Napi::Value Features(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  static const char* const kFeatures[] = {
#if EMILUA_TS_HAVE_LANDLOCK
      "landlock",
#endif
#if EMILUA_TS_HAVE_SECCOMP
      "seccomp",
#endif
#if EMILUA_TS_HAVE_PIDFD
      "pidfd",
#endif
#if EMILUA_TS_HAVE_SCM_RIGHTS
      "scm_rights",
#endif
      nullptr,
  };
  Napi::Array result = Napi::Array::New(env);
  uint32_t i = 0;
  for (const char* const* f = kFeatures; *f != nullptr; ++f) {
    result.Set(i++, Napi::String::New(env, *f));
  }
  return result;
}

}  // namespace

void RegisterFeatures(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"features", Features},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
