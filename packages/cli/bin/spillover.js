#!/usr/bin/env node
'use strict';
// Launcher of the built command (packages/cli/dist/main.js); run `npm run build -w @spillover/cli` first.
process.exitCode = require('../dist/main.js').main(process.argv.slice(2));
