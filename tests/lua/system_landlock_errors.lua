-- The errors of system.landlock_create_ruleset, landlock_add_rule,
-- landlock_restrict_self and seccomp_set_mode_filter: bad arguments are
-- EINVAL (generic) naming the argument, closed descriptors EBUSY, what the
-- kernel refuses a system error; restrict_self and seccomp_set_mode_filter
-- belong to the master VM. Nothing here restricts the process.
local system = require 'system'
local fs = require 'filesystem'
local inbox = require 'inbox'

local function try(f, ...)
    local ok, err = pcall(f, ...)
    if ok then return 'ok' end
    if type(err) ~= 'table' then return 'error: ' .. tostring(err) end
    return tostring(err) .. ' [' .. tostring(err.category) .. ']' .. (err.arg and (' arg=' .. err.arg) or '')
end

if _CONTEXT ~= 'main' then
    local main = inbox:receive()
    local ruleset = system.landlock_create_ruleset{ handled_access_fs = { 'read_file' } }
    main:send(try(system.landlock_restrict_self, ruleset))
    main:send(try(system.seccomp_set_mode_filter, string.rep('\0', 8)))
    return
end

local create = system.landlock_create_ruleset
print('version:', create(nil, { 'version' }) >= 1)
print('attr string:', try(create, 'read_file'))
print('handled not a list:', try(create, { handled_access_fs = 'read_file' }))
print('unknown fs right:', try(create, { handled_access_fs = { 'read_file', 'read_everything' } }))
print('right not a string:', try(create, { handled_access_fs = { 4 } }))
print('unknown net right:', try(create, { handled_access_net = { 'bind_udp' } }))
print('fs right as net right:', try(create, { handled_access_net = { 'read_file' } }))
print('unknown scope:', try(create, { scoped = { 'everything' } }))
print('flags string:', try(create, nil, 'version'))
print('unknown flag:', try(create, nil, { 'verbose' }))
print('version with attr:', try(create, { handled_access_fs = { 'read_file' } }, { 'version' }))
print('nothing handled:', try(create, {}))

local ruleset = create{ handled_access_fs = { 'read_file', 'read_dir' }, handled_access_net = { 'connect_tcp' } }
local tmp = fs.open(fs.path.new('/tmp'), { 'read_only', 'path' })
local add = system.landlock_add_rule
local function beneath(rights, parent) return { allowed_access = rights, parent_fd = parent } end
print('good rule:', try(add, ruleset, 'path_beneath', beneath({ 'read_file' }, tmp)))
print('good net rule:', try(add, ruleset, 'net_port', { allowed_access = { 'connect_tcp' }, port = 443 }))
print('ruleset not a descriptor:', try(add, 3, 'path_beneath', beneath({ 'read_file' }, tmp)))
print('unknown rule type:', try(add, ruleset, 'path_above', beneath({ 'read_file' }, tmp)))
print('rule type not a string:', try(add, ruleset, 1, beneath({ 'read_file' }, tmp)))
print('attr not a table:', try(add, ruleset, 'path_beneath', 'read_file'))
print('unknown allowed right:', try(add, ruleset, 'path_beneath', beneath({ 'read_files' }, tmp)))
print('parent_fd missing:', try(add, ruleset, 'path_beneath', { allowed_access = { 'read_file' } }))
print('parent_fd a number:', try(add, ruleset, 'path_beneath', beneath({ 'read_file' }, 0)))
print('right not handled:', try(add, ruleset, 'path_beneath', beneath({ 'execute' }, tmp)))
print('port too big:', try(add, ruleset, 'net_port', { allowed_access = { 'connect_tcp' }, port = 65536 }))
print('port missing:', try(add, ruleset, 'net_port', { allowed_access = { 'connect_tcp' } }))
print('fs right in net rule:', try(add, ruleset, 'net_port', { allowed_access = { 'read_file' }, port = 80 }))
print('not a ruleset:', try(add, tmp, 'path_beneath', beneath({ 'read_file' }, tmp)))

local closed = fs.open(fs.path.new('/tmp'), { 'read_only', 'path' })
closed:close()
print('closed parent_fd:', try(add, ruleset, 'path_beneath', beneath({ 'read_file' }, closed)))
print('closed ruleset:', try(add, closed, 'path_beneath', beneath({ 'read_file' }, tmp)))

print('restrict a number:', try(system.landlock_restrict_self, 3))
print('restrict closed:', try(system.landlock_restrict_self, closed))
print('restrict not a ruleset:', try(system.landlock_restrict_self, tmp))

local seccomp = system.seccomp_set_mode_filter
print('filter number:', try(seccomp, 8))
print('filter empty:', try(seccomp, ''))
print('filter 7 bytes:', try(seccomp, string.rep('\0', 7)))
print('filter 4097 instructions:', try(seccomp, string.rep('\0', 8 * 4097)))
-- ld [1000] reads past struct seccomp_data: the kernel's checker refuses it.
print('filter refused by the kernel:', try(seccomp, string.pack('=I2I1I1I4I2I1I1I4', 0x20, 0, 0, 1000, 0x06, 0, 0, 0)))

local worker = spawn_vm{ module = '.', inherit_context = false }
worker:send(inbox)
print('restrict from an actor:', inbox:receive())
print('filter from an actor:', inbox:receive())
