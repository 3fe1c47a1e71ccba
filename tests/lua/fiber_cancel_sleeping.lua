-- Cancelling a fiber that sleeps wakes it with fiber_canceled at once: its
-- scope handlers run, the code after the sleep does not, and join() reports
-- cancellation_caught. Nothing is printed to stderr.
local time = require 'time'

local f = spawn(function()
    scope_cleanup_push(function() print('cleanup of the sleeper') end)
    print('going to sleep')
    time.sleep(60)
    print('never printed')
end)

this_fiber.yield()
f:cancel()
print('cancel requested')
print(f:join())
print(f.cancellation_caught, f.joinable)

-- A fiber that ends normally did not catch a cancellation.
local g = spawn(function() return 'done' end)
print(g:join(), g.cancellation_caught)
