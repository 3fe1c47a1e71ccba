-- An actor's root module runs with _CONTEXT='worker'; the modules it
-- imports get '' as usual. Module ids are resolved from the module that
-- calls spawn_vm, inside the caller's import tree: here a directory module
-- spawns its child './worker', which imports its sibling '../helper' and
-- the same module again as '/actor_tree/sub/helper'.
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local tree = require '/actor_tree/sub'
    local worker = tree.start(inbox)
    print(inbox:receive())
    print(inbox:receive())
    print(inbox:receive())
    worker:send('stop')
    spawn_vm('.'):send(inbox)
    print(inbox:receive())
else
    inbox:receive():send('"." runs the caller\'s module again, _CONTEXT=' .. _CONTEXT)
end
