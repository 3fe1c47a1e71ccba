-- Go-slice semantics: sub/first/last/trimmed share memory with their source,
-- a span may be re-sliced up to its capacity, and append writes in place
-- while the capacity suffices and reallocates past it.
local byte_span = require 'byte_span'

local function try(f, ...)
    local ok, err = pcall(f, ...)
    if ok then return 'ok' end
    return tostring(err) .. (err.arg and (' arg=' .. err.arg) or '')
end

-- Prints length, capacity and the bytes, non-printable ones as \ddd.
local function show(label, bs)
    local text = tostring(bs):gsub('[^%w%p ]', function(c) return '\\' .. c:byte() end)
    print(label, #bs, bs.capacity, text)
end

-- sub
local base = byte_span.new(4, 8)
base:copy('abcd')
show('base', base)
show('sub()', base:sub())
show('sub(2)', base:sub(2))
show('sub(2, 3)', base:sub(2, 3))
local grown = base:sub(1, 8)
show('sub(1, 8)', grown)
grown[6] = 0x46
show('sub(5, 8)', base:sub(5, 8))
local tail = base:sub(3, 6)
tail[1] = 0x43
show('base after tail[1]', base)
show('sub(5, 4)', base:sub(5, 4))
show('sub(9, 8)', base:sub(9, 8))
show('sub(3, 2.9)', base:sub(3, 2.9))
print('sub(0)', try(base.sub, base, 0))
print('sub(-1)', try(base.sub, base, -1))
print('sub(1, 9)', try(base.sub, base, 1, 9))
print('sub(4, 2)', try(base.sub, base, 4, 2))
print('sub(6)', try(base.sub, base, 6))
print('sub("1")', try(base.sub, base, '1'))
print('sub(1, {})', try(base.sub, base, 1, {}))
local short = byte_span.new(1, 3)
print('new(1, 3):sub(3)', try(short.sub, short, 3))
print('new(1, 3):sub(3, 1)', try(short.sub, short, 3, 1))

-- first / last
local nums = byte_span.new(4, 6)
for i = 1, 4 do nums[i] = i end
local f = nums:first(3)
print('first(3)', #f, f.capacity, f[1], f[2], f[3])
f = nums:first(6)
print('first(6) grows', #f, f.capacity)
print('first(7)', try(nums.first, nums, 7))
print('first(-1)', try(nums.first, nums, -1))
local l = nums:last(3)
print('last(3)', #l, l.capacity, l[1], l[2], l[3])
print('last(4) is self', rawequal(nums:last(4), nums))
print('last(0)', #nums:last(0), nums:last(0).capacity)
print('last(5)', try(nums.last, nums, 5))
l[1] = 20
print('write through last', nums[2])

-- append within the capacity: same memory
local buf = byte_span.new(0, 8)
local a = buf:append('ab')
local b = a:append('cd', nil, byte_span.append('ef'))
show('a', a)
show('b', b)
print('a sees b', tostring(a:sub(1, 6)))
-- Appending again to `a` overwrites what `b` had past a's length.
local c = a:append('XY')
show('c', c)
show('b after', b)
-- Past the capacity: a new allocation sized to fit.
local d = b:append('ghi')
show('d', d)
d[1] = 0x7A
show('b untouched', b)
show('d', d)
print('append() is self', rawequal(a:append(), a))
show('append nothing', byte_span.new(0):append('', nil))
show('module append', byte_span.append('x', nil, '', byte_span.append('yz')))
show('module append()', byte_span.append())
-- A span appended onto itself.
local twice = byte_span.new(3, 10)
twice:copy('abc')
show('self append', twice:append(twice, twice:sub(2, 3)))

-- copy between overlapping slices
local mem = byte_span.append('0123456789')
print('copy right', mem:sub(3):copy(mem), tostring(mem))
mem = byte_span.append('0123456789')
print('copy left', mem:copy(mem:sub(3)), tostring(mem))
print('copy shorter', mem:first(2):copy('zzzz'), tostring(mem))

-- trimmed shares memory too
local padded = byte_span.append('  hello  ')
local t = padded:trimmed()
show('trimmed', t)
t:inplace_upper()
show('padded after', padded)
show('grow trimmed', t:sub(1, t.capacity))
