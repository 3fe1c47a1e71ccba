-- Values that cannot travel are left out of a table silently: functions,
-- coroutines, tables with a metatable, and objects other than channels, the
-- inbox and open file descriptors. In an array the first such value ends
-- the array (Emilua's actor22 sends { ch, 'foobar', fn, 33, 44 }).
local dump = require('/actor_helpers/dump').dump
local inbox = require 'inbox'
local mutex = require 'mutex'

if _CONTEXT == 'main' then
    local peer = spawn_vm('.')
    peer:send{ 'kept', print, 'never copied', 44 }
    peer:send{ 1, 2, setmetatable({}, {}), 4 }
    peer:send{ { 'a', coroutine.create(print), 'b' }, 'after the inner array' }
    peer:send{
        fn = print,
        co = coroutine.create(print),
        mt = setmetatable({}, {}),
        object = mutex.new(),
        fiber = spawn(function() end),
        span = byte_span.new(4),
        text = 'the only key left',
    }
    peer:send{ peer, 'foobar', function() end, 33, 44 }
    peer:send('end')
else
    while true do
        local m = inbox:receive()
        if m == 'end' then break end
        print(#m, dump(m))
    end
end
