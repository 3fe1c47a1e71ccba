-- Numbers cross VMs as doubles: a 3 prints 3, large integral values keep
-- every digit, and arithmetic on them is double arithmetic.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local peer = spawn_vm('.')
    for _, n in ipairs{ 3, -7, 0.1, 2^31, 5000050000, 2^53, 1e300, -1/0, 1/0 } do
        peer:send(n)
    end
    peer:send{ 3, 4.5, 2^40 }
    peer:send('end')
else
    while true do
        local n = inbox:receive()
        if n == 'end' then break end
        if type(n) == 'table' then
            print('in a table:', n[1], n[2], n[3], n[3] * 4)
        else
            print(type(n), n, n * 2, n + 1)
        end
    end
end
