-- --test gives the entry module _CONTEXT='test'.
print(_CONTEXT)
