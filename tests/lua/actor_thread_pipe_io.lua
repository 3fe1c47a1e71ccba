-- I/O inside an actor on another thread: its pipes, timers and the thread
-- pool (a regular file) work there as on the main thread, while the main
-- VM keeps doing its own pipe I/O at the same time.
local inbox = require 'inbox'
local pipe = require 'pipe'
local stream = require 'stream'
local time = require 'time'

local function copy_through_pipe(bytes)
    local r, w = pipe.pair()
    local writer = spawn(function()
        local chunk = byte_span.new(4096)
        for i = 1, #chunk do chunk[i] = i % 251 end
        local left = bytes
        while left > 0 do
            local n = math.min(left, #chunk)
            stream.write_all(w, chunk:first(n))
            left = left - n
        end
        w:close()
    end)
    local buf = byte_span.new(1000)
    local got, sum = 0, 0
    while true do
        local ok, n = pcall(r.read_some, r, buf)
        if not ok then break end
        for i = 1, n do sum = (sum + buf[i]) % 65521 end
        got = got + n
    end
    writer:join()
    return got, sum
end

if _CONTEXT == 'main' then
    local far = spawn_vm{ module = '.', inherit_context = false }
    far:send(inbox)
    print('main', copy_through_pipe(300000))
    local reply = inbox:receive()
    print('far', reply.got, reply.sum, reply.slept, reply.file)
    far:send('stop')
else
    local main = inbox:receive()
    local got, sum = copy_through_pipe(300000)
    local before = time.steady_clock.now()
    time.sleep(0.02)
    local slept = time.steady_clock.now() - before >= 0.02
    local file = require 'file'
    local f = file.stream.new()
    f:open(require('filesystem').path.new('actor_thread_pipe_io.lua'), { 'read_only' })
    local head = byte_span.new(2)
    f:read_some(head)
    main:send{ got = got, sum = sum, slept = slept, file = tostring(head) }
    inbox:receive()
end
