#!/usr/bin/env node
// `jos` from tsc's output (dist/**/*.js with their source maps) instead of
// the bundle, for Node's inspector: breakpoints and stack traces then land
// in the TypeScript sources. docs/debugging.md:
//   npm run build && node --inspect-brk scripts/jos-unbundled.js run --board pc
'use strict';
require('../dist/host/cli').main(process.argv);
