-- The names used before Emilua 0.11 still work: fiber:interrupt(),
-- fiber.interruption_caught and this_fiber.{disable,restore}_interruption().
local time = require 'time'

local f = spawn(function() time.sleep(60) end)
this_fiber.yield()
f:interrupt()
f:join()
print(f.interruption_caught, f.cancellation_caught)

local g = spawn(function()
    this_fiber.disable_interruption()
    this_fiber.yield()
    print('still running while interruption is disabled')
    this_fiber.restore_interruption()
    this_fiber.yield()
    print('never printed')
end)
g:interrupt()
g:join()
print(g.interruption_caught)
