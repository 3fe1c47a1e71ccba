-- Soak: many spawn/kill cycles of subprocess actors. Afterwards every child
-- has been reaped (no /proc entry left: no zombie) and this process has the
-- descriptors it had before the first cycle.
local fs = require 'filesystem'
local time = require 'time'

local CYCLES = 2000

local function open_fds()
    local n = 0
    for _ in fs.directory_iterator(fs.path.new('/proc/self/fd')) do n = n + 1 end
    return n
end

local function reaped(pid)
    return not fs.exists(fs.path.new('/proc/' .. pid))
end

-- One cycle first, so lazily created runtime descriptors (the epoll set...)
-- exist, and it is over (reaped) before counting.
local first = spawn_vm{ module = '/actor_subprocess/idle', subprocess = {} }
local first_pid = first.child_pid
first:kill()
while not reaped(first_pid) do time.sleep(0.01) end
local before = open_fds()

local pids = {}
for i = 1, CYCLES do
    local ch = spawn_vm{ module = '/actor_subprocess/idle', subprocess = {} }
    pids[i] = ch.child_pid
    ch:kill()
end

local left
for _ = 1, 1000 do
    left = 0
    for _, pid in ipairs(pids) do
        if not reaped(pid) then left = left + 1 end
    end
    if left == 0 then break end
    time.sleep(0.01)
end
print('cycles', CYCLES)
print('children left unreaped', left)
print('descriptor growth', open_fds() - before)
