// The two classes, file.stream and file.random_access (name, metatable), and
// what every method does first: check its object, take the open descriptor,
// adopt one.

import { luaString, toUserdata, LuaState } from '../../lua/lua-api';
import { raiseGenericError, raiseSystemError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { adoptVmResource, closeWithUserdata } from '../../io/vm-resources';
import { FileObject, FileKind } from './file-object';

const E = errnoCodes;

export interface FileClass {
  readonly kind: FileKind;
  readonly name: string;
  readonly metatable: Uint8Array;
}

export const STREAM: FileClass = { kind: 'stream', name: 'file.stream', metatable: luaString('emilua-ts file.stream') };
export const RANDOM_ACCESS: FileClass = {
  kind: 'random_access', name: 'file.random_access', metatable: luaString('emilua-ts file.random_access'),
};

export function checkFile(L: LuaState, cls: FileClass): FileObject {
  const file = toUserdata<FileObject>(L, 1, cls.name);
  return file === undefined ? raiseGenericError(L, E.EINVAL, { arg: 1 }) : file;
}

/** The descriptor of an open file, or EBADF as Asio reports it. */
export function openFd(L: LuaState, file: FileObject): number {
  return file.isOpen ? file.fd : raiseSystemError(L, E.EBADF);
}

/** Takes ownership of fd for the object at stack index 1. */
export function adopt(L: LuaState, file: FileObject, fd: number): void {
  file.adopt(fd);
  adoptVmResource(L, file);
  closeWithUserdata(L, 1, file);
}
