-- An actor spawned with inherit_context=false runs on a thread of its own:
-- while it computes without pause, the main VM keeps running its timers.
local inbox = require 'inbox'
local time = require 'time'

if _CONTEXT == 'main' then
    local worker = spawn_vm{ module = '.', inherit_context = false }
    worker:send{ reply = inbox, n = 6e6 }
    local ticks = 0
    local result
    local receiver = spawn(function() result = inbox:receive() end)
    while result == nil do
        time.sleep(0.02)
        ticks = ticks + 1
    end
    receiver:join()
    print('result:', result)
    print('the main VM kept running meanwhile:', ticks >= 5)
else
    local m = inbox:receive()
    local sum = 0
    for i = 1, m.n do sum = sum + i % 7 end
    m.reply:send(sum)
end
