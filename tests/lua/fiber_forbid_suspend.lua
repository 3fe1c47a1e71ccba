-- forbid_suspend() makes every suspension an error until a matching number
-- of allow_suspend() calls; allow_suspend() without forbid is an error.
local time = require 'time'

this_fiber.forbid_suspend()
this_fiber.forbid_suspend()
print(pcall(this_fiber.yield))
print(pcall(time.sleep, 0))
local f = spawn(function() return 'joined later' end)
print(pcall(f.join, f))
this_fiber.allow_suspend()
print(pcall(this_fiber.yield))
this_fiber.allow_suspend()
print(pcall(this_fiber.yield))
print(f:join())

local ok, err = pcall(this_fiber.allow_suspend)
print(ok, tostring(err))
