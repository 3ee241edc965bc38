// The one alias map (tsconfig.json "paths": @thidua/<lib> is libs/<lib>/src) for code that runs the TypeScript
// sources under Node's own resolver: child processes started with swc-register.js, and Jest's global setup,
// which Jest loads without its moduleNameMapper. Built code needs none of this: tsc-alias rewrites dist/.
const Module = require('node:module');
const { join } = require('node:path');

const LIBS = join(__dirname, '../libs');
const ALIAS = /^@thidua\/([a-z-]+)$/;
const resolveFilename = Module._resolveFilename;

Module._resolveFilename = function resolveAliased(request, ...rest) {
  const match = ALIAS.exec(request);
  return resolveFilename.call(this, match ? join(LIBS, match[1], 'src') : request, ...rest);
};
