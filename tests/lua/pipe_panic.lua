-- An I/O error nobody catches is printed as Emilua prints it, from a fiber
-- and from the main fiber.
local pipe = require 'pipe'

local r, w = pipe.pair()
r:close()
local f = spawn(function()
    w:write_some(byte_span.append('x'))
end)
f:detach()
this_fiber.yield()
local r2, w2 = pipe.pair()
w2:close()
r2:read_some(byte_span.new(1))
print('never printed')
