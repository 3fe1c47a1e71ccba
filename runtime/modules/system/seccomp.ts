// system.seccomp_set_mode_filter(bpf): a classic-BPF seccomp program (a
// byte_span or string of struct sock_filter, 8 bytes each) installed on
// every thread of the process with SECCOMP_FILTER_FLAG_TSYNC, as Emilua
// does. Master VM only. A bad program is EINVAL with arg = 1 (ours: empty,
// not a multiple of 8, over 4096 instructions; the kernel's verifier: a
// system error EINVAL).

import { lua, LuaJsFunction } from '../../lua/lua-api';
import { raiseGenericError, raiseSystemError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { loadAddon } from '../../native/load-addon';
import { toByteSpan } from '../../io/byte-span/lua-binding';
import { requireMaster } from './master';

const BPF_INSTRUCTION = 8;
const BPF_MAXINSNS = 4096;

export const seccompFunctions: Record<string, LuaJsFunction> = {
  seccomp_set_mode_filter(L) {
    requireMaster(L);
    let bytes: Uint8Array | undefined;
    if (lua.lua_type(L, 1) === lua.LUA_TSTRING) bytes = Uint8Array.from(lua.lua_tolstring(L, 1) as Uint8Array);
    else bytes = toByteSpan(L, 1)?.toBytes();
    if (bytes === undefined || bytes.length === 0 || bytes.length % BPF_INSTRUCTION !== 0 ||
        bytes.length / BPF_INSTRUCTION > BPF_MAXINSNS) {
      return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
    }
    const ret = loadAddon().seccompSetModeFilterAllThreads(bytes);
    if (ret < 0) return raiseSystemError(L, -ret);
    return 0;
  },
};
