-- A failing detached fiber prints "Fiber 0x<id> panicked: '...'" and a
-- traceback; the VM goes on. The id is the one this_fiber.id showed, and a
-- handle always prints the same id.
local ids = {}
local f = spawn(function()
    ids.f = this_fiber.id
    this_fiber.yield()
    error('the detached fiber failed', 0)
end)
print(tostring(f) == tostring(f), tostring(f):match('0x%x+$') ~= nil)
f:detach()

this_fiber.yield()
this_fiber.yield()
print('main fiber goes on')
print('the panic named the fiber as', ids.f)
print(tostring(f):match('0x%x+$') == ids.f)

-- A failure that join() re-raises is not reported.
local g = spawn(function() error('seen by join only', 0) end)
print(pcall(g.join, g))

-- Cancellation is never reported.
local h = spawn(function() this_fiber.yield() end)
h:cancel()
h:detach()
this_fiber.yield()
this_fiber.yield()
