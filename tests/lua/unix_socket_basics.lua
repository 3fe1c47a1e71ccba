-- unix sockets: objects, errors, close/cancel/release/assign, end of file,
-- listen() with a mode on a path, acceptor wait(), and the limits of
-- receive_with_fds.
local unix = require 'unix'
local fs = require 'filesystem'
local system = require 'system'
local stream = require 'stream'

local function try(f, ...)
    local ok, e = pcall(f, ...)
    if ok then return 'ok' end
    if type(e) == 'table' then
        local extra = ''
        if e.arg ~= nil then extra = ' arg=' .. tostring(e.arg) end
        return tostring(e.category) .. ': ' .. tostring(e) .. extra
    end
    return tostring(e)
end

print(getmetatable(unix.stream.socket.new()), getmetatable(unix.seqpacket.acceptor.new()))

local s = unix.stream.socket.new()
print('new', s.is_open, try(s.read_some, s, byte_span.new(1)))
s:open()
print('open', s.is_open, try(s.open, s))
print('bad key', try(function() return s.nope end))
s:close()
s:close()
print('closed', s.is_open, try(s.release, s))

-- release() and assign() move the descriptor between objects.
local a, b = unix.stream.socket.pair()
local fd = a:release()
print('released', a.is_open, fd.type)
print('is_socket', fd:is_socket('unix', 'stream'))
local a2 = unix.stream.socket.new()
a2:assign(fd)
print('assigned', a2.is_open, try(tostring, fd))
stream.write_all(a2, 'via assign')
local buf = byte_span.new(32)
print('read', tostring(buf:sub(1, b:read_some(buf))))
print('bytes readable', b:io_control('bytes_readable'), try(b.io_control, b, 'nope'))

-- cancel() aborts a pending read with operation_aborted.
local reader = spawn(function()
    print('cancelled read', try(b.read_some, b, buf))
end)
this_fiber.yield()
b:cancel()
reader:join()

-- shutdown('send') is seen as end of file by the peer.
a2:shutdown('send')
print('after shutdown', try(b.read_some, b, buf))
print('bad shutdown', try(b.shutdown, b, 'sideways'))

-- seqpacket: a zero-byte message reads as end of file.
local p, q = unix.seqpacket.socket.pair()
p:send(byte_span.new(0))
print('empty packet', try(q.receive, q, buf))
p:send(byte_span.append('whole message'))
print('short buffer', q:receive(byte_span.new(5)))

-- receive_with_fds limits.
print('maxfds 254', try(q.receive_with_fds, q, buf, 254))
print('maxfds -1', try(q.receive_with_fds, q, buf, -1))
print('not fds', try(p.send_with_fds, p, buf, {'x'}))
local closed_fd = p:release()
closed_fd:close()
local p2, q2 = unix.seqpacket.socket.pair()
print('closed fd', try(p2.send_with_fds, p2, buf, {closed_fd}))

-- More descriptors than asked for: they are closed, the error says why.
local r1, w1 = require('pipe').pair()
local extra = w1:release()
p2:send_with_fds(byte_span.append('three'), {extra, extra, extra})
local ok, err = pcall(q2.receive_with_fds, q2, buf, 2)
print('too many', ok, tostring(err), err.truncated, err.closed_fds)
-- A payload longer than the buffer: same.
p2:send_with_fds(byte_span.append('a long message'), {extra})
ok, err = pcall(q2.receive_with_fds, q2, byte_span.new(4), 1)
print('payload cut', ok, tostring(err), err.truncated, err.closed_fds)
-- The connection still works afterwards.
p2:send_with_fds(byte_span.append('fine'), {extra})
local n, fds = q2:receive_with_fds(buf, 1)
print('then', tostring(buf:sub(1, n)), #fds)
fds[1]:close()
local _, capsicum = pcall(extra.cap_rights_limit, extra, {'read'})
print('capsicum', tostring(capsicum.category), tostring(capsicum), capsicum.reason)
extra:close()

-- listen() with a mode on a path: the socket file gets exactly that mode.
local dir = fs.temp_directory_path() / ('emilua-ts-unix-basics-' .. system.getpid())
fs.create_directory(dir)
local path = dir / 'listener.sock'
local acceptor = unix.stream.listen(tostring(path), fs.mode(6, 4, 0))
print('socket file', fs.status(path).type, string.format('%o', fs.status(path).mode))
print('address in use', try(unix.stream.listen, tostring(path)))

-- wait('read') reports a pending connection without taking it.
local waiter = spawn(function()
    acceptor:wait('read')
    print('wait: a connection is pending')
    local c = acceptor:accept()
    print('accepted', c.is_open)
end)
local dialed = unix.stream.socket.new()
dialed:connect(path)
waiter:join()
print('bad wait', try(acceptor.wait, acceptor, 'sideways'))
print('connect to nothing', try(unix.stream.dial, tostring(dir / 'none.sock')))
local long = string.rep('x', 200)
print('long path', try(unix.stream.dial, long))
acceptor:close()
fs.remove_all(dir)
