-- The master role can move to an actor on a worker thread; process-wide
-- calls such as filesystem.umask then work from that thread.
local fs = require 'filesystem'

if _CONTEXT == 'main' then
    fs.umask(tonumber('022', 8))
    local ch = spawn_vm{ module = '.', inherit_context = false, new_master = true }
    local inbox = require 'inbox'
    ch:send(inbox)
    print(inbox:receive())
    local ok, err = pcall(fs.umask, 0)
    print('old master may still set the umask:', ok, ok or tostring(err))
else
    local inbox = require 'inbox'
    local reply_to = inbox:receive()
    local previous = fs.umask(tonumber('077', 8))
    local now = fs.umask(previous)
    reply_to:send(format('worker saw {:o}, set {:o}', previous, now))
end
