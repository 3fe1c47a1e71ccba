-- Three levels of '../' from a directory module.
name = 'sub/deeper'
up_one = require '../sibling'
up_two = require '../../leaf_a'
