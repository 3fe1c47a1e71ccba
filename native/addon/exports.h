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

// fd.cc
Napi::Value FdClose(const Napi::CallbackInfo& info);
Napi::Value FdDup(const Napi::CallbackInfo& info);
Napi::Value FdDupOnto(const Napi::CallbackInfo& info);
Napi::Value FdGetStatusFlags(const Napi::CallbackInfo& info);
Napi::Value FdSetNonBlocking(const Napi::CallbackInfo& info);
Napi::Value FdGetDescriptorFlags(const Napi::CallbackInfo& info);
Napi::Value FdSetCloseOnExec(const Napi::CallbackInfo& info);
Napi::Value FdFileType(const Napi::CallbackInfo& info);
Napi::Value FdKcmp(const Napi::CallbackInfo& info);
Napi::Value FdSocketOption(const Napi::CallbackInfo& info);
Napi::Value FdPipe(const Napi::CallbackInfo& info);
Napi::Value FdRead(const Napi::CallbackInfo& info);
Napi::Value FdWrite(const Napi::CallbackInfo& info);
Napi::Value FdReadNoWait(const Napi::CallbackInfo& info);
Napi::Value FdWriteNoWait(const Napi::CallbackInfo& info);
Napi::Value FdIsatty(const Napi::CallbackInfo& info);
Napi::Value FdTcgetpgrp(const Napi::CallbackInfo& info);
Napi::Value FdTcsetpgrp(const Napi::CallbackInfo& info);
Napi::Value IoConstants(const Napi::CallbackInfo& info);

// fd_async.cc
Napi::Value FdReadAsync(const Napi::CallbackInfo& info);
Napi::Value FdWriteAsync(const Napi::CallbackInfo& info);
Napi::Value FdOpenatAsync(const Napi::CallbackInfo& info);

// fd_poll.cc
Napi::Value PollInit(const Napi::CallbackInfo& info);
Napi::Value PollArm(const Napi::CallbackInfo& info);
Napi::Value PollDisarm(const Napi::CallbackInfo& info);
Napi::Value PollCheck(const Napi::CallbackInfo& info);

// socket.cc
Napi::Value SockOpen(const Napi::CallbackInfo& info);
Napi::Value SockPair(const Napi::CallbackInfo& info);
Napi::Value SockBind(const Napi::CallbackInfo& info);
Napi::Value SockConnect(const Napi::CallbackInfo& info);
Napi::Value SockConnectResult(const Napi::CallbackInfo& info);
Napi::Value SockListen(const Napi::CallbackInfo& info);
Napi::Value SockAccept(const Napi::CallbackInfo& info);
Napi::Value SockShutdown(const Napi::CallbackInfo& info);
Napi::Value SockAddress(const Napi::CallbackInfo& info);
Napi::Value SockGetOption(const Napi::CallbackInfo& info);
Napi::Value SockSetOption(const Napi::CallbackInfo& info);
Napi::Value SockGetOptionBytes(const Napi::CallbackInfo& info);
Napi::Value SockSetOptionBytes(const Napi::CallbackInfo& info);
Napi::Value SockRecv(const Napi::CallbackInfo& info);
Napi::Value SockSend(const Napi::CallbackInfo& info);
Napi::Value SockRecvFrom(const Napi::CallbackInfo& info);
Napi::Value SockSendTo(const Napi::CallbackInfo& info);
Napi::Value SockRecvFds(const Napi::CallbackInfo& info);
Napi::Value SockSendFds(const Napi::CallbackInfo& info);
Napi::Value SockPollNow(const Napi::CallbackInfo& info);
Napi::Value SockBytesReadable(const Napi::CallbackInfo& info);
Napi::Value SockAtMark(const Napi::CallbackInfo& info);
Napi::Value FdFchmod(const Napi::CallbackInfo& info);
Napi::Value SockConstants(const Napi::CallbackInfo& info);

// net.cc
Napi::Value NetGetAddrInfo(const Napi::CallbackInfo& info);
Napi::Value NetGetNameInfo(const Napi::CallbackInfo& info);
Napi::Value NetAddressFromText(const Napi::CallbackInfo& info);
Napi::Value NetAddressToText(const Napi::CallbackInfo& info);
Napi::Value NetInterfaceIndex(const Napi::CallbackInfo& info);
Napi::Value NetInterfaceName(const Napi::CallbackInfo& info);
Napi::Value NetConstants(const Napi::CallbackInfo& info);

// process.cc
Napi::Value ProcGetpgrp(const Napi::CallbackInfo& info);
Napi::Value ProcGetpgid(const Napi::CallbackInfo& info);
Napi::Value ProcGetsid(const Napi::CallbackInfo& info);
Napi::Value ProcGetresuid(const Napi::CallbackInfo& info);
Napi::Value ProcGetresgid(const Napi::CallbackInfo& info);
Napi::Value SignalDisposition(const Napi::CallbackInfo& info);
Napi::Value SignalSetDisposition(const Napi::CallbackInfo& info);
Napi::Value SignalRaise(const Napi::CallbackInfo& info);
Napi::Value ProcExitNow(const Napi::CallbackInfo& info);
Napi::Value ProcAbort(const Napi::CallbackInfo& info);

// filesystem.cc
Napi::Value FsMknod(const Napi::CallbackInfo& info);
Napi::Value FsMakedev(const Napi::CallbackInfo& info);
Napi::Value FsDevMajor(const Napi::CallbackInfo& info);
Napi::Value FsDevMinor(const Napi::CallbackInfo& info);
Napi::Value FsUmask(const Napi::CallbackInfo& info);
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
Napi::Value FileReadNoWait(const Napi::CallbackInfo& info);

// spawn.cc, proc_control.cc: starting programs and process control.
// RegisterProcessExports (spawn.cc) adds them all to the exports object.
Napi::Value ProcSpawn(const Napi::CallbackInfo& info);
Napi::Value ProcWaitid(const Napi::CallbackInfo& info);
Napi::Value ProcPidfdSignal(const Napi::CallbackInfo& info);
Napi::Value ProcKill(const Napi::CallbackInfo& info);
Napi::Value ProcSetpgid(const Napi::CallbackInfo& info);
Napi::Value ProcSetsid(const Napi::CallbackInfo& info);
Napi::Value ProcSetresuid(const Napi::CallbackInfo& info);
Napi::Value ProcSetresgid(const Napi::CallbackInfo& info);
Napi::Value ProcSetgroups(const Napi::CallbackInfo& info);
Napi::Value ProcSetNoNewPrivs(const Napi::CallbackInfo& info);
Napi::Value ProcLdLibraryDirectories(const Napi::CallbackInfo& info);
void RegisterProcessExports(Napi::Env env, Napi::Object exports);

// pin_module.cc: called once at load; keeps the addon mapped (see there).
void PinAddonInMemory();

}  // namespace emilua_ts

#endif
