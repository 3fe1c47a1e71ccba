-- A seqpacket pair carries 100 messages with 1 to 3 descriptors each. Every
-- descriptor is usable when it arrives (the receiver writes through it into
-- a pipe the sender reads), and the sender's own copies stay open.
local unix = require 'unix'
local pipe = require 'pipe'

local a, b = unix.seqpacket.socket.pair()
local COUNT = 100

local usable, kept_open, payload_ok, fd_total = 0, 0, 0, 0

local receiver = spawn(function()
    local buf = byte_span.new(64)
    for i = 1, COUNT do
        local n, fds = b:receive_with_fds(buf, 3)
        if tostring(buf:sub(1, n)) == 'message ' .. i then payload_ok = payload_ok + 1 end
        for k, fd in ipairs(fds) do
            local w = pipe.write_stream.new(fd)
            w:write_some(byte_span.append(string.char(64 + k)))
            w:close()
        end
    end
end)

for i = 1, COUNT do
    local nfds = (i % 3) + 1
    local readers, writers = {}, {}
    for k = 1, nfds do
        local r, w = pipe.pair()
        readers[k] = r
        writers[k] = w:release()
    end
    a:send_with_fds(byte_span.append('message ' .. i), writers)
    fd_total = fd_total + nfds
    local one = byte_span.new(1)
    for k = 1, nfds do
        if readers[k]:read_some(one) == 1 and one[1] == 64 + k then usable = usable + 1 end
        -- The sender's copy is still its own, open descriptor.
        if writers[k].type == 'fifo' then kept_open = kept_open + 1 end
        writers[k]:close()
        readers[k]:close()
    end
end
receiver:join()

print('messages intact', payload_ok)
print('descriptors sent', fd_total)
print('usable on arrival', usable)
print("sender's copies open", kept_open)
