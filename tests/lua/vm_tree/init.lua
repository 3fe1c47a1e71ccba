seen = _CONTEXT
child = require './child'
