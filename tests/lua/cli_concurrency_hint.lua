-- The concurrency hint is validated; a valid one lets the program run.
print('ran')
