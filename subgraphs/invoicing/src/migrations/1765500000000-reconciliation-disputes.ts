import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 17: what partners claim (their invoice's summary lines or their CDRs), how it compares with our rated calls,
 * and the disputes that follow. Claimed calls and per-call results are the high-volume tables: written with COPY,
 * removed with their claim.
 */
export class ReconciliationDisputes1765500000000 implements MigrationInterface {
  name = "ReconciliationDisputes1765500000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Agreements as invoicing needs them (kept from the partners topic): the variance each tolerates.
      CREATE TABLE invoicing.settlement_agreement (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        status text NOT NULL,
        tolerance_percent numeric NOT NULL,
        tolerance_amount numeric NOT NULL
      );
      CREATE INDEX settlement_agreement_partner ON invoicing.settlement_agreement (partner_id, valid_from);

      -- How one partner writes its invoice: CSV or XLSX, which column (header name or 0-based index) holds what.
      CREATE TABLE invoicing.claim_layout (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        name text NOT NULL,
        format text NOT NULL CHECK (format IN ('CSV', 'XLSX')),
        delimiter text NOT NULL DEFAULT ',',
        header_row int NOT NULL DEFAULT 1,
        sheet text,
        columns jsonb NOT NULL,
        decimal_comma boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (partner_id, name)
      );

      -- One file a partner sent for one period and side. RECEIVABLE: a customer's view of our SELL leg;
      -- PAYABLE: a vendor's view of our BUY leg. The same file twice for the same partner and side is one claim.
      CREATE TABLE invoicing.claim (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        side text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('INVOICE', 'CDRS')),
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        currency char(3),
        layout_id uuid REFERENCES invoicing.claim_layout (id),
        cdr_format text,
        cdr_layout jsonb,
        cdr_timezone text,
        file_name text NOT NULL,
        file_sha256 text NOT NULL,
        status text NOT NULL,
        read_count int NOT NULL DEFAULT 0,
        accepted_count int NOT NULL DEFAULT 0,
        duplicate_count int NOT NULL DEFAULT 0,
        rejected_count int NOT NULL DEFAULT 0,
        failure text,
        received_by text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        UNIQUE (partner_id, side, file_sha256)
      );
      CREATE INDEX claim_partner ON invoicing.claim (partner_id, period_start, id);

      -- An invoice claim's summary lines, as the partner wrote them.
      CREATE TABLE invoicing.claim_line (
        claim_id uuid NOT NULL REFERENCES invoicing.claim (id) ON DELETE CASCADE,
        line int NOT NULL,
        destination text NOT NULL,
        calls bigint NOT NULL,
        minutes numeric NOT NULL,
        rate numeric,
        amount numeric NOT NULL,
        currency char(3) NOT NULL,
        PRIMARY KEY (claim_id, line)
      );

      -- A CDR claim's calls. call_id null: the partner's file carries none (matched by numbers and times).
      CREATE TABLE invoicing.claim_call (
        claim_id uuid NOT NULL REFERENCES invoicing.claim (id) ON DELETE CASCADE,
        line int NOT NULL,
        call_id text,
        start_time timestamptz NOT NULL,
        a_number text NOT NULL,
        b_number text NOT NULL,
        duration int NOT NULL,
        amount numeric,
        PRIMARY KEY (claim_id, line)
      );
      CREATE UNIQUE INDEX claim_call_id ON invoicing.claim_call (claim_id, call_id) WHERE call_id IS NOT NULL;

      -- Records of a claim file that could not be read, with the reason; never dropped.
      CREATE TABLE invoicing.claim_rejection (
        claim_id uuid NOT NULL REFERENCES invoicing.claim (id) ON DELETE CASCADE,
        line int NOT NULL,
        field text NOT NULL,
        reason text NOT NULL,
        raw text NOT NULL,
        PRIMARY KEY (claim_id, line)
      );

      -- One comparison of a claim with our rated calls of the same partner, leg and period.
      CREATE TABLE invoicing.reconciliation (
        id uuid PRIMARY KEY,
        claim_id uuid NOT NULL REFERENCES invoicing.claim (id),
        partner_id uuid NOT NULL,
        side text NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        currency char(3) NOT NULL,
        status text NOT NULL,
        start_tolerance_seconds int NOT NULL,
        duration_tolerance_seconds int NOT NULL,
        amount_tolerance numeric NOT NULL,
        tolerance_percent numeric NOT NULL,
        tolerance_amount numeric NOT NULL,
        our_calls bigint NOT NULL DEFAULT 0,
        their_calls bigint NOT NULL DEFAULT 0,
        matched bigint NOT NULL DEFAULT 0,
        duration_mismatch bigint NOT NULL DEFAULT 0,
        rate_mismatch bigint NOT NULL DEFAULT 0,
        missing_ours bigint NOT NULL DEFAULT 0,
        missing_theirs bigint NOT NULL DEFAULT 0,
        our_amount numeric NOT NULL DEFAULT 0,
        their_amount numeric NOT NULL DEFAULT 0,
        variance numeric NOT NULL DEFAULT 0,
        dispute_id uuid,
        failure text,
        requested_by text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE INDEX reconciliation_partner ON invoicing.reconciliation (partner_id, period_start, id);

      -- Every call that is not MATCHED, both sides of it: the evidence a dispute points at.
      CREATE TABLE invoicing.reconciliation_call (
        reconciliation_id uuid NOT NULL REFERENCES invoicing.reconciliation (id) ON DELETE CASCADE,
        seq int NOT NULL,
        status text NOT NULL,
        destination text,
        our_call_id text,
        our_start timestamptz,
        our_a_number text,
        our_b_number text,
        our_duration int,
        our_amount numeric,
        their_line int,
        their_call_id text,
        their_start timestamptz,
        their_a_number text,
        their_b_number text,
        their_duration int,
        their_amount numeric,
        difference numeric NOT NULL,
        PRIMARY KEY (reconciliation_id, seq)
      );
      CREATE INDEX reconciliation_call_status ON invoicing.reconciliation_call (reconciliation_id, status, seq);

      -- Both sides per destination.
      CREATE TABLE invoicing.reconciliation_destination (
        reconciliation_id uuid NOT NULL REFERENCES invoicing.reconciliation (id) ON DELETE CASCADE,
        destination text NOT NULL,
        status text NOT NULL,
        our_calls bigint NOT NULL,
        our_seconds bigint NOT NULL,
        our_amount numeric NOT NULL,
        their_calls bigint NOT NULL,
        their_seconds bigint NOT NULL,
        their_amount numeric NOT NULL,
        difference numeric NOT NULL,
        PRIMARY KEY (reconciliation_id, destination)
      );

      CREATE TABLE invoicing.dispute (
        id uuid PRIMARY KEY,
        number text NOT NULL UNIQUE,
        partner_id uuid NOT NULL,
        side text NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        currency char(3) NOT NULL,
        reconciliation_id uuid REFERENCES invoicing.reconciliation (id),
        invoice_id uuid REFERENCES invoicing.invoice (id),
        status text NOT NULL,
        resolution text,
        our_amount numeric NOT NULL,
        their_amount numeric NOT NULL,
        disputed_amount numeric NOT NULL,
        agreed_amount numeric,
        note_id uuid REFERENCES invoicing.invoice (id),
        reason text NOT NULL,
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        due_date date,
        reminder_count int NOT NULL DEFAULT 0,
        last_reminded_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX dispute_partner ON invoicing.dispute (partner_id, opened_at, id);
      CREATE INDEX dispute_awaiting ON invoicing.dispute (due_date) WHERE status IN ('SUBMITTED', 'IN_REVIEW');
      CREATE SEQUENCE invoicing.dispute_number;

      CREATE TABLE invoicing.dispute_comment (
        id uuid PRIMARY KEY,
        dispute_id uuid NOT NULL REFERENCES invoicing.dispute (id),
        author_kind text NOT NULL,
        author text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX dispute_comment_dispute ON invoicing.dispute_comment (dispute_id, created_at, id);

      CREATE TABLE invoicing.dispute_attachment (
        id uuid PRIMARY KEY,
        dispute_id uuid NOT NULL REFERENCES invoicing.dispute (id),
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes int NOT NULL,
        sha256 text NOT NULL,
        content bytea NOT NULL,
        author_kind text NOT NULL,
        author text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX dispute_attachment_dispute ON invoicing.dispute_attachment (dispute_id, created_at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE invoicing.dispute_attachment, invoicing.dispute_comment, invoicing.dispute;
      DROP SEQUENCE invoicing.dispute_number;
      DROP TABLE invoicing.reconciliation_destination, invoicing.reconciliation_call, invoicing.reconciliation;
      DROP TABLE invoicing.claim_rejection, invoicing.claim_call, invoicing.claim_line, invoicing.claim, invoicing.claim_layout;
      DROP TABLE invoicing.settlement_agreement;
    `);
  }
}
