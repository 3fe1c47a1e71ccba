// How the addon's functions reach JavaScript. Each source file keeps its
// functions file-local and ends with one Register<File>() that lists them
// in a table of {JavaScript name, function}; addon.cc calls every
// Register<File>(). Adding a function to an existing file therefore touches
// that file and its declaration in runtime/native/api/, nothing else.
#ifndef EMILUA_TS_ADDON_REGISTER_H
#define EMILUA_TS_ADDON_REGISTER_H

#include <cstddef>

#include <napi.h>

namespace emilua_ts {

struct Export {
  const char* name;
  Napi::Value (*function)(const Napi::CallbackInfo&);
};

template <std::size_t N>
void Define(Napi::Env env, Napi::Object exports, const Export (&table)[N]) {
  for (const Export& e : table) exports.Set(e.name, Napi::Function::New(env, e.function, e.name));
}

// One per source file, in the order addon.cc calls them.
void RegisterStrerror(Napi::Env env, Napi::Object exports);
void RegisterFeatures(Napi::Env env, Napi::Object exports);
void RegisterLandlock(Napi::Env env, Napi::Object exports);
void RegisterLandlockThreads(Napi::Env env, Napi::Object exports);
void RegisterSeccomp(Napi::Env env, Napi::Object exports);
void RegisterFd(Napi::Env env, Napi::Object exports);
void RegisterFdAsync(Napi::Env env, Napi::Object exports);
void RegisterFdPoll(Napi::Env env, Napi::Object exports);
void RegisterProcess(Napi::Env env, Napi::Object exports);
void RegisterSpawn(Napi::Env env, Napi::Object exports);
void RegisterProcControl(Napi::Env env, Napi::Object exports);
void RegisterSocket(Napi::Env env, Napi::Object exports);
void RegisterSocketTransfer(Napi::Env env, Napi::Object exports);
void RegisterNet(Napi::Env env, Napi::Object exports);
void RegisterFilesystem(Napi::Env env, Napi::Object exports);
void RegisterFile(Napi::Env env, Napi::Object exports);

}  // namespace emilua_ts

#endif
