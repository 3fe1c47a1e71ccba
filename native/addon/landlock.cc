// Landlock rulesets: the ABI probe, ruleset creation and rules. Enforcing a
// ruleset on the whole process is landlock_threads.cc. Masks come in as
// plain numbers (every right known today fits in 53 bits); TypeScript maps
// names to bits and rejects unknown names.
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include "args.h"
#include "register.h"
#include "linux_compat.h"

namespace emilua_ts {
namespace {

// The attribute structs as the kernel reads them, declared here because
// Debian 12's headers stop at ABI 3. The kernel takes the size it is given,
// so passing the ABI 6 struct to an older kernel with zero in the new fields
// is accepted (it rejects non-zero unknown tail bytes with E2BIG).
struct RulesetAttr {
  uint64_t handled_access_fs;
  uint64_t handled_access_net;  // ABI 4
  uint64_t scoped;              // ABI 6
};
struct __attribute__((packed)) PathBeneathAttr {
  uint64_t allowed_access;
  int32_t parent_fd;
};
struct NetPortAttr {
  uint64_t allowed_access;
  uint64_t port;
};
constexpr int kRulePathBeneath = 1;
constexpr int kRuleNetPort = 2;

bool Mask(const Napi::CallbackInfo& info, size_t i, uint64_t* out, const char* usage) {
  double d;
  if (!args::Integral(info, i, &d, usage)) return false;
  if (d < 0 || d > 9007199254740991.0) return args::Usage(info, usage);
  *out = static_cast<uint64_t>(d);
  return true;
}

// landlockCreateRuleset(fs, net, scoped): a new ruleset fd (close-on-exec,
// as the kernel always makes it) | -errno. The struct passed is as short as
// the highest non-zero field allows, so an old kernel sees a struct it knows.
Napi::Value LandlockCreateRuleset(const Napi::CallbackInfo& info) {
  const char* usage = "landlockCreateRuleset(fs: number, net: number, scoped: number)";
  RulesetAttr attr = {};
  if (!Mask(info, 0, &attr.handled_access_fs, usage) || !Mask(info, 1, &attr.handled_access_net, usage) ||
      !Mask(info, 2, &attr.scoped, usage)) {
    return info.Env().Undefined();
  }
#if EMILUA_TS_HAVE_LANDLOCK
  size_t size = attr.scoped ? sizeof attr
                : attr.handled_access_net ? offsetof(RulesetAttr, scoped)
                                          : offsetof(RulesetAttr, handled_access_net);
  long ret = syscall(__NR_landlock_create_ruleset, &attr, size, 0U);
  return Napi::Number::New(info.Env(), ret < 0 ? -errno : static_cast<double>(ret));
#else
  return args::Errno(info.Env(), ENOSYS);
#endif
}

// landlockAddPathBeneath(ruleset, allowed, parentFd): 0 | -errno.
Napi::Value LandlockAddPathBeneath(const Napi::CallbackInfo& info) {
  const char* usage = "landlockAddPathBeneath(ruleset: number, allowed: number, parentFd: number)";
  int ruleset, parent;
  uint64_t allowed;
  if (!args::Int(info, 0, &ruleset, usage) || !Mask(info, 1, &allowed, usage) ||
      !args::Int(info, 2, &parent, usage)) {
    return info.Env().Undefined();
  }
  PathBeneathAttr attr = {};
  attr.allowed_access = allowed;
  attr.parent_fd = parent;
#if EMILUA_TS_HAVE_LANDLOCK
  long ret = syscall(__NR_landlock_add_rule, ruleset, kRulePathBeneath, &attr, 0U);
  return Napi::Number::New(info.Env(), ret < 0 ? -errno : 0);
#else
  return args::Errno(info.Env(), ENOSYS);
#endif
}

// landlockAddNetPort(ruleset, allowed, port): 0 | -errno (ABI 4).
Napi::Value LandlockAddNetPort(const Napi::CallbackInfo& info) {
  const char* usage = "landlockAddNetPort(ruleset: number, allowed: number, port: number)";
  int ruleset;
  NetPortAttr attr = {};
  if (!args::Int(info, 0, &ruleset, usage) || !Mask(info, 1, &attr.allowed_access, usage) ||
      !Mask(info, 2, &attr.port, usage)) {
    return info.Env().Undefined();
  }
#if EMILUA_TS_HAVE_LANDLOCK
  long ret = syscall(__NR_landlock_add_rule, ruleset, kRuleNetPort, &attr, 0U);
  return Napi::Number::New(info.Env(), ret < 0 ? -errno : 0);
#else
  return args::Errno(info.Env(), ENOSYS);
#endif
}

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
      {"landlockCreateRuleset", LandlockCreateRuleset},
      {"landlockAddPathBeneath", LandlockAddPathBeneath},
      {"landlockAddNetPort", LandlockAddNetPort},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
