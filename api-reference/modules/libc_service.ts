import { defineModule, fn, field } from '../model';

export default defineModule({
  name: 'libc_service',
  summary: 'Serves the ambient-authority libc calls of a foreign program (run with the preload library) or of a subprocess actor from a master fiber.',
  description: [
    'The child is started by system.spawn with the slave in extra_fds, LD_PRELOAD = libc_service.preload_library_path and EMILUA_LIBC_SERVICE_FD = the slot number in its environment (the script sets both). docs/sandboxing.md lists the glibc calls served. A subprocess actor takes the slave as spawn_vm{subprocess={libc_service=slave}}; docs/sandboxing.md lists which of its calls are served.',
  ],
  differences: [
    'Subprocess actors run filters in fengari, with C.dup, C.dup2 and C.close as their C API (docs/compat.md).',
    'The library path is this module\'s preload_library_path field, not pkg-config\'s emilua_preload_libc.',
  ],
  classes: {
    'libc_service.master': 'receive() (suspends; raises EPROTO with a detail for a malformed request, which is dropped), function_: string, arguments() -> ... (path as filesystem.path, open flags as strings, inet addresses as ip.address), descriptors() -> file_descriptor..., send(result, errno?), send_with_fds(result, fds: file_descriptor[], errno?), use_slave_credentials(). A reply the slave does not read at once drops the connection with an error.',
    'libc_service.slave': 'The child\'s end, consumed by system.spawn\'s extra_fds or by spawn_vm\'s subprocess.libc_service (once). slave.<function> = "<Lua source>" installs a filter run in the child with (real_fn, args...) and init.script\'s C API (errexit = false; in subprocess actors only C.dup, C.dup2, C.close).',
  },
  entries: [
    fn('new() -> libc_service.master, libc_service.slave', 'A master and its slave, connected.', { errors: ['The system error of socketpair(2) (EMFILE...).'] }),
    field('preload_library_path: string', 'Absolute path of the built preload library (emilua-ts-preload.so); nil when it is not built.'),
  ],
});
