// Integration and end-to-end tests of the whole workspace: they expect the infrastructure and the running
// system that `npm test` (tools/test-runner) starts, and get their addresses from the environment.
module.exports = require('./jest.preset').workspaceJestConfig('integration');
