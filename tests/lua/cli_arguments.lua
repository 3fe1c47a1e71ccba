-- system.arguments is {program, script, words after "--"...}.
local system = require 'system'
for i, arg in ipairs(system.arguments) do
    print(i, arg)
end
print(#system.arguments)
