// Declarations of the functions the addon exports. Each is defined in its
// own file; addon.cc registers them. The JavaScript-side contract is
// runtime/native/addon-api.ts: keep both in step.
#ifndef EMILUA_TS_ADDON_EXPORTS_H
#define EMILUA_TS_ADDON_EXPORTS_H

#include <napi.h>

namespace emilua_ts {

// strerror.cc
Napi::Value Strerror(const Napi::CallbackInfo& info);

// features.cc
Napi::Value Features(const Napi::CallbackInfo& info);

// landlock.cc
Napi::Value LandlockAbiVersion(const Napi::CallbackInfo& info);

// filesystem.cc
Napi::Value FsMknod(const Napi::CallbackInfo& info);
Napi::Value FsMakedev(const Napi::CallbackInfo& info);
Napi::Value FsDevMajor(const Napi::CallbackInfo& info);
Napi::Value FsDevMinor(const Napi::CallbackInfo& info);
Napi::Value FsChroot(const Napi::CallbackInfo& info);
Napi::Value FsChdir(const Napi::CallbackInfo& info);
Napi::Value FsFchdir(const Napi::CallbackInfo& info);
Napi::Value FsGetcwd(const Napi::CallbackInfo& info);
Napi::Value FsLchmod(const Napi::CallbackInfo& info);
Napi::Value FsSetModificationTime(const Napi::CallbackInfo& info);
Napi::Value FsTruncate(const Napi::CallbackInfo& info);
Napi::Value FsRealtimeClock(const Napi::CallbackInfo& info);

// file.cc
Napi::Value FileFlock(const Napi::CallbackInfo& info);
Napi::Value FileSeek(const Napi::CallbackInfo& info);

}  // namespace emilua_ts

#endif
