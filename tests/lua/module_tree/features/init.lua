counted = require './counted'
