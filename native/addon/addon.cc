// Module entry point: registers every exported function. Nothing else.
#include "exports.h"

static Napi::Object InitEmiluaTsNative(Napi::Env env, Napi::Object exports) {
  using namespace emilua_ts;
  PinAddonInMemory();
  exports.Set("strerror", Napi::Function::New(env, Strerror, "strerror"));
  exports.Set("features", Napi::Function::New(env, Features, "features"));
  exports.Set("landlockAbiVersion",
              Napi::Function::New(env, LandlockAbiVersion, "landlockAbiVersion"));
  // I/O core: descriptors, readiness, process state (fd*.cc, process.cc).
  exports.Set("fdClose", Napi::Function::New(env, FdClose, "fdClose"));
  exports.Set("fdDup", Napi::Function::New(env, FdDup, "fdDup"));
  exports.Set("fdDupOnto", Napi::Function::New(env, FdDupOnto, "fdDupOnto"));
  exports.Set("fdGetStatusFlags", Napi::Function::New(env, FdGetStatusFlags, "fdGetStatusFlags"));
  exports.Set("fdSetNonBlocking", Napi::Function::New(env, FdSetNonBlocking, "fdSetNonBlocking"));
  exports.Set("fdGetDescriptorFlags", Napi::Function::New(env, FdGetDescriptorFlags, "fdGetDescriptorFlags"));
  exports.Set("fdSetCloseOnExec", Napi::Function::New(env, FdSetCloseOnExec, "fdSetCloseOnExec"));
  exports.Set("fdFileType", Napi::Function::New(env, FdFileType, "fdFileType"));
  exports.Set("fdKcmp", Napi::Function::New(env, FdKcmp, "fdKcmp"));
  exports.Set("fdSocketOption", Napi::Function::New(env, FdSocketOption, "fdSocketOption"));
  exports.Set("fdPipe", Napi::Function::New(env, FdPipe, "fdPipe"));
  exports.Set("fdRead", Napi::Function::New(env, FdRead, "fdRead"));
  exports.Set("fdWrite", Napi::Function::New(env, FdWrite, "fdWrite"));
  exports.Set("fdReadNoWait", Napi::Function::New(env, FdReadNoWait, "fdReadNoWait"));
  exports.Set("fdWriteNoWait", Napi::Function::New(env, FdWriteNoWait, "fdWriteNoWait"));
  exports.Set("fdIsatty", Napi::Function::New(env, FdIsatty, "fdIsatty"));
  exports.Set("fdTcgetpgrp", Napi::Function::New(env, FdTcgetpgrp, "fdTcgetpgrp"));
  exports.Set("fdTcsetpgrp", Napi::Function::New(env, FdTcsetpgrp, "fdTcsetpgrp"));
  exports.Set("ioConstants", Napi::Function::New(env, IoConstants, "ioConstants"));
  exports.Set("fdReadAsync", Napi::Function::New(env, FdReadAsync, "fdReadAsync"));
  exports.Set("fdWriteAsync", Napi::Function::New(env, FdWriteAsync, "fdWriteAsync"));
  exports.Set("fdOpenatAsync", Napi::Function::New(env, FdOpenatAsync, "fdOpenatAsync"));
  exports.Set("pollInit", Napi::Function::New(env, PollInit, "pollInit"));
  exports.Set("pollArm", Napi::Function::New(env, PollArm, "pollArm"));
  exports.Set("pollDisarm", Napi::Function::New(env, PollDisarm, "pollDisarm"));
  exports.Set("pollCheck", Napi::Function::New(env, PollCheck, "pollCheck"));
  exports.Set("procGetpgrp", Napi::Function::New(env, ProcGetpgrp, "procGetpgrp"));
  exports.Set("procGetpgid", Napi::Function::New(env, ProcGetpgid, "procGetpgid"));
  exports.Set("procGetsid", Napi::Function::New(env, ProcGetsid, "procGetsid"));
  exports.Set("procGetresuid", Napi::Function::New(env, ProcGetresuid, "procGetresuid"));
  exports.Set("procGetresgid", Napi::Function::New(env, ProcGetresgid, "procGetresgid"));
  exports.Set("signalDisposition", Napi::Function::New(env, SignalDisposition, "signalDisposition"));
  exports.Set("signalSetDisposition", Napi::Function::New(env, SignalSetDisposition, "signalSetDisposition"));
  exports.Set("signalRaise", Napi::Function::New(env, SignalRaise, "signalRaise"));
  exports.Set("procExitNow", Napi::Function::New(env, ProcExitNow, "procExitNow"));
  exports.Set("procAbort", Napi::Function::New(env, ProcAbort, "procAbort"));
  // Sockets and name resolution (socket.cc, net.cc).
  exports.Set("sockOpen", Napi::Function::New(env, SockOpen, "sockOpen"));
  exports.Set("sockPair", Napi::Function::New(env, SockPair, "sockPair"));
  exports.Set("sockBind", Napi::Function::New(env, SockBind, "sockBind"));
  exports.Set("sockConnect", Napi::Function::New(env, SockConnect, "sockConnect"));
  exports.Set("sockConnectResult", Napi::Function::New(env, SockConnectResult, "sockConnectResult"));
  exports.Set("sockListen", Napi::Function::New(env, SockListen, "sockListen"));
  exports.Set("sockAccept", Napi::Function::New(env, SockAccept, "sockAccept"));
  exports.Set("sockShutdown", Napi::Function::New(env, SockShutdown, "sockShutdown"));
  exports.Set("sockAddress", Napi::Function::New(env, SockAddress, "sockAddress"));
  exports.Set("sockGetOption", Napi::Function::New(env, SockGetOption, "sockGetOption"));
  exports.Set("sockSetOption", Napi::Function::New(env, SockSetOption, "sockSetOption"));
  exports.Set("sockGetOptionBytes", Napi::Function::New(env, SockGetOptionBytes, "sockGetOptionBytes"));
  exports.Set("sockSetOptionBytes", Napi::Function::New(env, SockSetOptionBytes, "sockSetOptionBytes"));
  exports.Set("sockRecv", Napi::Function::New(env, SockRecv, "sockRecv"));
  exports.Set("sockSend", Napi::Function::New(env, SockSend, "sockSend"));
  exports.Set("sockRecvFrom", Napi::Function::New(env, SockRecvFrom, "sockRecvFrom"));
  exports.Set("sockSendTo", Napi::Function::New(env, SockSendTo, "sockSendTo"));
  exports.Set("sockRecvFds", Napi::Function::New(env, SockRecvFds, "sockRecvFds"));
  exports.Set("sockSendFds", Napi::Function::New(env, SockSendFds, "sockSendFds"));
  exports.Set("sockPollNow", Napi::Function::New(env, SockPollNow, "sockPollNow"));
  exports.Set("sockBytesReadable", Napi::Function::New(env, SockBytesReadable, "sockBytesReadable"));
  exports.Set("sockAtMark", Napi::Function::New(env, SockAtMark, "sockAtMark"));
  exports.Set("fdFchmod", Napi::Function::New(env, FdFchmod, "fdFchmod"));
  exports.Set("sockConstants", Napi::Function::New(env, SockConstants, "sockConstants"));
  exports.Set("netGetAddrInfo", Napi::Function::New(env, NetGetAddrInfo, "netGetAddrInfo"));
  exports.Set("netGetNameInfo", Napi::Function::New(env, NetGetNameInfo, "netGetNameInfo"));
  exports.Set("netAddressFromText", Napi::Function::New(env, NetAddressFromText, "netAddressFromText"));
  exports.Set("netAddressToText", Napi::Function::New(env, NetAddressToText, "netAddressToText"));
  exports.Set("netInterfaceIndex", Napi::Function::New(env, NetInterfaceIndex, "netInterfaceIndex"));
  exports.Set("netInterfaceName", Napi::Function::New(env, NetInterfaceName, "netInterfaceName"));
  exports.Set("netConstants", Napi::Function::New(env, NetConstants, "netConstants"));
  // filesystem and file modules (filesystem.cc, file.cc).
  exports.Set("fsMknod", Napi::Function::New(env, FsMknod, "fsMknod"));
  exports.Set("fsMakedev", Napi::Function::New(env, FsMakedev, "fsMakedev"));
  exports.Set("fsDevMajor", Napi::Function::New(env, FsDevMajor, "fsDevMajor"));
  exports.Set("fsDevMinor", Napi::Function::New(env, FsDevMinor, "fsDevMinor"));
  exports.Set("fsUmask", Napi::Function::New(env, FsUmask, "fsUmask"));
  exports.Set("fsChroot", Napi::Function::New(env, FsChroot, "fsChroot"));
  exports.Set("fsChdir", Napi::Function::New(env, FsChdir, "fsChdir"));
  exports.Set("fsFchdir", Napi::Function::New(env, FsFchdir, "fsFchdir"));
  exports.Set("fsGetcwd", Napi::Function::New(env, FsGetcwd, "fsGetcwd"));
  exports.Set("fsLchmod", Napi::Function::New(env, FsLchmod, "fsLchmod"));
  exports.Set("fsSetModificationTime",
              Napi::Function::New(env, FsSetModificationTime, "fsSetModificationTime"));
  exports.Set("fsTruncate", Napi::Function::New(env, FsTruncate, "fsTruncate"));
  exports.Set("fsRealtimeClock", Napi::Function::New(env, FsRealtimeClock, "fsRealtimeClock"));
  exports.Set("fileFlock", Napi::Function::New(env, FileFlock, "fileFlock"));
  exports.Set("fileSeek", Napi::Function::New(env, FileSeek, "fileSeek"));
  exports.Set("fileReadNoWait", Napi::Function::New(env, FileReadNoWait, "fileReadNoWait"));
  // Starting programs and process control (spawn.cc, proc_control.cc).
  RegisterProcessExports(env, exports);
  return exports;
}

// NODE_API_MODULE pastes the function name into an identifier, so it must
// be unqualified.
NODE_API_MODULE(emilua_ts_native, InitEmiluaTsNative)
