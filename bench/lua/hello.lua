-- P2: start-up of a script that only prints.
print('hello')
