-- seccomp_policy (emilua-ts extension): bad specs are EINVAL; then ambient
-- authority off for this process: the report says what was applied;
-- afterwards no path opens, no program starts, no TCP connection is made,
-- while a descriptor held before and an actor thread spawned before still
-- work.
local system = require 'system'
local sp = require 'seccomp_policy'

print('version', sp.VERSION, #sp.group_names)
for _, spec in ipairs{ {allow = {'NoSuchGroup'}}, {allow = {'BasicIo'}, colour = 1},
                       {default_action = 'trap'}, {errno = 0}, {allow = {'BasicIo'}, deny = {'mkdir'}} } do
    local ok, e = pcall(sp.compile, spec)
    print('compile', ok, e.code, e.arg)
end
print('unix group has socket', table.concat(sp.group('NetworkSocketUnix'), ','):find('socket') ~= nil)

local function run(...)
    local child = system.spawn{ program = (...), arguments = {...} }
    child:wait()
    return child.exit_code
end
print('before: unshare -U true', run('unshare', '-U', 'true'))

local fs = require 'filesystem'
local inbox = require 'inbox'
local opened_before = fs.open(fs.path.new('/etc/hostname'), { 'read_only' })
local actor = spawn_vm{ module = '/actor_subprocess/thread_actor', inherit_context = false }
actor:send(inbox)
print(inbox:receive())

local report = sp.ambient_authority_off()
for _, s in ipairs(report.applied) do print('applied', s) end
print('not applied', #report.not_applied)

-- Afterwards the process works only through what it holds.
local ok, err = pcall(fs.open, fs.path.new('/etc/hostname'), { 'read_only' })
print('open a path', ok, tostring(err))
local file = require('file').stream.new()
file:assign(opened_before)
local buf = byte_span.new(256)
print('a descriptor opened before still reads', file:read_some(buf) > 0)
ok, err = pcall(system.spawn, { program = 'true' })
print('spawn a program', ok, tostring(err))
local sock = require('ip').tcp.socket.new()
sock:open('v4')
ok, err = pcall(sock.connect, sock, require('ip').address.loopback_v4(), 9)
print('TCP connect', ok, tostring(err))
-- an actor spawned before goes on working
actor:send('still there')
print(inbox:receive())
