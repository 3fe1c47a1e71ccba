// esbuild entry of the command-line program (bundle/out/cli.js).
import { main } from '../runtime/cli/main';

main(process.argv.slice(2));
