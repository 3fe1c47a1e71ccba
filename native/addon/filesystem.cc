// Filesystem syscalls Node.js lacks, for the filesystem module. Paths arrive
// as Uint8Arrays holding the raw bytes of the path (one with a NUL byte
// inside gives -EINVAL). Each function makes one syscall and returns its
// result or -errno; wrong argument types throw TypeError.
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include <string>

#include "args.h"
#include "register.h"

namespace emilua_ts {
namespace {

using args::HasNul;
using args::Integral;
using args::Path;
using args::Result;

// A double holding an unsigned 64-bit quantity (device numbers): values
// beyond the range saturate.
uint64_t ToU64(double d) {
  if (d <= 0) return 0;
  if (d >= 18446744073709551615.0) return UINT64_MAX;
  return static_cast<uint64_t>(d);
}

// fsMknod(path, mode, dev): mknod(2). 0 | -errno.
Napi::Value FsMknod(const Napi::CallbackInfo& info) {
  const char* usage = "fsMknod(path: Uint8Array, mode: number, dev: number)";
  std::string path;
  double mode = 0, dev = 0;
  if (!Path(info, 0, &path, usage) || !Integral(info, 1, &mode, usage) ||
      !Integral(info, 2, &dev, usage)) {
    return info.Env().Undefined();
  }
  if (HasNul(path)) return args::Errno(info.Env(), EINVAL);
  int ret = mknod(path.c_str(), static_cast<mode_t>(static_cast<int64_t>(mode)),
                  static_cast<dev_t>(ToU64(dev)));
  return Result(info.Env(), ret);
}

// fsMakedev(major, minor): makedev(3) of two unsigned 32-bit numbers.
Napi::Value FsMakedev(const Napi::CallbackInfo& info) {
  const char* usage = "fsMakedev(major: number, minor: number)";
  double major_ = 0, minor_ = 0;
  if (!Integral(info, 0, &major_, usage) || !Integral(info, 1, &minor_, usage)) {
    return info.Env().Undefined();
  }
  dev_t dev = makedev(static_cast<unsigned int>(static_cast<int64_t>(major_)),
                      static_cast<unsigned int>(static_cast<int64_t>(minor_)));
  return Napi::Number::New(info.Env(), static_cast<double>(dev));
}

// fsDevMajor(dev) / fsDevMinor(dev): major(3) / minor(3).
Napi::Value FsDevMajor(const Napi::CallbackInfo& info) {
  double dev = 0;
  if (!Integral(info, 0, &dev, "fsDevMajor(dev: number)")) return info.Env().Undefined();
  return Napi::Number::New(info.Env(), major(static_cast<dev_t>(ToU64(dev))));
}

Napi::Value FsDevMinor(const Napi::CallbackInfo& info) {
  double dev = 0;
  if (!Integral(info, 0, &dev, "fsDevMinor(dev: number)")) return info.Env().Undefined();
  return Napi::Number::New(info.Env(), minor(static_cast<dev_t>(ToU64(dev))));
}

// fsUmask(mask): umask(2), returning the previous mask. Node's process.umask
// cannot set it from a worker thread, where actors may run.
Napi::Value FsUmask(const Napi::CallbackInfo& info) {
  double unused;
  if (!args::Number(info, 0, &unused, "fsUmask(mask: number)")) return info.Env().Undefined();
  // ToUint32, as before: any number is accepted and wraps.
  mode_t mask = static_cast<mode_t>(info[0].As<Napi::Number>().Uint32Value() & 07777);
  return Napi::Number::New(info.Env(), umask(mask));
}

// fsChroot(path): chroot(2). 0 | -errno.
Napi::Value FsChroot(const Napi::CallbackInfo& info) {
  std::string path;
  if (!Path(info, 0, &path, "fsChroot(path: Uint8Array)")) return info.Env().Undefined();
  if (HasNul(path)) return args::Errno(info.Env(), EINVAL);
  return Result(info.Env(), chroot(path.c_str()));
}

// fsChdir(path): chdir(2). 0 | -errno.
Napi::Value FsChdir(const Napi::CallbackInfo& info) {
  std::string path;
  if (!Path(info, 0, &path, "fsChdir(path: Uint8Array)")) return info.Env().Undefined();
  if (HasNul(path)) return args::Errno(info.Env(), EINVAL);
  return Result(info.Env(), chdir(path.c_str()));
}

// fsFchdir(fd): fchdir(2). 0 | -errno.
Napi::Value FsFchdir(const Napi::CallbackInfo& info) {
  double fd = -1;
  if (!Integral(info, 0, &fd, "fsFchdir(fd: number)")) return info.Env().Undefined();
  return Result(info.Env(), fchdir(static_cast<int>(fd)));
}

// fsGetcwd(): the bytes getcwd(3) returns, as a Buffer | -errno.
Napi::Value FsGetcwd(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string buf(256, '\0');
  for (;;) {
    if (getcwd(&buf[0], buf.size()) != nullptr) {
      size_t len = 0;
      while (len < buf.size() && buf[len] != '\0') len++;
      return Napi::Buffer<char>::Copy(env, buf.data(), len);
    }
    if (errno != ERANGE || buf.size() >= (size_t{1} << 20)) return Napi::Number::New(env, -errno);
    buf.resize(buf.size() * 2);
  }
}

// fsLchmod(path, mode): fchmodat(AT_FDCWD, path, mode, AT_SYMLINK_NOFOLLOW).
// Linux refuses it for symbolic links (-EOPNOTSUPP). 0 | -errno.
Napi::Value FsLchmod(const Napi::CallbackInfo& info) {
  const char* usage = "fsLchmod(path: Uint8Array, mode: number)";
  std::string path;
  double mode = 0;
  if (!Path(info, 0, &path, usage) || !Integral(info, 1, &mode, usage)) {
    return info.Env().Undefined();
  }
  if (HasNul(path)) return args::Errno(info.Env(), EINVAL);
  int ret = fchmodat(AT_FDCWD, path.c_str(), static_cast<mode_t>(static_cast<int64_t>(mode)),
                     AT_SYMLINK_NOFOLLOW);
  return Result(info.Env(), ret);
}

// fsSetModificationTime(path, sec, nsec): utimensat() changing only the
// modification time, following symbolic links. 0 | -errno.
Napi::Value FsSetModificationTime(const Napi::CallbackInfo& info) {
  const char* usage = "fsSetModificationTime(path: Uint8Array, sec: number, nsec: number)";
  std::string path;
  double sec = 0, nsec = 0;
  if (!Path(info, 0, &path, usage) || !Integral(info, 1, &sec, usage) ||
      !Integral(info, 2, &nsec, usage) || nsec < 0 || nsec >= 1e9) {
    if (!info.Env().IsExceptionPending()) args::Usage(info, usage);
    return info.Env().Undefined();
  }
  if (HasNul(path)) return args::Errno(info.Env(), EINVAL);
  struct timespec times[2];
  times[0].tv_sec = 0;
  times[0].tv_nsec = UTIME_OMIT;
  times[1].tv_sec = static_cast<time_t>(sec);
  times[1].tv_nsec = static_cast<long>(nsec);
  return Result(info.Env(), utimensat(AT_FDCWD, path.c_str(), times, 0));
}

// fsTruncate(path, length): truncate(2). 0 | -errno.
Napi::Value FsTruncate(const Napi::CallbackInfo& info) {
  const char* usage = "fsTruncate(path: Uint8Array, length: number)";
  std::string path;
  double length = 0;
  if (!Path(info, 0, &path, usage) || !Integral(info, 1, &length, usage)) {
    return info.Env().Undefined();
  }
  if (HasNul(path) || length < 0 || length > 9223372036854775807.0) return args::Errno(info.Env(), EINVAL);
  return Result(info.Env(), truncate(path.c_str(), static_cast<off_t>(length)));
}

// fsRealtimeClock(): [seconds, nanoseconds] of clock_gettime(CLOCK_REALTIME).
Napi::Value FsRealtimeClock(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  Napi::Array out = Napi::Array::New(env, 2);
  out.Set(uint32_t{0}, Napi::Number::New(env, static_cast<double>(now.tv_sec)));
  out.Set(uint32_t{1}, Napi::Number::New(env, static_cast<double>(now.tv_nsec)));
  return out;
}

}  // namespace

void RegisterFilesystem(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"fsMknod", FsMknod},
      {"fsMakedev", FsMakedev},
      {"fsDevMajor", FsDevMajor},
      {"fsDevMinor", FsDevMinor},
      {"fsUmask", FsUmask},
      {"fsChroot", FsChroot},
      {"fsChdir", FsChdir},
      {"fsFchdir", FsFchdir},
      {"fsGetcwd", FsGetcwd},
      {"fsLchmod", FsLchmod},
      {"fsSetModificationTime", FsSetModificationTime},
      {"fsTruncate", FsTruncate},
      {"fsRealtimeClock", FsRealtimeClock},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
