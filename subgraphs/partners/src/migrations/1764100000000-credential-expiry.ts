import type { MigrationInterface, QueryRunner } from "typeorm";

/** Keys and tokens may expire; a rotated key remembers the key it replaced. */
export class CredentialExpiry1764100000000 implements MigrationInterface {
  name = "CredentialExpiry1764100000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE partners.api_credential
        ADD COLUMN expires_at timestamptz,
        ADD COLUMN rotated_from uuid REFERENCES partners.api_credential(id);
      ALTER TABLE partners.operator_token ADD COLUMN expires_at timestamptz;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE partners.operator_token DROP COLUMN expires_at;
      ALTER TABLE partners.api_credential DROP COLUMN rotated_from, DROP COLUMN expires_at;`);
  }
}
