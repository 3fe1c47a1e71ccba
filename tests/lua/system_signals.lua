-- system.signal: constants, raise(), signal sets, ignore() and default().
local system = require 'system'
local time = require 'time'
local signal = system.signal

local function try(f, ...)
    local ok, e = pcall(f, ...)
    if ok then return 'ok' end
    if type(e) ~= 'table' then return tostring(e) end
    return tostring(e.category) .. ': ' .. tostring(e) .. (e.arg and (' arg=' .. tostring(e.arg)) or '')
end

print(signal.SIGINT, signal.SIGTERM, signal.SIGKILL, signal.SIGUSR2, signal.SIGHUP, signal.SIGCHLD)

-- A wait() receives a signal raised meanwhile.
local set = signal.set.new(signal.SIGUSR2)
spawn(function() signal.raise(signal.SIGUSR2) end)
print('received', set:wait() == signal.SIGUSR2)

-- Deliveries nobody waits for are queued (one per signal).
set:add(signal.SIGHUP)
signal.raise(signal.SIGHUP)
signal.raise(signal.SIGHUP)
time.sleep(0.1)
print('queued', set:wait() == signal.SIGHUP)

-- cancel() aborts the waits; cancelling the fiber works too.
local waiter = spawn(function() print('cancelled wait', try(set.wait, set)) end)
this_fiber.yield()
set:cancel()
waiter:join()
waiter = spawn(function() set:wait() end)
this_fiber.yield()
waiter:cancel()
waiter:join()
print('fiber cancelled', waiter.cancellation_caught)

-- ignore()/default() refuse a signal that a set holds, or one whose handler
-- the runtime depends on.
print('ignore held', try(signal.ignore, signal.SIGHUP))
set:remove(signal.SIGHUP)
print('ignore', try(signal.ignore, signal.SIGHUP))
signal.raise(signal.SIGHUP)
print('still running after an ignored SIGHUP')
print('default', try(signal.default, signal.SIGHUP))
print('ignore SIGSEGV', try(signal.ignore, signal.SIGSEGV))
set:clear()

print('bad set', try(signal.set.new, signal.SIGKILL))
print('bad signal', try(signal.set.new, 'SIGINT'))
print('bad add', try(set.add, set, {}))
print('bad raise', try(signal.raise, 'x'))
print('raise 1000', try(signal.raise, 1000))
print('bad key', try(function() return set.nope end))
