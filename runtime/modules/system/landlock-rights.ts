// Landlock access-right names (Emilua's, from the kernel's
// LANDLOCK_ACCESS_* constants with the prefix dropped) and their bits in
// include/uapi/linux/landlock.h. An unknown name is an error, never
// ignored: a typo must not silently widen or narrow a sandbox.

/** Filesystem rights (handled_access_fs, allowed_access of path_beneath). */
export const FS_RIGHTS: Readonly<Record<string, number>> = {
  execute: 1 << 0,
  write_file: 1 << 1,
  read_file: 1 << 2,
  read_dir: 1 << 3,
  remove_dir: 1 << 4,
  remove_file: 1 << 5,
  make_char: 1 << 6,
  make_dir: 1 << 7,
  make_reg: 1 << 8,
  make_sock: 1 << 9,
  make_fifo: 1 << 10,
  make_block: 1 << 11,
  make_sym: 1 << 12,
  refer: 1 << 13, // ABI 2
  truncate: 1 << 14, // ABI 3
  ioctl_dev: 1 << 15, // ABI 5 (not in Emilua 0.11)
};

/** Network rights (handled_access_net, allowed_access of net_port); ABI 4, not in Emilua 0.11. */
export const NET_RIGHTS: Readonly<Record<string, number>> = {
  bind_tcp: 1 << 0,
  connect_tcp: 1 << 1,
};

/** IPC scopes (scoped); ABI 6, not in Emilua 0.11. */
export const SCOPES: Readonly<Record<string, number>> = {
  abstract_unix_socket: 1 << 0,
  signal: 1 << 1,
};
