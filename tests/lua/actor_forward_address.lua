-- Addresses travel inside messages: the main VM tells B to answer C, and C
-- reports to the main VM. Nobody but the main VM ever held C's channel.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local b = spawn_vm('.')
    local c = spawn_vm('.')
    b:send{ role = 'b' }
    c:send{ role = 'c', report_to = inbox }
    b:send{ question = 'what is six times seven?', answer_to = c }
    b:close()
    c:close()
    print(inbox:receive())
else
    local setup = inbox:receive()
    if setup.role == 'b' then
        local m = inbox:receive()
        print('b got:', m.question)
        m.answer_to:send{ answer = 42, from = 'b' }
    else
        local m = inbox:receive()
        print('c got the answer from ' .. m.from .. ':', m.answer)
        setup.report_to:send('c is done')
    end
end
