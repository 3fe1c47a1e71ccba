local inbox = require 'inbox'
local unix = require 'unix'
local m = inbox:receive()
local sock = unix.seqpacket.socket.new()
sock:assign(m.report)
sock:send(byte_span.append('worker' .. m.id))
m.reply:send{ id = m.id, context = _CONTEXT }
