-- bench/unix-seqpacket.mjs: seqpacket traffic between two fibers of one VM
-- over unix.seqpacket.socket.pair().
--
--   -- rtt N        N round trips of a 64-byte message: the main fiber sends
--                   and waits for the answer, a second fiber receives and
--                   answers
--   -- oneway N S   a fiber sends N messages of S bytes, the main fiber
--                   receives them
--
-- Prints the seconds taken (os.clock() delta, start-up excluded) and the
-- bytes that arrived.
local unix = require 'unix'
local system = require 'system'

local mode, n, size = system.arguments[3], tonumber(system.arguments[4]), tonumber(system.arguments[5])
local a, b = unix.seqpacket.socket.pair()
local got = 0
local t0

if mode == 'rtt' then
    local msg = byte_span.new(64):fill(120)
    local echo = spawn(function()
        local buf = byte_span.new(64)
        for _ = 1, n do
            local r = b:receive(buf)
            b:send(buf:first(r))
        end
    end)
    local buf = byte_span.new(64)
    t0 = os.clock()
    for _ = 1, n do
        a:send(msg)
        got = got + a:receive(buf)
    end
    echo:join()
elseif mode == 'oneway' then
    t0 = os.clock()
    spawn(function()
        local msg = byte_span.new(size)
        for _ = 1, n do a:send(msg) end
    end)
    local buf = byte_span.new(size)
    for _ = 1, n do got = got + b:receive(buf) end
else
    error('usage: unix-seqpacket.lua -- rtt N | oneway N SIZE')
end
print(os.clock() - t0, got)
