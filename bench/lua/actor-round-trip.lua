-- P5: round trips between the main VM and an actor on the same thread. Each
-- trip is one send each way (a number). Prints: trips, seconds (os.clock()
-- delta, VM start-up excluded).
local inbox = require 'inbox'
local TRIPS = 20000

if _CONTEXT == 'main' then
    local peer = spawn_vm('.')
    peer:send(inbox)
    inbox:receive()
    local start = os.clock()
    for i = 1, TRIPS do
        peer:send(i)
        inbox:receive()
    end
    local seconds = os.clock() - start
    peer:send(0)
    print(TRIPS, seconds)
else
    local main = inbox:receive()
    main:send(0)
    while true do
        local n = inbox:receive()
        if n == 0 then break end
        main:send(n)
    end
end
