/**
 * The domain's specs alone, as the suite runs them (same transform and alias map) but without the real
 * servers the suite's global set-up starts: the domain is pure. Used by `npm run mutation` (StrykerJS) and
 * for a quick run: `npx jest -c libs/domain/jest.config.js`.
 */
const { join } = require('node:path');
const base = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: join(__dirname, '../..'),
  testEnvironment: base.testEnvironment,
  transform: base.transform,
  transformIgnorePatterns: base.transformIgnorePatterns,
  moduleNameMapper: base.moduleNameMapper,
  roots: ['<rootDir>/libs/domain'],
  testMatch: ['**/*.spec.ts'],
};
