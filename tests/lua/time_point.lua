-- Clocks and time point arithmetic. Only values derived from epoch() are
-- printed; now() is only compared.
local time = require 'time'

local steady = time.steady_clock
local e = steady.epoch()
print('epoch:', e.seconds_since_epoch, getmetatable(e))

local tp = e + 1.5
print('e + 1.5:', tp.seconds_since_epoch)
print('tp - e:', tp - e, 'e - tp:', e - tp)
print('tp - 0.5:', (tp - 0.5).seconds_since_epoch)
print('operands unchanged:', e.seconds_since_epoch, tp.seconds_since_epoch)

-- add() and sub() modify the time point itself.
tp:add(0.25)
print('after add(0.25):', tp.seconds_since_epoch)
tp:sub(1.75)
print('after sub(1.75):', tp.seconds_since_epoch)
print('==', tp == e, '<', tp < e, '<=', tp <= e, '>', tp > e)

local later = e + 2
print('e < later:', e < later, 'later <= e:', later <= e, 'later >= e:', later >= e)

-- Durations become whole nanoseconds, ties rounding to even.
print('0.5 ns:', (e + 0.5e-9) == e)
print('1.5 ns:', ((e + 1.5e-9) - e) * 1e9)
print('2.5 ns:', ((e + 2.5e-9) - e) * 1e9)
print('3.5 ns:', ((e + 3.5e-9) - e) * 1e9)
print('1 ns:', ((e + 1e-9) - e) * 1e9)

-- Errors
local ok, err = pcall(function() return e + 0 / 0 end)
print('NaN:', ok, err, err.arg, err.category)
ok, err = pcall(function() return e + math.huge end)
print('infinity:', ok, err, err.arg)
ok, err = pcall(function() return e + 1e12 end)
print('too far:', ok, err)
ok, err = pcall(e.add, e, -1e300)
print('add too far:', ok, err)
ok, err = pcall(function() return e - 'x' end)
print('e - string:', ok, err, err.arg)
ok, err = pcall(function() return e < time.system_clock.epoch() end)
print('steady < system:', ok, err, err.arg)
print('steady == system:', e == time.system_clock.epoch())
ok, err = pcall(function() return e.seconds end)
print('unknown key:', ok, err, err.index)
ok, err = pcall(e.add, {}, 1)
print('add with a bad self:', ok, err, err.arg)

-- now() moves forward.
local n1 = steady.now()
local n2 = steady.now()
print('steady now() ordered:', n1 <= n2, n1 > e)
print('system now() after 2020:', time.system_clock.now().seconds_since_epoch > 1577836800)
local sys = time.system_clock.epoch() + 86400
print('system epoch + 1 day:', sys.seconds_since_epoch, getmetatable(sys))

-- high_resolution_clock time points: comparisons and tp - tp only.
local hr = time.high_resolution_clock
local h1, h2 = hr.now(), hr.now()
print('is_steady:', hr.is_steady, 'h1 <= h2:', h1 <= h2, 'h2 - h1 >= 0:', h2 - h1 >= 0)
ok, err = pcall(function() return h1.add end)
print('no add method:', ok, err, err.index)
ok, err = pcall(function() return h1 - 1 end)
print('hr - number:', ok, err, err.arg)
ok, err = pcall(function() return h1 + 1 end)
print('hr + number:', ok)
print('hr epoch:', hr.epoch().seconds_since_epoch, getmetatable(h1))
