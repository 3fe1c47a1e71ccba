-- flock on file objects: two objects (two open file descriptions of one
-- file) contend for the lock; lock() suspends only its fiber while a third
-- fiber keeps printing; try_lock reports instead of waiting; a cancelled or
-- aborted lock wait leaves no lock behind.
local file = require 'file'
local fs = require 'filesystem'
local system = require 'system'
local time = require 'time'

local p = fs.path.new('/tmp') / ('emilua-ts-file_flock_contention-' .. system.getpid())
local a = file.random_access.new()
a:open(p, { 'read_write', 'create', 'exclusive' })
local b = file.stream.new()
b:open(p, { 'read_only' })
local c = file.stream.new()
c:open(p, { 'read_only' })

a:lock()
print('a holds an exclusive lock')
print('b try_lock', b:try_lock(), 'b try_lock_shared', b:try_lock_shared())

local waiter = spawn(function()
    print('b waits for the lock')
    b:lock()
    print('b got the lock')
end)
local ticker = spawn(function()
    for i = 1, 3 do
        print('tick', i)
        time.sleep(0.02)
    end
end)
ticker:join()
print('a unlocks')
a:unlock()
waiter:join()
print('a try_lock while b holds it', a:try_lock())

-- A cancelled wait takes nothing.
local cancelled = spawn(function()
    c:lock_shared()
    print('never printed')
end)
this_fiber.yield()
cancelled:cancel()
cancelled:join()
print('cancelled wait: cancellation_caught', cancelled.cancellation_caught)

-- cancel() on the object aborts its pending wait with operation_aborted.
local aborted = spawn(function()
    local ok, err = pcall(c.lock, c)
    print('aborted wait', ok, tostring(err), tostring(err.category))
end)
this_fiber.yield()
c:cancel()
aborted:join()

b:unlock()
print('after b unlocks, a try_lock', a:try_lock(), 'c try_lock', c:try_lock())
a:unlock()

-- Shared locks coexist; an exclusive one waits for all of them.
b:lock_shared()
c:lock_shared()
print('b and c hold shared locks, a try_lock', a:try_lock())
local exclusive = spawn(function()
    a:lock()
    print('a got the exclusive lock')
end)
this_fiber.yield()
b:unlock()
print('b released its shared lock')
time.sleep(0.02)
print('c releases its shared lock')
c:unlock()
exclusive:join()

-- Closing a file drops its lock.
a:close()
print('after a closed, b try_lock', b:try_lock())
b:close()
c:close()
print('closed', a.is_open, b.is_open, c.is_open)
local ok, err = pcall(a.lock, a)
print('lock on a closed file', ok, tostring(err))
fs.remove(p)
