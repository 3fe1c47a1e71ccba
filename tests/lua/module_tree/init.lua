-- A directory module: './x' names files in this directory.
name = 'module_tree'
leaf_a = require './leaf_a'
sub = require './sub'
