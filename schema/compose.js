#!/usr/bin/env node
// npm run compose: prints each subgraph's SDL to schema/<name>.graphql and composes schema/supergraph.graphql.
const { writeSupergraphFiles } = require("../gateway/dist/supergraph");

const composed = writeSupergraphFiles();
console.log(`Composed ${Object.keys(composed.subgraphSdls).join(", ")} into schema/supergraph.graphql`);
