-- A nested directory module: './x' is inside sub/, '../x' is beside sub/.
name = 'sub'
beside = require '../leaf_b'
deep = require './deep'
deeper = require './deeper'
