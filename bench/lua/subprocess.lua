-- bench/subprocess.mjs: subprocess actors. Modes (first script argument):
--   spawn N  N times: spawn_vm{subprocess} of an actor that answers the first
--            message, send it our inbox, receive its answer, kill it; prints
--            "<seconds>\t<N>" for the spawn -> answer time only (steady clock)
--   rtt N    one echo actor; N round trips of a small message
--            (channel:send then inbox:receive); prints "<seconds>\t<N>"
--   idle S   spawns the echo actor, prints its pid, waits for its first
--            answer, then sleeps S seconds (the bench reads the child's PSS)
local inbox = require 'inbox'
local system = require 'system'
local time = require 'time'
local stream = require 'stream'

local mode = system.arguments[3]
local n = tonumber(system.arguments[4])
local function now() return time.steady_clock.now().seconds_since_epoch end
local function start_echo()
    local ch = spawn_vm{ module = '/subprocess/echo', subprocess = { stderr = 'share' } }
    ch:send(inbox)
    return ch
end

if mode == 'spawn' then
    local total = 0
    for _ = 1, n do
        local t0 = now()
        local ch = start_echo()
        ch:send('ping')
        inbox:receive()
        total = total + (now() - t0)
        ch:kill()
    end
    print(string.format('%.6f\t%d', total, n))
elseif mode == 'rtt' then
    local ch = start_echo()
    ch:send('warm-up')
    inbox:receive()
    local t0 = now()
    for i = 1, n do
        ch:send(i)
        inbox:receive()
    end
    print(string.format('%.6f\t%d', now() - t0, n))
    ch:kill()
elseif mode == 'idle' then
    local ch = start_echo()
    ch:send('ping')
    inbox:receive()
    stream.write_all(system.out, ch.child_pid .. '\n')
    time.sleep(n)
    ch:kill()
end
