// Dependency report of the packages that ship in the jar (npm's non-dev dependencies): their versions, then what
// `npm audit` knows about them. A report, not a gate: it exits 0 whatever it finds and when the registry's audit
// service cannot be reached, and says so in the build log (README, "Dependency report").
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
const shipped = [...new Set(Object.entries(lock.packages)
  .filter(([path, p]) => path && !p.dev)
  .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')}@${p.version}`))]
  .sort();
console.log(`[dependency report] ${shipped.length} npm packages ship in the jar:`);
for (let i = 0; i < shipped.length; i += 6) {
  console.log('  ' + shipped.slice(i, i + 6).join('  '));
}

// npm_execpath is npm's own script when run as `npm run audit`: the same npm that built the frontend.
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
const run = spawnSync(npm[0], [...npm.slice(1), 'audit', '--omit=dev', '--json', '--fetch-timeout=20000', '--fetch-retries=0'],
  { encoding: 'utf8', timeout: 90_000 });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = { error: { summary: run.error?.message || (run.stderr || '').trim().split('\n').pop() || 'no answer' } };
}
if (report.error || !report.metadata) {
  console.log('[dependency report] WARNING: npm audit could not run, so there is no vulnerability data for these packages:');
  console.log('  ' + String(report.error?.summary || report.message || 'no report').split('\n')[0]);
  process.exit(0);
}
const counts = report.metadata.vulnerabilities;
console.log(`[dependency report] npm audit: ${counts.total} known vulnerabilities in shipped packages `
  + `(critical ${counts.critical}, high ${counts.high}, moderate ${counts.moderate}, low ${counts.low})`);
for (const [name, v] of Object.entries(report.vulnerabilities || {})) {
  const advisories = v.via.filter((via) => typeof via === 'object').map((via) => `${via.title} ${via.url}`);
  console.log(`  ${v.severity.padEnd(8)} ${name} ${v.range}${advisories.length ? ': ' + advisories.join('; ') : ' (through ' + v.via.join(', ') + ')'}`
    + (v.fixAvailable ? '  — fix available' : ''));
}
