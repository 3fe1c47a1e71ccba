import { defineModule, fn, field, table } from '../model';

export default defineModule({
  name: 'regex',
  summary: "Regular expressions with std::regex's grammars (basic, extended, ecma), on strings and byte spans.",
  description: [
    'The subject may be a string or a byte_span; results are of the same type. Errors of a bad pattern belong to the regex category (std::regex\'s codes).',
  ],
  differences: [
    'basic and extended run on emilua-ts\'s own engine, ecma on V8\'s RegExp (without the u flag, on bytes); the corners where they differ from libstdc++ are in docs/compat.md.',
  ],
  classes: { regex: 'A compiled pattern (regex.new).' },
  entries: [
    fn('new(options: table) -> regex', "Compiles options.pattern with options.grammar ('basic', 'extended' or 'ecma'); options.ignore_case, nosubs, optimize.", {
      errors: ['A regex-category error (error_paren, error_escape...) for a bad pattern; EINVAL for a bad option.'],
    }),
    fn('match(re: regex, subject: string|byte_span, flags?: integer) -> any', 'Whether re matches the whole subject: its captures (or the whole match), else nil.'),
    fn('search(re: regex, subject: string|byte_span, flags?: integer) -> table', 'The first match anywhere: { empty = boolean, [0..n] = { start, end_ } } (1-based offsets).'),
    fn('split(re: regex, subject: string|byte_span) -> table', 'The pieces between the matches of re.', {
      errors: ['ENOTSUP when re has capture groups (returning the separators is not specified by Emilua yet).'],
    }),
    fn('patsplit(re: regex, subject: string|byte_span) -> table', 'The matches of re and the pieces between them, as AWK\'s patsplit.'),
    table('match_flag', 'Flags for match and search, to be combined with bit.bor.'),
    field('match_flag.not_bol: integer', 'The start of the subject is not the beginning of a line.'),
    field('match_flag.not_eol: integer', 'The end of the subject is not the end of a line.'),
    field('match_flag.not_bow: integer', 'The start of the subject is not the beginning of a word.'),
    field('match_flag.not_eow: integer', 'The end of the subject is not the end of a word.'),
    field('match_flag.any: integer', 'Any match is acceptable.'),
    field('match_flag.not_null: integer', 'An empty match is not a match.'),
    field('match_flag.continuous: integer', 'The match must begin at the start of the subject.'),
  ],
});
