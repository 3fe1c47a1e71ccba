-- spawn_context_threads(n) adds no thread in emilua-ts (an actor's VM stays
-- on the thread that created it): it is accepted and does nothing, except
-- in a context created with concurrency_hint=1, where it raises ENOTSUP as
-- in Emilua. It takes a number.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    print('main context:', pcall(spawn_context_threads, 2))
    print('not a number:', pcall(spawn_context_threads, 'two'))
    local hinted = spawn_vm{ module = '.', inherit_context = false, concurrency_hint = 1 }
    hinted:send(inbox)
    print('thread with concurrency_hint=1:', inbox:receive())
    local plain = spawn_vm{ module = '.', inherit_context = false }
    plain:send(inbox)
    print('thread without a hint:', inbox:receive())
else
    local main = inbox:receive()
    local ok, err = pcall(spawn_context_threads, 0)
    main:send(tostring(ok) .. ' ' .. tostring(err))
end
