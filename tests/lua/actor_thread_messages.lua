-- Messages between threads follow the same copy rules, and addresses cross
-- threads as channels: the main VM gives an actor on another thread the
-- address of an actor on the main thread; the two talk directly. Addresses
-- that come back compare equal to the original channels and still work.
local dump = require('/actor_helpers/dump').dump
local inbox = require 'inbox'

if _CONTEXT == 'main' then
    local local_actor = spawn_vm('/actor_helpers/echo')
    local far = spawn_vm{ module = '.', inherit_context = false }
    far:send{ main = inbox, echo = local_actor }
    far:send{ 1, 'two', { three = 3 }, print, 'cut' }
    far:send{ [1.5] = 'x', bytes = '\0\255', n = 2^40, t = true }
    print('main got:', inbox:receive())
    local own = inbox:receive()
    own:send('through its own address')
    print('main got back its own address:', getmetatable(own), inbox:receive())
    print('and the echo actor\'s:', inbox:receive() == local_actor)
    far:send('stop')
    local_actor:send('stop')
else
    local setup = inbox:receive()
    print('far got:', dump(inbox:receive()))
    local m = inbox:receive()
    print('far got:', m.n, #m.bytes, m.bytes:byte(1), m.bytes:byte(2), m.t, m[1.5])
    setup.echo:send{ reply = setup.main, text = 'hello across threads' }
    setup.main:send(setup.main)
    setup.main:send(setup.echo)
    inbox:receive()
end
