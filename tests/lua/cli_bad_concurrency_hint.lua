print('should not run')
