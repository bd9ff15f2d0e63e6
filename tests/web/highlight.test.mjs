// The span arithmetic of the document view: UTF-8 byte offsets from the API become UTF-16
// string ranges, and overlapping records cut the text into covered pieces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byteToUtf16, segments, toUtf16Ranges } from '../../crates/migtrack-server/web/highlight.js';

const byteSpan = (text, needle) => {
  const encoder = new TextEncoder();
  const start = encoder.encode(text.slice(0, text.indexOf(needle))).length;
  return { start, end: start + encoder.encode(needle).length };
};

test('byte offsets map to string indices across multi-byte characters', () => {
  const cases = [
    ['abc', [[0, 0], [3, 3]]],
    ['Orbán said', [[3, 3], [4, 3], [5, 4], [6, 5], [11, 10]]],
    ['€5 🇪🇺 x', [[3, 1], [4, 2], [5, 3], [13, 7], [15, 9]]],
  ];
  for (const [text, pairs] of cases) {
    const map = byteToUtf16(text);
    for (const [byte, unit] of pairs) assert.equal(map[byte], unit, `${text} @${byte}`);
  }
});

test('records over non-ASCII text highlight exactly their words', () => {
  const text = 'Viktor Orbán’s government rejected the compact — “never”, he said.';
  for (const needle of ['Orbán’s', 'rejected', '“never”', 'said']) {
    const [range] = toUtf16Ranges(text, [{ key: needle, ...byteSpan(text, needle) }]);
    assert.equal(text.slice(range.from, range.to), needle);
  }
});

test('invalid spans are dropped, not drawn', () => {
  const text = 'short';
  const cases = [{ start: 3, end: 3 }, { start: 4, end: 2 }, { start: 0, end: 99 }, { start: -1, end: 2 }, { start: 'a', end: 2 }];
  assert.deepEqual(toUtf16Ranges(text, cases.map((span, key) => ({ key, ...span }))), []);
});

test('overlapping records cut the text into pieces that know who covers them', () => {
  const text = 'The US withdrew on Saturday.';
  const pieces = segments(text, [
    { key: 'claim', ...byteSpan(text, 'The US withdrew on Saturday') },
    { key: 'event', ...byteSpan(text, 'withdrew') },
    { key: 'date', ...byteSpan(text, 'Saturday') },
  ]);
  assert.equal(pieces.map((piece) => piece.text).join(''), text);
  const covered = Object.fromEntries(pieces.map((piece) => [piece.text, piece.keys.join('+')]));
  assert.deepEqual(covered, {
    'The US ': 'claim',
    withdrew: 'claim+event',
    ' on ': 'claim',
    Saturday: 'claim+date',
    '.': '',
  });
});
