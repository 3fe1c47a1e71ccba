-- Cancelling the fiber of a send_with_fds that waits on a full socket closes
-- the duplicates of the descriptors it was to send: the process has as many
-- descriptors open after the cancellation as before the send started.
local unix = require 'unix'
local pipe = require 'pipe'
local filesystem = require 'filesystem'

local function open_fds()
    local n = 0
    for _ in filesystem.directory_iterator(filesystem.path.new('/proc/self/fd')) do n = n + 1 end
    return n
end

local a, b = unix.stream.socket.pair()
local fds = {}
for k = 1, 8 do
    local r, w = pipe.pair()
    fds[k] = w:release()
    r:close()
end
local big = byte_span.new(65536)

-- One wait first: the readiness watcher it creates stays for the process.
local warm = spawn(function() b:read_some(byte_span.new(1)) end)
this_fiber.yield()
a:write_some(byte_span.append('x'))
warm:join()

local before = open_fds()
local sent = 0
local sender = spawn(function()
    while true do
        a:send_with_fds(big, fds)
        sent = sent + 1
    end
end)
-- Let the sender fill the socket until it waits.
local last = -1
while sent ~= last do
    last = sent
    for _ = 1, 5 do this_fiber.yield() end
end
print('waiting with the 8 copies open', open_fds() - before >= 8)
sender:cancel()
sender:join()
print('descriptors left open', open_fds() - before)
b:close()
a:close()
