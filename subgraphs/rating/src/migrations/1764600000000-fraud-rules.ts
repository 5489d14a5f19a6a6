import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Live traffic control. Calls of a partner BLOCKED when they were rated are still stored, and marked per leg (two
 * booleans in the rows COPY writes: no index, no update). Fraud rules per partner, the IRSF range list, the alerts, and
 * the windowed counts of the rules that need single calls (IRSF hits, short calls per number range), which the fraud
 * monitor keeps from the traffic events. traffic_hourly gains an index by partner and hour for spend windows.
 */
export class FraudRules1764600000000 implements MigrationInterface {
  name = "FraudRules1764600000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rating.rated_cdr ADD COLUMN customer_blocked boolean NOT NULL DEFAULT false, ADD COLUMN vendor_blocked boolean NOT NULL DEFAULT false;
      ALTER TABLE rating.ingestion_job ADD COLUMN blocked_count int NOT NULL DEFAULT 0;
      CREATE INDEX traffic_hourly_partner_hour ON rating.traffic_hourly (partner_id, role, hour);
      CREATE TABLE rating.fraud_rules (
        partner_id uuid PRIMARY KEY,
        rules      jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE rating.irsf_range (
        prefix      text PRIMARY KEY CHECK (prefix ~ '^[0-9]{2,15}$'),
        name        text NOT NULL,
        note        text,
        imported_at timestamptz NOT NULL DEFAULT now()
      );
      -- One row: the list's version, so each process reloads its copy only after an import.
      CREATE TABLE rating.irsf_list (
        id          int PRIMARY KEY CHECK (id = 1),
        version     bigint NOT NULL,
        ranges      int NOT NULL,
        imported_at timestamptz NOT NULL
      );
      CREATE TABLE rating.fraud_counter (
        partner_id   uuid NOT NULL,
        rule         text NOT NULL,
        subject      text NOT NULL,
        window_start timestamptz NOT NULL,
        window_end   timestamptz NOT NULL,
        calls        bigint NOT NULL,
        seconds      bigint NOT NULL,
        samples      jsonb NOT NULL,
        PRIMARY KEY (partner_id, rule, subject, window_start)
      );
      CREATE INDEX fraud_counter_window_end ON rating.fraud_counter (window_end);
      CREATE TABLE rating.fraud_alert (
        id              uuid PRIMARY KEY,
        partner_id      uuid NOT NULL,
        rule            text NOT NULL,
        subject         text NOT NULL,
        window_start    timestamptz NOT NULL,
        window_end      timestamptz NOT NULL,
        severity        text NOT NULL,
        status          text NOT NULL,
        auto_block      boolean NOT NULL,
        summary         text NOT NULL,
        evidence        jsonb NOT NULL,
        raised_at       timestamptz NOT NULL DEFAULT now(),
        acknowledged_at timestamptz,
        acknowledged_by text,
        note            text,
        closed_at       timestamptz,
        closed_by       text,
        resolution      text,
        -- One alert per partner, rule, subject and window: traffic that keeps tripping a rule raises it once.
        UNIQUE (partner_id, rule, subject, window_start)
      );
      CREATE INDEX fraud_alert_partner ON rating.fraud_alert (partner_id, raised_at, id);
      CREATE INDEX fraud_alert_raised ON rating.fraud_alert (raised_at, id);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE rating.fraud_alert, rating.fraud_counter, rating.irsf_list, rating.irsf_range, rating.fraud_rules;
      DROP INDEX rating.traffic_hourly_partner_hour;
      ALTER TABLE rating.ingestion_job DROP COLUMN blocked_count;
      ALTER TABLE rating.rated_cdr DROP COLUMN customer_blocked, DROP COLUMN vendor_blocked;`);
  }
}
