// The unit tests of the whole workspace (no I/O). `npm test` runs these, then jest.integration.config.js.
module.exports = require('./jest.preset').workspaceJestConfig('unit');
