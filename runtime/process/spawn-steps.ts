// The steps of a spawn, in the order of `enum Step` in
// native/addon/spawn_plan.h: procSpawn reports the index of the one that
// failed. Each name is the Emilua option (or the operation) behind it.

export const SPAWN_STEPS = [
  'clone',
  'scheduler',
  'start_new_session',
  'process_group',
  'set_ctty',
  'foreground',
  'setns_user',
  'setns_mount',
  'setns_uts',
  'setns_ipc',
  'setns_net',
  'extra_groups',
  'rgid/egid',
  'ruid/euid',
  'pdeathsig',
  'working_directory',
  'set_no_new_privs',
  'landlock_restrict_self',
  'stdio',
  'extra_fds',
  'close_range',
  'seccomp_set_mode_filter',
  'exec',
] as const;

export type SpawnStep = (typeof SPAWN_STEPS)[number];

export function spawnStepName(index: number): SpawnStep | 'unknown' {
  return SPAWN_STEPS[index] ?? 'unknown';
}
