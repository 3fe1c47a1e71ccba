import { defineModule, fn, table } from '../model';

export default defineModule({
  name: 'stream',
  summary: 'Operations composed from read_some/write_some, and a scanner that splits a stream into records.',
  differences: ['The scanner does not take regexes yet (record_separator as a regex, field_separator, field_pattern): using one raises an error naming the missing regex module.'],
  classes: { scanner: 'Reads records: get_line(), buffered_line(), remove_line(), buffer(), set_buffer(buf, offset?); record_number, record_terminator.' },
  entries: [
    fn('read_all(io: any, buffer: byte_span) -> integer', 'Reads until buffer is full.', { suspends: true, errors: ['eof (Emilua error) when the stream ends first, after what was read.'] }),
    fn('read_at_least(io: any, buffer: byte_span, minimum: integer) -> integer', 'Reads at least minimum bytes into buffer.', { suspends: true }),
    fn('write_all(io: any, buffer: byte_span|string) -> integer', 'Writes all of buffer.', { suspends: true }),
    fn('write_at_least(io: any, buffer: byte_span, minimum: integer) -> integer', 'Writes at least minimum bytes of buffer.', { suspends: true }),
    table('scanner', 'Record scanners over a stream.'),
    fn('scanner.new(options?: table) -> scanner', 'A scanner; options.stream is the stream (required before use), record_separator, trim_record, buffer_size_hint, max_record_size.'),
    fn('scanner.with_awk_defaults(io: any) -> scanner', "A scanner with AWK's defaults: newline records, trimmed."),
    table('scanner.mt', "The scanners' metatable (Emilua exposes it for extension)."),
    table('scanner.mt.__index', "The scanners' methods."),
    fn('scanner.mt.__index.get_line(self: scanner) -> byte_span', 'The next record.', { suspends: true }),
    fn('scanner.mt.__index.buffered_line(self: scanner) -> byte_span', 'The record get_line returned last.'),
    fn('scanner.mt.__index.remove_line(self: scanner)', 'Drops the buffered record.'),
    fn('scanner.mt.__index.buffer(self: scanner) -> byte_span, integer', 'The buffer and the offset of the unread data.'),
    fn('scanner.mt.__index.set_buffer(self: scanner, buffer: byte_span, offset?: integer)', 'Replaces the buffer.'),
  ],
});
