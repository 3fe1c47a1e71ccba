-- Tables nested deeper than the message depth limit (1000 levels,
-- docs/compat.md) raise EINVAL at send, on either side of a thread boundary
-- and for an actor of the same thread; a table at the limit arrives whole,
-- both ways. (Before, a table about 3000 deep made send raise a JavaScript
-- "Maximum call stack size exceeded", or was dropped on the way from a
-- thread while send returned normally.) Only the main VM prints.
local inbox = require 'inbox'

local function nested(levels)
    local root = {}
    local t = root
    for _ = 2, levels do
        local child = {}
        t[1] = child
        t = child
    end
    t[1] = 'bottom'
    return root
end

local function depth(t)
    local n = 0
    while type(t) == 'table' do
        n = n + 1
        t = t[1]
    end
    return n, t
end

local function try_send(label, ch, levels)
    local ok, e = pcall(ch.send, ch, nested(levels))
    if ok then
        print(label, levels, 'sent')
    else
        print(label, levels, ok, tostring(e), e.category and tostring(e.category), e.reason)
    end
end

if _CONTEXT == 'main' then
    local far = spawn_vm{ module = '.', inherit_context = false }
    far:send(inbox)
    try_send('to thread', far, 1000)
    try_send('to thread', far, 1001)
    try_send('to thread', far, 3000)
    far:send('done')
    for _ = 1, 5 do
        local m = inbox:receive()
        if type(m) == 'table' and m.report then print(table.unpack(m.report))
        else print('main got', depth(m)) end
    end
    -- The same rule for an actor of this thread: one limit for every message.
    local near = spawn_vm('/actor_helpers/echo')
    try_send('same thread', near, 3000)
    near:send('stop')
else
    local main = inbox:receive()
    main:send{ report = { 'thread got', depth(inbox:receive()) } }
    main:send{ report = { 'thread got', inbox:receive() } }
    main:send(nested(1000))
    local ok, e = pcall(main.send, main, nested(3000))
    main:send{ report = { 'from thread', 3000, ok, tostring(e), tostring(e.category), e.reason } }
    main:send('after the refused one')
end
