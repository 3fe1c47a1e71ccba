-- join() returns the fiber's results, re-raises its error, and leaves the
-- fiber joined (no longer joinable).
local f = spawn(function(...) return 1, 'two', nil, select('#', ...) end)
print(f.joinable)
print(f:join())
print(f.joinable)

local g = spawn(function()
    this_fiber.yield()
    return 'after a yield'
end)
print(g:join())

local h = spawn(function() error({ reason = 'custom' }) end)
local ok, err = pcall(function() return h:join() end)
print(ok, type(err), err.reason, h.joinable)

local s = spawn(function() error('text error', 0) end)
print(pcall(s.join, s))

-- Joining twice, or joining a detached fiber, is EINVAL.
print(pcall(f.join, f))
local d = spawn(function() end)
d:detach()
local ok2, err2 = pcall(d.join, d)
print(ok2, tostring(err2), err2 == require('generic_error').EINVAL)
