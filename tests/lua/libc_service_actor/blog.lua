-- The actor of libc_service_actor.lua: opens /dev/null (the master hands a
-- pipe instead) and a real file (passed through), then reports.
local file = require 'file'
local fs = require 'filesystem'
local stream = require 'stream'

local f = file.stream.new()
f:open(fs.path.new('/dev/null'), {'read_only'})
print('actor read: ' .. tostring(stream.scanner.new{ stream = f }:get_line()))
f:close()

local g = file.stream.new()
g:open(fs.path.new('libc_service_actor/greeting.txt'), {'read_only'})
print('actor read: ' .. tostring(stream.scanner.new{ stream = g }:get_line()))
