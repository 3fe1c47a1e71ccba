-- A main-fiber panic ends the VM; its sleeping fibers and armed timers must
-- not keep the process alive (the harness would time out after 30 s).
local time = require 'time'
spawn(function() time.sleep(3600) end):detach()
local t = time.steady_timer.new()
spawn(function() t:expires_after(3600); t:wait() end):detach()
this_fiber.yield()
error('boom')
