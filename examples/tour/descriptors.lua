-- File descriptors: pipes and UNIX sockets are streams a fiber reads and
-- writes without blocking the others. A descriptor can travel to another
-- actor inside a message, or to another process over a UNIX socket
-- (SCM_RIGHTS): this is how an actor is given access to one file and no more.
local inbox = require 'inbox'
local pipe = require 'pipe'
local stream = require 'stream'
local unix = require 'unix'

title = 'Descriptors: pipes, UNIX sockets and passing file descriptors'

local function read_everything(reader)
    local buffer = byte_span.new(256)
    local text = ''
    while true do
        local ok, n = pcall(reader.read_some, reader, buffer)
        if not ok then break end -- end of stream
        text = text .. tostring(buffer:first(n))
    end
    return text
end

function run()
    -- A pipe within one actor: a writer fiber and this fiber as the reader.
    local reader, writer = pipe.pair()
    spawn(function()
        stream.write_all(writer, byte_span.append('through a pipe'))
        writer:close()
    end)
    print(format('   read from a pipe: {}', read_everything(reader)))
    reader:close()

    -- The write end of a pipe sent to an actor on another thread: it writes,
    -- this actor reads.
    reader, writer = pipe.pair()
    local far = spawn_vm{ module = '/pipe_writer', inherit_context = false }
    local fd = writer:release()
    far:send(fd)
    -- The message carried a duplicate: close this VM's copy, or the reader
    -- would never see the end of the stream.
    fd:close()
    print(format('   an actor on another thread wrote: {}', read_everything(reader)))
    reader:close()

    -- A descriptor carried over a UNIX socket pair with SCM_RIGHTS.
    local a, b = unix.seqpacket.socket.pair()
    reader, writer = pipe.pair()
    local passed = writer:release()
    a:send_with_fds(byte_span.append('here is a pipe'), { passed })
    passed:close() -- the receiver has its own descriptor now
    local buffer = byte_span.new(64)
    local n, fds = b:receive_with_fds(buffer, 1)
    local received = pipe.write_stream.new(fds[1])
    stream.write_all(received, byte_span.append('written through the passed descriptor'))
    received:close()
    print(format('   over a UNIX socket came "{}" and one descriptor', tostring(buffer:first(n))))
    print(format('   read back: {}', read_everything(reader)))
    reader:close()
    a:close()
    b:close()
end
