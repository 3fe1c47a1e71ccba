-- init.script installs a seccomp filter that denies mkdir and execve. The
-- actor host still starts (the filter is installed on all its threads once
-- Node is up, before the actor's first line) and computes; its mkdir fails
-- with EPERM and so does system.spawn, which needs execve.
local inbox = require 'inbox'
local seccomp_policy = require 'seccomp_policy'

local filter = seccomp_policy.compile{ deny = { 'mkdir', 'mkdirat', 'execve', 'execveat' } }
local actor = spawn_vm{
    module = '/actor_subprocess/confined',
    subprocess = {
        stderr = 'share',
        init = { script = ('set_no_new_privs()\nC.seccomp_set_mode_filter(%q)'):format(filter) },
    },
}
actor:send(inbox)
actor:send{ what = 'compute', n = 10 }
print('computes:', inbox:receive())
local dir = (os.getenv('TMPDIR') or '/tmp') .. '/emilua-ts-seccomp-dir'
actor:send{ what = 'mkdir', path = dir }
print('mkdir:', inbox:receive())
actor:send{ what = 'spawn' }
print('system.spawn:', inbox:receive())
actor:send{ what = 'open', path = '/etc/hostname' }
print('what the filter allows still works:', inbox:receive())
actor:send{ what = 'bye' }

-- A filter the kernel refuses (a jump past the end) fails spawn_vm.
local bad = string.char(0x15, 0, 5, 5, 0, 0, 0, 0) .. string.char(6, 0, 0, 0, 0, 0, 0xff, 0x7f)
local ok, err = pcall(spawn_vm, {
    module = '/actor_subprocess/confined',
    subprocess = { init = { script = ('set_no_new_privs()\nC.seccomp_set_mode_filter(%q)'):format(bad) } },
})
print('a filter the kernel refuses:', ok, tostring(err))
