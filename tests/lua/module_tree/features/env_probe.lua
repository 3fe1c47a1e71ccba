-- Runs in a fresh environment: the importer's globals are invisible here.
print('importer global seen by the module:', importer_secret)
print('module _G is its own environment:', _G == getfenv(0), _G.print == print)
local private_local = 'locals stay private'
exported_global = 'globals are exported'
function exported_function() return private_local end
