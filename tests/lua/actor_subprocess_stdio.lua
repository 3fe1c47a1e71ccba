-- subprocess.stdin/stdout/stderr: nil is a pipe end whose other end is
-- closed (reads give end of file, writes EPIPE), "share" is ours, a
-- file_descriptor is used as given.
local inbox = require 'inbox'
local pipe = require 'pipe'

local function run(stdio)
    local ch = spawn_vm{ module = '/actor_subprocess/stdio', subprocess = stdio }
    ch:send(inbox)
    local m = inbox:receive()
    print('stdin: ' .. m.stdin, 'stdout: ' .. m.stdout, 'stderr: ' .. m.stderr)
end

run{}
run{ stdout = 'share' }
local r, w = pipe.pair()
local wfd = w:release()
run{ stdout = 'share', stderr = wfd }
wfd:close()
local buf = byte_span.new(64)
print('from the fd: ' .. tostring(buf:sub(1, r:read_some(buf))))
