-- Two actors on the same thread pass a counter back and forth. The spawned
-- actor runs this same file with _CONTEXT='worker'; it learns where to answer
-- from the first message (the main VM's inbox travels as an address).
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local peer = spawn_vm('.')
    peer:send(inbox)
    local n = 0
    for _ = 1, 5 do
        peer:send(n)
        n = inbox:receive()
        print('main received', n)
    end
    peer:send('done')
    print('main:', inbox:receive())
else
    assert(_CONTEXT == 'worker')
    local main = inbox:receive()
    print('worker has the main VM\'s address:', getmetatable(main))
    while true do
        local n = inbox:receive()
        if n == 'done' then break end
        print('worker received', n)
        main:send(n + 1)
    end
    main:send('bye')
end
