-- File descriptors are dup()'ed into the message: the sender keeps its own
-- descriptor, the receiver gets another one on the same open file. A closed
-- descriptor is left out of a table (and raises EBUSY at the top level, see
-- actor_copy_top_level_errors.lua). Descriptors in messages that are never
-- received, and those an ended actor still holds, are closed.
local inbox = require 'inbox'
local fs = require 'filesystem'

local function open_descriptors()
    local n = 0
    for _ in fs.directory_iterator(fs.path.new('/proc/self/fd')) do n = n + 1 end
    return n
end

if _CONTEXT == 'main' then
    local before = open_descriptors()
    local peer = spawn_vm('.')
    local fd = fs.open(fs.path.new('/dev/null'), { 'read_only' })
    local closed = fs.open(fs.path.new('/dev/null'), { 'read_only' })
    closed:close()
    peer:send(inbox)
    peer:send(fd)
    peer:send{ fd, closed, name = 'ignored: an array' }
    peer:send{ file = fd, gone = closed }
    local back = inbox:receive()
    print('the sender keeps its descriptor:', fd.type)
    print('a new descriptor:', tostring(back) ~= tostring(fd))
    print('the same open file:', fd:kcmp(back) == 0)
    print(inbox:receive())
    back:close()
    fd:close()
    peer:send('end')
    this_fiber.yield()
    print('descriptors open now as before the test:', open_descriptors() == before)
else
    local main = inbox:receive()
    local fd = inbox:receive()
    local list = inbox:receive()
    local object = inbox:receive()
    main:send(fd)
    main:send(('worker: %d in the list, %s and %s in the object'):format(
        #list, type(object.file), type(object.gone)))
    -- Ends without closing anything: the VM's descriptors are closed for it.
    inbox:receive()
end
