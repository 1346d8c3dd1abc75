// Lets a child process run the TypeScript sources directly (`node -r ./register-typescript.js script.ts`),
// the way Jest does: SWC with the workspace's settings, and @pac/* resolved to the libraries' sources.
// Used by the integration tests to run an outbox relay in a process they can kill.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.exclude;
delete swcrc.jsc.baseUrl;
delete swcrc.jsc.paths;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const library = /^@pac\/([^/]+)$/.exec(request);
  if (library) request = path.join(root, 'libs', library[1], 'src', 'index.ts');
  return resolveFilename.call(this, request, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcrc, swcrc: false, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
