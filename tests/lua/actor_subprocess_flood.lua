-- A subprocess actor sends far more messages than this actor's inbox buffers
-- before its sockets stop being read (flow control: the rest wait in the
-- kernel and in the sender). None is lost or reordered once this actor
-- receives them.
local inbox = require 'inbox'
local time = require 'time'
local COUNT = 5000
local ch = spawn_vm{ module = '/actor_subprocess/flood', subprocess = { stderr = 'share' } }
ch:send(inbox)
ch:send(COUNT)
time.sleep(0.5) -- let the sender run ahead
local expected, in_order = 1, true
while true do
    local m = inbox:receive()
    if m == 'done' then break end
    if m ~= expected then in_order = false end
    expected = expected + 1
end
print('received', expected - 1, 'in order', in_order)
