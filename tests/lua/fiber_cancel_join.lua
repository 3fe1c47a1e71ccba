-- join() is a cancellation point: a fiber cancelled while it waits in join()
-- stops waiting, and the fiber it waited for stays joinable.
local time = require 'time'

local target = spawn(function()
    time.sleep(0.02)
    return 'target finished'
end)
local joiner = spawn(function()
    local ok, err = pcall(target.join, target)
    print('join raised', ok, tostring(err))
    print('target still joinable', target.joinable)
    return 'joiner returned normally'
end)
this_fiber.yield()
joiner:cancel()
print(joiner:join())
print('joiner cancellation_caught', joiner.cancellation_caught)
print(target:join())

-- A fiber cancelled before it joins raises at join() even if the target has
-- already finished.
local done = spawn(function() return 'unused' end)
this_fiber.yield()
local late
late = spawn(function()
    late:cancel()
    done:join()
    print('never printed')
end)
late:join()
print('late cancellation_caught', late.cancellation_caught, done.joinable)
