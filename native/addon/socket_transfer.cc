// Socket transfers that never wait, one syscall each, returning a plain
// value or -errno: recv/send, recvfrom/sendto, and recvmsg/sendmsg carrying
// descriptors (SCM_RIGHTS). They add MSG_DONTWAIT (and MSG_NOSIGNAL for
// sends) whatever the descriptor's O_NONBLOCK flag says, so a peer that
// shares the open file description and flips that flag cannot make a call
// wait.
//
// Received descriptors (sockRecvFds) arrive close-on-exec
// (MSG_CMSG_CLOEXEC) and are never touched here beyond close(): no fstat, no
// ioctl, no fcntl. The one rule enforced in C is that none of them leaks: when
// the control data was cut short, more descriptors than asked for arrived, or
// (on request) the payload was cut short, every descriptor that did arrive is
// closed before returning.
#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <vector>

#include "args.h"
#include "register.h"
#include "socket_address.h"

namespace emilua_ts {
namespace {

using args::Int;
using args::Result;

// A list of descriptor numbers (at most kMaxFds). 1: ok; 0: TypeError
// pending; -1: too many.
int FdListArg(const Napi::CallbackInfo& info, size_t i, std::vector<int>* out, const char* usage) {
  if (info.Length() <= i || !info[i].IsArray()) {
    args::Usage(info, usage);
    return 0;
  }
  Napi::Array list = info[i].As<Napi::Array>();
  if (list.Length() > static_cast<uint32_t>(kMaxFds)) return -1;
  out->clear();
  for (uint32_t k = 0; k < list.Length(); ++k) {
    Napi::Value v = list.Get(k);
    if (!v.IsNumber()) {
      args::Usage(info, usage);
      return 0;
    }
    double d = v.As<Napi::Number>().DoubleValue();
    if (!(d >= 0 && d <= INT32_MAX) || d != static_cast<double>(static_cast<int>(d))) {
      args::Usage(info, usage);
      return 0;
    }
    out->push_back(static_cast<int>(d));
  }
  return 1;
}

// sockRecv(fd, bytes, flags): recv(2) with MSG_DONTWAIT | flags: count
// | -errno.
Napi::Value SockRecv(const Napi::CallbackInfo& info) {
  static const char* usage = "sockRecv(fd: number, bytes: Uint8Array, flags: number)";
  int fd, flags;
  Napi::Uint8Array bytes;
  if (!Int(info, 0, &fd, usage) || !args::Bytes(info, 1, &bytes, usage) || !Int(info, 2, &flags, usage)) {
    return info.Env().Undefined();
  }
  ssize_t n;
  do {
    n = recv(fd, bytes.Data(), bytes.ByteLength(), flags | MSG_DONTWAIT);
  } while (n == -1 && errno == EINTR);
  return Result(info.Env(), n);
}

// sockSend(fd, bytes, flags): send(2) with MSG_DONTWAIT | MSG_NOSIGNAL
// | flags: count | -errno.
Napi::Value SockSend(const Napi::CallbackInfo& info) {
  static const char* usage = "sockSend(fd: number, bytes: Uint8Array, flags: number)";
  int fd, flags;
  Napi::Uint8Array bytes;
  if (!Int(info, 0, &fd, usage) || !args::Bytes(info, 1, &bytes, usage) || !Int(info, 2, &flags, usage)) {
    return info.Env().Undefined();
  }
  ssize_t n;
  do {
    n = send(fd, bytes.Data(), bytes.ByteLength(), flags | MSG_DONTWAIT | MSG_NOSIGNAL);
  } while (n == -1 && errno == EINTR);
  return Result(info.Env(), n);
}

// sockRecvFrom(fd, bytes, flags): recvfrom(2) with MSG_DONTWAIT | flags:
// [count, sender address bytes] | -errno.
Napi::Value SockRecvFrom(const Napi::CallbackInfo& info) {
  static const char* usage = "sockRecvFrom(fd: number, bytes: Uint8Array, flags: number)";
  Napi::Env env = info.Env();
  int fd, flags;
  Napi::Uint8Array bytes;
  if (!Int(info, 0, &fd, usage) || !args::Bytes(info, 1, &bytes, usage) || !Int(info, 2, &flags, usage)) {
    return env.Undefined();
  }
  sockaddr_storage ss;
  socklen_t len;
  ssize_t n;
  do {
    std::memset(&ss, 0, sizeof ss);
    len = sizeof ss;
    n = recvfrom(fd, bytes.Data(), bytes.ByteLength(), flags | MSG_DONTWAIT, reinterpret_cast<sockaddr*>(&ss), &len);
  } while (n == -1 && errno == EINTR);
  if (n == -1) return Result(env, -1);
  Napi::Array result = Napi::Array::New(env, 2);
  result.Set(uint32_t{0}, Napi::Number::New(env, static_cast<double>(n)));
  result.Set(uint32_t{1}, AddressValue(env, ss, len));
  return result;
}

// sockSendTo(fd, bytes, address, flags): sendto(2) with MSG_DONTWAIT |
// MSG_NOSIGNAL | flags: count | -errno.
Napi::Value SockSendTo(const Napi::CallbackInfo& info) {
  static const char* usage = "sockSendTo(fd: number, bytes: Uint8Array, address: Uint8Array, flags: number)";
  Napi::Env env = info.Env();
  int fd, flags;
  Napi::Uint8Array bytes;
  sockaddr_storage ss;
  socklen_t len;
  if (!Int(info, 0, &fd, usage) || !args::Bytes(info, 1, &bytes, usage)) return env.Undefined();
  int ok = AddressArg(info, 2, &ss, &len, usage);
  if (ok == 0 || !Int(info, 3, &flags, usage)) return env.Undefined();
  if (ok < 0) return args::Errno(env, EINVAL);
  ssize_t n;
  do {
    n = sendto(fd, bytes.Data(), bytes.ByteLength(), flags | MSG_DONTWAIT | MSG_NOSIGNAL,
               reinterpret_cast<sockaddr*>(&ss), len);
  } while (n == -1 && errno == EINTR);
  return Result(env, n);
}

// sockRecvFds(fd, bytes, maxfds, flags, rejectTruncated): recvmsg(2) with
// MSG_DONTWAIT | MSG_CMSG_CLOEXEC | flags and room for at most maxfds
// (0..253) descriptors. Returns
//   [count, status, sender address bytes, closed, ...descriptors] | -errno
// with status 0: complete; 1: the control data was truncated or more than
// maxfds descriptors arrived; 2: the payload was truncated and
// rejectTruncated is set. When status is not 0 the `closed` descriptors that
// did arrive have already been closed and none is listed.
Napi::Value SockRecvFds(const Napi::CallbackInfo& info) {
  static const char* usage =
      "sockRecvFds(fd: number, bytes: Uint8Array, maxfds: number, flags: number, rejectTruncated: boolean)";
  Napi::Env env = info.Env();
  int fd, maxfds, flags;
  bool rejectTruncated = false;
  Napi::Uint8Array bytes;
  if (!Int(info, 0, &fd, usage) || !args::Bytes(info, 1, &bytes, usage) || !Int(info, 2, &maxfds, usage) ||
      !Int(info, 3, &flags, usage) || !args::Bool(info, 4, &rejectTruncated, usage)) {
    return env.Undefined();
  }
  if (maxfds < 0 || maxfds > kMaxFds) return args::Errno(env, EINVAL);

  union {
    cmsghdr align;
    char buffer[CMSG_SPACE(sizeof(int) * kMaxFds)];
  } control;
  sockaddr_storage ss;
  iovec iov;
  msghdr msg;
  ssize_t n;
  do {
    std::memset(&control, 0, sizeof control);
    std::memset(&ss, 0, sizeof ss);
    std::memset(&msg, 0, sizeof msg);
    iov.iov_base = bytes.Data();
    iov.iov_len = bytes.ByteLength();
    msg.msg_name = &ss;
    msg.msg_namelen = sizeof ss;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    if (maxfds > 0) {
      msg.msg_control = control.buffer;
      // CMSG_LEN, not CMSG_SPACE: the kernel then has room for exactly maxfds
      // descriptors (CMSG_SPACE's padding would fit one more).
      msg.msg_controllen = CMSG_LEN(sizeof(int) * static_cast<size_t>(maxfds));
    }
    n = recvmsg(fd, &msg, flags | MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
  } while (n == -1 && errno == EINTR);
  if (n == -1) return Result(env, -1);

  std::vector<int> fds;
  bool malformed = false;
  if (msg.msg_control != nullptr) {
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
      if (c->cmsg_len < CMSG_LEN(0)) {
        malformed = true;
        continue;
      }
      size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      const unsigned char* data = CMSG_DATA(c);
      for (size_t k = 0; k < count; ++k) {
        int received;
        std::memcpy(&received, data + k * sizeof(int), sizeof(int));
        fds.push_back(received);
      }
    }
  }

  int status = 0;
  if ((msg.msg_flags & MSG_CTRUNC) || malformed || fds.size() > static_cast<size_t>(maxfds)) {
    status = 1;
  } else if (rejectTruncated && (msg.msg_flags & MSG_TRUNC)) {
    status = 2;
  }
  size_t closed = 0;
  if (status != 0) {
    for (int received : fds) {
      if (received >= 0) {
        close(received);
        ++closed;
      }
    }
    fds.clear();
  }

  Napi::Array result = Napi::Array::New(env, 4 + fds.size());
  result.Set(uint32_t{0}, Napi::Number::New(env, static_cast<double>(n)));
  result.Set(uint32_t{1}, Napi::Number::New(env, status));
  result.Set(uint32_t{2}, AddressValue(env, ss, msg.msg_namelen));
  result.Set(uint32_t{3}, Napi::Number::New(env, static_cast<double>(closed)));
  for (size_t k = 0; k < fds.size(); ++k) {
    result.Set(static_cast<uint32_t>(4 + k), Napi::Number::New(env, fds[k]));
  }
  return result;
}

// sockSendFds(fd, bytes, fds, address | null, flags): sendmsg(2) with the
// descriptors (at most 253) in one SCM_RIGHTS message, MSG_DONTWAIT |
// MSG_NOSIGNAL | flags, to `address` when given: count | -errno. The
// caller's descriptors stay open.
Napi::Value SockSendFds(const Napi::CallbackInfo& info) {
  static const char* usage =
      "sockSendFds(fd: number, bytes: Uint8Array, fds: number[], address: Uint8Array | null, flags: number)";
  Napi::Env env = info.Env();
  int fd, flags;
  Napi::Uint8Array bytes;
  std::vector<int> fds;
  if (!Int(info, 0, &fd, usage) || !args::Bytes(info, 1, &bytes, usage)) return env.Undefined();
  int listed = FdListArg(info, 2, &fds, usage);
  if (listed == 0) return env.Undefined();
  sockaddr_storage ss;
  socklen_t len = 0;
  bool hasAddress = info.Length() > 3 && !info[3].IsNull();
  if (hasAddress) {
    int ok = AddressArg(info, 3, &ss, &len, usage);
    if (ok == 0) return env.Undefined();
    if (ok < 0) return args::Errno(env, EINVAL);
  }
  if (!Int(info, 4, &flags, usage)) return env.Undefined();
  if (listed < 0) return args::Errno(env, EINVAL);

  union {
    cmsghdr align;
    char buffer[CMSG_SPACE(sizeof(int) * kMaxFds)];
  } control;
  std::memset(&control, 0, sizeof control);
  iovec iov;
  iov.iov_base = bytes.Data();
  iov.iov_len = bytes.ByteLength();
  msghdr msg;
  std::memset(&msg, 0, sizeof msg);
  if (hasAddress) {
    msg.msg_name = &ss;
    msg.msg_namelen = len;
  }
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  if (!fds.empty()) {
    msg.msg_control = control.buffer;
    msg.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
    std::memcpy(CMSG_DATA(c), fds.data(), sizeof(int) * fds.size());
  }
  ssize_t n;
  do {
    n = sendmsg(fd, &msg, flags | MSG_DONTWAIT | MSG_NOSIGNAL);
  } while (n == -1 && errno == EINTR);
  return Result(env, n);
}

}  // namespace

void RegisterSocketTransfer(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"sockRecv", SockRecv},
      {"sockSend", SockSend},
      {"sockRecvFrom", SockRecvFrom},
      {"sockSendTo", SockSendTo},
      {"sockRecvFds", SockRecvFds},
      {"sockSendFds", SockSendFds},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
