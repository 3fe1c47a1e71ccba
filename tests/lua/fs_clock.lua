-- filesystem.clock and last_write_time: the clock's epoch, the UNIX epoch,
-- arithmetic (add/sub, + and -, rounding to nanoseconds), comparisons,
-- conversion to and from time.system_clock, and setting a file's time.
local fs = require 'filesystem'
local time = require 'time'
local system = require 'system'
local clock = fs.clock

local epoch, unix = clock.epoch(), clock.unix_epoch()
print('epoch', epoch.seconds_since_epoch, epoch.seconds_since_unix_epoch)
print('unix_epoch', unix.seconds_since_epoch, unix.seconds_since_unix_epoch)
print('types', getmetatable(epoch), epoch == clock.epoch(), epoch ~= unix, unix < epoch, unix <= unix)

local t = unix + 1.5
print('+', t.seconds_since_unix_epoch, (t - unix), (t - 0.5).seconds_since_unix_epoch)
t:add(0.25)
t:sub(1)
print('add/sub in place', t.seconds_since_unix_epoch)
print('nanosecond rounding', ((unix + 1e-9 * 2.5) - unix) * 1e9, ((unix + 1e-9 * 3.5) - unix) * 1e9)

local sys = unix:to_system()
print('to_system', getmetatable(sys), sys.seconds_since_epoch)
local back = clock.from_system(time.system_clock.epoch() + 86400)
print('from_system', back.seconds_since_unix_epoch, back.seconds_since_epoch)

local now = clock.now()
print('now after 2020', now.seconds_since_unix_epoch > 1577836800, now > unix)

local p = fs.path.new('/tmp') / ('emilua-ts-fs_clock-' .. system.getpid())
fs.remove_all(p)
fs.mknod(p, fs.mode(6, 4, 4), 0)
local written = fs.last_write_time(p)
print('new file time is recent', math.abs(written - clock.now()) < 60, written <= clock.now())
local chosen = unix + 1234567890.123456789
fs.last_write_time(p, chosen)
local read = fs.last_write_time(p)
print('set and read back', read == chosen, string.format('%.9f', read - unix))
fs.last_write_time(p, unix - 86400)
print('before 1970', fs.last_write_time(p).seconds_since_unix_epoch)
fs.remove(p)

local function try(f, ...)
    local ok, err = pcall(f, ...)
    return ok and 'ok' or tostring(err) .. (err.arg and (' arg=' .. err.arg) or '')
end
print('errors', try(function() return unix + (0 / 0) end), try(function() return unix + 1e300 end),
      try(function() return unix.nonexistent end), try(fs.last_write_time, p, 42),
      try(clock.from_system, 1))
