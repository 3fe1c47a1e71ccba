-- Never runs: an unknown option is a usage error (exit status 2).
print('should not run')
