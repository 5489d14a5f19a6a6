export default async function globalTeardown(): Promise<void> {
  await globalThis.__INTERSETTLE_TEST_PG__?.stop();
}
