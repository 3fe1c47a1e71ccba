-- Numbers behave as LuaJIT's doubles: no 32-bit wrap-around, integral values
-- print without a fraction, and every conversion path agrees.
local s = 0
for i = 1, 100000 do s = s + i end
print(s)
print(2^31 + 1, 4294967294, 12345678901)
print(2^31 * 4, 0x7fffffff + 1, -2^31 - 1)
print(#'abc' * 2^32)

local values = {10 / 2, 2^53, 1e15, 1 / 0, -1 / 0, 3.25, 1e100, 0.1, -0.0 + 0, 100}
for _, v in ipairs(values) do
    print(v, tostring(v), '' .. v, string.format('%s', v))
end

local nan = tostring(0 / 0)
print(nan == 'nan' or nan == '-nan')
print(math.floor(3.7), math.huge, -math.huge, math.max(1, 2.5))
