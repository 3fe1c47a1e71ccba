// Regular-file syscalls Node.js lacks, for the file module. None can
// block: fileFlock is only ever called with LOCK_NB by the TypeScript side,
// lseek never waits, and fileReadNoWait gives up rather than wait for the
// disk. Each returns its result or -errno.
#include <errno.h>
#include <stdint.h>
#include <sys/file.h>
#include <sys/uio.h>
#include <unistd.h>

#include "args.h"
#include "register.h"

namespace emilua_ts {
namespace {

using args::Integral;

// fileFlock(fd, operation): flock(2) with the LOCK_* bits as given. 0 | -errno.
Napi::Value FileFlock(const Napi::CallbackInfo& info) {
  const char* usage = "fileFlock(fd: number, operation: number)";
  double fd = -1, operation = 0;
  if (!Integral(info, 0, &fd, usage) || !Integral(info, 1, &operation, usage)) {
    return info.Env().Undefined();
  }
  int ret = flock(static_cast<int>(fd), static_cast<int>(operation));
  return Napi::Number::New(info.Env(), ret == -1 ? -errno : 0);
}

// fileSeek(fd, offset, whence): lseek(2); whence is SEEK_SET, SEEK_CUR or
// SEEK_END (0, 1, 2). The new offset | -errno. Offsets outside off_t give
// -EINVAL.
Napi::Value FileSeek(const Napi::CallbackInfo& info) {
  const char* usage = "fileSeek(fd: number, offset: number, whence: number)";
  double fd = -1, offset = 0, whence = 0;
  if (!Integral(info, 0, &fd, usage) || !Integral(info, 1, &offset, usage) ||
      !Integral(info, 2, &whence, usage)) {
    return info.Env().Undefined();
  }
  if (offset < -9223372036854775808.0 || offset >= 9223372036854775808.0) {
    return args::Errno(info.Env(), EINVAL);
  }
  off_t ret = lseek(static_cast<int>(fd), static_cast<off_t>(offset), static_cast<int>(whence));
  return Napi::Number::New(info.Env(), ret == -1 ? -errno : static_cast<double>(ret));
}

// fileReadNoWait(fd, bytes, offset): preadv2(2) with RWF_NOWAIT into the
// whole array, at `offset` (-1: at and moving the file offset). Count (0 = end
// of file) | -errno; -EAGAIN when the data is not in the page cache, so the
// read would wait for the disk; -EOPNOTSUPP where the file system refuses
// the flag.
Napi::Value FileReadNoWait(const Napi::CallbackInfo& info) {
  const char* usage = "fileReadNoWait(fd: number, bytes: Uint8Array, offset: number)";
  double fd = -1, offset = -1;
  Napi::Uint8Array bytes;
  if (!Integral(info, 0, &fd, usage) || !args::Bytes(info, 1, &bytes, usage) ||
      !Integral(info, 2, &offset, usage)) {
    return info.Env().Undefined();
  }
  if (offset < -1 || offset >= 9223372036854775808.0) return args::Errno(info.Env(), EINVAL);
  struct iovec iov = {bytes.Data(), bytes.ByteLength()};
  ssize_t n;
  do {
    n = preadv2(static_cast<int>(fd), &iov, 1, static_cast<off_t>(offset), RWF_NOWAIT);
  } while (n == -1 && errno == EINTR);
  return Napi::Number::New(info.Env(), n == -1 ? -errno : static_cast<double>(n));
}

}  // namespace

void RegisterFile(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"fileFlock", FileFlock},
      {"fileSeek", FileSeek},
      {"fileReadNoWait", FileReadNoWait},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
