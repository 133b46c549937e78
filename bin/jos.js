#!/usr/bin/env node
// The jos command. Rebuilds dist/ first if the sources are newer than it
// (bin/fresh-build.js), then runs the bundled CLI through V8's code cache
// (bin/load-cli.js), and exits as soon as the command is done
// (bin/exit-when-done.js). Put it on your PATH with `npm install -g ./bin`.
'use strict';
const path = require('path');
const { ensureFreshBuild } = require('./fresh-build');
const { exitWhenDone } = require('./exit-when-done');
const { codePath, loadCli } = require('./load-cli');

const root = path.join(__dirname, '..');
ensureFreshBuild(root);
exitWhenDone(loadCli(root).main(process.argv, { codePath }));
