-- Never runs: cli_unreadable_script.chmod takes away every permission for
-- the run, and a script that cannot be read is refused before any VM starts.
print('should not run')
