-- A fiber cancelled while a user coroutine it runs is suspended: the wait
-- inside the coroutine raises fiber_canceled, which leaves the coroutine like
-- any error (coroutine.wrap re-raises it) and ends the fiber as cancelled.
local time = require 'time'

local f = spawn(function()
    local sleepy = coroutine.wrap(function()
        scope_cleanup_push(function() print('coroutine scope cleanup') end)
        time.sleep(60)
        print('never printed')
    end)
    sleepy()
    print('never printed either')
end)
this_fiber.yield()
f:cancel()
f:join()
print('cancellation_caught', f.cancellation_caught)

-- With coroutine.resume the error comes back as a value; the fiber stays
-- cancelled, so its next cancellation point raises again.
local g = spawn(function()
    local co = coroutine.create(function() time.sleep(60) end)
    local ok, err = coroutine.resume(co)
    print('resume returned', ok, tostring(err), coroutine.status(co))
    this_fiber.yield()
    print('never printed')
end)
this_fiber.yield()
g:cancel()
g:join()
print('cancellation_caught', g.cancellation_caught)
