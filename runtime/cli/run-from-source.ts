// Development entry point: `npx tsx runtime/cli/run-from-source.ts script.lua`.
import { main } from './main';

main(process.argv.slice(2));
