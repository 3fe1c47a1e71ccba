name = 'leaf_b'
