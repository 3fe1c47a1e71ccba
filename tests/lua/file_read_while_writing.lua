-- A read issued while another operation of the same file object is still
-- running (here a 16 MiB write on the thread pool) is queued behind it rather
-- than done at once, and both complete with the right bytes.
local file = require 'file'
local fs = require 'filesystem'
local system = require 'system'

local p = fs.path.new('/tmp') / ('emilua-ts-file_read_while_writing-' .. system.getpid())
local f = file.random_access.new()
f:open(p, { 'read_write', 'create', 'exclusive' })
print('first write', f:write_some_at(0, byte_span.append('hello')))

local big = byte_span.new(16 * 1024 * 1024)
big:fill(string.byte('z'))
local written
local writer = spawn(function() written = f:write_some_at(5, big) end)
this_fiber.yield()

local head = byte_span.new(5)
local n = f:read_some_at(0, head)
writer:join()
print('read during the write', n, tostring(head))
print('big write', written)

local tail = byte_span.new(3)
local m = f:read_some_at(5 + #big - 2, tail)
print('read after it', m, tostring(tail:first(m)))
f:close()
fs.remove(p)
