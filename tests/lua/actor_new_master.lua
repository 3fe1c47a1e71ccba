-- The first VM is the master VM. spawn_vm{new_master=true} hands the role to
-- the new actor for good; only the master may hand it over (EPERM
-- otherwise), including to an actor on another thread.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local a = spawn_vm('.')
    print('an ordinary actor cannot take the role:', pcall(function()
        a:send{ main = inbox, try = { module = '/actor_helpers/echo', new_master = true } }
        return inbox:receive()
    end))
    local b = spawn_vm{ module = '.', new_master = true }
    print('the main VM gave the role away')
    print('and cannot give it again:', pcall(spawn_vm, { module = '/actor_helpers/echo', new_master = true }))
    b:send{ main = inbox, try = { module = '.', new_master = true, inherit_context = false }, relay = true }
    print(inbox:receive())
    print(inbox:receive())
else
    local m = inbox:receive()
    if m == 'stop' then return end
    local ok, result = pcall(spawn_vm, m.try)
    if not ok then
        m.main:send('failed: ' .. tostring(result))
        return
    end
    if m.relay then
        m.main:send('the new master handed the role to an actor thread')
        local ok2, err = pcall(spawn_vm, { module = '/actor_helpers/echo', new_master = true })
        m.main:send('and lost it: ' .. tostring(ok2) .. ' ' .. tostring(err))
    end
    result:send('stop')
end
