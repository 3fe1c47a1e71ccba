-- P5: a one-way stream of small tables from the main VM to an actor on the
-- same thread; the actor acknowledges the last one. Prints: messages,
-- seconds (os.clock() delta).
local inbox = require 'inbox'
local COUNT = 50000

if _CONTEXT == 'main' then
    local peer = spawn_vm('.')
    peer:send(inbox)
    inbox:receive()
    local start = os.clock()
    for i = 1, COUNT do
        peer:send{ seq = i, name = 'item', ok = true, values = { 1, 2, 3 } }
    end
    local last = inbox:receive()
    local seconds = os.clock() - start
    assert(last == COUNT)
    print(COUNT, seconds)
else
    local main = inbox:receive()
    main:send(0)
    local sum, m = 0, nil
    for _ = 1, COUNT do
        m = inbox:receive()
        sum = sum + m.values[3]
    end
    assert(sum == 3 * COUNT)
    main:send(m.seq)
end
