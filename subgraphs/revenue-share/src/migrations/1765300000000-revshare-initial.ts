import type { MigrationInterface, QueryRunner } from "typeorm";

export class RevshareInitial1765300000000 implements MigrationInterface {
  name = "RevshareInitial1765300000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE revshare.partner (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        legal_name text NOT NULL,
        types text[] NOT NULL,
        currency char(3) NOT NULL,
        timezone text NOT NULL,
        billing_cycle text NOT NULL,
        status text NOT NULL,
        statement_start timestamptz NOT NULL,
        statements_through timestamptz
      );
      CREATE TABLE revshare.content_service (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL,
        currency char(3) NOT NULL,
        provider_id uuid NOT NULL,
        aggregator_id uuid,
        enabler_id uuid,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL
      );
      CREATE INDEX content_service_provider ON revshare.content_service (provider_id);
      CREATE INDEX content_service_aggregator ON revshare.content_service (aggregator_id);
      CREATE INDEX content_service_enabler ON revshare.content_service (enabler_id);
      CREATE TABLE revshare.share_agreement (
        id uuid PRIMARY KEY,
        service_id uuid NOT NULL REFERENCES revshare.content_service (id),
        agreement_version int NOT NULL,
        reference text,
        currency char(3) NOT NULL,
        effective_from date NOT NULL,
        effective_to date,
        terms jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL,
        UNIQUE (service_id, agreement_version),
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
      );
      CREATE INDEX share_agreement_service ON revshare.share_agreement (service_id, effective_from);
      -- A partner's statement of one period and currency: rebuilt while DRAFT, never changed once PUBLISHED.
      CREATE TABLE revshare.statement (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        currency char(3) NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        first_date date NOT NULL,
        last_date date NOT NULL,
        timezone text NOT NULL,
        status text NOT NULL,
        number text UNIQUE,
        gross numeric NOT NULL,
        deductions numeric NOT NULL,
        net numeric NOT NULL,
        share numeric NOT NULL,
        minimum_guarantee_top_up numeric NOT NULL,
        cap_adjustment numeric NOT NULL,
        adjustments numeric NOT NULL,
        payable numeric NOT NULL,
        published_at timestamptz,
        settled_at timestamptz,
        settlement_reference text,
        disputed_at timestamptz,
        dispute_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL,
        UNIQUE (partner_id, period_start, period_end, currency)
      );
      CREATE INDEX statement_partner ON revshare.statement (partner_id, period_start);
      -- The domain's statement lines, per service in order: gross, deductions, net, share lines, guarantee, cap, adjustments.
      CREATE TABLE revshare.statement_line (
        id uuid PRIMARY KEY,
        statement_id uuid NOT NULL REFERENCES revshare.statement (id) ON DELETE CASCADE,
        position int NOT NULL,
        service_id uuid NOT NULL,
        service_code text NOT NULL,
        service_name text NOT NULL,
        kind text NOT NULL,
        party_role text NOT NULL,
        deduction text,
        model text,
        tier int,
        basis text,
        tier_from numeric,
        transactions bigint,
        base numeric,
        rate numeric,
        adjusted_first_date date,
        adjusted_last_date date,
        amount numeric NOT NULL,
        description text NOT NULL
      );
      CREATE INDEX statement_line_statement ON revshare.statement_line (statement_id, position);
      -- The usage each statement stated per service and period (its own, or late items of an earlier period): what a
      -- later run compares today's usage with to find late refunds and chargebacks.
      CREATE TABLE revshare.statement_usage (
        statement_id uuid NOT NULL REFERENCES revshare.statement (id) ON DELETE CASCADE,
        service_id uuid NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        first_date date NOT NULL,
        last_date date NOT NULL,
        late boolean NOT NULL,
        agreement_id uuid NOT NULL,
        currency char(3) NOT NULL,
        transactions bigint NOT NULL,
        gross numeric NOT NULL,
        tax numeric NOT NULL,
        refunds numeric NOT NULL,
        chargebacks numeric NOT NULL,
        bad_debt numeric NOT NULL,
        PRIMARY KEY (statement_id, service_id, period_start)
      );
      CREATE INDEX statement_usage_service ON revshare.statement_usage (service_id, period_start);
      CREATE TABLE revshare.statement_run (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        trigger text NOT NULL,
        statements int NOT NULL,
        lines int NOT NULL,
        late_periods int NOT NULL,
        unsettled text[] NOT NULL,
        ran_at timestamptz NOT NULL
      );
      CREATE INDEX statement_run_partner ON revshare.statement_run (partner_id, period_start);
      CREATE TABLE revshare.statement_number (
        series text NOT NULL,
        year int NOT NULL,
        last_number int NOT NULL,
        PRIMARY KEY (series, year)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE revshare.statement_number, revshare.statement_run, revshare.statement_usage, revshare.statement_line,
      revshare.statement, revshare.share_agreement, revshare.content_service, revshare.partner`);
  }
}
