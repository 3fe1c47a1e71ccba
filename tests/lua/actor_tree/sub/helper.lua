-- Imported by an actor: its _CONTEXT is ''.
context_seen = string.format('%q', _CONTEXT)
