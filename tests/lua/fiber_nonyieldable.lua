-- A suspending call where the fiber cannot yield (a table.sort comparator,
-- a string.gsub callback, __tostring) raises a clean Lua error instead of
-- crashing, also from inside a coroutine resumed there; the fiber is
-- healthy afterwards.
local time = require 'time'

local ok, err = pcall(table.sort, {3, 1, 2}, function(a, b)
    this_fiber.yield()
    return a < b
end)
print('table.sort', ok, err)

ok, err = pcall(string.gsub, 'abc', '%w', function(c)
    time.sleep(0)
    return c:upper()
end)
print('string.gsub', ok, type(err))

local obj = setmetatable({}, { __tostring = function() this_fiber.yield() return 'obj' end })
print('__tostring', pcall(tostring, obj))

-- A coroutine resumed inside the comparator cannot suspend the fiber either.
ok, err = pcall(table.sort, {3, 1, 2}, function(a, b)
    coroutine.wrap(function() time.sleep(0.01) end)()
    return a < b
end)
print('coroutine in table.sort', ok, type(err))

-- Metamethods called by the VM itself (__index) may suspend.
local lazy = setmetatable({}, { __index = function(_, key)
    this_fiber.yield()
    return key .. ' computed after a yield'
end })
print(lazy.value)

-- Nothing is left pending: later waits end in order.
local f = spawn(function() time.sleep(0.05) print('fiber wakes after main') end)
time.sleep(0.02)
print('main wakes first')
f:join()
local t = {3, 1, 2}
table.sort(t)
print(table.concat(t, ' '))
