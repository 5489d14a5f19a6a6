#!/usr/bin/env node
// Committed so npm can link the `intersettle` command before the TypeScript build has run.
require("../dist/cli/main.js");
