-- Printed once however many times the module is required.
print('evaluating counted.lua')
value = {}
