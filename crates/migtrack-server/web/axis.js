// The time range a chart draws, and counts per month. Pure functions (no DOM), so Node can test
// them. A few items far before or after the rest (an event of 1938 among 2015–2026 ones) are
// left off the axis and named instead, so they never squash everything else into a corner.

const year = (day) => Number(day.slice(0, 4));

/** `days` (YYYY-MM-DD) → `{first, last, before, after}`: the range to draw and the days left
 * off it. Days are left off only when at most `share` of them (at least one) lie `gapYears` or
 * more before (after) all the others, and there are at least `minimum` days. */
export function axisRange(days, { gapYears = 10, share = 0.05, minimum = 5 } = {}) {
  const sorted = days.filter(Boolean).sort();
  if (!sorted.length) return { first: null, last: null, before: [], after: [] };
  let low = 0;
  let high = sorted.length - 1;
  if (sorted.length >= minimum) {
    const most = Math.max(1, Math.floor(sorted.length * share));
    for (let i = 0; i < most && i + 1 < sorted.length; i++) {
      if (year(sorted[i + 1]) - year(sorted[i]) >= gapYears) low = i + 1;
    }
    for (let i = sorted.length - 1; i > sorted.length - 1 - most && i - 1 >= low; i--) {
      if (year(sorted[i]) - year(sorted[i - 1]) >= gapYears) high = i - 1;
    }
  }
  return { first: sorted[low], last: sorted[high], before: sorted.slice(0, low), after: sorted.slice(high + 1) };
}

/** Every month `YYYY-MM` from the month of `first` to the month of `last`. */
export function monthsBetween(first, last) {
  const months = [];
  if (!first || !last) return months;
  let y = year(first);
  let m = Number(first.slice(5, 7));
  const endY = year(last);
  const endM = Number(last.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return months;
}

/** Counts per month and group: `items` are `{day, group}`; only days in [first, last] count.
 * Returns `{months, groups, counts: Map(month → Map(group → n)), total}`. */
export function countsByMonth(items, first, last) {
  const months = monthsBetween(first, last);
  const counts = new Map(months.map((month) => [month, new Map()]));
  const groups = new Set();
  let total = 0;
  for (const { day, group } of items) {
    if (!day || day < first || day > last) continue;
    const bucket = counts.get(day.slice(0, 7));
    if (!bucket) continue;
    bucket.set(group, (bucket.get(group) ?? 0) + 1);
    groups.add(group);
    total += 1;
  }
  return { months, groups: [...groups].sort(), counts, total };
}
