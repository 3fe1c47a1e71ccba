-- The actor of libc_service_actor_calls.lua: each call below is answered by
-- the master (or by a filter alone); the actor prints what it got.
local fs = require 'filesystem'
local unix = require 'unix'
local ip = require 'ip'
local stream = require 'stream'

local function show(label, ok, ...)
    if ok then
        print(label, ...)
    else
        local err = ...
        print(label, 'error', err.code and tostring(err) or err)
    end
end

local virtual = fs.path.new('/virtual/file')
local status = fs.status(virtual)
print('status', status.type, status.mode)
print('size', fs.file_size(virtual), 'links', fs.hardlink_count(virtual))
print('exists /virtual/missing', fs.exists(fs.path.new('/virtual/missing')))
show('remove /protected/x', pcall(fs.remove, fs.path.new('/protected/x')))
show('rename', pcall(fs.rename, fs.path.new('/virtual/a'), fs.path.new('/elsewhere/b')))
show('create_directory', pcall(fs.create_directory, fs.path.new('/virtual/dir')))

local s = unix.stream.socket.new()
s:connect(fs.path.new('/tmp/.X11-unix/X99'))
print('display says: ' .. tostring(stream.scanner.new{ stream = s }:get_line()))
s:close()

for _, r in ipairs(ip.tcp.get_address_info('service.example', 'http')) do
    print('resolved', r.address, r.port)
end
show('resolve unknown', pcall(ip.tcp.get_address_info, 'unknown.example', 'http'))
local t = ip.tcp.socket.new()
show('connect', pcall(t.connect, t, ip.address.new('192.0.2.7'), 8080))
