// The basic and extended grammars: parsed and compiled here, run by the Pike
// VM, or by the backtracking executor when the pattern has back-references
// (which also cannot search a growing subject piece by piece).

import { Engine, MatchRequest, StreamSearch } from './match-flags';
import { parsePosix } from './posix-parser';
import { compile, Program } from './program';
import { pikeExec, PikeRun } from './pike-vm';
import { backtrackExec } from './backtrack-vm';

export class PosixEngine implements Engine {
  readonly markCount: number;
  readonly startStream?: (flags: number) => StreamSearch;
  private readonly program: Program;

  constructor(pattern: Uint8Array, extended: boolean, private readonly icase: boolean, nosubs: boolean) {
    const parsed = parsePosix(pattern, extended, icase, nosubs);
    const program = compile(parsed);
    this.program = program;
    this.markCount = parsed.groups;
    if (!program.hasBackrefs) {
      this.startStream = (flags) => {
        const run = new PikeRun(program, flags, 0, false);
        return {
          feed(data) {
            run.advance(data);
            return run.result;
          },
        };
      };
    }
  }

  exec(req: MatchRequest): Int32Array | null {
    return this.program.hasBackrefs ? backtrackExec(this.program, this.icase, req) : pikeExec(this.program, req);
  }
}
