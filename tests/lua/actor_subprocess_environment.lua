-- A subprocess actor's environment is subprocess.environment and nothing of
-- ours: no PATH or HOME, not the runtime's own EMILUA_TS_IPC_FD (removed by
-- the host before any Lua runs), nor the launcher's GLIBC_TUNABLES.
local inbox = require 'inbox'
local function env_of(environment)
    local ch = spawn_vm{ module = '/actor_subprocess/environment', subprocess = { environment = environment } }
    ch:send(inbox)
    return inbox:receive()
end
print(env_of{ FOO = 'bar', EMPTY = '' })
print(env_of(nil))
-- Variables Node would act on while the host starts reach the actor as plain
-- variables: a NODE_OPTIONS that the startup snapshot would refuse does not
-- stop it, and the actor sees the value it was given.
print(env_of{ NODE_OPTIONS = '--max-old-space-size=100', FOO = 'x' })

-- The init helper takes at most 4096 entries (docs/compat.md, Limits): more
-- raise E2BIG naming the option, not a JavaScript error.
local many = {}
for i = 1, 4097 do many['V' .. i] = 'x' end
local ok, e = pcall(spawn_vm, { module = '/actor_subprocess/environment', subprocess = { environment = many } })
print('4097 entries', ok, tostring(e), tostring(e.category), e.arg)
