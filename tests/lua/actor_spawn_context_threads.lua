-- spawn_context_threads(n) cannot add threads in emilua-ts (an actor's VM stays
-- on the thread that created it), so it raises ENOTSUP with a reason, in the
-- main context and in an actor's own thread alike. It takes a number.
local inbox = require 'inbox'

local function attempt(n)
    local ok, err = pcall(spawn_context_threads, n)
    if ok then return 'accepted' end
    if type(err) == 'table' then return tostring(err) .. ' / ' .. tostring(err.reason) end
    return err
end

if _CONTEXT == 'main' then
    print('main context:', attempt(2))
    print('not a number:', attempt('two'))
    local worker = spawn_vm{ module = '.', inherit_context = false }
    worker:send(inbox)
    print('actor thread:', inbox:receive())
else
    local main = inbox:receive()
    main:send(attempt(1))
end
