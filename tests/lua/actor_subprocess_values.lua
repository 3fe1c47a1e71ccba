-- What crosses a process boundary (Emilua's rules for subprocess actors):
-- single leaves and flat dictionaries of string keys; inf, -inf, NaN and -0;
-- file descriptors (usable on arrival); addresses. Everything else is EINVAL
-- (a closed file_descriptor EBUSY) at send, in the parent and in the child.
local inbox = require 'inbox'
local pipe = require 'pipe'
local rules = require '/actor_subprocess/rules'

local ch = spawn_vm{ module = '/actor_subprocess/echo', subprocess = { stderr = 'share' } }
ch:send(inbox)
print('child side:')
while true do
    local line = inbox:receive()
    if line == 'end of rules' then break end
    -- The child's report lines, and the two values it was allowed to send.
    if type(line) == 'table' then print('', 'a table of ' .. #(function() local n = {} for k in pairs(line) do n[#n + 1] = k end return n end)() .. ' members')
    elseif #line == 255 then print('', 'a string of 255 bytes')
    else print('', line) end
end
print('parent side:')
for _, line in ipairs(rules.run(ch)) do print('', line) end
-- The 20-member table and the 255-byte string the parent sent come back.
local twenty = inbox:receive()
local count = 0
for _ in pairs(twenty) do count = count + 1 end
print('20 members back', count, twenty.k20)
print('255 bytes back', #inbox:receive())

local function roundtrip(v)
    ch:send(v)
    return inbox:receive()
end
print('numbers', roundtrip(math.huge), roundtrip(-math.huge), roundtrip(0/0) ~= roundtrip(0/0), 1 / roundtrip(-0.0))
-- 0/0 is -nan here; the wire has one NaN, the positive one, as in Emilua
print('nan', 0/0, roundtrip(0/0), roundtrip(-(0/0)))
print('leaves', roundtrip(true), roundtrip(false), roundtrip('text'), roundtrip(2^53))
local d = roundtrip{ a = 1, b = 'two', c = true }
print('dictionary', d.a, d.b, d.c)

local r, w = pipe.pair()
local back = roundtrip(w:release())
local w2 = pipe.write_stream.new(back)
w2:write_some(byte_span.append('through the child'))
w2:close()
local buf = byte_span.new(64)
print('fd', tostring(buf:sub(1, r:read_some(buf))))
ch:kill()
