// File descriptor syscalls that never wait: one syscall (or one read-modify-
// write pair of fcntl calls) each, returning a plain value or -errno. Every
// descriptor they create is close-on-exec. Reads and writes go through a
// Uint8Array and only make sense on descriptors that cannot block (the
// TypeScript side decides when to call them; see runtime/io/README.md).
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/kcmp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

#include "args.h"
#include "register.h"

namespace emilua_ts {
namespace {

using args::Int;
using args::Result;

// fdClose(fd): 0 | -errno. EINTR means the descriptor is gone on Linux.
Napi::Value FdClose(const Napi::CallbackInfo& info) {
  int fd;
  if (!Int(info, 0, &fd, "fdClose(fd: number)")) return info.Env().Undefined();
  int ret = close(fd);
  if (ret == -1 && errno == EINTR) ret = 0;
  return Result(info.Env(), ret);
}

// fdDup(fd): the lowest free descriptor, close-on-exec, naming the same
// open file description | -errno.
Napi::Value FdDup(const Napi::CallbackInfo& info) {
  int fd;
  if (!Int(info, 0, &fd, "fdDup(fd: number)")) return info.Env().Undefined();
  return Result(info.Env(), fcntl(fd, F_DUPFD_CLOEXEC, 0));
}

// fdDupOnto(oldfd, newfd): dup2() -- newfd is not close-on-exec afterwards.
// 0 | -errno.
Napi::Value FdDupOnto(const Napi::CallbackInfo& info) {
  int oldfd, newfd;
  if (!Int(info, 0, &oldfd, "fdDupOnto(oldfd: number, newfd: number)") ||
      !Int(info, 1, &newfd, "fdDupOnto(oldfd: number, newfd: number)")) {
    return info.Env().Undefined();
  }
  int ret = dup2(oldfd, newfd);
  return Result(info.Env(), ret < 0 ? ret : 0);
}

// fdGetStatusFlags(fd): fcntl(F_GETFL) | -errno.
Napi::Value FdGetStatusFlags(const Napi::CallbackInfo& info) {
  int fd;
  if (!Int(info, 0, &fd, "fdGetStatusFlags(fd: number)")) return info.Env().Undefined();
  return Result(info.Env(), fcntl(fd, F_GETFL));
}

// fdSetNonBlocking(fd, on): sets or clears O_NONBLOCK on the open file
// description. Returns whether it was set before (1 or 0) | -errno.
Napi::Value FdSetNonBlocking(const Napi::CallbackInfo& info) {
  static const char* usage = "fdSetNonBlocking(fd: number, on: boolean)";
  int fd;
  bool on = false;
  if (!Int(info, 0, &fd, usage) || !args::Bool(info, 1, &on, usage)) return info.Env().Undefined();
  int flags = fcntl(fd, F_GETFL);
  if (flags == -1) return Result(info.Env(), -1);
  bool was = (flags & O_NONBLOCK) != 0;
  if (was != on) {
    if (fcntl(fd, F_SETFL, on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK)) == -1) {
      return Result(info.Env(), -1);
    }
  }
  return Napi::Number::New(info.Env(), was ? 1 : 0);
}

// fdGetDescriptorFlags(fd): fcntl(F_GETFD) (FD_CLOEXEC = 1) | -errno.
Napi::Value FdGetDescriptorFlags(const Napi::CallbackInfo& info) {
  int fd;
  if (!Int(info, 0, &fd, "fdGetDescriptorFlags(fd: number)")) return info.Env().Undefined();
  return Result(info.Env(), fcntl(fd, F_GETFD));
}

// fdSetCloseOnExec(fd): sets FD_CLOEXEC. 0 | -errno.
Napi::Value FdSetCloseOnExec(const Napi::CallbackInfo& info) {
  int fd;
  if (!Int(info, 0, &fd, "fdSetCloseOnExec(fd: number)")) return info.Env().Undefined();
  return Result(info.Env(), fcntl(fd, F_SETFD, FD_CLOEXEC));
}

// fdFileType(fd): fstat's st_mode & S_IFMT | -errno.
Napi::Value FdFileType(const Napi::CallbackInfo& info) {
  int fd;
  if (!Int(info, 0, &fd, "fdFileType(fd: number)")) return info.Env().Undefined();
  struct stat st;
  if (fstat(fd, &st) == -1) return Result(info.Env(), -1);
  return Napi::Number::New(info.Env(), static_cast<double>(st.st_mode & S_IFMT));
}

// fdKcmp(fd1, fd2): kcmp(KCMP_FILE) between two descriptors of this process:
// 0 equal, 1 less, 2 greater, 3 unordered | -errno.
Napi::Value FdKcmp(const Napi::CallbackInfo& info) {
  int fd1, fd2;
  if (!Int(info, 0, &fd1, "fdKcmp(fd1: number, fd2: number)") ||
      !Int(info, 1, &fd2, "fdKcmp(fd1: number, fd2: number)")) {
    return info.Env().Undefined();
  }
  pid_t self = getpid();
  return Result(info.Env(), syscall(SYS_kcmp, self, self, KCMP_FILE, fd1, fd2));
}

// fdSocketOption(fd, which): getsockopt(SOL_SOCKET, ...) as an int, with
// which = 0 SO_DOMAIN, 1 SO_TYPE, 2 SO_PROTOCOL | -errno.
Napi::Value FdSocketOption(const Napi::CallbackInfo& info) {
  int fd, which;
  if (!Int(info, 0, &fd, "fdSocketOption(fd: number, which: 0|1|2)") ||
      !Int(info, 1, &which, "fdSocketOption(fd: number, which: 0|1|2)")) {
    return info.Env().Undefined();
  }
  static const int kNames[] = {SO_DOMAIN, SO_TYPE, SO_PROTOCOL};
  if (which < 0 || which > 2) return args::Errno(info.Env(), EINVAL);
  int value = 0;
  socklen_t len = sizeof value;
  if (getsockopt(fd, SOL_SOCKET, kNames[which], &value, &len) == -1) return Result(info.Env(), -1);
  if (len != sizeof value) return args::Errno(info.Env(), EINVAL);
  return Napi::Number::New(info.Env(), value);
}

// fdPipe(nonBlocking): pipe2(O_CLOEXEC [| O_NONBLOCK]) -> [readEnd, writeEnd]
// | -errno.
Napi::Value FdPipe(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  bool nonBlocking = false;
  if (!args::Bool(info, 0, &nonBlocking, "fdPipe(nonBlocking: boolean)")) return env.Undefined();
  int flags = O_CLOEXEC | (nonBlocking ? O_NONBLOCK : 0);
  int fds[2];
  if (pipe2(fds, flags) == -1) return Result(env, -1);
  Napi::Array result = Napi::Array::New(env, 2);
  result.Set(uint32_t{0}, Napi::Number::New(env, fds[0]));
  result.Set(uint32_t{1}, Napi::Number::New(env, fds[1]));
  return result;
}

// One transfer between fd and the whole of `bytes`, retried on EINTR:
// count | -errno. `syscall` is read, write or one of their RWF_NOWAIT forms.
template <typename Syscall>
Napi::Value Transfer(const Napi::CallbackInfo& info, const char* signature, Syscall syscall) {
  int fd;
  Napi::Uint8Array bytes;
  if (!Int(info, 0, &fd, signature) || !args::Bytes(info, 1, &bytes, signature)) {
    return info.Env().Undefined();
  }
  ssize_t n;
  do {
    n = syscall(fd, bytes.Data(), bytes.ByteLength());
  } while (n == -1 && errno == EINTR);
  return Result(info.Env(), n);
}

// fdRead(fd, bytes): read(2) into the whole array: count (0 = end of file)
// | -errno (-EAGAIN when nothing is ready on a non-blocking descriptor).
Napi::Value FdRead(const Napi::CallbackInfo& info) {
  return Transfer(info, "fdRead(fd: number, bytes: Uint8Array)",
                  [](int fd, uint8_t* data, size_t size) { return read(fd, data, size); });
}

// fdWrite(fd, bytes): write(2) of the whole array: count | -errno.
Napi::Value FdWrite(const Napi::CallbackInfo& info) {
  return Transfer(info, "fdWrite(fd: number, bytes: Uint8Array)",
                  [](int fd, uint8_t* data, size_t size) { return write(fd, data, size); });
}

// fdReadNoWait(fd, bytes) / fdWriteNoWait(fd, bytes): preadv2/pwritev2 at
// the current offset with RWF_NOWAIT, so the call returns -EAGAIN instead of
// waiting even on a descriptor in blocking mode that other processes share
// (we may not switch such a descriptor to O_NONBLOCK). -EOPNOTSUPP: this
// kind of file (or this kernel) does not honour the flag.
Napi::Value FdReadNoWait(const Napi::CallbackInfo& info) {
  return Transfer(info, "fdReadNoWait(fd: number, bytes: Uint8Array)", [](int fd, uint8_t* data, size_t size) {
    struct iovec iov = {data, size};
    return preadv2(fd, &iov, 1, -1, RWF_NOWAIT);
  });
}

Napi::Value FdWriteNoWait(const Napi::CallbackInfo& info) {
  return Transfer(info, "fdWriteNoWait(fd: number, bytes: Uint8Array)", [](int fd, uint8_t* data, size_t size) {
    struct iovec iov = {data, size};
    return pwritev2(fd, &iov, 1, -1, RWF_NOWAIT);
  });
}

// fdIsatty(fd): 1 | 0.
Napi::Value FdIsatty(const Napi::CallbackInfo& info) {
  int fd;
  if (!Int(info, 0, &fd, "fdIsatty(fd: number)")) return info.Env().Undefined();
  return Napi::Number::New(info.Env(), isatty(fd) ? 1 : 0);
}

// fdTcgetpgrp(fd): the terminal's foreground process group | -errno.
Napi::Value FdTcgetpgrp(const Napi::CallbackInfo& info) {
  int fd;
  if (!Int(info, 0, &fd, "fdTcgetpgrp(fd: number)")) return info.Env().Undefined();
  return Result(info.Env(), tcgetpgrp(fd));
}

// fdTcsetpgrp(fd, pgid): 0 | -errno.
Napi::Value FdTcsetpgrp(const Napi::CallbackInfo& info) {
  int fd, pgid;
  if (!Int(info, 0, &fd, "fdTcsetpgrp(fd: number, pgid: number)") ||
      !Int(info, 1, &pgid, "fdTcsetpgrp(fd: number, pgid: number)")) {
    return info.Env().Undefined();
  }
  return Result(info.Env(), tcsetpgrp(fd, pgid));
}

// fdFchmod(fd, mode): fchmod(2). 0 | -errno.
Napi::Value FdFchmod(const Napi::CallbackInfo& info) {
  static const char* usage = "fdFchmod(fd: number, mode: number)";
  int fd, mode;
  if (!Int(info, 0, &fd, usage) || !Int(info, 1, &mode, usage)) return info.Env().Undefined();
  return Result(info.Env(), fchmod(fd, static_cast<mode_t>(mode)));
}

// ioConstants(): the Linux values of the flags and codes the TypeScript side
// passes to or reads from the functions above (Node's os/fs constants lack
// O_PATH, O_TMPFILE, RESOLVE_*, address families and socket types).
Napi::Value IoConstants(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object c = Napi::Object::New(env);
  auto set = [&](const char* name, double value) { c.Set(name, Napi::Number::New(env, value)); };
  set("O_RDONLY", O_RDONLY);
  set("O_WRONLY", O_WRONLY);
  set("O_RDWR", O_RDWR);
  set("O_APPEND", O_APPEND);
  set("O_CREAT", O_CREAT);
  set("O_EXCL", O_EXCL);
  set("O_TRUNC", O_TRUNC);
  set("O_SYNC", O_SYNC);
  set("O_DIRECTORY", O_DIRECTORY);
  set("O_NOFOLLOW", O_NOFOLLOW);
  set("O_PATH", O_PATH);
  set("O_TMPFILE", O_TMPFILE);
  set("O_NOCTTY", O_NOCTTY);
  set("O_NONBLOCK", O_NONBLOCK);
  set("O_CLOEXEC", O_CLOEXEC);
  set("FD_CLOEXEC", FD_CLOEXEC);
  set("S_IFMT", S_IFMT);
  set("S_IFSOCK", S_IFSOCK);
  set("S_IFLNK", S_IFLNK);
  set("S_IFREG", S_IFREG);
  set("S_IFBLK", S_IFBLK);
  set("S_IFDIR", S_IFDIR);
  set("S_IFCHR", S_IFCHR);
  set("S_IFIFO", S_IFIFO);
  set("AF_UNIX", AF_UNIX);
  set("AF_INET", AF_INET);
  set("AF_INET6", AF_INET6);
  set("SOCK_STREAM", SOCK_STREAM);
  set("SOCK_DGRAM", SOCK_DGRAM);
  set("SOCK_SEQPACKET", SOCK_SEQPACKET);
  set("IPPROTO_TCP", 6);
  set("IPPROTO_UDP", 17);
  set("RESOLVE_NO_XDEV", 0x01);
  set("RESOLVE_NO_MAGICLINKS", 0x02);
  set("RESOLVE_NO_SYMLINKS", 0x04);
  set("RESOLVE_BENEATH", 0x08);
  set("RESOLVE_IN_ROOT", 0x10);
  set("RESOLVE_CACHED", 0x20);
  set("PIPE_BUF", PIPE_BUF);
  return c;
}

}  // namespace

void RegisterFd(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"fdClose", FdClose},
      {"fdDup", FdDup},
      {"fdDupOnto", FdDupOnto},
      {"fdGetStatusFlags", FdGetStatusFlags},
      {"fdSetNonBlocking", FdSetNonBlocking},
      {"fdGetDescriptorFlags", FdGetDescriptorFlags},
      {"fdSetCloseOnExec", FdSetCloseOnExec},
      {"fdFileType", FdFileType},
      {"fdKcmp", FdKcmp},
      {"fdSocketOption", FdSocketOption},
      {"fdPipe", FdPipe},
      {"fdRead", FdRead},
      {"fdWrite", FdWrite},
      {"fdReadNoWait", FdReadNoWait},
      {"fdWriteNoWait", FdWriteNoWait},
      {"fdIsatty", FdIsatty},
      {"fdTcgetpgrp", FdTcgetpgrp},
      {"fdTcsetpgrp", FdTcsetpgrp},
      {"fdFchmod", FdFchmod},
      {"ioConstants", IoConstants},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
