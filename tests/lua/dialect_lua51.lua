-- Lua 5.1 functions that Emilua scripts use: unpack, loadstring,
-- setfenv/getfenv, and coroutine.running() on the main coroutine.
print(unpack({1, 2, 3}))
print(unpack({1, 2, 3}, 2))
print(select('#', unpack({}, 1, 3)))

local f = loadstring('local a, b = ... return a * b')
print(f(6, 7))
local bad, msg = loadstring('return +')
print(bad, type(msg))
print(loadstring('return x', '=named') ~= nil)

-- getfenv(1) and getfenv(0) are the module's globals; getfenv(f) a function's.
x = 'module x'
print(getfenv(1) == _G, getfenv(0) == _G, getfenv() == _G)
local function show_x() return x end
print(getfenv(show_x) == _G)

-- setfenv on a function gives it another global table.
local env = { x = 'private x' }
print(setfenv(show_x, env) == show_x)
print(show_x(), x)
print(getfenv(show_x) == env)

-- A function loaded by loadstring can be given an environment too.
local g = loadstring('y = 1 return x')
setfenv(g, { x = 'sandboxed' })
print(g(), y)

-- setfenv(1, t) changes the caller's environment.
local function run_in(t)
    setfenv(1, t)
    return x
end
print(run_in({ x = 'level one' }))

-- The main coroutine of a module is a fiber, not a coroutine.
print(coroutine.running())

-- setfenv on a function that uses no global is allowed (and changes
-- nothing it could see); a JavaScript builtin has no environment to change.
local function pure(a) return a + 1 end
print(setfenv(pure, {}) == pure, pure(1))
print(pcall(setfenv, print, {}))

-- Argument errors name the function the script called.
print(pcall(loadstring, nil))
print(pcall(load, 42))
