-- system.landlock_restrict_self restricts every thread of the process, not
-- only the caller: after it, a file outside the ruleset fails to open on
-- the main thread (file.stream), on libuv's thread pool (openat of a
-- file_descriptor, whose pool threads already ran before the call) and in
-- an actor on its own worker thread (spawned before the call). The ruleset
-- handles read_file and allows it beneath every top-level directory but
-- /tmp, where the test's file lives. (The worker opens no allowed file: a
-- file.stream opened and closed on a worker thread can make Node warn about
-- an unmanaged fd on a later open.)
local system = require 'system'
local fs = require 'filesystem'
local file = require 'file'
local inbox = require 'inbox'

local function try(f, ...)
    local ok, err = pcall(f, ...)
    if ok then
        if type(err) == 'userdata' and err.close then err:close() end
        return 'ok'
    end
    return tostring(err)
end

local function open_stream(path)
    local f = file.stream.new()
    f:open(path, { 'read_only' })
    f:close()
end

if _CONTEXT ~= 'main' then
    local main = inbox:receive()
    main:send('running')
    local path = inbox:receive()
    main:send(try(open_stream, fs.path.new(path)))
    return
end

local root = fs.path.new('/tmp') / ('emilua-ts-system_landlock_threads-' .. system.getpid())
fs.remove_all(root)
fs.create_directory(root)
local secret = root / 'secret'
local f = file.stream.new()
f:open(secret, { 'write_only', 'create' })
f:close()
local dir = fs.open(root, { 'read_only', 'directory', 'path' })
local etc = fs.open(fs.path.new('/etc'), { 'read_only', 'directory', 'path' })

-- Threads that exist before the call: the pool's and an actor's.
print('pool before:', try(dir.openat, dir, fs.path.new('secret'), { 'read_only' }))
local worker = spawn_vm{ module = '.', inherit_context = false }
worker:send(inbox)
-- Once it runs, its module is read: the ruleset below need not allow it
-- (the tree may live under /tmp, which the ruleset leaves out).
assert(inbox:receive() == 'running')

local ruleset = system.landlock_create_ruleset{ handled_access_fs = { 'read_file' } }
for entry in fs.directory_iterator(fs.path.new('/')) do
    if tostring(entry.path) ~= '/tmp' then
        local ok, parent = pcall(fs.open, entry.path, { 'read_only', 'path' })
        if ok then
            system.landlock_add_rule(ruleset, 'path_beneath', {
                allowed_access = { 'read_file' }, parent_fd = parent,
            })
            parent:close()
        end
    end
end
system.landlock_restrict_self(ruleset)
ruleset:close()

print('main thread:', try(open_stream, secret))
print('main thread, allowed:', try(open_stream, fs.path.new('/etc/hostname')))
print('pool thread:', try(dir.openat, dir, fs.path.new('secret'), { 'read_only' }))
print('pool thread, allowed:', try(etc.openat, etc, fs.path.new('hostname'), { 'read_only' }))
worker:send(tostring(secret))
print('worker thread:', inbox:receive())
fs.remove_all(root)
