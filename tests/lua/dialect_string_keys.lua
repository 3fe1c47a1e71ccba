-- Strings as table keys and in comparisons go by their bytes: two different
-- strings are two different keys, and `<` is byte order.
local t = {}
t['\1#'] = 'one-hash'
t['\18\3'] = 'eighteen-three'
t['a\0b'] = 'with a zero'
print(t['\1#'], t['\18\3'], t['a\0b'], t['a\0c'], t['ab'])

local count = 0
for _ in pairs(t) do count = count + 1 end
print('keys', count)

print('\15' < '\16', '\1#' < '\18\3', '\255' > '\127', 'a' < 'a\0', 'Z' < 'a', '' < '\0')

local words = { '\16', '\15', 'b', 'a\0', 'a', '\255', '\1#', '\18\3' }
table.sort(words)
local shown = {}
for i, w in ipairs(words) do shown[i] = w:gsub('.', function(c) return string.format('%02x', c:byte()) end) end
print(table.concat(shown, ' '))

-- Keys longer than a few kilobytes.
local long1 = string.rep('x', 20000) .. '1'
local long2 = string.rep('x', 20000) .. '2'
local u = { [long1] = 1, [long2] = 2 }
print(u[long1], u[long2], u[string.rep('x', 20000) .. '1'], long1 < long2)
