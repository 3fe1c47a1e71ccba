-- While cancellation is disabled a cancel request waits; it fires at the
-- first cancellation point after the last restore_cancellation().
local time = require 'time'

local f = spawn(function()
    this_fiber.disable_cancellation()
    this_fiber.disable_cancellation()
    time.sleep(0.01)
    print('slept through the request')
    this_fiber.yield()
    print('yielded through the request')
    this_fiber.restore_cancellation()
    this_fiber.yield()
    print('still disabled once')
    this_fiber.restore_cancellation()
    print('restored; no cancellation point yet')
    this_fiber.yield()
    print('never printed')
end)
this_fiber.yield()
f:cancel()
f:join()
print('cancellation_caught', f.cancellation_caught)

-- Restoring more often than disabling is an error.
local ok, err = pcall(this_fiber.restore_cancellation)
print(ok, tostring(err))
