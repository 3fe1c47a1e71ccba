import { defineModule, fn, field, pattern, table } from '../model';

export default defineModule({
  name: 'system',
  summary: 'The process: arguments, environment, standard streams, exit, signals, IDs and credentials.',
  differences: [
    'Not built yet: spawn, kill, setpgid, setsid, setresuid, setresgid, setgroups, set_no_new_privs, seccomp_set_mode_filter, landlock_*, get_ld_library_directories, cap_*.',
  ],
  classes: {
    std_stream: 'A standard stream: read_some(buf) (in_) or write_some(buf) (out, err), suspending; dup(), dup_from(fd) (master VM), isatty(), tcgetpgrp(), tcsetpgrp(pgid).',
    signal_set: 'Signals delivered to a fiber: add(sig), remove(sig), clear(), cancel(), wait() -> signal number (suspends).',
  },
  entries: [
    field('arguments: string[]', "The command line: 'emilua-ts', the script, then the words after '--'."),
    field('environment: table<string, string>', 'A copy of the environment when the VM started.'),
    field('in_: std_stream', 'Standard input.'),
    field('out: std_stream', 'Standard output.'),
    field('err: std_stream', 'Standard error.'),
    fn('exit(code?: integer, options?: table)', "Ends the calling VM; for the master VM, code is the process's exit status. options.force: 0, 1, 2 (quick exit) or 'abort'."),
    fn('get_lowfd(fd: integer) -> file_descriptor|nil', 'Claims descriptor fd (3 to 9) that the caller of the process passed in, once.', { masterOnly: true }),
    fn('getpid() -> integer', 'The process ID.'),
    fn('getppid() -> integer', "The parent's process ID."),
    fn('getpgrp() -> integer', 'The process group ID.'),
    fn('getpgid(pid: integer) -> integer', 'The process group ID of pid (0: this process).'),
    fn('getsid(pid: integer) -> integer', 'The session ID of pid (0: this process).'),
    fn('getresuid() -> integer, integer, integer', 'The real, effective and saved user IDs.'),
    fn('getresgid() -> integer, integer, integer', 'The real, effective and saved group IDs.'),
    fn('getgroups() -> integer[]', 'The supplementary group IDs.'),
    table('signal', 'Signal numbers and dispositions.'),
    pattern('signal.SIG*: integer', 'The number of that signal (SIGINT, SIGTERM, ...).', { example: 'SIGINT' }),
    fn('signal.raise(signal: integer)', 'Sends signal to this process.'),
    fn('signal.ignore(signal: integer)', 'Ignores signal.', { masterOnly: true }),
    fn('signal.default(signal: integer)', 'Restores the default action of signal.', { masterOnly: true }),
    table('signal.set', 'Sets of signals a fiber waits for.'),
    fn('signal.set.new(...: integer) -> signal_set', 'A set holding the given signals.'),
  ],
});
