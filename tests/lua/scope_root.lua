-- Every fiber has an implicit root scope: handlers pushed outside any
-- scope() run when the fiber ends, whether it returns, fails or is cancelled.
local time = require 'time'

local f = spawn(function()
    scope_cleanup_push(function() print('root cleanup of a returning fiber') end)
    return 'returned'
end)
print(f:join())

local g = spawn(function()
    scope_cleanup_push(function() print('root cleanup of a failing fiber') end)
    error('failure', 0)
end)
print(pcall(g.join, g))

local h = spawn(function()
    scope_cleanup_push(function() print('root cleanup of a cancelled fiber') end)
    time.sleep(60)
end)
this_fiber.yield()
h:cancel()
h:join()

-- The main fiber's root scope runs when the main module ends.
scope_cleanup_push(function() print('root cleanup of the main fiber') end)
print('main module ends')
