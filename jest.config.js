/** One jest run over every package; TypeScript is compiled by swc with decorator metadata for type-graphql and TypeORM. */
const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: "es2022",
    },
    module: { type: "commonjs" },
  },
];

module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": swc },
  moduleNameMapper: {
    "^@intersettle/shared$": "<rootDir>/shared/src",
    "^@intersettle/gateway$": "<rootDir>/gateway/src",
    "^@intersettle/(partners|rating|revenue-share|routing|invoicing)$": "<rootDir>/subgraphs/$1/src",
  },
  testMatch: ["<rootDir>/{shared,gateway,subgraphs/*}/test/**/*.test.ts"],
  globalSetup: "<rootDir>/shared/src/testing/jest-global-setup.ts",
  globalTeardown: "<rootDir>/shared/src/testing/jest-global-teardown.ts",
  maxWorkers: 2,
  testTimeout: 60000,
};
