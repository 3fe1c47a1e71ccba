-- kill, detach and child_pid belong to the VM that spawned the subprocess
-- actor (Emilua: "direct children of the caller"). Another actor of this
-- process that receives the channel can send through it and nothing more.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local child = spawn_vm{ module = '/actor_subprocess/confined', subprocess = {} }
    print('spawner reads child_pid:', type(child.child_pid))
    local peer = spawn_vm('.')
    peer:send{ child = child, reply = inbox }
    for _ = 1, 4 do print(inbox:receive()) end
    child:kill()
else
    local m = inbox:receive()
    for _, key in ipairs{ 'child_pid', 'kill', 'detach' } do
        local ok, e = pcall(function() return m.child[key] end)
        m.reply:send(key .. ' from another actor: ' .. (ok and 'allowed' or tostring(e)))
    end
    m.child:send(inbox)
    m.child:send{ what = 'compute', n = 3 }
    m.reply:send('send from another actor, answer: ' .. tostring(inbox:receive()))
end
