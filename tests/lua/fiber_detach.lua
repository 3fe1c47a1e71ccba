-- detach(): the fiber keeps running on its own; the handle stops being
-- joinable. cancel() on a detached handle is a harmless no-op.
local f = spawn(function()
    this_fiber.yield()
    print('detached fiber still runs')
end)
print(f.joinable)
f:detach()
print(f.joinable)
f:cancel()
print(pcall(f.detach, f))
this_fiber.yield()
this_fiber.yield()
print('main ends')
