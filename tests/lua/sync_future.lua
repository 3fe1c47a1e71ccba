-- Promises and shared futures: every waiter receives the value, an error set
-- on the promise is raised in every get(), and a promise is satisfied once.
local future = require 'future'

local promise, fut = future.new()
print(getmetatable(promise), getmetatable(fut))

local function waiter(name, f)
    return spawn(function()
        print(name .. ' waits')
        print(name .. ' got', f:get())
    end)
end

local a = waiter('a', fut)
local b = waiter('b', fut)
this_fiber.yield()
promise:set_value('hello')
print('value set')
a:join()
b:join()
print('get() on a ready future:', fut:get())

local ok, e = pcall(promise.set_value, promise, 'again')
print('set_value twice:', ok, e)
ok, e = pcall(promise.set_error, promise, 'again')
print('set_error after set_value:', ok, e)

-- set_error(): the very same error value reaches every waiter.
local failure = setmetatable({}, { __tostring = function() return 'custom failure' end })
local p2, f2 = future.new()
local function failing(name)
    return spawn(function()
        local ok, e = pcall(f2.get, f2)
        print(name .. ':', ok, tostring(e), e == failure)
    end)
end
local c = failing('c')
local d = failing('d')
this_fiber.yield()
p2:set_error(failure)
c:join()
d:join()
ok, e = pcall(f2.get, f2)
print('get() after set_error:', ok, e == failure)

ok, e = pcall(p2.set_error, p2, nil)
print('set_error(nil):', ok, e, e.arg)

-- nil and false are values like any other.
local p3, f3 = future.new()
p3:set_value(false)
print('false value:', f3:get())

-- get() is a cancellation point; the other waiters are not disturbed.
local p4, f4 = future.new()
local cancelled = spawn(function()
    scope_cleanup_push(function() print('cancelled waiter unwinds') end)
    f4:get()
    print('never printed')
end)
local patient = spawn(function() print('patient waiter got', f4:get()) end)
this_fiber.yield()
cancelled:cancel()
cancelled:join()
print('cancellation caught:', cancelled.cancellation_caught)
p4:set_value(42)
patient:join()

ok, e = pcall(f4.get, {})
print('get() with a bad self:', ok, e, e.arg)
