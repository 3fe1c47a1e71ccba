-- Cleanup handlers run with cancellation disabled: a handler of a cancelled
-- fiber can still suspend (sleep, yield, join) to restore invariants.
local time = require 'time'

local f = spawn(function()
    scope(function()
        scope_cleanup_push(function()
            time.sleep(0.01)
            this_fiber.yield()
            print('handler finished its suspending work')
        end)
        time.sleep(60)
    end)
    print('never printed')
end)
this_fiber.yield()
f:cancel()
f:join()
print('cancellation_caught', f.cancellation_caught)

-- scope_cleanup_pop() also runs the handler with cancellation disabled.
local g
g = spawn(function()
    scope_cleanup_push(function()
        this_fiber.yield()
        print('popped handler suspended safely')
    end)
    g:cancel()
    scope_cleanup_pop()
    print('cancellation is enabled again after the handler')
    this_fiber.yield()
    print('never printed')
end)
g:join()
print('cancellation_caught', g.cancellation_caught)
