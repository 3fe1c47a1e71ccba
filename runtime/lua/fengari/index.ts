// The one place that loads fengari. The dialect patches must edit fengari's
// internal modules before lua.js, lauxlib.js and the standard libraries copy
// the functions they use, so nothing else in the runtime may require 'fengari'.

import { applyStringKeyPatch } from '../dialect/string-keys';
import { applyDoublePatches } from '../dialect/doubles';
import { applyMemoryLimit, applyTableMemoryLimit, applyStringLengthLimit } from './memory-limit';
import { applyCallLinePatch } from '../dialect/call-lines';

applyStringKeyPatch();
applyMemoryLimit();
applyDoublePatches();
applyTableMemoryLimit();
applyCallLinePatch();

/* eslint-disable @typescript-eslint/no-var-requires */
const lua = require('fengari/src/lua.js');
const lauxlib = require('fengari/src/lauxlib.js');
const lualib = require('fengari/src/lualib.js');
const core = require('fengari/src/fengaricore.js');
applyStringLengthLimit(lua, lauxlib.luaL_error);

export type LuaState = object & { readonly __luaState?: never };
export type LuaJsFunction = (L: LuaState) => number;

export { lua, lauxlib, lualib };
export const to_luastring: (s: string) => Uint8Array = core.to_luastring;
export const to_jsstring: (s: Uint8Array) => string = core.to_jsstring;
export const FENGARI_VERSION: string = core.FENGARI_VERSION + '.' + core.FENGARI_VERSION_RELEASE;
