// Name and address services for the ip module: getaddrinfo(3) and
// getnameinfo(3) on libuv's thread pool (they may read files and ask DNS
// servers, so they must not run on Node's event loop), and the text forms of
// IP addresses (inet_pton/inet_ntop) and interface names, which never wait.
//
// The workers report through their callback: (eai, errno, ...results) where
// eai is getaddrinfo's or getnameinfo's return value (0 on success, a
// negative EAI_* otherwise) and errno is meaningful for EAI_SYSTEM. Strings
// that come from the system (canonical names, host and service names) are
// passed as bytes.
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <sys/socket.h>

#include <cstring>
#include <string>
#include <vector>

#include "args.h"
#include "register.h"

namespace emilua_ts {
namespace {

// An optional byte string (null/undefined: absent). false with a TypeError
// pending when it is neither; *present tells which.
bool OptionalText(const Napi::CallbackInfo& info, size_t i, std::string* out, bool* present, const char* usage) {
  if (info.Length() <= i || info[i].IsNull() || info[i].IsUndefined()) {
    *present = false;
    return true;
  }
  Napi::Uint8Array bytes;
  if (!args::Bytes(info, i, &bytes, usage)) return false;
  out->assign(reinterpret_cast<const char*>(bytes.Data()), bytes.ByteLength());
  *present = true;
  return true;
}

Napi::Value BytesValue(Napi::Env env, const char* text) {
  if (text == nullptr) return env.Null();
  return Napi::Buffer<uint8_t>::Copy(env, reinterpret_cast<const uint8_t*>(text), std::strlen(text));
}

struct AddressEntry {
  int family;
  std::vector<uint8_t> address;
};

class GetAddrInfoWorker : public Napi::AsyncWorker {
 public:
  GetAddrInfoWorker(const Napi::Function& callback, std::string host, bool hasHost, std::string service,
                    bool hasService, int family, int socktype, int protocol, int flags)
      : Napi::AsyncWorker(callback, "emilua-ts:getaddrinfo"),
        host_(std::move(host)),
        hasHost_(hasHost),
        service_(std::move(service)),
        hasService_(hasService),
        family_(family),
        socktype_(socktype),
        protocol_(protocol),
        flags_(flags) {}

 protected:
  void Execute() override {
    addrinfo hints;
    std::memset(&hints, 0, sizeof hints);
    hints.ai_family = family_;
    hints.ai_socktype = socktype_;
    hints.ai_protocol = protocol_;
    hints.ai_flags = flags_;
    addrinfo* list = nullptr;
    eai_ = getaddrinfo(hasHost_ ? host_.c_str() : nullptr, hasService_ ? service_.c_str() : nullptr, &hints, &list);
    errno_ = eai_ == EAI_SYSTEM ? errno : 0;
    if (eai_ != 0) return;
    if (list != nullptr && list->ai_canonname != nullptr) {
      canonical_ = list->ai_canonname;
      hasCanonical_ = true;
    }
    for (addrinfo* it = list; it != nullptr; it = it->ai_next) {
      if (it->ai_addr == nullptr || it->ai_addrlen == 0) continue;
      const uint8_t* bytes = reinterpret_cast<const uint8_t*>(it->ai_addr);
      entries_.push_back(AddressEntry{it->ai_family, std::vector<uint8_t>(bytes, bytes + it->ai_addrlen)});
    }
    freeaddrinfo(list);
  }

  void OnOK() override {
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    Napi::Array entries = Napi::Array::New(env, entries_.size());
    for (size_t k = 0; k < entries_.size(); ++k) {
      entries.Set(static_cast<uint32_t>(k),
                  Napi::Buffer<uint8_t>::Copy(env, entries_[k].address.data(), entries_[k].address.size()));
    }
    Napi::Value canonical = hasCanonical_ ? BytesValue(env, canonical_.c_str()) : env.Null();
    Callback().Call({Napi::Number::New(env, eai_), Napi::Number::New(env, errno_), entries, canonical});
  }

 private:
  std::string host_;
  bool hasHost_;
  std::string service_;
  bool hasService_;
  int family_, socktype_, protocol_, flags_;
  int eai_ = 0;
  int errno_ = 0;
  std::vector<AddressEntry> entries_;
  std::string canonical_;
  bool hasCanonical_ = false;
};

class GetNameInfoWorker : public Napi::AsyncWorker {
 public:
  GetNameInfoWorker(const Napi::Function& callback, const sockaddr_storage& address, socklen_t length, int flags)
      : Napi::AsyncWorker(callback, "emilua-ts:getnameinfo"), address_(address), length_(length), flags_(flags) {}

 protected:
  void Execute() override {
    eai_ = getnameinfo(reinterpret_cast<const sockaddr*>(&address_), length_, host_, sizeof host_, service_,
                       sizeof service_, flags_);
    errno_ = eai_ == EAI_SYSTEM ? errno : 0;
  }

  void OnOK() override {
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    if (eai_ != 0) {
      Callback().Call({Napi::Number::New(env, eai_), Napi::Number::New(env, errno_), env.Null(), env.Null()});
      return;
    }
    Callback().Call({Napi::Number::New(env, 0), Napi::Number::New(env, 0), BytesValue(env, host_),
                     BytesValue(env, service_)});
  }

 private:
  sockaddr_storage address_;
  socklen_t length_;
  int flags_;
  int eai_ = 0;
  int errno_ = 0;
  char host_[NI_MAXHOST] = {0};
  char service_[NI_MAXSERV] = {0};
};

// netGetAddrInfo(host | null, service | null, family, socktype, protocol,
// flags, done(eai, errno, addresses: Buffer[], canonicalName | null)):
// getaddrinfo(3) on the thread pool. 0 once queued | -errno (-EINVAL: a
// name holding a NUL byte).
Napi::Value NetGetAddrInfo(const Napi::CallbackInfo& info) {
  static const char* usage =
      "netGetAddrInfo(host: Uint8Array | null, service: Uint8Array | null, family: number, socktype: number, "
      "protocol: number, flags: number, done: function)";
  Napi::Env env = info.Env();
  std::string host, service;
  bool hasHost, hasService;
  int family, socktype, protocol, flags;
  Napi::Function done;
  if (!OptionalText(info, 0, &host, &hasHost, usage) || !OptionalText(info, 1, &service, &hasService, usage) ||
      !args::Int(info, 2, &family, usage) || !args::Int(info, 3, &socktype, usage) ||
      !args::Int(info, 4, &protocol, usage) || !args::Int(info, 5, &flags, usage) ||
      !args::Function(info, 6, &done, usage)) {
    return env.Undefined();
  }
  if (host.find('\0') != std::string::npos || service.find('\0') != std::string::npos) {
    return args::Errno(env, EINVAL);
  }
  (new GetAddrInfoWorker(done, std::move(host), hasHost, std::move(service), hasService, family, socktype, protocol,
                         flags))
      ->Queue();
  return Napi::Number::New(env, 0);
}

// netGetNameInfo(address, flags, done(eai, errno, host | null, service |
// null)): getnameinfo(3) of a raw sockaddr on the thread pool. 0 once
// queued | -errno.
Napi::Value NetGetNameInfo(const Napi::CallbackInfo& info) {
  static const char* usage = "netGetNameInfo(address: Uint8Array, flags: number, done: function)";
  Napi::Env env = info.Env();
  Napi::Uint8Array bytes;
  int flags;
  Napi::Function done;
  if (!args::Bytes(info, 0, &bytes, usage) || !args::Int(info, 1, &flags, usage) ||
      !args::Function(info, 2, &done, usage)) {
    return env.Undefined();
  }
  if (bytes.ByteLength() < sizeof(sa_family_t) || bytes.ByteLength() > sizeof(sockaddr_storage)) {
    return args::Errno(env, EINVAL);
  }
  sockaddr_storage ss;
  std::memset(&ss, 0, sizeof ss);
  std::memcpy(&ss, bytes.Data(), bytes.ByteLength());
  (new GetNameInfoWorker(done, ss, static_cast<socklen_t>(bytes.ByteLength()), flags))->Queue();
  return Napi::Number::New(env, 0);
}

// netAddressFromText(family, text): inet_pton(3): the 4 or 16 address bytes
// | -EINVAL (not an address of that family) | -EAFNOSUPPORT.
Napi::Value NetAddressFromText(const Napi::CallbackInfo& info) {
  static const char* usage = "netAddressFromText(family: number, text: Uint8Array)";
  Napi::Env env = info.Env();
  int family;
  Napi::Uint8Array text;
  if (!args::Int(info, 0, &family, usage) || !args::Bytes(info, 1, &text, usage)) return env.Undefined();
  if (family != AF_INET && family != AF_INET6) return args::Errno(env, EAFNOSUPPORT);
  std::string source(reinterpret_cast<const char*>(text.Data()), text.ByteLength());
  if (source.find('\0') != std::string::npos) return args::Errno(env, EINVAL);
  unsigned char out[16];
  if (inet_pton(family, source.c_str(), out) != 1) return args::Errno(env, EINVAL);
  return Napi::Buffer<uint8_t>::Copy(env, out, family == AF_INET ? 4 : 16);
}

// netAddressToText(family, bytes): inet_ntop(3) | -EINVAL.
Napi::Value NetAddressToText(const Napi::CallbackInfo& info) {
  static const char* usage = "netAddressToText(family: number, bytes: Uint8Array)";
  Napi::Env env = info.Env();
  int family;
  Napi::Uint8Array bytes;
  if (!args::Int(info, 0, &family, usage) || !args::Bytes(info, 1, &bytes, usage)) return env.Undefined();
  size_t expected = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
  if (expected == 0 || bytes.ByteLength() != expected) return args::Errno(env, EINVAL);
  char out[INET6_ADDRSTRLEN];
  if (inet_ntop(family, bytes.Data(), out, sizeof out) == nullptr) return args::Result(env, -1);
  return Napi::String::New(env, out);
}

// netInterfaceIndex(name): if_nametoindex(3): the index, 0 when there is no
// such interface.
Napi::Value NetInterfaceIndex(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Uint8Array name;
  if (!args::Bytes(info, 0, &name, "netInterfaceIndex(name: Uint8Array)")) return env.Undefined();
  std::string text(reinterpret_cast<const char*>(name.Data()), name.ByteLength());
  if (text.find('\0') != std::string::npos) return Napi::Number::New(env, 0);
  return Napi::Number::New(env, static_cast<double>(if_nametoindex(text.c_str())));
}

// netInterfaceName(index): if_indextoname(3) | -errno (-ENXIO: none).
Napi::Value NetInterfaceName(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  double index;
  if (!args::Number(info, 0, &index, "netInterfaceName(index: number)")) return env.Undefined();
  if (!(index >= 1 && index <= 4294967295.0)) return args::Errno(env, ENXIO);
  char name[IF_NAMESIZE + 1] = {0};
  if (if_indextoname(static_cast<unsigned>(index), name) == nullptr) return args::Result(env, -1);
  return Napi::String::New(env, name);
}

// netConstants(): getaddrinfo/getnameinfo flags and EAI_* codes.
Napi::Value NetConstants(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object c = Napi::Object::New(env);
  auto set = [&](const char* name, double value) { c.Set(name, Napi::Number::New(env, value)); };
  set("AI_PASSIVE", AI_PASSIVE);
  set("AI_CANONNAME", AI_CANONNAME);
  set("AI_NUMERICHOST", AI_NUMERICHOST);
  set("AI_NUMERICSERV", AI_NUMERICSERV);
  set("AI_V4MAPPED", AI_V4MAPPED);
  set("AI_ALL", AI_ALL);
  set("AI_ADDRCONFIG", AI_ADDRCONFIG);
  set("NI_NUMERICSERV", NI_NUMERICSERV);
  set("NI_DGRAM", NI_DGRAM);
  set("EAI_AGAIN", EAI_AGAIN);
  set("EAI_BADFLAGS", EAI_BADFLAGS);
  set("EAI_FAIL", EAI_FAIL);
  set("EAI_FAMILY", EAI_FAMILY);
  set("EAI_MEMORY", EAI_MEMORY);
  set("EAI_NONAME", EAI_NONAME);
  set("EAI_SERVICE", EAI_SERVICE);
  set("EAI_SOCKTYPE", EAI_SOCKTYPE);
  set("EAI_SYSTEM", EAI_SYSTEM);
  set("EAI_OVERFLOW", EAI_OVERFLOW);
#ifdef EAI_NODATA
  set("EAI_NODATA", EAI_NODATA);
#endif
#ifdef EAI_ADDRFAMILY
  set("EAI_ADDRFAMILY", EAI_ADDRFAMILY);
#endif
  return c;
}

}  // namespace

void RegisterNet(Napi::Env env, Napi::Object exports) {
  static const Export kFunctions[] = {
      {"netGetAddrInfo", NetGetAddrInfo},
      {"netGetNameInfo", NetGetNameInfo},
      {"netAddressFromText", NetAddressFromText},
      {"netAddressToText", NetAddressToText},
      {"netInterfaceIndex", NetInterfaceIndex},
      {"netInterfaceName", NetInterfaceName},
      {"netConstants", NetConstants},
  };
  Define(env, exports, kFunctions);
}

}  // namespace emilua_ts
