-- try_lock() and unlock() outcomes, and the errors of misuse.
local mutex = require 'mutex'

local m = mutex.new()
print('try_lock of a free mutex:', m:try_lock())
spawn(function()
    print('try_lock from another fiber:', m:try_lock())
end):join()

-- The owner must not try_lock the mutex again (lock() would wait forever:
-- see sync_mutex_relock_deadlock).
local ok, e = pcall(m.try_lock, m)
print('owner try_lock:', ok, e, e.category)

m:unlock()
print('try_lock after unlock:', m:try_lock())
m:unlock()

ok, e = pcall(m.unlock, m)
print('unlock of a free mutex:', ok, e, e.category)

-- As in Emilua the mutex records no owner: another fiber may unlock it.
m:lock()
spawn(function()
    m:unlock()
    print('unlocked by another fiber')
end):join()
print('try_lock after that:', m:try_lock())
m:unlock()

ok, e = pcall(m.lock, {})
print('lock with a bad self:', ok, e, e.arg)
ok, e = pcall(m.unlock, 42)
print('unlock with a bad self:', ok, e, e.arg)

-- lock() suspends, so forbid_suspend() rejects it even on a free mutex;
-- try_lock() never suspends.
this_fiber.forbid_suspend()
ok = pcall(m.lock, m)
print('lock inside forbid_suspend:', ok)
print('try_lock inside forbid_suspend:', m:try_lock())
this_fiber.allow_suspend()
m:unlock()

-- Objects and the module table are locked down as in Emilua.
print(getmetatable(m), getmetatable(mutex), type(mutex.new))
ok, e = pcall(function() return m.lock_shared end)
print('unknown method:', ok, e, e.index)
ok, e = pcall(function() return mutex.make end)
print('unknown module field:', ok, e)
ok, e = pcall(function() mutex.new = nil end)
print('assigning to the module:', ok, e)
