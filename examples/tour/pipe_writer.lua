-- The actor of the tour's third section: receives the write end of a pipe,
-- writes one line into it and closes it.
local inbox = require 'inbox'
local pipe = require 'pipe'
local stream = require 'stream'

local fd = inbox:receive()
local writer = pipe.write_stream.new(fd)
stream.write_all(writer, byte_span.append('hello from a VM on another thread'))
writer:close()
