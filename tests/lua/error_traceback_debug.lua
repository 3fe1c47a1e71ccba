-- debug.traceback prints LuaJIT's shape: every kind of named call reads
-- "in function 'name'", builtins are [C] (or [string "?"] for the ones Emilua
-- writes in Lua), and the fiber's two start frames end it.
local show = print

local t = {}
function t.field() show(debug.traceback('from a field')) end
function t:method() t.field() end
local function loc() t:method() end
loc()

-- A message handler sees the function that raised, as [C].
show(select(2, xpcall(function() error('raised', 0) end, debug.traceback)))

-- The level argument skips frames; a message that is not text is returned.
local function level2() local s = debug.traceback('level 2', 2); return s end
show(level2())
local err = {}
print(debug.traceback(err) == err, debug.traceback(nil, 1) ~= nil)

-- The traceback of another coroutine; a fiber's own frames.
local co = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co)
show(debug.traceback(co, 'a suspended coroutine'))
spawn(function() show(debug.traceback('in a fiber')) end):join()

-- Deep stacks keep the first 12 and the last 10 lines, around "...".
local function deep(n)
    if n == 0 then show(debug.traceback('deep')) return end
    deep(n - 1)
    return n
end
deep(30)
