-- time.date: calendar days with a time zone offset (seconds east of UTC),
-- read-write fields that refuse invalid dates, and add_days().
local time = require 'time'
local date = time.date

local function try(f, ...)
    local ok, e = pcall(f, ...)
    if ok then return 'ok' end
    if type(e) ~= 'table' then return tostring(e) end
    local out = tostring(e.category) .. ': ' .. tostring(e)
    if e.arg ~= nil then out = out .. ' (arg ' .. tostring(e.arg) .. ')' end
    if e.index ~= nil then out = out .. ' (index ' .. tostring(e.index) .. ')' end
    return out
end

local d = date.from_utc(2024, 2, 28)
print(d, d.year, d.month, d.day, d.timezone, getmetatable(d))
d:add_days(1) print(d)                 -- leap day
d:add_days(1) print(d)
d:add_days(-60) print(d)               -- back into the previous year
d:add_days(365 * 400 + 97) print(d)    -- one Gregorian cycle later
d:add_days(0) print(d)

local n = date.new(1999, 12, 31, -10800)
print(n, n.timezone)
n:add_days(1) print(n, n.timezone)
n.timezone = 19800 print(n.timezone)
n.year = 2001 n.month = 6 n.day = 30 print(n)
print(date.new(5, 1, 9, 0), date.new(-44, 3, 15, 0), date.from_utc(0, 2, 29))

print('-- equality')
print(date.from_utc(2020, 5, 5) == date.new(2020, 5, 5, 0), date.from_utc(2020, 5, 5) == date.new(2020, 5, 5, 3600))

print('-- from_local has the process time zone offset')
local l = date.from_local(2024, 6, 1)
print(l, l.timezone % 60 == 0, l.timezone > -86400 and l.timezone < 86400)

print('-- refused')
print(try(date.from_utc, 2023, 2, 29))
print(try(date.from_utc, 2024, 13, 1))
print(try(date.from_utc, 2024, 0, 1))
print(try(date.from_utc, 2024, 4, 31))
print(try(date.from_utc, 2024, 1, 1.5))
print(try(date.from_utc, '2024', 1, 1))
print(try(date.from_local, 2024, 1))
print(try(date.new, 2024, 1, 1))
print(try(date.new, 2024, 1, 1, 86400))
print(try(date.new, 2024, 1, 1, 0.5))
local v = date.from_utc(2024, 1, 31)
print(try(function() v.month = 2 end), v)
print(try(function() v.day = 32 end), v)
print(try(function() v.year = 'x' end), v)
print(try(function() v.timezone = -90000 end), v.timezone)
print(try(function() v.hour = 1 end))
print(try(function() return v.hour end))
print(try(v.add_days, v, 'x'), try(v.add_days, {}, 1))
