// Stored date values as people read them: a day, month, year or decade as it is; an ISO week
// (2017-W49), a quarter (2019-Q1) or a US fiscal year (FY2026) as its first and last day
// ("2017-12-04 – 2017-12-10"). The API keeps the stored value; only the page shows the days.

const iso = (date) => date.toISOString().slice(0, 10);
const utc = (year, month, day) => new Date(Date.UTC(year, month - 1, day));

/** The first and last day (YYYY-MM-DD) of a week, quarter or fiscal year value; otherwise null. */
export function periodDays(value) {
  if (typeof value !== 'string') return null;
  let match = /^(\d{4})-W(\d{2})$/.exec(value);
  if (match) {
    const year = Number(match[1]);
    const week = Number(match[2]);
    // ISO week 1 holds January 4th; weeks start on Monday.
    const jan4 = utc(year, 1, 4);
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000);
    const first = new Date(monday.getTime() + (week - 1) * 7 * 86400000);
    const last = new Date(first.getTime() + 6 * 86400000);
    // A week 53 exists only in years whose week of December 28th is 53.
    if (week < 1 || week > 53 || (week === 53 && isoWeek(utc(year, 12, 28)) !== 53)) return null;
    return { first: iso(first), last: iso(last) };
  }
  match = /^(\d{4})-Q([1-4])$/.exec(value);
  if (match) {
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    return { first: iso(utc(year, quarter * 3 - 2, 1)), last: iso(utc(year, quarter * 3 + 1, 0)) };
  }
  match = /^FY(\d{4})$/.exec(value);
  if (match) {
    const year = Number(match[1]);
    return { first: iso(utc(year - 1, 10, 1)), last: iso(utc(year, 9, 30)) };
  }
  return null;
}

function isoWeek(date) {
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86400000);
  const jan1 = utc(thursday.getUTCFullYear(), 1, 1);
  return 1 + Math.floor((thursday - jan1) / (7 * 86400000));
}

/** A stored date value for people: a week, quarter or fiscal year as its days. */
export function periodLabel(value) {
  const days = periodDays(value);
  return days ? `${days.first} – ${days.last}` : value;
}

/** The first and last day of a date bound as the API takes it (YYYY, YYYY-MM, YYYY-MM-DD,
 * YYYY-Www, YYYY-Qn, FY2026); null for anything else. */
export function boundDays(value) {
  const text = String(value ?? '').trim().toUpperCase();
  const period = periodDays(text);
  if (period) return period;
  let match = /^(\d{4})$/.exec(text);
  if (match) return { first: `${text}-01-01`, last: `${text}-12-31` };
  match = /^(\d{4})-(\d{2})$/.exec(text);
  if (match) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return null;
    return { first: `${text}-01`, last: iso(utc(Number(match[1]), month + 1, 0)) };
  }
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match && iso(utc(Number(match[1]), Number(match[2]), Number(match[3]))) === text) {
    return { first: text, last: text };
  }
  return null;
}
