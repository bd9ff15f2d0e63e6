// Weeks, quarters and fiscal years read as their days on the page (issue 9 item 4); other
// values stay as stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { periodDays, periodLabel } from '../../crates/migtrack-server/web/periods.js';

test('a week, quarter or fiscal year reads as its first and last day', () => {
  assert.equal(periodLabel('2017-W49'), '2017-12-04 – 2017-12-10');
  assert.equal(periodLabel('2017-W48'), '2017-11-27 – 2017-12-03');
  assert.equal(periodLabel('2020-W53'), '2020-12-28 – 2021-01-03');
  assert.equal(periodLabel('2021-W01'), '2021-01-04 – 2021-01-10');
  assert.equal(periodLabel('2019-Q1'), '2019-01-01 – 2019-03-31');
  assert.equal(periodLabel('2024-Q4'), '2024-10-01 – 2024-12-31');
  assert.equal(periodLabel('FY2026'), '2025-10-01 – 2026-09-30');
  assert.deepEqual(periodDays('2017-W49'), { first: '2017-12-04', last: '2017-12-10' });
});

test('days, months, years, decades and nonsense stay as they are', () => {
  for (const value of ['2017-12-02', '2018-12', '2018', '1970s', '2019-W54', '2019-W00', '2019-W53', 'undated']) {
    assert.equal(periodLabel(value), value);
  }
  assert.equal(periodLabel(null), null);
});
