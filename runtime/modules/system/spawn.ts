// system.spawn(opts) -> subprocess: reads the options (spawn-options.ts),
// starts the program through the process engine (runtime/process/), and
// returns the subprocess object (subprocess.ts). A failure of the child
// before exec (a bad working directory, a refused setns, a program that
// is not found...) raises the system error, with `step` naming the option
// or operation that failed.

import type { LuaState, LuaJsFunction } from '../../lua/lua-api';
import { lua } from '../../lua/lua-api';
import { raiseSystemError } from '../../errors/error-object';
import { launch } from '../../process/launch';
import { readSpawnOptions } from './spawn-options';
import { pushSubprocess } from './subprocess';

export const spawn: LuaJsFunction = (L: LuaState) => {
  lua.lua_settop(L, 1);
  const options = readSpawnOptions(L);
  const result = launch(options);
  if ('errno' in result) return raiseSystemError(L, result.errno, { step: result.step });
  pushSubprocess(L, result, options.signalOnGcreaper);
  return 1;
};
