-- What cannot be sent at all: nil, functions, coroutines, tables with a
-- metatable (EINVAL); objects other than channels, the inbox and
-- descriptors (ENOTSUP); a closed file_descriptor (EBUSY). send() without a
-- message, or on something that is not a channel, is EINVAL too. Nothing
-- is delivered in any of these cases.
local inbox = require 'inbox'
local fs = require 'filesystem'
local mutex = require 'mutex'

local function try(what, ...)
    local ok, err = pcall(...)
    if ok then
        print(what, 'sent')
    else
        print(what, err, err.category, err.arg)
    end
end

if _CONTEXT == 'main' then
    local peer = spawn_vm('.')
    try('nil', peer.send, peer, nil)
    try('nothing', peer.send, peer)
    try('function', peer.send, peer, print)
    try('coroutine', peer.send, peer, coroutine.create(print))
    try('table with a metatable', peer.send, peer, setmetatable({}, {}))
    try('mutex', peer.send, peer, mutex.new())
    try('fiber', peer.send, peer, spawn(function() end))
    try('byte_span', peer.send, peer, byte_span.new(1))
    try('path', peer.send, peer, fs.path.new('/'))
    local fd = fs.open(fs.path.new('/dev/null'), { 'read_only' })
    fd:close()
    try('closed descriptor', peer.send, peer, fd)
    try('not a channel', peer.send, {}, 'x')
    peer:send('the only message')
else
    print('worker:', inbox:receive())
end
