-- Cleanup handlers pushed at a module's top level run when the module has
-- finished loading, not when the importer's scope ends.
scope_cleanup_push(function() print('module cleanup runs at the end of loading') end)
print('module body')
