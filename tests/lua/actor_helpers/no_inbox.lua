-- An actor that does not import inbox; a fiber outlives its main fiber.
local time = require 'time'
print('actor: _CONTEXT is', _CONTEXT)
spawn(function()
    time.sleep(0.1)
    print('actor: last fiber ends')
end)
