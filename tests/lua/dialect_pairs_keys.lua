-- Keys that pairs() and next() return are numbers like any other: arithmetic
-- on them does not wrap at 32 bits.
local t = {}
for i = 1, 3 do t[i] = true end
t[50000] = true
t[2^40] = true
local squares = {}
for k in pairs(t) do squares[#squares + 1] = k * k end
table.sort(squares)
for _, v in ipairs(squares) do print(v) end

local k = next({[70000] = 'x'})
print(k * k, k == 70000, ({[70000] = 'found'})[k])

-- The key handed back to next() still finds its place.
local seen = 0
local u = {[1] = 'a', [2] = 'b', [65536] = 'c'}
local key, value = next(u)
while key ~= nil do
    seen = seen + 1
    assert(u[key] == value)
    key, value = next(u, key)
end
print(seen)
