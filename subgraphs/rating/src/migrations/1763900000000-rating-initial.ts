import type { MigrationInterface, QueryRunner } from "typeorm";

export class RatingInitial1763900000000 implements MigrationInterface {
  name = "RatingInitial1763900000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- What rating needs to know of each partner, kept current from the partners topic.
      CREATE TABLE rating.partner_settings (
        partner_id uuid PRIMARY KEY,
        code text NOT NULL,
        currency char(3) NOT NULL,
        timezone text NOT NULL,
        rounding_decimals int NOT NULL,
        rounding_mode text NOT NULL,
        rounding_scope text NOT NULL,
        status text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE rating.rate_card (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL,
        name text NOT NULL,
        direction text NOT NULL,
        currency char(3) NOT NULL,
        service text NOT NULL,
        time_bands jsonb NOT NULL DEFAULT '[]',
        current_version int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (partner_id, name)
      );
      CREATE TABLE rating.rate_card_version (
        id uuid PRIMARY KEY,
        rate_card_id uuid NOT NULL REFERENCES rating.rate_card(id),
        version int NOT NULL,
        mode text NOT NULL,
        effective_from timestamptz NOT NULL,
        file_name text,
        imported_by text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        row_count int NOT NULL,
        new_count int NOT NULL,
        increased_count int NOT NULL,
        decreased_count int NOT NULL,
        unchanged_count int NOT NULL,
        closed_count int NOT NULL,
        UNIQUE (rate_card_id, version)
      );
      -- Append-only and bitemporal: a row belongs to card versions [written_in, superseded_in) and is in force
      -- for calls starting in [effective_from, effective_to); version is the import that introduced its price.
      -- rate and rate_change are written only by the import that creates their version, in its transaction;
      -- per-row foreign-key checks would cost more than the bulk insert itself.
      CREATE TABLE rating.rate (
        id bigserial PRIMARY KEY,
        rate_card_id uuid NOT NULL,
        prefix text NOT NULL,
        destination text NOT NULL,
        time_band text,
        rate numeric NOT NULL,
        next_rate numeric NOT NULL,
        connect_fee numeric NOT NULL,
        initial_interval int NOT NULL,
        next_interval int NOT NULL,
        grace_period int NOT NULL,
        effective_from timestamptz NOT NULL,
        effective_to timestamptz,
        version int NOT NULL,
        written_in int NOT NULL,
        superseded_in int,
        CHECK (effective_to IS NULL OR effective_to > effective_from)
      );
      CREATE INDEX rate_current ON rating.rate (rate_card_id, prefix) WHERE superseded_in IS NULL;
      CREATE INDEX rate_history ON rating.rate (rate_card_id, written_in);
      CREATE TABLE rating.rate_change (
        id bigserial PRIMARY KEY,
        version_id uuid NOT NULL,
        kind text NOT NULL,
        prefix text NOT NULL,
        time_band text,
        destination text NOT NULL,
        old_rate numeric,
        new_rate numeric,
        effective_from timestamptz NOT NULL
      );
      CREATE INDEX rate_change_version ON rating.rate_change (version_id, kind, id);
      CREATE TABLE rating.deck_layout (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        file_format text NOT NULL,
        delimiter text NOT NULL DEFAULT ',',
        columns jsonb NOT NULL,
        decimal_comma boolean NOT NULL DEFAULT false,
        rate_per text NOT NULL DEFAULT 'MINUTE',
        date_format text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE rating.exchange_rate (
        id uuid PRIMARY KEY,
        base char(3) NOT NULL,
        quote char(3) NOT NULL,
        rate numeric NOT NULL CHECK (rate > 0),
        effective_date date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (base, quote, effective_date)
      );
      CREATE TABLE rating.destination (
        prefix text PRIMARY KEY,
        country text NOT NULL,
        operator text,
        region text,
        type text NOT NULL
      );`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rating.destination, rating.exchange_rate, rating.deck_layout, rating.rate_change, rating.rate, rating.rate_card_version, rating.rate_card, rating.partner_settings`);
  }
}
