// seccomp policy compiler and the Landlock ruleset of "ambient authority
// off" (runtime/sandbox/seccomp-policy/). Only libseccomp and Landlock calls
// here: the group table, validation and reports live in TypeScript.
//
//   seccompResolveName(name: string): number
//   seccompCompile(defaultAction, badArchAction, arches: string[],
//                  rules: {name, action, args: [index, op, datum, mask][]}[])
//       : Uint8Array | number (-errno)
//   seccompApplyTsync(bpf: Uint8Array): number -- 0 or -errno
//   landlockCreateHandledRuleset(fs: bigint, net: bigint, scoped: bigint): fd | -errno
//   setNoNewPrivs(): 0 | -errno
//   landlockAllowPath(rulesetFd, path: Uint8Array, access: bigint): 0 | -errno
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "args.h"
#include "linux_compat.h"
#include "register.h"

namespace emilua_ts {
namespace {

// Releases the libseccomp context on every return path.
struct Context {
  scmp_filter_ctx ctx;
  explicit Context(uint32_t def) : ctx(seccomp_init(def)) {}
  ~Context() {
    if (ctx != nullptr) seccomp_release(ctx);
  }
};

struct Fd {
  int fd;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

Napi::Value SeccompResolveName(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsString()) {
    args::Usage(info, "seccompResolveName(name: string)");
    return info.Env().Undefined();
  }
  std::string name = info[0].As<Napi::String>().Utf8Value();
  return Napi::Number::New(info.Env(), seccomp_syscall_resolve_name(name.c_str()));
}

uint64_t ToU64(Napi::Value v) {
  bool lossless = false;
  return v.IsBigInt() ? v.As<Napi::BigInt>().Uint64Value(&lossless)
                      : static_cast<uint64_t>(v.As<Napi::Number>().DoubleValue());
}

// One rule: returns 0 or -errno from libseccomp.
int AddRule(scmp_filter_ctx ctx, Napi::Object rule) {
  std::string name = rule.Get("name").As<Napi::String>().Utf8Value();
  uint32_t action = rule.Get("action").As<Napi::Number>().Uint32Value();
  Napi::Array conds = rule.Get("args").As<Napi::Array>();
  int nr = seccomp_syscall_resolve_name(name.c_str());
  if (nr == __NR_SCMP_ERROR) return -EINVAL;
  std::vector<scmp_arg_cmp> cmp;
  for (uint32_t i = 0; i < conds.Length(); i++) {
    Napi::Array c = conds.Get(i).As<Napi::Array>();
    scmp_arg_cmp a;
    a.arg = c.Get(0u).As<Napi::Number>().Uint32Value();
    a.op = static_cast<scmp_compare>(c.Get(1u).As<Napi::Number>().Uint32Value());
    a.datum_a = ToU64(c.Get(2u));
    a.datum_b = ToU64(c.Get(3u));
    cmp.push_back(a);
  }
  return seccomp_rule_add_array(ctx, action, nr, static_cast<unsigned>(cmp.size()),
                                cmp.empty() ? nullptr : cmp.data());
}

Napi::Value SeccompCompile(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* usage = "seccompCompile(defaultAction: number, badArchAction: number, arches: string[], rules: object[])";
  if (info.Length() < 4 || !info[0].IsNumber() || !info[1].IsNumber() || !info[2].IsArray() ||
      !info[3].IsArray()) {
    args::Usage(info, usage);
    return env.Undefined();
  }
  Context c(info[0].As<Napi::Number>().Uint32Value());
  if (c.ctx == nullptr) return args::Errno(env, EINVAL);
  int r = seccomp_attr_set(c.ctx, SCMP_FLTATR_ACT_BADARCH, info[1].As<Napi::Number>().Uint32Value());
  if (r < 0) return args::Errno(env, -r);
  // The filter is loaded by whoever receives the bytes, never by libseccomp.
  r = seccomp_attr_set(c.ctx, SCMP_FLTATR_CTL_NNP, 0);
  if (r < 0) return args::Errno(env, -r);
  // Level 2: a binary tree over syscall numbers instead of a linear scan,
  // so the cost of a syscall grows with log(rules), not with their count.
  r = seccomp_attr_set(c.ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
  if (r < 0) return args::Errno(env, -r);
  Napi::Array arches = info[2].As<Napi::Array>();
  for (uint32_t i = 0; i < arches.Length(); i++) {
    std::string a = arches.Get(i).As<Napi::String>().Utf8Value();
    uint32_t token = seccomp_arch_resolve_name(a.c_str());
    if (token == 0) return args::Errno(env, EINVAL);
    r = seccomp_arch_add(c.ctx, token);
    if (r < 0 && r != -EEXIST) return args::Errno(env, -r);
  }
  Napi::Array rules = info[3].As<Napi::Array>();
  for (uint32_t i = 0; i < rules.Length(); i++) {
    r = AddRule(c.ctx, rules.Get(i).As<Napi::Object>());
    if (r < 0) return args::Errno(env, -r);
  }
  Fd out(static_cast<int>(syscall(SYS_memfd_create, "seccomp-bpf", MFD_CLOEXEC)));
  if (out.fd < 0) return args::Errno(env, errno);
  r = seccomp_export_bpf(c.ctx, out.fd);
  if (r < 0) return args::Errno(env, -r);
  off_t size = lseek(out.fd, 0, SEEK_END);
  if (size < 0) return args::Errno(env, errno);
  Napi::Uint8Array bytes = Napi::Uint8Array::New(env, static_cast<size_t>(size));
  size_t done = 0;
  while (done < static_cast<size_t>(size)) {
    ssize_t n = pread(out.fd, bytes.Data() + done, static_cast<size_t>(size) - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return args::Errno(env, errno);
    if (n == 0) return args::Errno(env, EIO);
    done += static_cast<size_t>(n);
  }
  return bytes;
}

// seccomp(SET_MODE_FILTER, TSYNC): every thread of this process gets the
// filter (and no_new_privs, which the kernel copies along with it).
Napi::Value SeccompApplyTsync(const Napi::CallbackInfo& info) {
  Napi::Uint8Array bpf;
  if (!args::Bytes(info, 0, &bpf, "seccompApplyTsync(bpf: Uint8Array)")) return info.Env().Undefined();
  if (bpf.ByteLength() == 0 || bpf.ByteLength() % sizeof(struct sock_filter) != 0) {
    return args::Errno(info.Env(), EINVAL);
  }
  struct sock_fprog prog;
  prog.len = static_cast<unsigned short>(bpf.ByteLength() / sizeof(struct sock_filter));
  prog.filter = reinterpret_cast<struct sock_filter*>(bpf.Data());
  long ret = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog);
  // A positive result is the id of a thread that could not be synced.
  if (ret > 0) return args::Errno(info.Env(), ESRCH);
  return args::Result(info.Env(), ret);
}

Napi::Value SetNoNewPrivs(const Napi::CallbackInfo& info) {
  return args::Result(info.Env(), prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
}

// struct landlock_ruleset_attr of ABI 6 (fs, net, scoped), defined here so
// older headers build; the kernel takes a shorter size for older ABIs.
struct RulesetAttr {
  uint64_t handled_access_fs;
  uint64_t handled_access_net;
  uint64_t scoped;
};

Napi::Value LandlockCreateHandledRuleset(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 4 || !info[0].IsBigInt() || !info[1].IsBigInt() || !info[2].IsBigInt() ||
      !info[3].IsNumber()) {
    args::Usage(info, "landlockCreateHandledRuleset(fs: bigint, net: bigint, scoped: bigint, attrSize: number)");
    return env.Undefined();
  }
#if EMILUA_TS_HAVE_LANDLOCK
  RulesetAttr attr;
  attr.handled_access_fs = ToU64(info[0]);
  attr.handled_access_net = ToU64(info[1]);
  attr.scoped = ToU64(info[2]);
  size_t size = info[3].As<Napi::Number>().Uint32Value();
  if (size > sizeof attr) return args::Errno(env, EINVAL);
  return args::Result(env, syscall(__NR_landlock_create_ruleset, &attr, size, 0));
#else
  return args::Errno(env, ENOSYS);
#endif
}

// struct landlock_path_beneath_attr (packed in the uapi header).
struct __attribute__((packed)) PathBeneath {
  uint64_t allowed_access;
  int32_t parent_fd;
};

Napi::Value LandlockAllowPath(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* usage = "landlockAllowPath(rulesetFd: number, path: Uint8Array, access: bigint)";
  int ruleset;
  std::string path;
  if (!args::Int(info, 0, &ruleset, usage) || !args::Path(info, 1, &path, usage)) return env.Undefined();
  if (info.Length() < 3 || !info[2].IsBigInt()) {
    args::Usage(info, usage);
    return env.Undefined();
  }
  if (args::HasNul(path)) return args::Errno(env, EINVAL);
#if EMILUA_TS_HAVE_LANDLOCK
  Fd target(open(path.c_str(), O_PATH | O_CLOEXEC));
  if (target.fd < 0) return args::Errno(env, errno);
  PathBeneath rule;
  rule.allowed_access = ToU64(info[2]);
  rule.parent_fd = target.fd;
  // 1: LANDLOCK_RULE_PATH_BENEATH
  return args::Result(env, syscall(__NR_landlock_add_rule, ruleset, 1, &rule, 0));
#else
  return args::Errno(env, ENOSYS);
#endif
}

}  // namespace

void RegisterSeccompPolicy(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"seccompResolveName", SeccompResolveName},
      {"seccompCompile", SeccompCompile},
      {"seccompApplyTsync", SeccompApplyTsync},
      {"setNoNewPrivs", SetNoNewPrivs},
      {"landlockCreateHandledRuleset", LandlockCreateHandledRuleset},
      {"landlockAllowPath", LandlockAllowPath},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
