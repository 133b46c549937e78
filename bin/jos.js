#!/usr/bin/env node
// The jos command. Rebuilds dist/ first if the sources are newer than it
// (bin/fresh-build.js), then runs the bundled CLI through V8's code cache
// (bin/load-cli.js). Put it on your PATH with `npm install -g ./bin`.
'use strict';
const path = require('path');
const { ensureFreshBuild } = require('./fresh-build');
const { codePath, loadCli } = require('./load-cli');

const root = path.join(__dirname, '..');
ensureFreshBuild(root);
loadCli(root).main(process.argv, { codePath });
