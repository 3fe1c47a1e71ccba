-- Never runs: an unknown option is a usage error (exit status 1).
print('should not run')
