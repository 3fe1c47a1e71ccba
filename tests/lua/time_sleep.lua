-- time.sleep(): fractional seconds, argument checks, and cancellation.
local time = require 'time'

local steady = time.steady_clock
local start = steady.now()
time.sleep(0.03)
local elapsed = steady.now() - start
print('slept at least 30 ms:', elapsed >= 0.03, elapsed < 1)
time.sleep(0)
print('sleep(0) returns')

local ok, e = pcall(time.sleep, -1)
print('sleep(-1):', ok, e, e.arg, e.category)
ok, e = pcall(time.sleep, 0 / 0)
print('sleep(NaN):', ok, e, e.arg)
ok, e = pcall(time.sleep, math.huge)
print('sleep(inf):', ok, e, e.arg)
ok, e = pcall(time.sleep, 1e300)
print('sleep(1e300):', ok, e)
ok = pcall(time.sleep, 'soon')
print('sleep(string):', ok)

-- Sleepers wake in the order of their deadlines.
local order = {}
local sleepers = {}
for _, secs in ipairs({0.03, 0.01, 0.02}) do
    sleepers[#sleepers + 1] = spawn(function()
        time.sleep(secs)
        order[#order + 1] = secs
    end)
end
for _, f in ipairs(sleepers) do f:join() end
print('wake order:', table.concat(order, ' '))

-- Cancelling a sleeping fiber wakes it at once with fiber_canceled (which
-- pcall can catch; then the fiber did not end by cancellation).
local sleeper = spawn(function()
    local ok, e = pcall(time.sleep, 3600)
    print('pcall around sleep() caught:', ok, e)
end)
local caught = spawn(function()
    scope_cleanup_push(function() print('sleeper unwinds') end)
    time.sleep(3600)
end)
this_fiber.yield()
start = steady.now()
sleeper:cancel()
caught:cancel()
sleeper:join()
caught:join()
print('woken quickly:', steady.now() - start < 1)
print('cancellation caught:', sleeper.cancellation_caught, caught.cancellation_caught)

-- With cancellation disabled the sleep completes.
local patient = spawn(function()
    this_fiber.disable_cancellation()
    time.sleep(0.01)
    print('patient sleeper finished its sleep')
    this_fiber.restore_cancellation()
    this_fiber.yield()
    print('never printed')
end)
this_fiber.yield()
patient:cancel()
patient:join()
print('patient cancellation caught:', patient.cancellation_caught)
