-- An object keeps its string keys only: numbers that are not array items,
-- booleans and tables as keys are left out silently.
local dump = require('/actor_helpers/dump').dump
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local peer = spawn_vm('.')
    peer:send{ [1.5] = 'x', [true] = 'y', [{}] = 'z', [-1] = 'w', ['1'] = 'string one', key = 'value' }
    peer:send{ [0] = 'zero is not an array item', [2] = 'two' }
else
    print(dump(inbox:receive()))
    print(dump(inbox:receive()))
end
