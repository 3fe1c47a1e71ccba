-- stream.read_all/read_at_least/write_all/write_at_least work over any
-- object with read_some/write_some: pipes, and here a Lua table that hands
-- out at most 3 bytes per call.
local pipe = require 'pipe'
local stream = require 'stream'

local function try(f, ...)
    local ok, e = pcall(f, ...)
    if ok then return 'ok' end
    local extra = e.arg ~= nil and (' arg=' .. tostring(e.arg)) or ''
    return tostring(e.category) .. ': ' .. tostring(e) .. extra
end

local trickle = { data = 'abcdefghijklmnopqrstuvwxyz', pos = 1, written = {} }
function trickle:read_some(buf)
    if self.pos > #self.data then error('trickle: no more data') end
    local n = math.min(3, #buf, #self.data - self.pos + 1)
    buf:sub(1, n):copy(self.data:sub(self.pos, self.pos + n - 1))
    self.pos = self.pos + n
    return n
end
function trickle:write_some(buf)
    local n = math.min(3, #buf)
    self.written[#self.written + 1] = tostring(buf:sub(1, n))
    return n
end

local buf = byte_span.new(10)
print('read_all', stream.read_all(trickle, buf), tostring(buf))
print('read_at_least', stream.read_at_least(trickle, buf, 4), tostring(buf:sub(1, 6)))
print('write_all', stream.write_all(trickle, 'hello world'), table.concat(trickle.written, '|'))
trickle.written = {}
print('write_at_least', stream.write_at_least(trickle, byte_span.append('0123456789'), 5),
      table.concat(trickle.written, '|'))

print('bad buffer', try(stream.read_all, trickle, 'x'))
print('bad minimum', try(stream.read_at_least, trickle, buf, 11))
print('bad minimum', try(stream.write_at_least, trickle, buf, 'x'))
print('bad data', try(stream.write_all, trickle, 42))

-- Over a pipe, with the writer in another fiber.
local r, w = pipe.pair()
spawn(function()
    stream.write_all(w, string.rep('x', 100000))
    stream.write_all(w, byte_span.append('tail'))
    w:close()
end)
local big = byte_span.new(100004)
print('pipe read_all', stream.read_all(r, big), tostring(big:sub(100001)))
print('after the end', try(stream.read_all, r, buf))
local r2, w2 = pipe.pair()
w2:write_some(byte_span.append('short'))
w2:close()
print('end of file inside read_all', try(stream.read_all, r2, buf))
