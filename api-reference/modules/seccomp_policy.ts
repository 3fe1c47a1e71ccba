import { defineModule, field, fn } from '../model';

const EXTENSION = 'emilua-ts extension: not in Emilua (docs/sandboxing.md).';

export default defineModule({
  name: 'seccomp_policy',
  summary: 'emilua-ts extension, not in Emilua: seccomp filters from named syscall groups (libseccomp), and "ambient authority off" (no_new_privs + Landlock + a seccomp deny list).',
  entries: [
    field('VERSION: integer', 'Version of the group table; it changes whenever a group gains or loses a syscall.', { differs: EXTENSION }),
    field('group_names: string[]', 'The names of the groups: BasicIo, Clock, CRuntime, Credentials, FileDescriptors, FileIo, Filesystem, IoEvent, Ipc, NetworkIo, NetworkSocketTcp, NetworkSocketUdp, NetworkSocketUnix, Process, Signal, Timer.', { differs: EXTENSION }),
    fn('group(name: string) -> string[]', 'The syscall names of a group (some only with argument conditions, e.g. socket(AF_UNIX, ...) in NetworkSocketUnix).', { differs: EXTENSION, errors: ['EINVAL: not a group name.'] }),
    fn('compile(spec: table) -> string', 'BPF bytes (struct sock_filter) for system.seccomp_set_mode_filter, system.spawn\'s seccomp_set_mode_filter and init.script\'s C.seccomp_set_mode_filter. spec: allow (groups and syscall names, their union), minus (removed whatever brought them in), default_action ("errno" (default), "kill_process", "log"), errno (default EPERM), arches (extra libseccomp arch names to accept; others take the default action: i386 int 0x80, x32 numbers). A syscall missing on this arch is skipped. Or deny (groups and names) instead of allow: everything else is allowed and the listed calls take default_action; other arches then get ENOSYS.', { differs: EXTENSION, errors: ['EINVAL: unknown group or syscall name, unknown field, bad default_action or errno, allow combined with deny.'] }),
    fn('spawn_options(opts?: table) -> table, table', 'Ambient authority off for a child of system.spawn: returns the fields to merge into its options (set_no_new_privs, seccomp_set_mode_filter, landlock_restrict_self) and a report {applied = {...}, not_applied = {...}}. opts.executable: a path or list of paths kept readable and executable in the Landlock domain (the program, its libraries), so that exec still works.', { differs: EXTENSION, errors: ['The errno of opening or adding a rule for an executable path.'] }),
    fn('ambient_authority_off() -> table', 'Ambient authority off for this process: no_new_privs and the seccomp part on every thread (TSYNC). Returns the report {applied, not_applied}; Landlock is reported as not applied (it needs system.landlock_restrict_self on every thread).', { differs: EXTENSION, masterOnly: true, errors: ['The errno of prctl(2) or seccomp(2).'] }),
  ],
});
