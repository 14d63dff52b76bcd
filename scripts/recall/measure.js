'use strict';
// Recall, precision and model resolution of the scanner against call sites a person found by
// reading real apps (labels in this folder, one JSON file per app: repo, commit, sites[{at: "file:line", model}]).
//   node scripts/recall/measure.js <apps-dir> [out-dir (default: out)] [app names, default all]
// <apps-dir>/<label-name>/ holds the app's whole tree at the label's commit (fetch the repo, then
// `git --git-dir=<mirror> archive <commit> | tar -x -C <apps-dir>/<name>`, or ls-tree + cat-file where
// a mirror lacks LFS blobs). Apps are not in the repo.
// A found site matches a label on file and line. A found site no label names counts against
// precision: labels list every call site of the app (add one the scanner found and a reader missed).
// `notSites` lists found sites a reader judged not to be call sites (kept so a fix can be seen).
const fs = require('fs');
const path = require('path');

const [appsDir, outDir = path.join(__dirname, '..', '..', 'out'), ...only] = process.argv.slice(2);
if (!appsDir) {
  process.stderr.write('usage: node scripts/recall/measure.js <apps-dir> [out-dir]\n');
  process.exit(2);
}
const { scan } = require(path.resolve(outDir, 'shared/scan.js'));
const modelValues = (m) => (m.status === 'exact' ? [m.value] : m.status === 'oneOf' ? m.values : []);
const totals = { labelled: 0, found: 0, matched: 0, truePositives: 0, humanModels: 0, modelsResolved: 0 };
for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.json')).sort()) {
  const label = JSON.parse(fs.readFileSync(path.join(__dirname, file), 'utf8'));
  const name = file.replace(/\.json$/, '');
  if (only.length && !only.includes(name)) continue;
  // The whole app is scanned, as a user would; a label with a subdir covers that folder only
  // (its `at` paths are relative to it), and sites outside it are neither counted nor extra.
  const root = path.join(appsDir, name);
  const sub = label.subdir ? label.subdir.replace(/\/+$/, '') + '/' : '';
  if (!fs.existsSync(path.join(root, sub))) {
    process.stdout.write(`${name.padEnd(16)} not found in ${appsDir} (fetch ${label.repo} at ${label.commit})\n`);
    continue;
  }
  const whole = scan(root, { workers: 0 });
  const inSub = (file) => file.startsWith(sub);
  const rel = (file) => file.slice(sub.length);
  const result = {
    callSites: whole.callSites
      .filter((s) => inSub(s.file))
      .map((s) => ({ ...s, file: rel(s.file), callers: s.callers.filter((c) => inSub(c.file)).map((c) => ({ ...c, file: rel(c.file) })) })),
  };
  const labelled = new Map(label.sites.map((s) => [s.at, s]));
  // A label is met by the found site whose call spans its line, or by a wrapper's site that lists
  // the labelled line among its callers (the request is sent inside the wrapper).
  const meets = (s, at) => {
    const [file, line] = [at.slice(0, at.lastIndexOf(':')), Number(at.slice(at.lastIndexOf(':') + 1))];
    if (s.file === file && line >= s.line && line <= s.endLine) return true;
    return s.callers.some((c) => c.file === file && c.line === line);
  };
  const found = new Map(result.callSites.map((s) => [`${s.file}:${s.line}:${s.column}`, s]));
  const siteFor = new Map();
  for (const at of labelled.keys()) {
    const s = result.callSites.find((x) => meets(x, at));
    if (s) siteFor.set(at, s);
  }
  const missed = [...labelled.keys()].filter((k) => !siteFor.has(k));
  const extra = [...found.keys()].filter((k) => ![...labelled.keys()].some((at) => meets(found.get(k), at)));
  let humanModels = 0;
  let modelsResolved = 0;
  const wrongModels = [];
  for (const [at, l] of labelled) {
    if (l.model === null) continue;
    humanModels++;
    const s = siteFor.get(at);
    if (s && modelValues(s.model).includes(l.model)) modelsResolved++;
    else if (s) wrongModels.push(`${at} wants ${l.model}, got ${JSON.stringify(s.model.value ?? s.model.values ?? s.model.reason)}`);
  }
  const matched = labelled.size - missed.length;
  const truePositives = found.size - extra.length;
  totals.labelled += labelled.size;
  totals.found += found.size;
  totals.matched += matched;
  totals.truePositives += truePositives;
  totals.humanModels += humanModels;
  totals.modelsResolved += modelsResolved;
  const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) + '%' : 'n/a');
  process.stdout.write(`${name.padEnd(16)} recall ${matched}/${labelled.size} (${pct(matched, labelled.size)}), precision ${truePositives}/${found.size} (${pct(truePositives, found.size)}), models ${modelsResolved}/${humanModels} (${pct(modelsResolved, humanModels)})\n`);
  for (const m of missed) process.stdout.write(`   missed ${m}${labelled.get(m).why ? ` (${labelled.get(m).why})` : ''}\n`);
  for (const e of extra) process.stdout.write(`   extra  ${e} ${found.get(e).provider} ${found.get(e).api}\n`);
  for (const w of wrongModels) process.stdout.write(`   model  ${w}\n`);
}
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) + '%' : 'n/a');
process.stdout.write(`all              recall ${totals.matched}/${totals.labelled} (${pct(totals.matched, totals.labelled)}), precision ${totals.truePositives}/${totals.found} (${pct(totals.truePositives, totals.found)}), models ${totals.modelsResolved}/${totals.humanModels} (${pct(totals.modelsResolved, totals.humanModels)})\n`);
