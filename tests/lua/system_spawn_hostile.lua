-- Children that misbehave: the parent stays responsive (a ticking fiber
-- keeps running), reads what it must, and reaps every child.
local system = require 'system'
local pipe = require 'pipe'
local stream = require 'stream'
local time = require 'time'

local ticks = 0
local ticker = spawn(function()
    while true do
        time.sleep(0.001)
        ticks = ticks + 1
    end
end)

local function piped(opts, which)
    local reader, writer = pipe.pair()
    opts[which] = writer:release()
    local child = system.spawn(opts)
    opts[which]:close()
    return child, reader
end

-- closes its stdout at once, then exits later with a code of its own
local child, out = piped({ program = 'sh', arguments = {'sh', '-c', 'exec >&-; sleep 0.05; exit 4'} }, 'stdout')
local ok, err = pcall(stream.read_all, out, byte_span.new(16))
print('stdout closed early:', ok, tostring(err))
child:wait()
print('  then exits:', child.exit_code)

-- floods stderr with 8 MiB while the parent reads it all
local before = ticks
child, out = piped({ program = 'sh', arguments = {'sh', '-c', 'head -c 8388608 /dev/zero >&2'} }, 'stderr')
local total, buf = 0, byte_span.new(65536)
while true do
    local ok, n = pcall(out.read_some, out, buf)
    if not ok then break end
    total = total + n
end
child:wait()
print('stderr flood read whole:', total, child.exit_code, 'ticker ran meanwhile:', ticks > before)

-- ignores SIGTERM: kill(SIGTERM) changes nothing, SIGKILL ends it
child, out = piped({ program = 'sh', arguments = {'sh', '-c', 'trap "" TERM; echo armed; while :; do sleep 1; done'} },
                   'stdout')
print('trap:', stream.scanner.new{ stream = out }:get_line())
child:kill(system.signal.SIGTERM)
time.sleep(0.05)
print('still running after SIGTERM:', child.pid ~= nil and pcall(child.kill, child, 0))
child:kill(system.signal.SIGKILL)
child:wait()
print('SIGKILL:', child.exit_code, child.exit_signal)

-- forks a grandchild that keeps the pipe open: wait() returns when the
-- child exits, whatever the grandchild does
child, out = piped({ program = 'sh', arguments = {'sh', '-c', 'sleep 60 & echo $!'} }, 'stdout')
local grandchild = tonumber(tostring(stream.scanner.new{ stream = out }:get_line()))
child:wait()
print('child with a grandchild reaped:', child.exit_code, child.pid)
system.kill(grandchild, system.signal.SIGKILL)
print('grandchild is not ours to reap:', grandchild ~= nil)

-- exits long before wait() is called
child = system.spawn{ program = 'true' }
time.sleep(0.05)
child:wait()
print('exited before wait:', child.exit_code)

-- a second fiber waiting on the same child gets EBUSY; cancelling a
-- waiting fiber leaves the child waitable
child = system.spawn{ program = 'sleep', arguments = {'sleep', '60'} }
local waiter = spawn(function() child:wait() end)
this_fiber.yield()
print('second wait:', pcall(child.wait, child))
waiter:interrupt()
waiter:join()
print('after cancel, still waitable:', child.pid ~= nil)
child:kill(system.signal.SIGKILL)
child:wait()
print('reaped:', child.exit_signal)

ticker:interrupt()
print('ticker kept running:', ticks > 10)
