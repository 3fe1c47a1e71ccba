import { defineModule, fn, field, table } from '../model';

export default defineModule({
  name: 'globals',
  summary: 'What every module sees without require: fibers, scopes, actors, format and byte_span.',
  description: [
    "Every module runs in a fresh environment holding Lua's standard library (LuaJIT's dialect) and these names. " +
    "`pcall`, `xpcall` and `coroutine.*` are replaced with fiber-aware versions (cancellation points, scopes).",
  ],
  differences: [
    'The standard library is fengari\'s, patched to LuaJIT\'s dialect; the differences are in docs/compat.md.',
  ],
  classes: {
    fiber: 'A fiber handle, as spawn returns it: join(), detach(), cancel(), joinable, cancellation_caught.',
    channel: "An actor's address: send(msg), close(); spawn_vm returns one, and they travel in messages.",
  },
  entries: [
    field('_CONTEXT: string', "'main' in the entry module of the first VM, 'worker' in an actor's, 'test' under --test, '' in imported modules."),
    field('_FILE: filesystem.path', "The path of the running module's file."),
    fn('spawn(f: function) -> fiber', 'Starts a new fiber running f; the caller keeps running until it suspends.'),
    table('this_fiber', 'The calling fiber.'),
    fn('this_fiber.yield()', 'Lets the other ready fibers run, then continues.', { suspends: true }),
    fn('this_fiber.forbid_suspend()', 'Makes suspending an error until the matching allow_suspend (counted).'),
    fn('this_fiber.allow_suspend()', 'Undoes one forbid_suspend.'),
    fn('this_fiber.disable_cancellation()', 'Defers cancellation until the matching restore_cancellation (counted).'),
    fn('this_fiber.restore_cancellation()', 'Undoes one disable_cancellation.'),
    fn('this_fiber.disable_interruption()', 'The name of disable_cancellation before Emilua 0.11.'),
    fn('this_fiber.restore_interruption()', 'The name of restore_cancellation before Emilua 0.11.'),
    fn('scope(f: function, ...: any) -> any', 'Runs f with a fresh list of cleanup handlers, which run (last pushed first) when f returns or fails.'),
    fn('scope_cleanup_push(handler: function)', 'Adds a cleanup handler to the innermost scope.'),
    fn('scope_cleanup_pop(run?: boolean)', 'Removes the last cleanup handler and runs it unless run is false.'),
    fn('spawn_vm(module: string|table) -> channel', 'Starts an actor: a new Lua VM running the module, on this thread or (inherit_context = false) on a thread of its own. Returns its address.', {
      errors: ['The module cannot be found or compiled: the error of that module load.'],
      differs: 'The subprocess option (actors in a process of their own: namespaces, init.script, libc_service) follows Emilua 0.11 with the differences docs/compat.md lists.',
    }),
    fn('spawn_context_threads(count: integer)', 'Adds threads to the execution context of actors that do not inherit the context.'),
    fn('format(fmt: string, ...: any) -> string', "Formats in libfmt's style: '{}' for each argument, '{{' and '}}' for braces."),
    table('byte_span', 'The byte_span module, also global (see byte_span.md).'),
    fn('byte_span.new(length: integer, capacity?: integer) -> byte_span', 'A new span of length bytes (contents unspecified).'),
    fn('byte_span.with_zeros(length: integer, capacity?: integer) -> byte_span', 'A new span of length zero bytes.'),
    fn('byte_span.append(...: byte_span|string|nil) -> byte_span', 'A new span holding the bytes of each argument in order.'),
  ],
});
