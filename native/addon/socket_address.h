// Socket addresses and descriptor lists as they cross the boundary, shared
// by socket.cc and socket_transfer.cc. Addresses are the raw bytes of a
// struct sockaddr: the TypeScript side builds and parses sockaddr_un,
// sockaddr_in and sockaddr_in6, so C knows no address family.
#ifndef EMILUA_TS_ADDON_SOCKET_ADDRESS_H
#define EMILUA_TS_ADDON_SOCKET_ADDRESS_H

#include <sys/socket.h>

#include <cstring>

#include "args.h"

namespace emilua_ts {

// SCM_MAX_FD: the kernel refuses more descriptors in one message.
constexpr int kMaxFds = 253;

// An address argument: raw sockaddr bytes, at least the family field and at
// most a sockaddr_storage. 1: ok; 0: TypeError pending; -1: bad length.
inline int AddressArg(const Napi::CallbackInfo& info, size_t i, sockaddr_storage* out, socklen_t* len,
                      const char* usage) {
  Napi::Uint8Array bytes;
  if (!args::Bytes(info, i, &bytes, usage)) return 0;
  size_t n = bytes.ByteLength();
  if (n < sizeof(sa_family_t) || n > sizeof(sockaddr_storage)) return -1;
  std::memset(out, 0, sizeof *out);
  std::memcpy(out, bytes.Data(), n);
  *len = static_cast<socklen_t>(n);
  return 1;
}

inline Napi::Value AddressValue(Napi::Env env, const sockaddr_storage& ss, socklen_t len) {
  if (len > sizeof ss) len = sizeof ss;
  return Napi::Buffer<uint8_t>::Copy(env, reinterpret_cast<const uint8_t*>(&ss), len);
}

}  // namespace emilua_ts

#endif
