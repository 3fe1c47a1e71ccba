print('a.lua starts')
b = require '../b'
print('a.lua ends')
