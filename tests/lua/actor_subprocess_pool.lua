-- A pool of 8 subprocess workers. Each gets the same send end of one
-- seqpacket socketpair (a file_descriptor) and this actor's inbox; each
-- reports on both. All 8 reports arrive on the socket and in the inbox.
local inbox = require 'inbox'
local unix = require 'unix'

local ours, theirs = unix.seqpacket.socket.pair()
local send_end = theirs:release()

local COUNT = 8
local workers = {}
for i = 1, COUNT do
    workers[i] = spawn_vm{ module = '/actor_subprocess/pool_worker', subprocess = { stderr = 'share' } }
    workers[i]:send{ id = i, report = send_end, reply = inbox }
end
send_end:close()

local on_socket, in_inbox = {}, {}
local buf = byte_span.new(64)
for _ = 1, COUNT do
    on_socket[#on_socket + 1] = tostring(buf:sub(1, ours:receive(buf)))
    local m = inbox:receive()
    in_inbox[#in_inbox + 1] = m.id .. ':' .. m.context
end
table.sort(on_socket)
table.sort(in_inbox)
print(table.concat(on_socket, ' '))
print(table.concat(in_inbox, ' '))
