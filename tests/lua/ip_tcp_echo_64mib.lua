-- A TCP echo server and client on 127.0.0.1 move 64 MiB, checked block by
-- block: every 64 KiB block carries its number and a fixed pattern. The
-- client writes and reads in two fibers, so neither side's buffers fill up.
local ip = require 'ip'
local stream = require 'stream'

local BLOCK = 65536
local COUNT = 1024

local acceptor = ip.tcp.listen('127.0.0.1:0')
local port = acceptor.local_port

local server = spawn(function()
    local s = acceptor:accept()
    local buf = byte_span.new(BLOCK)
    while true do
        local ok, n = pcall(s.read_some, s, buf)
        if not ok then break end
        stream.write_all(s, buf:sub(1, n))
    end
    s:close()
end)

local pattern = byte_span.new(BLOCK)
for i = 1, BLOCK do pattern[i] = (i * 13 + 7) % 256 end
local expected_tail = tostring(pattern:sub(5))

local c = ip.tcp.dial('127.0.0.1:' .. port)
c:set_option('tcp_no_delay', true)
print('connected', tostring(c.remote_address), c.remote_port == port)

local writer = spawn(function()
    local block = byte_span.new(BLOCK)
    block:copy(pattern)
    for i = 1, COUNT do
        block:sub(1, 4):set_u32be(i)
        stream.write_all(c, block)
    end
    c:shutdown('send')
end)

local buf = byte_span.new(BLOCK)
local intact, bytes = 0, 0
for i = 1, COUNT do
    bytes = bytes + stream.read_all(c, buf)
    if buf:sub(1, 4):get_u32be() == i and tostring(buf:sub(5)) == expected_tail then
        intact = intact + 1
    end
end
writer:join()
print('then', pcall(c.read_some, c, buf))
server:join()
acceptor:close()

print('bytes', bytes)
print('intact blocks', intact)
