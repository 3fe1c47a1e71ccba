// The host side of a file_descriptor object: one owned descriptor number.
// Closing it, handing it to another object (release) or losing the Lua
// object (collector, VM end) all end in exactly one close(2) or none.

import { loadAddon } from '../native/load-addon';
import { disownVmResource, VmResource } from './vm-resources';

/** What other modules see of a file_descriptor object. */
export interface FileDescriptorHandle {
  /** The descriptor, or -1 once closed or handed over. */
  readonly fd: number;
  /**
   * Takes the descriptor out of the object (which then counts as closed) and
   * makes the caller its owner. Returns -1 if it was already closed.
   */
  release(): number;
}

export class OwnedDescriptor implements FileDescriptorHandle, VmResource {
  constructor(public fd: number) {}

  release(): number {
    const fd = this.fd;
    this.fd = -1;
    disownVmResource(this);
    return fd;
  }

  /** close(2) unless already closed; never fails (the descriptor is gone either way). */
  close(): void {
    const fd = this.release();
    if (fd !== -1) loadAddon().fdClose(fd);
  }

  closeForVm(): void {
    const fd = this.fd;
    this.fd = -1;
    if (fd !== -1) loadAddon().fdClose(fd);
  }
}
