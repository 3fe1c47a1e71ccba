-- A script can neither load JavaScript nor reach Node APIs: a .js file beside
-- the script is not a module, and the loaders that could run one are gone.
local ok, err = pcall(require, './evil')
print('require ./evil', ok, tostring(err), err.module)

ok, err = pcall(require, '/vm_escape/evil')
print('require nested', ok, tostring(err))

ok, err = pcall(require, 'evil')
print('require evil', ok, tostring(err))

ok, err = pcall(require, 'js')
print('require js', ok, tostring(err))

print('js global', js)
print('package.searchers', package.searchers, package.loaders, package.path, package.cpath)

ok, err = pcall(package.loadlib, './evil.js', 'x')
print('package.loadlib', ok, type(err))

ok, err = pcall(io.popen, 'echo hi')
print('pcall io.popen', ok, err)
ok, err = pcall(os.execute, 'echo hi')
print('pcall os.execute', ok, err)

-- Loading text is fine; binary chunks are refused.
print(loadstring('return 1 + 1')())
local f = loadstring(string.dump(function() return 1 end))
print('binary chunk', f)

-- Reading the .js file as Lua source only gives a syntax error.
print('dofile evil.js', pcall(dofile, 'evil.js'))
print('loadfile evil.js', loadfile('evil.js'))
