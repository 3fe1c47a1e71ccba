-- A suspending call inside a user coroutine suspends the whole fiber while
-- other fibers run; the coroutine carries on where it stopped afterwards.
local time = require 'time'

local other = spawn(function()
    print('other fiber runs while the coroutine sleeps')
end)

local co = coroutine.create(function(a)
    print('coroutine got', a)
    time.sleep(0.01)
    local b = coroutine.yield('first yield')
    print('coroutine got', b)
    this_fiber.yield()
    return 'coroutine done'
end)
print(coroutine.resume(co, 'A'))
print(coroutine.status(co))
print(coroutine.resume(co, 'B'))
print(coroutine.status(co))

local gen = coroutine.wrap(function()
    for i = 1, 2 do
        time.sleep(0)
        coroutine.yield(i)
    end
end)
print(gen(), gen())

-- Nested coroutines pass the suspension all the way up.
local outer = coroutine.wrap(function()
    local inner = coroutine.wrap(function()
        time.sleep(0)
        coroutine.yield('from inner')
    end)
    coroutine.yield(inner())
end)
print(outer())
other:join()
