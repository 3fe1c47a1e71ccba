// seccompSetModeFilterAllThreads(program): install a classic-BPF seccomp
// filter on every thread of the process. 0 | -errno.
//
// SECCOMP_FILTER_FLAG_TSYNC makes the kernel put the filter on every thread
// (and copy the caller's no_new_privs to them), or on none: a thread whose
// filter chain is not an ancestor of the caller's makes the call fail. With
// TSYNC the kernel reports that thread's ID as a positive result; we turn it
// into -EBUSY (no thread changed). The program is checked by TypeScript (a
// non-empty multiple of 8 bytes, at most BPF_MAXINSNS instructions) and by
// the kernel's verifier (EINVAL).
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <vector>

#include "args.h"
#include "register.h"

namespace emilua_ts {
namespace {

Napi::Value SeccompSetModeFilterAllThreads(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsTypedArray() ||
      info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    args::Usage(info, "seccompSetModeFilterAllThreads(program: Uint8Array)");
    return info.Env().Undefined();
  }
  Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
  size_t length = bytes.ByteLength();
  if (length == 0 || length % sizeof(struct sock_filter) != 0 ||
      length / sizeof(struct sock_filter) > BPF_MAXINSNS) {
    return args::Errno(info.Env(), EINVAL);
  }
  // The bytes are copied: a Uint8Array's storage need not be aligned.
  std::vector<struct sock_filter> filter(length / sizeof(struct sock_filter));
  memcpy(filter.data(), bytes.Data(), length);
  struct sock_fprog program = {static_cast<unsigned short>(filter.size()), filter.data()};
  long ret = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &program);
  if (ret > 0) return args::Errno(info.Env(), EBUSY);
  return Napi::Number::New(info.Env(), ret == 0 ? 0 : -errno);
}

}  // namespace

void RegisterSeccomp(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"seccompSetModeFilterAllThreads", SeccompSetModeFilterAllThreads},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
