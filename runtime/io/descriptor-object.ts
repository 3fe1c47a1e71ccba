// The file_descriptor value: how any module makes, reads and checks the Lua
// object that owns a descriptor. The object's methods are the
// file_descriptor module's (runtime/modules/file_descriptor), whose metatable
// every VM installs at setup (runtime/vm/lua-state-setup.ts), as it does for
// paths; this file only names that metatable, so the layers below modules/
// (sockets, actor messages) can carry descriptors.

import { luaString, pushUserdata, toUserdata, LuaState } from '../lua/lua-api';
import { raiseGenericError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import { adoptVmResource, closeWithUserdata } from './vm-resources';
import { OwnedDescriptor, FileDescriptorHandle } from './descriptor-handle';

export type { FileDescriptorHandle } from './descriptor-handle';

export const FILE_DESCRIPTOR_KIND = 'file_descriptor';
export const FILE_DESCRIPTOR_METATABLE = luaString('emilua-ts file_descriptor');

/** Pushes a new file_descriptor object that owns `fd`. */
export function pushFileDescriptor(L: LuaState, fd: number): void {
  pushDescriptorHandle(L, new OwnedDescriptor(fd));
}

/** Pushes the object for a handle (adopting it into the VM if it is not yet). */
export function pushDescriptorHandle(L: LuaState, handle: OwnedDescriptor): void {
  pushUserdata(L, FILE_DESCRIPTOR_KIND, handle, FILE_DESCRIPTOR_METATABLE);
  adoptVmResource(L, handle);
  closeWithUserdata(L, -1, handle);
}

/** The handle of the file_descriptor object at idx (open or not), or undefined. */
export function toFileDescriptor(L: LuaState, idx: number): FileDescriptorHandle | undefined {
  return toUserdata<OwnedDescriptor>(L, idx, FILE_DESCRIPTOR_KIND);
}

/**
 * The handle at idx: anything but a file_descriptor raises EINVAL (arg =
 * idx), a closed one EBUSY, as Emilua does.
 */
export function checkFileDescriptor(L: LuaState, idx: number): FileDescriptorHandle {
  const handle = toUserdata<OwnedDescriptor>(L, idx, FILE_DESCRIPTOR_KIND);
  if (handle === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  if (handle.fd === -1) return raiseGenericError(L, errnoCodes.EBUSY);
  return handle;
}
