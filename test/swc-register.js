// Lets a child process run the TypeScript sources directly (node -r ./test/swc-register.js apps/worker/src/main.ts),
// so process-level tests (SIGKILL of a worker) need no prior build. Same swc options as jest.config.js.
const { transformSync } = require('@swc/core');
const fs = require('node:fs');
const Module = require('node:module');
require('./resolve-aliases');

Module._extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
