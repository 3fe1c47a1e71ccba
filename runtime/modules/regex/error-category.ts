// The "regex" error category: Emilua raises std::regex_error codes (libstdc++'s
// numbering of std::regex_constants::error_type) with its own texts.

import { Category } from '../../errors/categories';

export const regexErrors = {
  error_collate: 0,
  error_ctype: 1,
  error_escape: 2,
  error_backref: 3,
  error_brack: 4,
  error_paren: 5,
  error_brace: 6,
  error_badbrace: 7,
  error_range: 8,
  error_space: 9,
  error_badrepeat: 10,
  error_complexity: 11,
  error_stack: 12,
} as const;

export type RegexErrorName = keyof typeof regexErrors;

const MESSAGES: readonly string[] = [
  'the expression contains an invalid collating element name',
  'the expression contains an invalid character class name',
  'the expression contains an invalid escaped character or a trailing escape',
  'the expression contains an invalid back reference',
  "the expression contains mismatched square brackets ('[' and ']')",
  "the expression contains mismatched parentheses ('(' and ')')",
  "the expression contains mismatched curly braces ('{' and '}')",
  'the expression contains an invalid range in a {} expression',
  'the expression contains an invalid character range (e.g. [b-a])',
  'there was not enough memory to convert the expression into a finite state machine',
  'one of *?+{ was not preceded by a valid regular expression',
  'the complexity of an attempted match exceeded a predefined level',
  'there was not enough memory to perform a match',
];

export const regexCategory: Category = {
  name: 'regex',
  message: (code) => MESSAGES[code] ?? '',
};

/** A pattern that does not compile, or a match that gave up; index.ts raises it in Lua. */
export class RegexError extends Error {
  readonly code: number;
  constructor(readonly kind: RegexErrorName) {
    super(kind);
    this.name = 'RegexError';
    this.code = regexErrors[kind];
  }
}
