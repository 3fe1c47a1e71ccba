// The calendar arithmetic behind time.date: day counts agree with known
// dates and with the host's Date over a long span, leap years follow the
// Gregorian rules, and adding days crosses months, years and eras.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { daysFromCivil, civilFromDays, isValidDate, daysInMonth } from '../../runtime/modules/time/calendar';

test('known day counts', () => {
  assert.is(daysFromCivil({ year: 1970, month: 1, day: 1 }), 0);
  assert.is(daysFromCivil({ year: 2000, month: 3, day: 1 }), 11017);
  assert.is(daysFromCivil({ year: 1969, month: 12, day: 31 }), -1);
  assert.equal(civilFromDays(-719468), { year: 0, month: 3, day: 1 });
});

test('agrees with Date.UTC for every day from 1600 to 2400', () => {
  const start = Date.UTC(1600, 0, 1) / 86400000;
  const end = Date.UTC(2400, 0, 1) / 86400000;
  for (let days = start; days < end; days++) {
    const d = new Date(days * 86400000);
    const civil = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    assert.equal(civilFromDays(days), civil);
    if (daysFromCivil(civil) !== days) assert.unreachable(`${JSON.stringify(civil)} -> ${daysFromCivil(civil)}`);
  }
});

test('leap years and valid dates', () => {
  assert.is(daysInMonth(2024, 2), 29);
  assert.is(daysInMonth(1900, 2), 28);
  assert.is(daysInMonth(2000, 2), 29);
  assert.ok(isValidDate(2000, 2, 29));
  assert.not.ok(isValidDate(2100, 2, 29));
  assert.not.ok(isValidDate(2024, 13, 1));
  assert.not.ok(isValidDate(2024, 4, 31));
  assert.not.ok(isValidDate(2024, 1, 1.5));
  assert.ok(isValidDate(-44, 3, 15));
});

test.run();
