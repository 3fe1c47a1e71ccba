error('raised while loading', 0)
