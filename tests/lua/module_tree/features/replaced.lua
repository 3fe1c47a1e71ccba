-- setfenv(0, t) makes t the module's export.
ignored_global = 'not exported'
setfenv(0, { replaced = true, answer = 42 })
