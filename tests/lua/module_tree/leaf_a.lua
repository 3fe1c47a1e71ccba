-- A leaf module: '../x' names its siblings in the same directory.
name = 'leaf_a'
sibling = require '../leaf_b'
