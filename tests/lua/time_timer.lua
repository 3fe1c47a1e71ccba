-- steady_timer and system_timer: expiry, waits, and cancel() aborting the
-- pending waits with Asio's operation_aborted (ECANCELED, system category).
local time = require 'time'
local generic_error = require 'generic_error'

local steady = time.steady_clock
local t = time.steady_timer.new()
print(getmetatable(t))
print('a new timer expires at the epoch:', t.expiry == steady.epoch())
t:wait()
print('wait() on an expired timer returns')

local start = steady.now()
print('expires_after(0.02) cancelled', t:expires_after(0.02), 'waits')
print('expiry is 20 ms away:', t.expiry - start >= 0.02, t.expiry - start < 1)
t:wait()
print('waited until the expiry:', steady.now() >= t.expiry)

-- cancel() aborts every pending wait and says how many there were.
t:expires_after(60)
local function waiter(name)
    return spawn(function()
        local ok, e = pcall(t.wait, t)
        print(name .. ':', ok, e, e.category, e.code == generic_error.ECANCELED.code)
    end)
end
local a, b = waiter('a'), waiter('b')
this_fiber.yield()
print('cancel() ->', t:cancel())
a:join()
b:join()
print('cancel() with nobody waiting ->', t:cancel())

-- A new expiry aborts the pending waits too.
local c = waiter('c')
this_fiber.yield()
print('expires_after(60) ->', t:expires_after(60))
c:join()

-- Cancelling the waiting fiber aborts only its own wait.
local d = spawn(function()
    scope_cleanup_push(function() print('d unwinds') end)
    t:wait()
    print('never printed')
end)
local e = waiter('e')
this_fiber.yield()
d:cancel()
d:join()
print('d cancellation caught:', d.cancellation_caught)
print('cancel() ->', t:cancel())
e:join()

-- expires_at() takes a time point of the timer's clock.
t:expires_at(steady.now() + 0.01)
t:wait()
print('expires_at() reached:', steady.now() >= t.expiry)
local ok, err = pcall(t.expires_at, t, time.system_clock.now())
print('expires_at(system time point):', ok, err, err.arg)
ok, err = pcall(t.expires_after, t, -1)
print('expires_after(-1):', ok, err, err.arg)
ok, err = pcall(t.wait, {})
print('wait() with a bad self:', ok, err, err.arg)

-- system_timer: absolute expiry on the wall clock, no expires_after().
local st = time.system_timer.new()
ok, err = pcall(function() return st.expires_after end)
print(getmetatable(st), 'expires_after:', ok, err, err.index)
print('a new system timer expires at the epoch:', st.expiry == time.system_clock.epoch())
local deadline = time.system_clock.now() + 0.01
print('expires_at() ->', st:expires_at(deadline))
print('expiry == deadline:', st.expiry == deadline)
st:wait()
print('system timer reached:', time.system_clock.now() >= deadline)

-- A cancelled timer does not keep the process alive: the waiter is
-- detached and the script ends without waiting an hour.
st:expires_at(time.system_clock.now() + 3600)
spawn(function()
    local ok, e = pcall(st.wait, st)
    print('detached waiter:', ok, e)
end):detach()
this_fiber.yield()
print('cancel() ->', st:cancel())
