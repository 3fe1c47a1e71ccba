-- system.arguments is {program, script, words after "--"...}. The program is
-- the name the launcher was invoked by (an absolute path here).
local system = require 'system'
for i, arg in ipairs(system.arguments) do
    if i == 1 then arg = arg:match('^/.*/emilua%-ts$') and '<path>/emilua-ts' or arg end
    print(i, arg)
end
print(#system.arguments)
