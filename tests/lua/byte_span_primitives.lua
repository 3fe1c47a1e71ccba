-- byte_span's get_*/set_*: every width, both byte orders, signed and unsigned,
-- values past 2^31 and up to 2^48 kept exact, and EINVAL for a span of the
-- wrong size.
local byte_span = require 'byte_span'

local function hex(bs)
    local out = {}
    for i = 1, #bs do out[i] = string.format('%02X', bs[i]) end
    return table.concat(out, ' ')
end

local function int(n) return string.format('%.0f', n) end

local widths = { u16 = 2, u24 = 3, u32 = 4, u40 = 5, u48 = 6,
                 i16 = 2, i24 = 3, i32 = 4, i40 = 5, i48 = 6 }
local cases = {
    { 'u16', { 0, 1, 0x1234, 65535, 65536 + 7, -1 } },
    { 'u24', { 0x123456, 16777215, -2 } },
    { 'u32', { 0x12345678, 4294967294, 2^31, 2^32 + 3, -1 } },
    { 'u40', { 0x12345678 * 2^8 + 0x9A, 2^40 - 1, 2^39 + 1 } },
    { 'u48', { 0x12345678 * 2^16 + 0x9ABC, 2^47 + 5, 2^48 - 1, 2^48 + 1 } },
    { 'i16', { 0x1234, -1, -32768, 32767, 32768 } },
    { 'i24', { -1, -8388608, 8388607, -2 } },
    { 'i32', { -2, -2147483648, 2147483647, 2^31 } },
    { 'i40', { -1, -(2^39), 2^39 - 1, -123456789012 } },
    { 'i48', { -1, -(2^47), 2^47 - 1, 2^47 + 5, -(2^47 + 5) + 16 } },
}

for _, case in ipairs(cases) do
    local name, values = case[1], case[2]
    local width = widths[name]
    for _, order in ipairs({ 'be', 'le' }) do
        local bs = byte_span.new(width)
        for _, v in ipairs(values) do
            bs['set_' .. name .. order](bs, v)
            print(name .. order, int(v), hex(bs), int(bs['get_' .. name .. order](bs)))
        end
    end
end

-- i8 has no byte order suffix
local one = byte_span.new(1)
for _, v in ipairs({ 0, 1, 127, 128, 255, -1, -128, 256 + 5 }) do
    one:set_i8(v)
    print('i8', v, hex(one), one:get_i8(), one[1])
end

-- Exactness where doubles matter.
local bs = byte_span.append('\254\255\255\255')
print('u32le FE FF FF FF', int(bs:get_u32le()), bs:get_u32le() == 4294967294)
print('i32le FE FF FF FF', bs:get_i32le())
local six = byte_span.new(6)
six:set_u48be(2^47 + 5)
print('u48be 2^47+5', hex(six), six:get_u48be() == 2^47 + 5)
six:set_i48le(2^47 + 5)
print('i48le 2^47+5 wraps', hex(six), six:get_i48le() == 2^47 + 5 - 2^48)
six:set_i48be(-(2^47 + 5) + 2^48)
print('i48be 2^48-2^47-5', hex(six), six:get_i48be() == 2^47 - 5)
six:set_i48le(-(2^47) + 5)
print('i48le -2^47+5', hex(six), six:get_i48le() == -(2^47) + 5)
six:set_u48le(2^47 + 5)
print('u48le 2^47+5', hex(six), six:get_u48le() == 2^47 + 5)

-- Fractions truncate toward zero, as a C cast does.
local two = byte_span.new(2)
two:set_i16be(-3.9)
print('i16be -3.9', hex(two), two:get_i16be())
two:set_u16le(513.99)
print('u16le 513.99', hex(two), two:get_u16le())

-- Floats
local f4, f8 = byte_span.new(4), byte_span.new(8)
for _, v in ipairs({ 1, -2.5, 0.5, 65504, 1/0, -1/0 }) do
    f4:set_f32be(v)
    local be = hex(f4)
    f4:set_f32le(v)
    print('f32', v, be, '|', hex(f4), f4:get_f32le())
end
f4:set_f32be(0.1)
print('f32be 0.1', hex(f4), f4:get_f32be() == 0.1, string.format('%.9g', f4:get_f32be()))
f4:set_f32le(0/0)
local nan = f4:get_f32le()
print('f32le nan', nan ~= nan)
for _, v in ipairs({ 1, -2.5, 0.1, 2^53 + 2, 1e308, -1/0 }) do
    f8:set_f64be(v)
    local be, from_be = hex(f8), f8:get_f64be()
    f8:set_f64le(v)
    print('f64', v, be, '|', hex(f8), from_be == v, f8:get_f64le() == v)
end
f8:set_f64be(0/0)
nan = f8:get_f64be()
print('f64be nan', nan ~= nan)

-- Unaligned reads through a slice.
local mixed = byte_span.append('\0\1\2\3\4\5\6\7\8\9')
print('u32be of 2..5', mixed:sub(2, 5):get_u32be() == 0x01020304)
mixed:sub(4, 7):set_u32le(0xAABBCCDD)
print('after set_u32le on 4..7', hex(mixed))

-- The size must match exactly.
local function fails(bs, method, ...)
    local ok, err = pcall(bs[method], bs, ...)
    if ok then return 'no error' end
    return tostring(err) .. ' arg=' .. tostring(err.arg)
end
for _, n in ipairs({ 0, 1, 3, 5, 7, 9 }) do
    local bs = byte_span.new(n)
    print(n, 'get_u16be', fails(bs, 'get_u16be'), 'set_i32le', fails(bs, 'set_i32le', 1),
          'get_f64le', fails(bs, 'get_f64le'), 'set_i8', fails(bs, 'set_i8', 1))
end
print('get_u48be on 5', fails(byte_span.new(5), 'get_u48be'))
print('set_f32be on 8', fails(byte_span.new(8), 'set_f32be', 1))
print('get_i24le on 4', fails(byte_span.new(4), 'get_i24le'))
print('set_u40le on 6', fails(byte_span.new(6), 'set_u40le', 1))
print('first(2) of a 6-byte span', byte_span.new(6):first(2):get_u16be())
