-- init.script confines the actor with Landlock: a ruleset that handles every
-- filesystem right Emilua names, with no rule at all. The actor host still
-- starts (the runtime applies the domain on all its threads once Node is up,
-- before the actor's first line), computes and replies; the filesystem is
-- closed to it, but a descriptor it is handed still works, and its path
-- cannot be opened again.
local inbox = require 'inbox'
local fs = require 'filesystem'

local every_right = {
    'execute', 'write_file', 'read_file', 'read_dir', 'remove_dir', 'remove_file',
    'make_char', 'make_dir', 'make_reg', 'make_sock', 'make_fifo', 'make_block',
    'make_sym', 'refer', 'truncate',
}
local script = ([[
    set_no_new_privs()
    local ruleset = C.landlock_create_ruleset{ handled_access_fs = { %s } }
    C.landlock_restrict_self(ruleset)
    C.close(ruleset)
]]):format("'" .. table.concat(every_right, "', '") .. "'")

local actor = spawn_vm{
    module = '/actor_subprocess/confined',
    subprocess = { stderr = 'share', init = { script = script } },
}
actor:send(inbox)
actor:send{ what = 'compute', n = 100 }
print('computes:', inbox:receive())
actor:send{ what = 'open', path = '/etc/hostname' }
print('open /etc/hostname:', inbox:receive())

local dir = os.getenv('TMPDIR') or '/tmp'
local path = dir .. '/emilua-ts-landlock-handed-in.txt'
local f = io.open(path, 'w')
f:write('handed in\n')
f:close()
actor:send{ what = 'read handed-in', fd = fs.open(fs.path.new(path), { 'read_only' }) }
print('reads the handed-in descriptor:', inbox:receive())
actor:send{ what = 'open', path = path }
print('open its path again:', inbox:receive())
actor:send{ what = 'mkdir', path = dir .. '/emilua-ts-landlock-dir' }
print('mkdir:', inbox:receive())
print('the parent is not confined:', io.open('/etc/hostname') ~= nil)
os.remove(path)
actor:send{ what = 'bye' }

-- The domain needs no_new_privs or CAP_SYS_ADMIN, which the actor host
-- (uid 65534 in a new user namespace without a mapping) does not have:
-- applying it fails and spawn_vm says so, as for a failing call of the script.
local ok, err = pcall(spawn_vm, {
    module = '/actor_subprocess/confined',
    subprocess = {
        newns_user = true,
        init = { script = "C.landlock_restrict_self(C.landlock_create_ruleset{ handled_access_fs = { 'read_file' } })" },
    },
})
print('without no_new_privs:', ok, tostring(err))
