// The chart range leaves a far outlier off the axis (issue 9 item 13) and counts per month.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axisRange, countsByMonth, monthsBetween } from '../../crates/migtrack-server/web/axis.js';
import { boundDays } from '../../crates/migtrack-server/web/periods.js';

const recent = Array.from({ length: 30 }, (_, i) => `20${String(15 + (i % 11)).padStart(2, '0')}-0${1 + (i % 9)}-15`);

test('one item from the 1930s is left off the axis, the rest keep their range', () => {
  const range = axisRange(['1938-03-12', ...recent]);
  assert.equal(range.first, '2015-01-15');
  assert.deepEqual(range.before, ['1938-03-12']);
  assert.deepEqual(range.after, []);
  assert.equal(range.last, [...recent].sort().at(-1));
});

test('a spread without a far gap, or too few items, is drawn whole', () => {
  assert.equal(axisRange(recent).first, '2015-01-15');
  assert.deepEqual(axisRange(['1938-01-01', '2018-01-01']).before, []);
  const many = ['1930-01-01', '1931-01-01', '1932-01-01', ...recent];
  assert.equal(axisRange(many).first, '1930-01-01', 'three old items of 33 are more than 5 %');
  assert.deepEqual(axisRange([]).before, []);
});

test('an item far in the future is left off too', () => {
  const range = axisRange([...recent, '2075-01-01']);
  assert.deepEqual(range.after, ['2075-01-01']);
});

test('months and counts per month', () => {
  assert.deepEqual(monthsBetween('2018-11-30', '2019-02-01'), ['2018-11', '2018-12', '2019-01', '2019-02']);
  const counts = countsByMonth([
    { day: '2018-12-10', group: 'endorse' }, { day: '2018-12-11', group: 'endorse' },
    { day: '2018-12-10', group: 'reject' }, { day: '1938-03-12', group: 'withdraw' },
  ], '2018-12-01', '2019-01-31');
  assert.equal(counts.total, 3);
  assert.deepEqual(counts.groups, ['endorse', 'reject']);
  assert.equal(counts.counts.get('2018-12').get('endorse'), 2);
});

test('date bounds as the API takes them become days', () => {
  assert.deepEqual(boundDays('2019'), { first: '2019-01-01', last: '2019-12-31' });
  assert.deepEqual(boundDays('2024-02'), { first: '2024-02-01', last: '2024-02-29' });
  assert.deepEqual(boundDays('2018-q4'), { first: '2018-10-01', last: '2018-12-31' });
  assert.deepEqual(boundDays('FY2026'), { first: '2025-10-01', last: '2026-09-30' });
  assert.deepEqual(boundDays('2018-12-10'), { first: '2018-12-10', last: '2018-12-10' });
  for (const bad of ['19', '2019-13', '2019-02-30', 'last year', '']) assert.equal(boundDays(bad), null, bad);
});
