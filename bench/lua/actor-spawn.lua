-- P5: spawning actors. Spawns N actors on the main thread (each answers
-- once and ends), then M actors on threads of their own. Prints: N, seconds
-- per in-process actor, M, seconds per thread actor (spawn to first answer).
local inbox = require 'inbox'
local N, M = 500, 4

if _CONTEXT == 'main' then
    local start = os.clock()
    for _ = 1, N do spawn_vm('.'):send(inbox) end
    for _ = 1, N do inbox:receive() end
    local in_process = (os.clock() - start) / N
    start = os.clock()
    for _ = 1, M do spawn_vm{ module = '.', inherit_context = false }:send(inbox) end
    for _ = 1, M do inbox:receive() end
    local threads = (os.clock() - start) / M
    print(N, in_process, M, threads)
else
    inbox:receive():send(true)
end
