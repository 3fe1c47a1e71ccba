// landlockAbiVersion(): number -- the running kernel's Landlock ABI version,
// or -errno (-ENOSYS: no Landlock in kernel or build, -EOPNOTSUPP: disabled).
#include <errno.h>
#include <stddef.h>
#include <unistd.h>

#include "args.h"
#include "register.h"
#include "linux_compat.h"

namespace emilua_ts {
namespace {

Napi::Value LandlockAbiVersion(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
#if EMILUA_TS_HAVE_LANDLOCK
  long ret = syscall(__NR_landlock_create_ruleset, NULL, size_t{0},
                     LANDLOCK_CREATE_RULESET_VERSION);
  return Napi::Number::New(env, ret < 0 ? -errno : static_cast<double>(ret));
#else
  return args::Errno(env, ENOSYS);
#endif
}

}  // namespace

void RegisterLandlock(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"landlockAbiVersion", LandlockAbiVersion},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
