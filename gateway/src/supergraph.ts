import fs from "node:fs";
import path from "node:path";
import { composeServices } from "@apollo/composition";
import { printSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";
import { SUBGRAPHS } from "./subgraph-catalog";

/** schema/ at the repository root, from gateway/src or gateway/dist alike. */
export const SCHEMA_DIR = path.resolve(__dirname, "../../schema");
export const SUPERGRAPH_FILE = path.join(SCHEMA_DIR, "supergraph.graphql");
const DEFAULT_GATEWAY_PORT = 4000;

export interface ComposedSupergraph {
  supergraphSdl: string;
  subgraphSdls: Record<string, string>;
}

/** Composes every subgraph's SDL into the supergraph; throws with every composition error. */
export function composeSupergraph(): ComposedSupergraph {
  const subgraphSdls: Record<string, string> = {};
  const services = SUBGRAPHS.map((def) => {
    const sdl = printSubgraphSchema(def.create({}).schema);
    subgraphSdls[def.name] = sdl;
    return { name: def.name, url: `http://localhost:${DEFAULT_GATEWAY_PORT + def.portOffset}/graphql`, typeDefs: parse(sdl) };
  });
  const result = composeServices(services);
  if (result.errors?.length) throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join("\n")}`);
  return { supergraphSdl: result.supergraphSdl!, subgraphSdls };
}

/** Writes schema/<subgraph>.graphql and schema/supergraph.graphql (npm run compose). */
export function writeSupergraphFiles(): ComposedSupergraph {
  const composed = composeSupergraph();
  for (const [name, sdl] of Object.entries(composed.subgraphSdls)) fs.writeFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), sdl + "\n");
  fs.writeFileSync(SUPERGRAPH_FILE, composed.supergraphSdl);
  return composed;
}

export function readSupergraph(): string {
  return fs.readFileSync(SUPERGRAPH_FILE, "utf8");
}
