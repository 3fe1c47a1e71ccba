-- Fibers contending one mutex: lock() queues them while it is held and
-- unlock() hands it to the waiters in the order they queued (FIFO).
local mutex = require 'mutex'

local m = mutex.new()

local function worker(name)
    return spawn(function()
        print(name .. ' wants the lock')
        m:lock()
        print(name .. ' got the lock')
        this_fiber.yield()
        print(name .. ' releases the lock')
        m:unlock()
    end)
end

m:lock()
print('main holds the lock')
local a = worker('a')
local b = worker('b')
local c = worker('c')
this_fiber.yield()
print('main releases the lock')
m:unlock()
a:join()
b:join()
c:join()

-- Dispatch semantics: taking a free mutex does not let other fibers run.
local order = {}
spawn(function() order[#order + 1] = 'other fiber ran' end)
m:lock()
order[#order + 1] = 'main locked a free mutex'
m:unlock()
this_fiber.yield()
print(table.concat(order, ', '))

-- lock() is not a cancellation point: the waiter still gets the mutex, and
-- the cancellation is raised at its next cancellation point.
m:lock()
local d = spawn(function()
    scope_cleanup_push(function() print('d unwinds') end)
    m:lock()
    print('d got the lock after the cancellation request')
    m:unlock()
    this_fiber.yield()
    print('never printed')
end)
this_fiber.yield()
d:cancel()
print('d cancelled while it waits for the mutex')
m:unlock()
d:join()
print('d cancellation caught:', d.cancellation_caught)
print('mutex free at the end:', m:try_lock())
