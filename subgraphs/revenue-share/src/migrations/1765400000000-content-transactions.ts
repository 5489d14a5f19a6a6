import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Content sources, their ingestion jobs and quarantine, and the transactions: written with COPY into monthly
 * partitions (created on first use), and keyed by (source, transaction id) in content_transaction_key, so that a
 * record loaded twice counts once whatever its time says. See services/transactions/README.md.
 */
export class ContentTransactions1765400000000 implements MigrationInterface {
  name = "ContentTransactions1765400000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE revshare.content_source (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        timezone text NOT NULL,
        drop_folder text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE revshare.content_ingestion_job (
        id uuid PRIMARY KEY,
        source_id uuid NOT NULL REFERENCES revshare.content_source (id),
        file_name text NOT NULL,
        file_sha256 text,
        status text NOT NULL,
        read_count int NOT NULL DEFAULT 0,
        accepted_count int NOT NULL DEFAULT 0,
        duplicate_count int NOT NULL DEFAULT 0,
        rejected_count int NOT NULL DEFAULT 0,
        lines_done int NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        first_occurred_at timestamptz,
        last_occurred_at timestamptz,
        error text,
        timings jsonb NOT NULL DEFAULT '{}'
      );
      -- A file is resumed, not started again, while its job is still RUNNING.
      CREATE UNIQUE INDEX content_ingestion_job_resumable ON revshare.content_ingestion_job (source_id, file_sha256) WHERE status = 'RUNNING' AND file_sha256 IS NOT NULL;
      CREATE INDEX content_ingestion_job_source ON revshare.content_ingestion_job (source_id, id);
      CREATE TABLE revshare.content_quarantine (
        id bigserial PRIMARY KEY,
        job_id uuid NOT NULL REFERENCES revshare.content_ingestion_job (id),
        source_id uuid NOT NULL,
        file_name text NOT NULL,
        file_sha256 text,
        line int NOT NULL,
        field text NOT NULL,
        reason text NOT NULL,
        raw text NOT NULL
      );
      CREATE INDEX content_quarantine_job ON revshare.content_quarantine (job_id, line);
      -- A file sent again rejects its bad records again, but keeps them once.
      CREATE UNIQUE INDEX content_quarantine_once ON revshare.content_quarantine (source_id, file_sha256, line) WHERE file_sha256 IS NOT NULL;
      -- One row per (source, transaction id): a record loaded again finds its key taken; a reversal finds its original here.
      -- Ids are opaque: compared byte by byte (COLLATE "C"), not by a language's rules, which is also faster to index.
      CREATE TABLE revshare.content_transaction_key (
        source_id uuid NOT NULL,
        transaction_id text COLLATE "C" NOT NULL,
        occurred_at timestamptz NOT NULL,
        service_id uuid NOT NULL,
        status text NOT NULL,
        PRIMARY KEY (source_id, transaction_id)
      );
      CREATE TABLE revshare.content_transaction (
        source_id uuid NOT NULL,
        transaction_id text COLLATE "C" NOT NULL,
        occurred_at timestamptz NOT NULL,
        job_id uuid NOT NULL,
        line int NOT NULL,
        service_id uuid NOT NULL,
        subscriber text NOT NULL,
        status text NOT NULL CHECK (status IN ('CHARGED', 'FAILED', 'REFUNDED', 'CHARGEBACK')),
        gross numeric NOT NULL CHECK (gross >= 0),
        tax numeric NOT NULL CHECK (tax >= 0),
        currency char(3) NOT NULL,
        original_transaction_id text COLLATE "C",
        -- The original's time, copied onto a reversal: it counts in the original's period.
        original_occurred_at timestamptz,
        bad_debt boolean NOT NULL
      ) PARTITION BY RANGE (occurred_at);
      CREATE INDEX content_transaction_reversals ON revshare.content_transaction (service_id, original_occurred_at) WHERE original_occurred_at IS NOT NULL;
      -- The services that have transactions: deleting one of them is refused (retire it instead).
      CREATE TABLE revshare.content_transaction_service (
        service_id uuid PRIMARY KEY REFERENCES revshare.content_service (id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE revshare.content_transaction_service, revshare.content_transaction, revshare.content_transaction_key, revshare.content_quarantine,
      revshare.content_ingestion_job, revshare.content_source`);
  }
}
