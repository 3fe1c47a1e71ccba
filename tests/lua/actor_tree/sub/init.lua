-- A directory module that spawns its child module as an actor.
function start(reply)
    local worker = spawn_vm('./worker')
    worker:send(reply)
    return worker
end
