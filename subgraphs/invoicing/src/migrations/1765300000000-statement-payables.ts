import type { MigrationInterface, QueryRunner } from "typeorm";

/** Which payable each published revenue-share statement became: at most one, however often its event is seen. */
export class StatementPayables1765300000000 implements MigrationInterface {
  name = "StatementPayables1765300000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoicing.statement_payable (
        statement_id uuid PRIMARY KEY,
        invoice_id uuid REFERENCES invoicing.invoice (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invoicing.statement_payable`);
  }
}
