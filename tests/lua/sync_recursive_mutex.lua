-- A recursive mutex: its owner may lock it again, and other fibers get it
-- only after one unlock() per level of ownership.
local recursive_mutex = require 'recursive_mutex'

local m = recursive_mutex.new()
m:lock()
m:lock()
print('main locked twice')
print('try_lock by the owner:', m:try_lock())

local other = spawn(function()
    print('other fiber try_lock:', m:try_lock())
    m:lock()
    print('other fiber got the lock')
    m:lock()
    print('other fiber locked it twice')
    m:unlock()
    m:unlock()
end)
this_fiber.yield()

for depth = 3, 1, -1 do
    print('main unlocks at depth ' .. depth)
    m:unlock()
    this_fiber.yield()
end
other:join()

local ok, e = pcall(m.unlock, m)
print('unlock of a free mutex:', ok, e, e.category)

m:lock()
spawn(function()
    local ok, e = pcall(m.unlock, m)
    print('unlock by a fiber that does not own it:', ok, e)
end):join()
m:unlock()

-- Waiters are served in FIFO order.
m:lock()
for _, name in ipairs({'x', 'y', 'z'}) do
    spawn(function()
        m:lock()
        print(name .. ' got the lock')
        m:unlock()
    end)
end
this_fiber.yield()
m:unlock()
this_fiber.yield()
this_fiber.yield()
this_fiber.yield()
print('free at the end:', m:try_lock())
m:unlock()
print(getmetatable(m))
