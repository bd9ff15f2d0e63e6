// Turns records' UTF-8 byte spans into UTF-16 string ranges and cuts a text into segments,
// each listing the records that cover it. Pure functions (no DOM), so Node can test them.

const encoder = new TextEncoder();

/** For every UTF-8 byte offset of `text`, the UTF-16 index of the character it falls in
 * (offsets inside a character map to its start; offset `byteLength` maps to `text.length`). */
export function byteToUtf16(text) {
  const byteLength = encoder.encode(text).length;
  const map = new Uint32Array(byteLength + 1);
  let bytePos = 0;
  let unitPos = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0);
    const width = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    for (let i = 0; i < width; i++) map[bytePos + i] = unitPos;
    bytePos += width;
    unitPos += char.length;
  }
  map[byteLength] = text.length;
  return map;
}

/** Records `{key, start, end}` (byte offsets) → `{key, from, to}` (UTF-16), dropping spans that
 * are empty or outside the text. */
export function toUtf16Ranges(text, records) {
  const map = byteToUtf16(text);
  const last = map.length - 1;
  const ranges = [];
  for (const record of records) {
    const { start, end } = record;
    if (!Number.isInteger(start) || !Number.isInteger(end)) continue;
    if (start < 0 || end > last || start >= end) continue;
    const from = map[start];
    const to = map[end];
    if (from < to) ranges.push({ ...record, from, to });
  }
  return ranges;
}

/** Cuts `text` at every range boundary: `[{text, from, to, keys}]` covering the whole text, where
 * `keys` lists (in input order) the records covering that piece. */
export function segments(text, records) {
  const ranges = toUtf16Ranges(text, records);
  const cuts = new Set([0, text.length]);
  for (const range of ranges) {
    cuts.add(range.from);
    cuts.add(range.to);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i];
    const to = points[i + 1];
    const keys = ranges.filter((r) => r.from <= from && r.to >= to).map((r) => r.key);
    pieces.push({ text: text.slice(from, to), from, to, keys });
  }
  return pieces;
}
