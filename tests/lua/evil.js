// If this ever runs, a script reached Node.js.
require('fs').writeFileSync('/tmp/emilua-ts-escaped', 'escaped');
process.stdout.write('JAVASCRIPT RAN\n');
module.exports = {};
