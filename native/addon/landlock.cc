// landlockAbiVersion(): number -- the running kernel's Landlock ABI version,
// or -errno (-ENOSYS: no Landlock in kernel or build, -EOPNOTSUPP: disabled).
#include <errno.h>
#include <stddef.h>
#include <unistd.h>

#include "exports.h"
#include "linux_compat.h"

namespace emilua_ts {

Napi::Value LandlockAbiVersion(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
#if EMILUA_TS_HAVE_LANDLOCK
  long ret = syscall(__NR_landlock_create_ruleset, NULL, size_t{0},
                     LANDLOCK_CREATE_RULESET_VERSION);
  return Napi::Number::New(env, ret < 0 ? -errno : static_cast<double>(ret));
#else
  return Napi::Number::New(env, -ENOSYS);
#endif
}

}  // namespace emilua_ts
