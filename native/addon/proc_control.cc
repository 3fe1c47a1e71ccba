// Process control for the system module: signals to a pid, process groups
// and sessions, credentials, no_new_privs, and the dynamic linker's search
// directories.
//
// Credentials are process-wide in POSIX but per-thread in Linux. Node runs
// several threads (libuv's pool, V8's platform workers, actors on worker
// threads); glibc's setresuid/setresgid/setgroups wrappers change every
// thread (the "setxid" broadcast), so these functions call the wrappers,
// never the raw syscalls. prctl(PR_SET_NO_NEW_PRIVS) has no such wrapper:
// see ProcSetNoNewPrivs.
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "args.h"
#include "register.h"

namespace emilua_ts {

namespace {

using args::Int;
using args::Result;

// An ID argument: -1 (keep) or 0..2^32-2.
bool Id(const Napi::CallbackInfo& info, size_t i, long* out, const char* what) {
  if (info.Length() <= i || !info[i].IsNumber()) {
    args::Usage(info, what);
    return false;
  }
  double d = info[i].As<Napi::Number>().DoubleValue();
  if (d != static_cast<double>(static_cast<long>(d)) || d < -1 || d > 4294967294.0) {
    args::Usage(info, what);
    return false;
  }
  *out = static_cast<long>(d);
  return true;
}
// procKill(pid, sig): kill(2). 0 | -errno.
Napi::Value ProcKill(const Napi::CallbackInfo& info) {
  int pid, sig;
  if (!Int(info, 0, &pid, "procKill(pid: number, sig: number)") ||
      !Int(info, 1, &sig, "procKill(pid: number, sig: number)")) {
    return info.Env().Undefined();
  }
  return Result(info.Env(), kill(pid, sig));
}

// procSetpgid(pid, pgid): setpgid(2). 0 | -errno.
Napi::Value ProcSetpgid(const Napi::CallbackInfo& info) {
  int pid, pgid;
  if (!Int(info, 0, &pid, "procSetpgid(pid: number, pgid: number)") ||
      !Int(info, 1, &pgid, "procSetpgid(pid: number, pgid: number)")) {
    return info.Env().Undefined();
  }
  return Result(info.Env(), setpgid(pid, pgid));
}

// procSetsid(): setsid(2): the new session ID | -errno.
Napi::Value ProcSetsid(const Napi::CallbackInfo& info) {
  return Result(info.Env(), setsid());
}

// procSetresuid(r, e, s): glibc's setresuid (every thread); -1 keeps. 0 | -errno.
Napi::Value ProcSetresuid(const Napi::CallbackInfo& info) {
  const char* what = "procSetresuid(r: number, e: number, s: number)";
  long r, e, s;
  if (!Id(info, 0, &r, what) || !Id(info, 1, &e, what) || !Id(info, 2, &s, what)) return info.Env().Undefined();
  return Result(info.Env(), setresuid(static_cast<uid_t>(r), static_cast<uid_t>(e), static_cast<uid_t>(s)));
}

// procSetresgid(r, e, s): glibc's setresgid (every thread); -1 keeps. 0 | -errno.
Napi::Value ProcSetresgid(const Napi::CallbackInfo& info) {
  const char* what = "procSetresgid(r: number, e: number, s: number)";
  long r, e, s;
  if (!Id(info, 0, &r, what) || !Id(info, 1, &e, what) || !Id(info, 2, &s, what)) return info.Env().Undefined();
  return Result(info.Env(), setresgid(static_cast<gid_t>(r), static_cast<gid_t>(e), static_cast<gid_t>(s)));
}

// procSetgroups(gids): glibc's setgroups (every thread). 0 | -errno.
Napi::Value ProcSetgroups(const Napi::CallbackInfo& info) {
  const char* what = "procSetgroups(gids: number[])";
  if (info.Length() < 1 || !info[0].IsArray()) {
    args::Usage(info, what);
    return info.Env().Undefined();
  }
  Napi::Array list = info[0].As<Napi::Array>();
  std::vector<gid_t> gids;
  for (uint32_t i = 0; i < list.Length(); i++) {
    Napi::Value v = list.Get(i);
    double d = v.IsNumber() ? v.As<Napi::Number>().DoubleValue() : -1;
    if (d != static_cast<double>(static_cast<long>(d)) || d < 0 || d > 4294967294.0) {
      args::Usage(info, what);
      return info.Env().Undefined();
    }
    gids.push_back(static_cast<gid_t>(d));
  }
  return Result(info.Env(), setgroups(gids.size(), gids.data()));
}

// procSetNoNewPrivs(): no_new_privs for every thread of the process.
// 0 | -errno.
//
// prctl(PR_SET_NO_NEW_PRIVS) only marks the calling thread, and glibc has no
// broadcast for it. Installing a seccomp filter with
// SECCOMP_FILTER_FLAG_TSYNC copies the caller's no_new_privs to every
// thread (kernel/seccomp.c, seccomp_sync_threads), so the calling thread
// sets the flag, then installs a filter that allows everything, with TSYNC.
// The cost: the process counts as filtered (Seccomp: 2 in /proc) and each
// syscall runs one BPF instruction.
Napi::Value ProcSetNoNewPrivs(const Napi::CallbackInfo& info) {
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1) return Result(info.Env(), -1);
  struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
  struct sock_fprog program = {1, &allow};
  long ret = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &program);
  // With TSYNC a positive result is the ID of a thread that could not be
  // synchronized (it has a filter of its own).
  if (ret > 0) return Napi::Number::New(info.Env(), -EBUSY);
  return Result(info.Env(), ret);
}

// procLdLibraryDirectories(): descriptors (O_PATH | O_DIRECTORY,
// close-on-exec) of the directories the dynamic linker searches for this
// executable (dlinfo RTLD_DI_SERINFO), each path once, in search order;
// directories that fail to open are skipped. number[] | -errno.
Napi::Value ProcLdLibraryDirectories(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  void* self = dlopen(nullptr, RTLD_LAZY | RTLD_NOLOAD);
  if (self == nullptr) return Napi::Number::New(env, -ENOENT);
  Dl_serinfo size;
  if (dlinfo(self, RTLD_DI_SERINFOSIZE, &size) == -1) {
    dlclose(self);
    return Napi::Number::New(env, -ENOENT);
  }
  std::vector<char> buffer(size.dls_size);
  Dl_serinfo* serinfo = reinterpret_cast<Dl_serinfo*>(buffer.data());
  if (dlinfo(self, RTLD_DI_SERINFOSIZE, serinfo) == -1 || dlinfo(self, RTLD_DI_SERINFO, serinfo) == -1) {
    dlclose(self);
    return Napi::Number::New(env, -ENOENT);
  }
  std::vector<std::string> seen;
  Napi::Array fds = Napi::Array::New(env);
  uint32_t n = 0;
  for (unsigned i = 0; i < serinfo->dls_cnt; i++) {
    std::string path = serinfo->dls_serpath[i].dls_name;
    bool repeated = false;
    for (const auto& p : seen) repeated = repeated || p == path;
    if (repeated || path.empty()) continue;
    seen.push_back(path);
    int fd = open(path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd != -1) fds.Set(n++, Napi::Number::New(env, fd));
  }
  dlclose(self);
  return fds;
}

}  // namespace

void RegisterProcControl(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"procKill", ProcKill},
      {"procSetpgid", ProcSetpgid},
      {"procSetsid", ProcSetsid},
      {"procSetresuid", ProcSetresuid},
      {"procSetresgid", ProcSetresgid},
      {"procSetgroups", ProcSetgroups},
      {"procSetNoNewPrivs", ProcSetNoNewPrivs},
      {"procLdLibraryDirectories", ProcLdLibraryDirectories},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
