-- unix.datagram sockets bound to paths in a temporary directory: send_to,
-- receive_from (the sender's path), connect/send/receive, local/remote_path,
-- descriptors through send_to_with_fds/receive_from_with_fds.
local unix = require 'unix'
local fs = require 'filesystem'
local system = require 'system'

local dir = fs.temp_directory_path() / ('emilua-ts-unix-dgram-' .. system.getpid())
fs.create_directory(dir)

local server = unix.datagram.socket.new()
server:open()
server:bind(dir / 'server.sock')
print('server bound', server.local_path == dir / 'server.sock')

local client = unix.datagram.socket.new()
client:open()
client:bind(tostring(dir / 'client.sock'))

print('sent', client:send_to(byte_span.append('hello'), dir / 'server.sock'))
local buf = byte_span.new(64)
local n, from = server:receive_from(buf)
print('received', n, tostring(buf:sub(1, n)), from == dir / 'client.sock')

server:connect(dir / 'client.sock')
print('remote path', server.remote_path == dir / 'client.sock')
server:send(byte_span.append('reply'))
n = client:receive(buf)
print('reply', tostring(buf:sub(1, n)))

-- An empty datagram is a datagram, not the end of anything.
client:send_to(byte_span.new(0), dir / 'server.sock')
print('empty datagram', server:receive(buf))

-- A descriptor travels with a datagram.
local pipe = require 'pipe'
local r, w = pipe.pair()
local wfd = w:release()
client:send_to_with_fds(byte_span.append('fd'), dir / 'server.sock', {wfd})
local n2, from2, fds = server:receive_from_with_fds(buf, 1)
print('with fds', n2, from2 == dir / 'client.sock', #fds, fds[1].type)
pipe.write_stream.new(fds[1]):write_some(byte_span.append('!'))
local one = byte_span.new(1)
r:read_some(one)
print('through it', tostring(one))
wfd:close()

-- Peeking leaves the datagram queued.
client:send_to(byte_span.append('peek'), dir / 'server.sock')
n = server:receive(buf, {'peek'})
local again = server:receive(buf)
print('peek', n, again)
print('bad flag', pcall(server.receive, server, buf, {'nope'}))

server:close()
client:close()
fs.remove_all(dir)
print('cleaned', fs.exists(dir))
