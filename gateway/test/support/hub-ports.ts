import { SUBGRAPHS } from "../../src/subgraph-catalog";

/** Ports a hub process started with PORT takes: the gateway's, each subgraph's (PORT+offset), and its PostgreSQL's last. */
export const HUB_PORTS = Math.max(...SUBGRAPHS.map((s) => s.portOffset)) + 2;
