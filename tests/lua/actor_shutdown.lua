-- 1000 actors are spawned and end. Each holds a descriptor it received and
-- has a fiber asleep on an hour-long timer when it ends with system.exit():
-- the VM's descriptors, timers and pending operations are released (else
-- the process would not exit), channels to it report "Channel closed", and
-- the process's descriptor count comes back to where it started.
local inbox = require 'inbox'
local fs = require 'filesystem'
local system = require 'system'
local time = require 'time'

local function open_descriptors()
    local n = 0
    for _ in fs.directory_iterator(fs.path.new('/proc/self/fd')) do n = n + 1 end
    return n
end

if _CONTEXT == 'main' then
    local before = open_descriptors()
    local fd = fs.open(fs.path.new('/dev/null'), { 'read_only' })
    local total, closed = 0, 0
    for batch = 1, 10 do
        local actors = {}
        for i = 1, 100 do
            actors[i] = spawn_vm('.')
            actors[i]:send{ fd = fd, reply = inbox, n = (batch - 1) * 100 + i }
        end
        for _ = 1, 100 do total = total + inbox:receive() end
        this_fiber.yield()
        for i = 1, 100 do
            if not pcall(actors[i].send, actors[i], 'x') then closed = closed + 1 end
        end
    end
    fd:close()
    print('replies add up:', total == 1000 * 1001 / 2)
    print('channels to ended actors that report "Channel closed":', closed)
    print('descriptors back to the count before:', open_descriptors() == before)
else
    spawn(function() time.sleep(3600) end):detach()
    local m = inbox:receive()
    m.reply:send(m.n)
    system.exit(0)
end
