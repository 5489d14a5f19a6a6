import { Client } from "pg";

/** Runs one SQL query on a fresh connection as the database's administrator, for tests that look under the API. */
export async function querySql(databaseUrl: string, query: string, params: unknown[] = []): Promise<any[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query(query, params)).rows;
  } finally {
    await db.end();
  }
}
