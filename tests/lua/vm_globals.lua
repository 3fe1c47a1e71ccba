-- Every global Emilua puts in a module's environment is there.
local names = {
    'spawn', 'this_fiber', 'scope', 'scope_cleanup_push', 'scope_cleanup_pop',
    'print', 'require', '_CONTEXT', 'format', '_G',
}
for _, name in ipairs(names) do
    print(name, type(_G[name]))
end
print('_FILE', _FILE ~= nil, tostring(_FILE):match('vm_globals%.lua$'))
print(_G == getfenv(1))
