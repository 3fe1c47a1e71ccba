-- A tour of what emilua-ts runs today: `npm start` (or `emilua-ts examples/tour`).
-- A directory is a program: emilua-ts runs its init.lua, and the modules next
-- to it are required with paths relative to this file.
local sections = {
    require './fibers',
    require './actors',
    require './descriptors',
}

print('emilua-ts: Emilua programs (Lua actors and fibers) on Node.js')
for i, section in ipairs(sections) do
    print()
    print(format('{}. {}', i, section.title))
    section.run()
end
print()
print('Sandboxed subprocess actors come next (docs/sandboxing.md).')
