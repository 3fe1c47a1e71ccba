-- The main VM keeps its channel to an actor thread while a copy of that
-- channel goes to another actor and is dropped there: the actor thread must
-- still count the main VM as a sender. When the main VM ends, nobody holds
-- the thread's address any more and its waiting receive fails.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local far = spawn_vm{ module = '/actor_helpers/far_loop', inherit_context = false }
    local near = spawn_vm('/actor_helpers/echo')
    -- near gets a copy of the channel to far, uses it once and ends
    near:send{ reply = far, text = 'hello far' }
    near:send('stop')
    require('time').sleep(0.1)
    far:send(inbox)
    print(inbox:receive())
    print(inbox:receive())
end
