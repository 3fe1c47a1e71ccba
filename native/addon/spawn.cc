// Starting a program: procSpawn() turns the request TypeScript built
// (runtime/process/launch.ts) into a Plan, clones a child sharing this
// memory (spawn_child.cc explains the rules), and returns its pid and a
// pidfd. Also waitid(P_PIDFD) and pidfd_send_signal for the child's owner.
//
// Only argument types are checked here (TypeError); values were validated
// by TypeScript, and the kernel judges the rest.
//
// glibc's clone(3) wrapper (the clone syscall) rather than a raw clone3: a
// child sharing this memory must start on its own stack, and only the
// wrapper's assembly can switch stacks and call a function there; clone3 has
// no glibc wrapper before 2.39 (pidfd_spawn). clone takes CLONE_PIDFD since
// Linux 5.2 and every CLONE_NEW* flag; clone3-only features (CLONE_INTO_CGROUP,
// set_tid) are not needed yet.
#include <errno.h>
#include <linux/filter.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "args.h"
#include "register.h"
#include "linux_compat.h"
#include "spawn_plan.h"

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#ifndef __NR_pidfd_send_signal
#define __NR_pidfd_send_signal 424
#endif

namespace emilua_ts {
namespace {

constexpr int kNamespaceFlags =
    CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWCGROUP;
constexpr size_t kChildStack = 64 * 1024;

// Reads the request object; the first failure leaves a pending TypeError.
class Reader {
 public:
  Reader(const Napi::CallbackInfo& info, Napi::Object object) : info_(info), object_(object) {}

  bool ok() const { return ok_; }

  double Number(const char* key) {
    Napi::Value v = Get(key);
    if (!ok_) return 0;
    if (!v.IsNumber()) return Fail(key), 0;
    double d = v.As<Napi::Number>().DoubleValue();
    if (!std::isfinite(d) || d != std::trunc(d) || d < -1 || d > 4294967295.0) return Fail(key), 0;
    return d;
  }
  int Int(const char* key) {
    double d = Number(key);
    if (ok_ && d > INT32_MAX) Fail(key);
    return static_cast<int>(d);
  }
  bool Bool(const char* key) {
    Napi::Value v = Get(key);
    if (!ok_) return false;
    if (!v.IsBoolean()) return Fail(key), false;
    return v.As<Napi::Boolean>().Value();
  }
  // A Uint8Array, or null (returns false with *present = false).
  bool Bytes(const char* key, std::string* out, bool nullable) {
    Napi::Value v = Get(key);
    if (!ok_) return false;
    if (nullable && v.IsNull()) return false;
    if (!IsBytes(v)) return Fail(key), false;
    Napi::Uint8Array a = v.As<Napi::Uint8Array>();
    out->assign(reinterpret_cast<const char*>(a.Data()), a.ByteLength());
    return true;
  }
  void BytesList(const char* key, std::vector<std::string>* out) {
    Napi::Value v = Get(key);
    if (!ok_) return;
    if (!v.IsArray()) return Fail(key);
    Napi::Array a = v.As<Napi::Array>();
    for (uint32_t i = 0; i < a.Length(); i++) {
      Napi::Value e = a.Get(i);
      if (!IsBytes(e)) return Fail(key);
      Napi::Uint8Array bytes = e.As<Napi::Uint8Array>();
      out->emplace_back(reinterpret_cast<const char*>(bytes.Data()), bytes.ByteLength());
    }
  }
  // An array of integers; `length` 0 means any length. Returns false for null.
  bool IntList(const char* key, std::vector<long>* out, size_t length, bool nullable) {
    Napi::Value v = Get(key);
    if (!ok_) return false;
    if (nullable && v.IsNull()) return false;
    if (!v.IsArray()) return Fail(key), false;
    Napi::Array a = v.As<Napi::Array>();
    if (length != 0 && a.Length() != length) return Fail(key), false;
    for (uint32_t i = 0; i < a.Length(); i++) {
      Napi::Value e = a.Get(i);
      double d = e.IsNumber() ? e.As<Napi::Number>().DoubleValue() : NAN;
      if (!std::isfinite(d) || d != std::trunc(d) || d < -3 || d > 4294967295.0) return Fail(key), false;
      out->push_back(static_cast<long>(d));
    }
    return true;
  }

 private:
  static bool IsBytes(Napi::Value v) {
    return v.IsTypedArray() && v.As<Napi::TypedArray>().TypedArrayType() == napi_uint8_array;
  }
  Napi::Value Get(const char* key) {
    if (!ok_) return info_.Env().Undefined();
    return object_.Get(key);
  }
  void Fail(const char* key) {
    if (!ok_) return;
    ok_ = false;
    std::string what = std::string("procSpawn(request): bad field ") + key;
    args::Usage(info_, what.c_str());
  }

  const Napi::CallbackInfo& info_;
  Napi::Object object_;
  bool ok_ = true;
};

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(&s[0]);
  out.push_back(nullptr);
  return out;
}

Napi::Value Pair(Napi::Env env, double a, double b) {
  Napi::Array result = Napi::Array::New(env, 2);
  result.Set(uint32_t{0}, Napi::Number::New(env, a));
  result.Set(uint32_t{1}, Napi::Number::New(env, b));
  return result;
}

// Blocks or restores every signal of the calling thread with the raw
// syscall: glibc's pthread_sigmask would leave its two private signals
// unblocked, and no handler may run in the child before it resets them.
void SetSignalMask(const uint64_t* mask, uint64_t* old) {
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, mask, old, sizeof *mask);
}

// procSpawn(request): [pid, pidfd] | [-errno, step].
Napi::Value ProcSpawn(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject()) {
    args::Usage(info, "procSpawn(request: object)");
    return env.Undefined();
  }
  Reader r(info, info[0].As<Napi::Object>());
  spawn::Plan plan = {};

  std::vector<std::string> paths, argv, envp;
  plan.exec_kind = r.Int("execKind");
  r.BytesList("paths", &paths);
  plan.program_fd = r.Int("programFd");
  r.BytesList("argv", &argv);
  r.BytesList("envp", &envp);
  std::string pid_variable;
  bool with_pid = r.Bytes("pidVariable", &pid_variable, true);
  std::vector<long> fds, setns_fds, groups_long;
  r.IntList("fds", &fds, 10, false);
  int clone_flags = r.Int("cloneFlags");
  plan.sched_policy = r.Int("schedPolicy");
  plan.sched_priority = r.Int("schedPriority");
  plan.sched_set_priority = r.Bool("schedSetPriority");
  plan.new_session = r.Bool("newSession");
  plan.process_group = r.Int("processGroup");
  plan.ctty_fd = r.Int("cttyFd");
  plan.foreground_fd = r.Int("foregroundFd");
  r.IntList("setnsFds", &setns_fds, 5, false);
  bool with_groups = r.IntList("groups", &groups_long, 0, true);
  plan.rgid = static_cast<long>(r.Number("rgid"));
  plan.egid = static_cast<long>(r.Number("egid"));
  plan.ruid = static_cast<long>(r.Number("ruid"));
  plan.euid = static_cast<long>(r.Number("euid"));
  plan.umask = r.Int("umask");
  std::string cwd_path;
  bool with_cwd = r.Bytes("cwdPath", &cwd_path, true);
  plan.cwd_fd = r.Int("cwdFd");
  plan.pdeathsig = r.Int("pdeathsig");
  plan.no_new_privs = r.Bool("noNewPrivs");
  plan.landlock_fd = r.Int("landlockFd");
  std::string seccomp;
  bool with_seccomp = r.Bytes("seccompFilter", &seccomp, true);
  if (!r.ok()) return env.Undefined();

  if ((clone_flags & ~kNamespaceFlags) != 0 || plan.exec_kind < 0 || plan.exec_kind > 2 ||
      (plan.exec_kind != spawn::kExecFd && paths.empty()) ||
      (with_seccomp && (seccomp.empty() || seccomp.size() % sizeof(struct sock_filter) != 0 ||
                        seccomp.size() / sizeof(struct sock_filter) > BPF_MAXINSNS))) {
    return Pair(env, -EINVAL, spawn::kStepClone);
  }

  // The child's environment; the pid variable goes last, with room for
  // the digits the child writes.
  if (with_pid) {
    pid_variable += '=';
    pid_variable.append(24, '\0');
    envp.push_back(pid_variable);
  }
  std::vector<char*> path_ptrs = Pointers(paths);
  std::vector<char*> argv_ptrs = Pointers(argv);
  std::vector<char*> envp_ptrs = Pointers(envp);
  if (with_pid) plan.pid_digits = envp_ptrs[envp.size() - 1] + (pid_variable.size() - 24);
  static char kShell[] = "/bin/sh";
  std::vector<char*> script_argv;
  script_argv.push_back(kShell);
  script_argv.push_back(nullptr);  // the child puts the file here
  for (size_t i = 1; i < argv.size(); i++) script_argv.push_back(argv_ptrs[i]);
  script_argv.push_back(nullptr);
  plan.paths = path_ptrs.data();
  plan.argv = argv_ptrs.data();
  plan.envp = envp_ptrs.data();
  plan.script_argv = script_argv.data();

  for (int i = 0; i < 10; i++) plan.fds[i] = static_cast<int>(fds[i]);
  for (int i = 0; i < 5; i++) plan.setns_fds[i] = static_cast<int>(setns_fds[i]);
  std::vector<gid_t> groups(groups_long.begin(), groups_long.end());
  if (with_groups) {
    plan.groups = groups.data();
    plan.group_count = static_cast<int>(groups.size());
  }
  if (with_cwd) plan.cwd_path = cwd_path.c_str();
  // Copied to keep the filter aligned for struct sock_filter.
  std::vector<uint64_t> filter;
  if (with_seccomp) {
    filter.resize(seccomp.size() / 8);
    memcpy(filter.data(), seccomp.data(), seccomp.size());
    plan.seccomp_filter = filter.data();
    plan.seccomp_len = static_cast<unsigned short>(filter.size());
  }
  // In a new PID namespace the child's getppid() is 0.
  plan.parent_pid = (clone_flags & CLONE_NEWPID) ? 0 : getpid();

  long page = sysconf(_SC_PAGESIZE);
  size_t size = kChildStack + page;
  void* stack = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) return Pair(env, -errno, spawn::kStepClone);
  mprotect(stack, page, PROT_NONE);  // guard page below the stack

  uint64_t all = ~uint64_t{0}, old = 0;
  SetSignalMask(&all, &old);
  int pidfd = -1;
  pid_t pid = clone(spawn::ChildMain, static_cast<char*>(stack) + size,
                    CLONE_VM | CLONE_VFORK | CLONE_PIDFD | SIGCHLD | clone_flags, &plan, &pidfd);
  int clone_error = errno;
  SetSignalMask(&old, nullptr);
  munmap(stack, size);

  if (pid == -1) return Pair(env, -clone_error, spawn::kStepClone);
  if (plan.error != 0) {
    // The child has exited (status 127): reap it now, it is gone already.
    siginfo_t status;
    while (waitid(static_cast<idtype_t>(P_PIDFD), pidfd, &status, WEXITED) == -1 && errno == EINTR) {
    }
    close(pidfd);
    return Pair(env, -plan.error, plan.error_step);
  }
  return Pair(env, pid, pidfd);
}

// procWaitid(pidfd): waitid(P_PIDFD, WEXITED | WNOHANG):
// [0, 0] still running, [1, code] exited, [2, signal] killed, [3, signal]
// killed with a core dump | -errno.
Napi::Value ProcWaitid(const Napi::CallbackInfo& info) {
  int pidfd;
  if (!args::Int(info, 0, &pidfd, "procWaitid(pidfd: number)")) return info.Env().Undefined();
  siginfo_t status = {};
  int ret;
  do {
    ret = waitid(static_cast<idtype_t>(P_PIDFD), pidfd, &status, WEXITED | WNOHANG);
  } while (ret == -1 && errno == EINTR);
  if (ret == -1) return Napi::Number::New(info.Env(), -errno);
  if (status.si_pid == 0) return Pair(info.Env(), 0, 0);
  int kind = status.si_code == CLD_EXITED ? 1 : status.si_code == CLD_DUMPED ? 3 : 2;
  return Pair(info.Env(), kind, status.si_status);
}

// procPidfdSignal(pidfd, sig): pidfd_send_signal(2). 0 | -errno.
Napi::Value ProcPidfdSignal(const Napi::CallbackInfo& info) {
  int pidfd, sig;
  if (!args::Int(info, 0, &pidfd, "procPidfdSignal(pidfd: number, sig: number)") ||
      !args::Int(info, 1, &sig, "procPidfdSignal(pidfd: number, sig: number)")) {
    return info.Env().Undefined();
  }
  return args::Result(info.Env(), syscall(__NR_pidfd_send_signal, pidfd, sig, nullptr, 0));
}

}  // namespace

void RegisterSpawn(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"procSpawn", ProcSpawn},
      {"procWaitid", ProcWaitid},
      {"procPidfdSignal", ProcPidfdSignal},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
