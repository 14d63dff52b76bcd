#!/usr/bin/env node
'use strict';
// The CLI is compiled by `npm run build` (also run by `npm ci` through the prepare script).
const path = require('path');
const fs = require('fs');
const entry = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('tollgate: dist/cli.js is missing; run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(2);
}
require(entry).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
