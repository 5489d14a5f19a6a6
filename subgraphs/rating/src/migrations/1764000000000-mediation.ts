import type { MigrationInterface, QueryRunner } from "typeorm";

export class Mediation1764000000000 implements MigrationInterface {
  name = "Mediation1764000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rating.cdr_source (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        format text NOT NULL,
        layout jsonb,
        timezone text NOT NULL,
        technical_prefix text,
        country_code text,
        national_prefix text,
        international_prefix text,
        billable_dispositions text[] NOT NULL,
        min_billable_seconds int NOT NULL,
        drop_folder text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE rating.trunk_mapping (
        id uuid PRIMARY KEY,
        source_id uuid NOT NULL REFERENCES rating.cdr_source(id),
        side text NOT NULL,
        match text NOT NULL,
        value text NOT NULL,
        partner_id uuid,
        UNIQUE (source_id, side, match, value)
      );
      CREATE TABLE rating.ingestion_job (
        id uuid PRIMARY KEY,
        source_id uuid NOT NULL REFERENCES rating.cdr_source(id),
        file_name text NOT NULL,
        file_sha256 text,
        status text NOT NULL,
        read_count int NOT NULL DEFAULT 0,
        rated_count int NOT NULL DEFAULT 0,
        duplicate_count int NOT NULL DEFAULT 0,
        rejected_count int NOT NULL DEFAULT 0,
        unrated_count int NOT NULL DEFAULT 0,
        lines_done int NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        error text,
        timings jsonb NOT NULL DEFAULT '{}'
      );
      -- A file is resumed, not started again, while its job is still RUNNING.
      CREATE UNIQUE INDEX ingestion_job_resumable ON rating.ingestion_job (source_id, file_sha256) WHERE status = 'RUNNING' AND file_sha256 IS NOT NULL;
      CREATE TABLE rating.job_total (
        job_id uuid NOT NULL REFERENCES rating.ingestion_job(id),
        side text NOT NULL,
        currency char(3) NOT NULL,
        amount numeric NOT NULL,
        PRIMARY KEY (job_id, side, currency)
      );
      CREATE TABLE rating.cdr_quarantine (
        id bigserial PRIMARY KEY,
        job_id uuid NOT NULL,
        source_id uuid NOT NULL,
        file_name text NOT NULL,
        line int NOT NULL,
        field text NOT NULL,
        reason text NOT NULL,
        raw text NOT NULL
      );
      CREATE INDEX cdr_quarantine_job ON rating.cdr_quarantine (job_id, line);
      -- One row per call and source: loading a record again finds the key taken and bills nothing.
      CREATE TABLE rating.rated_cdr (
        source_id uuid NOT NULL,
        call_id text NOT NULL,
        start_time timestamptz NOT NULL,
        job_id uuid NOT NULL,
        line int NOT NULL,
        duration int NOT NULL,
        units int NOT NULL,
        service text NOT NULL,
        a_number text NOT NULL,
        b_number text NOT NULL,
        ingress text NOT NULL,
        egress text NOT NULL,
        account text NOT NULL,
        disposition text NOT NULL,
        status text NOT NULL,
        unrated_reason text,
        call_type text,
        billable boolean NOT NULL,
        destination text,
        customer_id uuid,
        customer_card uuid,
        customer_version int,
        customer_prefix text,
        customer_rate numeric,
        revenue numeric,
        revenue_exact numeric,
        revenue_currency char(3),
        vendor_id uuid,
        vendor_card uuid,
        vendor_version int,
        vendor_prefix text,
        vendor_rate numeric,
        cost numeric,
        cost_exact numeric,
        cost_currency char(3),
        revenue_base numeric,
        cost_base numeric,
        PRIMARY KEY (source_id, call_id, start_time)
      ) PARTITION BY RANGE (start_time);
      CREATE TABLE rating.traffic_hourly (
        partner_id uuid NOT NULL,
        role text NOT NULL,
        destination text NOT NULL,
        hour timestamptz NOT NULL,
        currency char(3) NOT NULL,
        attempts bigint NOT NULL,
        answered bigint NOT NULL,
        seconds bigint NOT NULL,
        amount numeric NOT NULL,
        revenue_base numeric NOT NULL,
        cost_base numeric NOT NULL,
        PRIMARY KEY (partner_id, role, destination, hour, currency)
      );`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rating.traffic_hourly, rating.rated_cdr, rating.cdr_quarantine, rating.job_total, rating.ingestion_job, rating.trunk_mapping, rating.cdr_source`);
  }
}
