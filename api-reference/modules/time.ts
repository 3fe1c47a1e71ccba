import { defineModule, fn, field, table } from '../model';

export default defineModule({
  name: 'time',
  summary: 'Clocks, time points, timers and sleeping.',
  differences: ['A date\'s time zone is an offset in seconds east of UTC: Emilua\'s page does not specify the timezone type.'],
  classes: {
    date: 'A calendar day with its time zone: year, month, day, timezone (read-write), add_days(n).',
    time_point: 'A point on a clock: add(secs), sub(secs), seconds_since_epoch; compares and subtracts with others of its clock.',
    steady_timer: 'A timer on the steady clock: expires_after(secs), expires_at(tp), wait(), cancel(), expiry.',
    system_timer: 'A timer on the system clock: expires_at(tp), wait(), cancel(), expiry.',
  },
  entries: [
    fn('sleep(seconds: number)', 'Waits for seconds (fractions allowed), letting the other fibers run.', { suspends: true, errors: ['fiber_canceled when the fiber is cancelled while it sleeps.'] }),
    table('steady_clock', 'A monotonic clock.'),
    fn('steady_clock.now() -> time_point', 'The current time point.'),
    fn('steady_clock.epoch() -> time_point', "The clock's epoch."),
    table('system_clock', 'The wall clock (UNIX epoch).'),
    fn('system_clock.now() -> time_point', 'The current time point.'),
    fn('system_clock.epoch() -> time_point', "The clock's epoch."),
    table('high_resolution_clock', 'The clock with the shortest tick.'),
    fn('high_resolution_clock.now() -> time_point', 'The current time point.'),
    fn('high_resolution_clock.epoch() -> time_point', "The clock's epoch."),
    field('high_resolution_clock.is_steady: boolean', 'Whether the clock is monotonic.'),
    table('date', 'Calendar dates (proleptic Gregorian).'),
    fn('date.new(year: integer, month: integer, day: integer, timezone: integer) -> date', 'The date of that day; timezone is an offset in seconds east of UTC.', {
      errors: ['EINVAL for a day that does not exist (31 February, a month 13).'],
    }),
    fn('date.from_local(year: integer, month: integer, day: integer) -> date', 'That day in the process time zone (TZ): its offset at local midnight.'),
    fn('date.from_utc(year: integer, month: integer, day: integer) -> date', 'That day in UTC (offset 0).'),
    table('steady_timer', 'Timers on the steady clock.'),
    fn('steady_timer.new() -> steady_timer', 'A new timer.'),
    table('system_timer', 'Timers on the system clock.'),
    fn('system_timer.new() -> system_timer', 'A new timer.'),
  ],
});
