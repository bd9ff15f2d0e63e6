// Copies the minified browser builds of the pinned front-end libraries, with their licences,
// into ../web/vendor/ (committed there so the page works from a fresh clone without npm).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'web', 'vendor');
mkdirSync(out, { recursive: true });

const files = [
  ['chart.js/dist/chart.umd.min.js', 'chart.umd.min.js'],
  ['chart.js/LICENSE.md', 'LICENSE.chart.js.md'],
  ['chartjs-adapter-date-fns/dist/chartjs-adapter-date-fns.bundle.min.js', 'chartjs-adapter-date-fns.bundle.min.js'],
  ['chartjs-adapter-date-fns/LICENSE.md', 'LICENSE.chartjs-adapter-date-fns.md'],
  ['date-fns/LICENSE.md', 'LICENSE.date-fns.md'],
];
for (const [from, to] of files) {
  const source = join(here, 'node_modules', from);
  if (to.endsWith('.js')) {
    // Drop the source-map comment: the map is not shipped.
    const text = readFileSync(source, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
    writeFileSync(join(out, to), text);
  } else {
    copyFileSync(source, join(out, to));
  }
  console.log(`vendored ${from} -> web/vendor/${to}`);
}
