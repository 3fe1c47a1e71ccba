-- wait() is a cancellation point; the mutex is taken back before the
-- cancellation is delivered.
local mutex = require 'mutex'
local condition_variable = require 'condition_variable'

local m = mutex.new()
local cond = condition_variable.new()

local waiter = spawn(function()
    m:lock()
    scope_cleanup_push(function()
        -- try_lock() by the owner is an error: the fiber holds the mutex.
        local ok, e = pcall(m.try_lock, m)
        print('cleanup: waiter holds the mutex again:', not ok and tostring(e))
        m:unlock()
    end)
    print('waiter waits')
    cond:wait(m)
    print('never printed')
end)
this_fiber.yield()

m:lock()
print('main holds the mutex and cancels the waiter')
waiter:cancel()
this_fiber.yield()
print('the waiter is now queued on the mutex')
m:unlock()
waiter:join()
print('waiter cancellation caught:', waiter.cancellation_caught)
print('mutex free afterwards:', m:try_lock())
m:unlock()

-- A notification that came before the cancellation wins: wait() returns
-- normally and the cancellation is raised at the next cancellation point.
local notified = spawn(function()
    m:lock()
    cond:wait(m)
    print('notified fiber returned from wait()')
    m:unlock()
    this_fiber.yield()
    print('never printed')
end)
this_fiber.yield()
cond:notify_one()
notified:cancel()
notified:join()
print('notified fiber cancellation caught:', notified.cancellation_caught)

-- A cancellation pending when wait() is called is raised at once, before
-- the mutex is released.
local early = spawn(function()
    m:lock()
    scope_cleanup_push(function()
        local ok, e = pcall(m.try_lock, m)
        print('cleanup: early fiber still holds the mutex:', not ok and tostring(e))
        m:unlock()
    end)
    this_fiber.disable_cancellation()
    this_fiber.yield()
    this_fiber.restore_cancellation()
    print('early fiber calls wait() with a cancellation pending')
    cond:wait(m)
    print('never printed')
end)
this_fiber.yield()
early:cancel()
early:join()
print('early fiber cancellation caught:', early.cancellation_caught)
print('mutex free at the end:', m:try_lock())
