import { defineModule } from '../model';

export default defineModule({
  name: 'file_descriptor',
  summary: 'The type of raw file descriptors (the module itself has no members).',
  description: [
    'Descriptors come from release() on I/O objects, filesystem.open, system.get_lowfd, messages and sockets (SCM_RIGHTS). ' +
    'Methods: close(), dup(), is_socket(domain, type?), kcmp(other), openat(path, flags, mode?); properties type and non_blocking.',
  ],
  differences: ['cap_get/cap_set (linux_capabilities) are not built yet; the Capsicum methods raise ENOSYS as on Linux in Emilua.'],
  classes: { file_descriptor: 'A raw file descriptor owned by the VM that holds it (closed when the VM ends).' },
  entries: [],
});
