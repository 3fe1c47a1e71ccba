// Process-wide queries and actions that Node does not offer: process groups,
// sessions, saved set-user/group IDs, signal dispositions (SIG_IGN/SIG_DFL),
// raise(3), and the two ways of ending the process without any clean-up.
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "register.h"

namespace emilua_ts {
namespace {

using args::Int;
using args::Result;

// procGetpgrp(): getpgrp().
Napi::Value ProcGetpgrp(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), getpgrp());
}

// procGetpgid(pid): getpgid(pid) | -errno.
Napi::Value ProcGetpgid(const Napi::CallbackInfo& info) {
  int pid;
  if (!Int(info, 0, &pid, "procGetpgid(pid: number)")) return info.Env().Undefined();
  return Result(info.Env(), getpgid(pid));
}

// procGetsid(pid): getsid(pid) | -errno.
Napi::Value ProcGetsid(const Napi::CallbackInfo& info) {
  int pid;
  if (!Int(info, 0, &pid, "procGetsid(pid: number)")) return info.Env().Undefined();
  return Result(info.Env(), getsid(pid));
}

Napi::Value Triple(Napi::Env env, unsigned a, unsigned b, unsigned c) {
  Napi::Array result = Napi::Array::New(env, 3);
  result.Set(uint32_t{0}, Napi::Number::New(env, a));
  result.Set(uint32_t{1}, Napi::Number::New(env, b));
  result.Set(uint32_t{2}, Napi::Number::New(env, c));
  return result;
}

// procGetresuid(): [real, effective, saved] user IDs | -errno.
Napi::Value ProcGetresuid(const Napi::CallbackInfo& info) {
  uid_t r, e, s;
  if (getresuid(&r, &e, &s) == -1) return Result(info.Env(), -1);
  return Triple(info.Env(), r, e, s);
}

// procGetresgid(): [real, effective, saved] group IDs | -errno.
Napi::Value ProcGetresgid(const Napi::CallbackInfo& info) {
  gid_t r, e, s;
  if (getresgid(&r, &e, &s) == -1) return Result(info.Env(), -1);
  return Triple(info.Env(), r, e, s);
}

// signalDisposition(sig): 0 SIG_DFL, 1 SIG_IGN, 2 a handler | -errno.
Napi::Value SignalDisposition(const Napi::CallbackInfo& info) {
  int sig;
  if (!Int(info, 0, &sig, "signalDisposition(sig: number)")) return info.Env().Undefined();
  struct sigaction current;
  if (sigaction(sig, nullptr, &current) == -1) return Result(info.Env(), -1);
  int kind = 2;
  if (!(current.sa_flags & SA_SIGINFO)) {
    if (current.sa_handler == SIG_DFL) kind = 0;
    if (current.sa_handler == SIG_IGN) kind = 1;
  }
  return Napi::Number::New(info.Env(), kind);
}

// signalSetDisposition(sig, ignore): SIG_IGN when ignore, else SIG_DFL.
// 0 | -errno.
Napi::Value SignalSetDisposition(const Napi::CallbackInfo& info) {
  static const char* usage = "signalSetDisposition(sig: number, ignore: boolean)";
  int sig;
  bool ignore = false;
  if (!Int(info, 0, &sig, usage) || !args::Bool(info, 1, &ignore, usage)) return info.Env().Undefined();
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = ignore ? SIG_IGN : SIG_DFL;
  sigemptyset(&action.sa_mask);
  return Result(info.Env(), sigaction(sig, &action, nullptr));
}

// signalRaise(sig): raise(3) on the calling thread. 0 | -errno.
Napi::Value SignalRaise(const Napi::CallbackInfo& info) {
  int sig;
  if (!Int(info, 0, &sig, "signalRaise(sig: number)")) return info.Env().Undefined();
  int ret = raise(sig);
  return Napi::Number::New(info.Env(), ret == 0 ? 0 : -errno);
}

// procExitNow(code): _exit(code): no exit handlers, no flushing.
Napi::Value ProcExitNow(const Napi::CallbackInfo& info) {
  int code;
  if (!Int(info, 0, &code, "procExitNow(code: number)")) return info.Env().Undefined();
  _exit(code);
}

// procAbort(): abort(3).
Napi::Value ProcAbort(const Napi::CallbackInfo&) {
  abort();
}

}  // namespace

void RegisterProcess(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"procGetpgrp", ProcGetpgrp},
      {"procGetpgid", ProcGetpgid},
      {"procGetsid", ProcGetsid},
      {"procGetresuid", ProcGetresuid},
      {"procGetresgid", ProcGetresgid},
      {"signalDisposition", SignalDisposition},
      {"signalSetDisposition", SignalSetDisposition},
      {"signalRaise", SignalRaise},
      {"procExitNow", ProcExitNow},
      {"procAbort", ProcAbort},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
