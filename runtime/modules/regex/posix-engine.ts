// The basic and extended grammars: parsed and compiled here, run by the Pike
// VM, or by the backtracking executor when the pattern has back-references.

import { Engine, MatchRequest } from './match-flags';
import { parsePosix } from './posix-parser';
import { compile, Program } from './program';
import { pikeExec } from './pike-vm';
import { backtrackExec } from './backtrack-vm';

export class PosixEngine implements Engine {
  readonly markCount: number;
  private readonly program: Program;

  constructor(pattern: Uint8Array, extended: boolean, private readonly icase: boolean, nosubs: boolean) {
    const parsed = parsePosix(pattern, extended, icase, nosubs);
    this.program = compile(parsed);
    this.markCount = parsed.groups;
  }

  exec(req: MatchRequest): Int32Array | null {
    return this.program.hasBackrefs ? backtrackExec(this.program, this.icase, req) : pikeExec(this.program, req);
  }
}
