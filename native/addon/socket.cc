// Sockets: creation, connection, addresses, options and readiness, one
// syscall each, returning a plain value or -errno. The transfers are in
// socket_transfer.cc.
//
// Addresses cross the boundary as raw struct sockaddr bytes
// (socket_address.h), so this file knows no address family. Every socket
// created here is close-on-exec and non-blocking.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <cstring>
#include <vector>

#include "args.h"
#include "register.h"
#include "socket_address.h"

namespace emilua_ts {
namespace {

using args::Int;
using args::Result;

constexpr int kReadable = 1;
constexpr int kWritable = 2;
constexpr int kHangup = 4;
constexpr int kPriority = 8;

// sockOpen(family, type): socket(2), close-on-exec and non-blocking | -errno.
Napi::Value SockOpen(const Napi::CallbackInfo& info) {
  static const char* usage = "sockOpen(family: number, type: number)";
  int family, type;
  if (!Int(info, 0, &family, usage) || !Int(info, 1, &type, usage)) return info.Env().Undefined();
  return Result(info.Env(), socket(family, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
}

// sockPair(type): socketpair(AF_UNIX), both ends close-on-exec and
// non-blocking: [a, b] | -errno.
Napi::Value SockPair(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int type;
  if (!Int(info, 0, &type, "sockPair(type: number)")) return env.Undefined();
  int fds[2];
  if (socketpair(AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) == -1) return Result(env, -1);
  Napi::Array result = Napi::Array::New(env, 2);
  result.Set(uint32_t{0}, Napi::Number::New(env, fds[0]));
  result.Set(uint32_t{1}, Napi::Number::New(env, fds[1]));
  return result;
}

// sockBind(fd, address): bind(2). 0 | -errno.
Napi::Value SockBind(const Napi::CallbackInfo& info) {
  static const char* usage = "sockBind(fd: number, address: Uint8Array)";
  Napi::Env env = info.Env();
  int fd;
  sockaddr_storage ss;
  socklen_t len;
  if (!Int(info, 0, &fd, usage)) return env.Undefined();
  int ok = AddressArg(info, 1, &ss, &len, usage);
  if (ok == 0) return env.Undefined();
  if (ok < 0) return args::Errno(env, EINVAL);
  return Result(env, bind(fd, reinterpret_cast<sockaddr*>(&ss), len));
}

// sockConnect(fd, address): connect(2), which does not wait on a
// non-blocking socket. 0 | -errno (-EINPROGRESS: completes later, see
// sockConnectResult; -EAGAIN for a UNIX socket whose listener is full).
Napi::Value SockConnect(const Napi::CallbackInfo& info) {
  static const char* usage = "sockConnect(fd: number, address: Uint8Array)";
  Napi::Env env = info.Env();
  int fd;
  sockaddr_storage ss;
  socklen_t len;
  if (!Int(info, 0, &fd, usage)) return env.Undefined();
  int ok = AddressArg(info, 1, &ss, &len, usage);
  if (ok == 0) return env.Undefined();
  if (ok < 0) return args::Errno(env, EINVAL);
  int ret = connect(fd, reinterpret_cast<sockaddr*>(&ss), len);
  // An interrupted connect carries on in the background, like EINPROGRESS.
  if (ret == -1 && errno == EINTR) return args::Errno(env, EINPROGRESS);
  return Result(env, ret);
}

// sockConnectResult(fd): the outcome of a connect that returned EINPROGRESS
// (SO_ERROR, which reading clears): 0 | -errno.
Napi::Value SockConnectResult(const Napi::CallbackInfo& info) {
  int fd;
  if (!Int(info, 0, &fd, "sockConnectResult(fd: number)")) return info.Env().Undefined();
  int err = 0;
  socklen_t len = sizeof err;
  if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1) return Result(info.Env(), -1);
  return Napi::Number::New(info.Env(), -err);
}

// sockListen(fd, backlog): listen(2). 0 | -errno.
Napi::Value SockListen(const Napi::CallbackInfo& info) {
  static const char* usage = "sockListen(fd: number, backlog: number)";
  int fd, backlog;
  if (!Int(info, 0, &fd, usage) || !Int(info, 1, &backlog, usage)) return info.Env().Undefined();
  return Result(info.Env(), listen(fd, backlog));
}

// sockAccept(fd): accept4(2) of one pending connection, the new socket
// close-on-exec and non-blocking | -errno (-EAGAIN: none pending, provided
// the listening socket is non-blocking).
Napi::Value SockAccept(const Napi::CallbackInfo& info) {
  int fd;
  if (!Int(info, 0, &fd, "sockAccept(fd: number)")) return info.Env().Undefined();
  int ret;
  do {
    ret = accept4(fd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
  } while (ret == -1 && errno == EINTR);
  return Result(info.Env(), ret);
}

// sockShutdown(fd, how): shutdown(2) with SHUT_RD/SHUT_WR/SHUT_RDWR. 0 | -errno.
Napi::Value SockShutdown(const Napi::CallbackInfo& info) {
  static const char* usage = "sockShutdown(fd: number, how: number)";
  int fd, how;
  if (!Int(info, 0, &fd, usage) || !Int(info, 1, &how, usage)) return info.Env().Undefined();
  return Result(info.Env(), shutdown(fd, how));
}

// sockAddress(fd, peer): getsockname(2) (getpeername(2) when peer) as raw
// sockaddr bytes | -errno.
Napi::Value SockAddress(const Napi::CallbackInfo& info) {
  static const char* usage = "sockAddress(fd: number, peer: boolean)";
  Napi::Env env = info.Env();
  int fd;
  bool peer = false;
  if (!Int(info, 0, &fd, usage) || !args::Bool(info, 1, &peer, usage)) return env.Undefined();
  sockaddr_storage ss;
  std::memset(&ss, 0, sizeof ss);
  socklen_t len = sizeof ss;
  sockaddr* sa = reinterpret_cast<sockaddr*>(&ss);
  int ret = peer ? getpeername(fd, sa, &len) : getsockname(fd, sa, &len);
  if (ret == -1) return Result(env, -1);
  return AddressValue(env, ss, len);
}

// sockGetOption(fd, level, name): getsockopt(2) of an int option | -errno.
Napi::Value SockGetOption(const Napi::CallbackInfo& info) {
  static const char* usage = "sockGetOption(fd: number, level: number, name: number)";
  int fd, level, name;
  if (!Int(info, 0, &fd, usage) || !Int(info, 1, &level, usage) || !Int(info, 2, &name, usage)) {
    return info.Env().Undefined();
  }
  int value = 0;
  socklen_t len = sizeof value;
  if (getsockopt(fd, level, name, &value, &len) == -1) return Result(info.Env(), -1);
  // Some boolean options are a single byte (IP_MULTICAST_LOOP may be).
  if (len == 1) value = *reinterpret_cast<unsigned char*>(&value);
  return Napi::Number::New(info.Env(), value);
}

// sockSetOption(fd, level, name, value): setsockopt(2) of an int option.
// 0 | -errno.
Napi::Value SockSetOption(const Napi::CallbackInfo& info) {
  static const char* usage = "sockSetOption(fd: number, level: number, name: number, value: number)";
  int fd, level, name, value;
  if (!Int(info, 0, &fd, usage) || !Int(info, 1, &level, usage) || !Int(info, 2, &name, usage) ||
      !Int(info, 3, &value, usage)) {
    return info.Env().Undefined();
  }
  return Result(info.Env(), setsockopt(fd, level, name, &value, sizeof value));
}

// sockGetOptionBytes(fd, level, name, size): getsockopt(2) into `size`
// bytes (at most 4096): the bytes the kernel wrote | -errno.
Napi::Value SockGetOptionBytes(const Napi::CallbackInfo& info) {
  static const char* usage = "sockGetOptionBytes(fd: number, level: number, name: number, size: number)";
  Napi::Env env = info.Env();
  int fd, level, name, size;
  if (!Int(info, 0, &fd, usage) || !Int(info, 1, &level, usage) || !Int(info, 2, &name, usage) ||
      !Int(info, 3, &size, usage)) {
    return env.Undefined();
  }
  if (size < 0 || size > 4096) return args::Errno(env, EINVAL);
  std::vector<uint8_t> buffer(static_cast<size_t>(size) + 1);
  socklen_t len = static_cast<socklen_t>(size);
  if (getsockopt(fd, level, name, buffer.data(), &len) == -1) return Result(env, -1);
  if (len > static_cast<socklen_t>(size)) len = static_cast<socklen_t>(size);
  return Napi::Buffer<uint8_t>::Copy(env, buffer.data(), len);
}

// sockSetOptionBytes(fd, level, name, bytes): setsockopt(2) with a struct
// given as bytes. 0 | -errno.
Napi::Value SockSetOptionBytes(const Napi::CallbackInfo& info) {
  static const char* usage = "sockSetOptionBytes(fd: number, level: number, name: number, bytes: Uint8Array)";
  int fd, level, name;
  Napi::Uint8Array bytes;
  if (!Int(info, 0, &fd, usage) || !Int(info, 1, &level, usage) || !Int(info, 2, &name, usage) ||
      !args::Bytes(info, 3, &bytes, usage)) {
    return info.Env().Undefined();
  }
  return Result(info.Env(), setsockopt(fd, level, name, bytes.Data(), static_cast<socklen_t>(bytes.ByteLength())));
}

// ppoll(2) of one descriptor for events 1 readable, 2 writable, 8 priority
// data, waiting at most timeout_us microseconds (-1: no limit): the bits
// that are ready, plus 4 for an error or hang-up | -errno (-EBADF for a
// closed descriptor).
static Napi::Value PollOne(const Napi::CallbackInfo& info, int fd, int events, int timeout_us) {
  pollfd p;
  p.fd = fd;
  p.events = static_cast<short>(((events & kReadable) ? POLLIN : 0) | ((events & kWritable) ? POLLOUT : 0) |
                                ((events & kPriority) ? POLLPRI : 0));
  p.revents = 0;
  timespec limit{timeout_us / 1000000, static_cast<long>(timeout_us % 1000000) * 1000};
  int ret;
  do {
    ret = ppoll(&p, 1, timeout_us < 0 ? nullptr : &limit, nullptr);
  } while (ret == -1 && errno == EINTR);
  if (ret == -1) return Result(info.Env(), -1);
  if (p.revents & POLLNVAL) return args::Errno(info.Env(), EBADF);
  int bits = 0;
  if (p.revents & POLLIN) bits |= kReadable;
  if (p.revents & POLLOUT) bits |= kWritable;
  if (p.revents & POLLPRI) bits |= kPriority;
  if (p.revents & (POLLERR | POLLHUP)) bits |= kHangup;
  return Napi::Number::New(info.Env(), bits);
}

// sockPollNow(fd, events): PollOne without waiting.
Napi::Value SockPollNow(const Napi::CallbackInfo& info) {
  static const char* usage = "sockPollNow(fd: number, events: number)";
  int fd, events;
  if (!Int(info, 0, &fd, usage) || !Int(info, 1, &events, usage)) return info.Env().Undefined();
  return PollOne(info, fd, events, 0);  // (microseconds: 0 = do not wait)
}

// sockPollWait(fd, events, timeout_us): PollOne that blocks the calling
// thread. Only the host of a subprocess actor uses it, for the synchronous
// round trips of libc_service (runtime/io/libc-service/).
Napi::Value SockPollWait(const Napi::CallbackInfo& info) {
  static const char* usage = "sockPollWait(fd: number, events: number, timeoutUs: number)";
  int fd, events, timeout_us;
  if (!Int(info, 0, &fd, usage) || !Int(info, 1, &events, usage) || !Int(info, 2, &timeout_us, usage))
    return info.Env().Undefined();
  return PollOne(info, fd, events, timeout_us < 0 ? -1 : timeout_us);
}

// sockBytesReadable(fd): ioctl(FIONREAD) | -errno. Only ever called when a
// script asks (io_control "bytes_readable").
Napi::Value SockBytesReadable(const Napi::CallbackInfo& info) {
  int fd;
  if (!Int(info, 0, &fd, "sockBytesReadable(fd: number)")) return info.Env().Undefined();
  int value = 0;
  if (ioctl(fd, FIONREAD, &value) == -1) return Result(info.Env(), -1);
  return Napi::Number::New(info.Env(), value);
}

// sockAtMark(fd): sockatmark(3): 1 | 0 | -errno.
Napi::Value SockAtMark(const Napi::CallbackInfo& info) {
  int fd;
  if (!Int(info, 0, &fd, "sockAtMark(fd: number)")) return info.Env().Undefined();
  return Result(info.Env(), sockatmark(fd));
}

// sockConstants(): the Linux values of the socket constants the TypeScript
// side passes to the functions above (Node has none of them).
Napi::Value SockConstants(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object c = Napi::Object::New(env);
  auto set = [&](const char* name, double value) { c.Set(name, Napi::Number::New(env, value)); };
  set("AF_UNSPEC", AF_UNSPEC);
  set("AF_UNIX", AF_UNIX);
  set("AF_INET", AF_INET);
  set("AF_INET6", AF_INET6);
  set("SOCK_STREAM", SOCK_STREAM);
  set("SOCK_DGRAM", SOCK_DGRAM);
  set("SOCK_SEQPACKET", SOCK_SEQPACKET);
  set("SOMAXCONN", SOMAXCONN);
  set("SCM_MAX_FD", kMaxFds);
  set("SHUT_RD", SHUT_RD);
  set("SHUT_WR", SHUT_WR);
  set("SHUT_RDWR", SHUT_RDWR);
  set("MSG_OOB", MSG_OOB);
  set("MSG_PEEK", MSG_PEEK);
  set("MSG_DONTROUTE", MSG_DONTROUTE);
  set("MSG_EOR", MSG_EOR);
  set("SOL_SOCKET", SOL_SOCKET);
  set("SO_DEBUG", SO_DEBUG);
  set("SO_REUSEADDR", SO_REUSEADDR);
  set("SO_DONTROUTE", SO_DONTROUTE);
  set("SO_BROADCAST", SO_BROADCAST);
  set("SO_SNDBUF", SO_SNDBUF);
  set("SO_RCVBUF", SO_RCVBUF);
  set("SO_KEEPALIVE", SO_KEEPALIVE);
  set("SO_OOBINLINE", SO_OOBINLINE);
  set("SO_LINGER", SO_LINGER);
  set("SO_PEERCRED", SO_PEERCRED);
  set("SO_PEERSEC", SO_PEERSEC);
  set("SO_RCVLOWAT", SO_RCVLOWAT);
  set("SO_SNDLOWAT", SO_SNDLOWAT);
  set("IPPROTO_IP", IPPROTO_IP);
  set("IPPROTO_IPV6", IPPROTO_IPV6);
  set("IPPROTO_TCP", IPPROTO_TCP);
  set("IPPROTO_UDP", IPPROTO_UDP);
  set("TCP_NODELAY", TCP_NODELAY);
  set("IPV6_V6ONLY", IPV6_V6ONLY);
  set("IP_TTL", IP_TTL);
  set("IP_MULTICAST_IF", IP_MULTICAST_IF);
  set("IP_MULTICAST_TTL", IP_MULTICAST_TTL);
  set("IP_MULTICAST_LOOP", IP_MULTICAST_LOOP);
  set("IP_ADD_MEMBERSHIP", IP_ADD_MEMBERSHIP);
  set("IP_DROP_MEMBERSHIP", IP_DROP_MEMBERSHIP);
  set("IPV6_UNICAST_HOPS", IPV6_UNICAST_HOPS);
  set("IPV6_MULTICAST_IF", IPV6_MULTICAST_IF);
  set("IPV6_MULTICAST_HOPS", IPV6_MULTICAST_HOPS);
  set("IPV6_MULTICAST_LOOP", IPV6_MULTICAST_LOOP);
  set("IPV6_JOIN_GROUP", IPV6_JOIN_GROUP);
  set("IPV6_LEAVE_GROUP", IPV6_LEAVE_GROUP);
  return c;
}

}  // namespace

void RegisterSocket(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"sockOpen", SockOpen},
      {"sockPair", SockPair},
      {"sockBind", SockBind},
      {"sockConnect", SockConnect},
      {"sockConnectResult", SockConnectResult},
      {"sockListen", SockListen},
      {"sockAccept", SockAccept},
      {"sockShutdown", SockShutdown},
      {"sockAddress", SockAddress},
      {"sockGetOption", SockGetOption},
      {"sockSetOption", SockSetOption},
      {"sockGetOptionBytes", SockGetOptionBytes},
      {"sockSetOptionBytes", SockSetOptionBytes},
      {"sockPollNow", SockPollNow},
      {"sockPollWait", SockPollWait},
      {"sockBytesReadable", SockBytesReadable},
      {"sockAtMark", SockAtMark},
      {"sockConstants", SockConstants},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
