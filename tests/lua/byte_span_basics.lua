-- byte_span construction, metamethods (#, [], []=, ==, tostring), the
-- capacity property, binary bytes, and the errors of bad arguments.
local byte_span = require 'byte_span'

local function hex(bs)
    local out = {}
    for i = 1, #bs do out[i] = string.format('%02X', bs[i]) end
    return table.concat(out, ' ')
end

local function try(f, ...)
    local ok, err = pcall(f, ...)
    if ok then return 'ok', err end
    if type(err) ~= 'table' then return 'error' end
    return tostring(err) .. (err.arg and (' arg=' .. err.arg) or '')
end

print('module', type(byte_span), type(byte_span.new), type(byte_span.with_zeros), type(byte_span.append))
print('same table', require 'byte_span' == byte_span)

-- new / with_zeros
local bs = byte_span.new(3)
print('new(3)', type(bs), #bs, bs.capacity, getmetatable(bs))
bs = byte_span.new(2, 10)
print('new(2, 10)', #bs, bs.capacity)
bs = byte_span.new(0)
print('new(0)', #bs, bs.capacity, tostring(bs) == '')
local z = byte_span.with_zeros(2, 5)
print('with_zeros(2, 5)', #z, z.capacity, hex(z), hex(z:sub(1, 5)))
print('with_zeros(3)', hex(byte_span.with_zeros(3)))
print('new(2.9)', #byte_span.new(2.9))
print('new(-1)', try(byte_span.new, -1))
print('new(3, 2)', try(byte_span.new, 3, 2))
print('new(1, -1)', try(byte_span.new, 1, -1))
print('new("3")', try(byte_span.new, '3'))
print('new()', try(byte_span.new))
print('new(1, "x")', try(byte_span.new, 1, 'x'))
print('with_zeros(2, 1)', try(byte_span.with_zeros, 2, 1))

-- indexing
bs = byte_span.new(4)
bs[1] = 0
bs[2] = 255
bs[3] = 65
bs[4] = 10.7
print('bytes', bs[1], bs[2], bs[3], bs[4], bs[2.5])
print('tostring', tostring(bs) == '\0\255A\n', #tostring(bs))
print('index 0', try(function() return bs[0] end))
print('index 5', try(function() return bs[5] end))
print('index -1', try(function() return bs[-1] end))
print('set 256', try(function() bs[1] = 256 end))
print('set -1', try(function() bs[1] = -1 end))
print('set index 5', try(function() bs[5] = 1 end))
print('set "x"', try(function() bs[1] = 'x' end))
print('set key "x"', try(function() bs.x = 1 end))
print('set capacity', try(function() bs.capacity = 1 end))
print('unchanged', hex(bs))
print('unknown key', try(function() return bs.no_such_method end))
print('boolean key', try(function() return bs[true] end))
local ok, err = pcall(function() return bs.nope end)
print('bad_index fields', err.index, tostring(err.category))

-- binary bytes survive every path
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
local bin = byte_span.append(all)
print('binary', #bin, bin[1], bin[256], tostring(bin) == all)
local nul = byte_span.append('a\0b', '\0', byte_span.append('\255\0'))
print('nul', #nul, hex(nul), tostring(nul) == 'a\0b\0\255\0')
local copy = byte_span.new(4)
print('copy', copy:copy('\0\255\0\255\1'), hex(copy))
print('find nul', nul:find('\0'), nul:rfind('\0'), nul:find('\255\0'))

-- equality is byte-wise, not identity
local a, b = byte_span.append('same'), byte_span.append('sa', 'me')
print('eq', a == b, a == byte_span.append('diff'), rawequal(a, b), a == 'same')
print('eq empty', byte_span.new(0) == byte_span.new(0, 4), byte_span.new(1) == byte_span.new(0, 1))
print('eq slices', a:sub(1, 2) == b:first(2), a:sub(3) == byte_span.append('me'))

-- methods check self
print('sub on string', try(a.sub, 'abc', 1))
print('copy number', try(a.copy, a, 42))
print('copy nil', try(a.copy, a))
print('append table', try(a.append, a, 'x', {}))
print('module append bool', try(byte_span.append, 'x', true))
print('find table', try(a.find, a, {}))
print('find start "1"', try(a.find, a, 's', '1'))
print('starts_with nil', try(a.starts_with, a))
print('trimmed number', try(a.trimmed, a, 32))
print('get on table', try(a.get_u16be, {}))

-- fill
local f = byte_span.new(3, 5)
print('fill returns self', rawequal(f:fill(0x41), f), tostring(f), hex(f:sub(1, 5)))
f:fill(-1)
print('fill -1', hex(f))
f:fill(0x142)
print('fill 0x142', hex(f))
