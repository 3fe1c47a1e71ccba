-- Producer/consumer over a queue guarded by a mutex, with a condition
-- variable to wait for items; notify_all() releases every waiter at the end.
local mutex = require 'mutex'
local condition_variable = require 'condition_variable'

local m = mutex.new()
local nonempty = condition_variable.new()
local queue = {}
local closed = false

local function consumer(name)
    return spawn(function()
        m:lock()
        while true do
            while #queue == 0 and not closed do
                print(name .. ' waits')
                nonempty:wait(m)
            end
            if #queue == 0 then break end
            print(name .. ' consumed ' .. table.remove(queue, 1))
        end
        print(name .. ' sees the queue closed')
        m:unlock()
    end)
end

local c1 = consumer('c1')
local c2 = consumer('c2')
this_fiber.yield()

for i = 1, 3 do
    m:lock()
    queue[#queue + 1] = 'item' .. i
    print('produced item' .. i)
    nonempty:notify_one()
    m:unlock()
    this_fiber.yield()
end

m:lock()
closed = true
print('closing')
nonempty:notify_all()
m:unlock()
c1:join()
c2:join()

-- Notifying with nobody waiting does nothing.
nonempty:notify_one()
nonempty:notify_all()

-- wait() needs a locked mutex and accepts only `mutex` objects.
local ok, e = pcall(nonempty.wait, nonempty, m)
print('wait on an unlocked mutex:', ok, e, e.category)
local recursive_mutex = require 'recursive_mutex'
local rm = recursive_mutex.new()
rm:lock()
ok, e = pcall(nonempty.wait, nonempty, rm)
print('wait with a recursive_mutex:', ok, e, e.arg)
rm:unlock()
ok, e = pcall(nonempty.wait, {}, m)
print('wait with a bad self:', ok, e, e.arg)
print(getmetatable(nonempty))
