import { Client } from "pg";
import { ConflictError } from "../errors";

/**
 * One process at a time works on an ingestion job: a session lock, released when this connection closes — also
 * when the process dies, so the file can then be resumed. End the client when the job is done.
 */
export async function claimJob(databaseUrl: string, jobId: string): Promise<Client> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query("SELECT pg_try_advisory_lock(hashtext($1)) AS claimed", [`ingestion:${jobId}`]);
  if (!rows[0].claimed) {
    await client.end();
    throw new ConflictError("This file is being ingested right now by another request; its job will finish it", { jobId });
  }
  return client;
}
