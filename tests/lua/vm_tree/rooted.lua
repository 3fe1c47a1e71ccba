seen = _CONTEXT
