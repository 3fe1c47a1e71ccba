-- Panic tracebacks name the builtins the way LuaJIT shows them in Emilua:
-- a suspending builtin (Lua in Emilua) as [string "?"], a native function
-- that raised not at all, and every fiber ends with its two start frames.
local future = require 'future'

-- A fiber fails inside future:get() (the error set on the promise).
local p, f = future.new()
spawn(function()
    local t = { wait = function() local v = f:get(); return v end }
    t.wait()
end):detach()
p:set_error('the promise failed')
this_fiber.yield()

-- A fiber fails inside scope(): scope re-raises after its cleanup ran.
spawn(function()
    scope(function()
        scope_cleanup_push(function() print('cleanup ran') end)
        error('raised inside scope', 0)
    end)
end):detach()
this_fiber.yield()

-- The main fiber fails in a native function (byte_span.new): no frame for it.
local obj = {}
function obj:make() local s = byte_span.new(-1); return s end
obj:make()
