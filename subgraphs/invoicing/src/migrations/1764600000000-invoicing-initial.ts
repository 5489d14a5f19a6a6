import type { MigrationInterface, QueryRunner } from "typeorm";

export class InvoicingInitial1764600000000 implements MigrationInterface {
  name = "InvoicingInitial1764600000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoicing.billing_account (
        partner_id uuid PRIMARY KEY,
        code text NOT NULL,
        legal_name text NOT NULL,
        roles text[] NOT NULL,
        currency char(3) NOT NULL,
        timezone text NOT NULL,
        billing_cycle text NOT NULL,
        payment_terms_days int NOT NULL,
        tax_rate_percent numeric NOT NULL,
        rounding_decimals int NOT NULL,
        rounding_mode text NOT NULL,
        rounding_scope text NOT NULL,
        billing_emails text[] NOT NULL,
        status text NOT NULL,
        billing_start timestamptz NOT NULL,
        receivable_billed_through timestamptz,
        payable_billed_through timestamptz
      );
      CREATE TABLE invoicing.invoice (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        side text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        number text UNIQUE,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        timezone text NOT NULL,
        currency char(3) NOT NULL,
        net numeric NOT NULL,
        tax_rate_percent numeric NOT NULL,
        tax numeric NOT NULL,
        gross numeric NOT NULL,
        settled_amount numeric NOT NULL DEFAULT 0,
        exchange_rates jsonb NOT NULL DEFAULT '[]',
        corrects_id uuid REFERENCES invoicing.invoice(id),
        reason text,
        approved_at timestamptz,
        issued_at timestamptz,
        issue_date date,
        due_date date,
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL,
        CHECK (gross = net + tax),
        CHECK ((number IS NULL) = (status IN ('DRAFT', 'APPROVED')))
      );
      CREATE INDEX invoice_partner ON invoicing.invoice (partner_id, created_at, id);
      CREATE INDEX invoice_open ON invoicing.invoice (partner_id, side, currency) WHERE status IN ('ISSUED', 'PARTIALLY_PAID', 'OVERDUE');
      -- One draft per partner, side and kind at a time: billing runs add to it rather than opening another.
      CREATE UNIQUE INDEX invoice_one_draft ON invoicing.invoice (partner_id, side, kind, period_start) WHERE status = 'DRAFT' AND corrects_id IS NULL;
      CREATE TABLE invoicing.invoice_line (
        id uuid PRIMARY KEY,
        invoice_id uuid NOT NULL REFERENCES invoicing.invoice(id) ON DELETE CASCADE,
        position int NOT NULL,
        kind text NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        service text NOT NULL,
        destination text NOT NULL,
        prefix text NOT NULL,
        rate numeric NOT NULL,
        rate_version int NOT NULL,
        usage_currency char(3) NOT NULL,
        calls int NOT NULL,
        unit text NOT NULL,
        quantity bigint NOT NULL,
        amount numeric NOT NULL,
        exact_amount numeric NOT NULL,
        currency char(3) NOT NULL,
        exchange_rate numeric,
        net numeric NOT NULL,
        UNIQUE (invoice_id, position)
      );
      CREATE TABLE invoicing.billing_run (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        side text NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        trigger text NOT NULL,
        invoice_id uuid REFERENCES invoicing.invoice(id) ON DELETE SET NULL,
        usage_lines int NOT NULL,
        adjustment_lines int NOT NULL,
        adjustment_net numeric NOT NULL,
        ran_at timestamptz NOT NULL
      );
      CREATE INDEX billing_run_partner ON invoicing.billing_run (partner_id, side, period_start);
      CREATE TABLE invoicing.invoice_number (
        series text NOT NULL,
        year int NOT NULL,
        last_number int NOT NULL,
        PRIMARY KEY (series, year)
      );
      CREATE TABLE invoicing.payment (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        direction text NOT NULL,
        currency char(3) NOT NULL,
        amount numeric NOT NULL CHECK (amount > 0),
        unapplied numeric NOT NULL CHECK (unapplied >= 0 AND unapplied <= amount),
        paid_at timestamptz NOT NULL,
        reference text NOT NULL,
        recorded_at timestamptz NOT NULL,
        UNIQUE (partner_id, direction, reference)
      );
      CREATE INDEX payment_partner ON invoicing.payment (partner_id, paid_at, id);
      CREATE TABLE invoicing.payment_allocation (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        payment_id uuid REFERENCES invoicing.payment(id),
        credit_note_id uuid REFERENCES invoicing.invoice(id),
        invoice_id uuid NOT NULL REFERENCES invoicing.invoice(id),
        amount numeric NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        allocated_at timestamptz NOT NULL,
        CHECK ((payment_id IS NULL) <> (credit_note_id IS NULL))
      );
      CREATE INDEX payment_allocation_invoice ON invoicing.payment_allocation (invoice_id);
      CREATE INDEX payment_allocation_payment ON invoicing.payment_allocation (payment_id);
      CREATE TABLE invoicing.invoice_delivery (
        id uuid PRIMARY KEY,
        invoice_id uuid NOT NULL REFERENCES invoicing.invoice(id),
        partner_id uuid NOT NULL,
        recipients text[] NOT NULL,
        status text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_error text,
        message_id text,
        sent_at timestamptz
      );
      CREATE INDEX invoice_delivery_due ON invoicing.invoice_delivery (next_attempt_at) WHERE status = 'PENDING';
      CREATE INDEX invoice_delivery_invoice ON invoicing.invoice_delivery (invoice_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invoicing.invoice_delivery, invoicing.payment_allocation, invoicing.payment, invoicing.invoice_number,
      invoicing.billing_run, invoicing.invoice_line, invoicing.invoice, invoicing.billing_account`);
  }
}
