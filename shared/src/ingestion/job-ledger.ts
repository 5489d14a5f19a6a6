import { randomUUID } from "node:crypto";
import type { DataSource, EntityTarget, FindOptionsWhere } from "typeorm";
import type { AuditedEntity, AuditTrail } from "../audit";
import type { Principal } from "../auth";
import { isUniqueViolation } from "../db";
import { newId } from "../ids";
import type { Logger } from "../logger";
import { failureReason } from "./ingestion-failure";

/** What every ingestion job has (a CDR file's, a content transaction file's). */
export interface IngestionJobRow {
  id: string;
  sourceId: string;
  fileName: string;
  fileSha256: string | null;
  status: string;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  linesDone: number;
}

export interface JobLedgerOptions<J extends IngestionJobRow> {
  entity: EntityTarget<J>;
  audit: AuditTrail;
  entityType: AuditedEntity;
  /** Audit actions are `<action>.started`, `.retried`, `.failed` (and the caller's `.completed`). */
  action: string;
  /** What the log calls the job ("CDR", "content transaction"). */
  label: string;
  /** A new job's row beyond the common fields: its counters at zero. */
  counters: Omit<J, keyof IngestionJobRow>;
  /** What a finished job's audit entry keeps: its outcome and counts. */
  outcome(job: J): Record<string, unknown>;
  logger?: Logger;
}

/**
 * The lifecycle every ingestion job shares: a file (same source and SHA-256) whose job is RUNNING (its process died)
 * or FAILED resumes it where its last committed chunk ended, otherwise a new job starts; a job ends FAILED with a
 * reason operators can act on, the detail logged with an error id. Each step is audited in its transaction.
 */
export class JobLedger<J extends IngestionJobRow> {
  constructor(private readonly dataSource: DataSource, private readonly options: JobLedgerOptions<J>) {}

  async open(principal: Principal, source: { id: string; code: string }, fileName: string, fileSha256: string | undefined): Promise<J> {
    const { entity, audit, entityType, action, counters } = this.options;
    const repo = this.dataSource.getRepository(entity);
    if (fileSha256) {
      const running = await repo.findOneBy(this.where(source.id, fileSha256, "RUNNING"));
      if (running) return running;
      const retried = await this.retryFailed(principal, source.id, fileSha256);
      if (retried) return retried;
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        const fields = { id: newId(), sourceId: source.id, fileName, fileSha256: fileSha256 ?? null, status: "RUNNING", error: null, startedAt: new Date(), finishedAt: null, linesDone: 0, ...counters };
        const job = (await manager.getRepository(entity).save(fields as never)) as unknown as J;
        const opened = { sourceId: source.id, sourceCode: source.code, fileName: job.fileName, fileSha256: job.fileSha256 };
        await audit.record(manager, principal, { entityType, entityId: job.id, partnerId: null, action: `${action}.started`, before: null, after: opened });
        return job;
      });
    } catch (err) {
      if (isUniqueViolation(err)) return (await repo.findOneBy(this.where(source.id, fileSha256!, "RUNNING")))!;
      throw err;
    }
  }

  /** The file's latest job, if it FAILED, runs again (two requests retrying it at once meet on the RUNNING index). */
  private async retryFailed(principal: Principal, sourceId: string, sha: string): Promise<J | undefined> {
    const { entity, audit, entityType, action } = this.options;
    const repo = this.dataSource.getRepository(entity);
    const latest = await repo.findOne({ where: this.where(sourceId, sha), order: { startedAt: "DESC" } as never });
    if (latest?.status !== "FAILED") return undefined;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const reopened = await manager.getRepository(entity).update({ id: latest.id, status: "FAILED" } as never, { status: "RUNNING", error: null, finishedAt: null } as never);
        if (!reopened.affected) return undefined;
        const before = { status: "FAILED", error: latest.error, linesDone: latest.linesDone };
        await audit.record(manager, principal, { entityType, entityId: latest.id, partnerId: null, action: `${action}.retried`, before, after: { status: "RUNNING" } });
        return manager.getRepository(entity).findOneByOrFail({ id: latest.id } as FindOptionsWhere<J>);
      });
    } catch (err) {
      if (isUniqueViolation(err)) return (await repo.findOneBy(this.where(sourceId, sha, "RUNNING"))) ?? undefined;
      throw err;
    }
  }

  /**
   * Any error but a stop ends the job FAILED with a reason operators can act on; the detail is logged with the job
   * and an error id. What was written stays: sending the same file again resumes the job after its last chunk.
   */
  async fail(principal: Principal, jobId: string, fileName: string, err: unknown): Promise<J> {
    const { entity, audit, entityType, action, label, logger } = this.options;
    const errorId = randomUUID();
    const reason = failureReason(err, errorId);
    logger?.warn({ err, detail: (err as { detail?: string }).detail, jobId, errorId, file: fileName }, `${label} ingestion job failed: ${reason}`);
    return this.dataSource.transaction(async (manager) => {
      const update = await manager.getRepository(entity).update({ id: jobId, status: "RUNNING" } as never, { status: "FAILED", error: reason.slice(0, 2000), finishedAt: new Date() } as never);
      const job = await manager.getRepository(entity).findOneByOrFail({ id: jobId } as FindOptionsWhere<J>);
      if (update.affected) await audit.record(manager, principal, { entityType, entityId: jobId, partnerId: null, action: `${action}.failed`, before: { status: "RUNNING" }, after: this.options.outcome(job) });
      return job;
    });
  }

  /** A job the hub's stop interrupted stays RUNNING, saying why, to resume when the same file comes again. */
  async interrupted(jobId: string, message: string): Promise<void> {
    await this.dataSource.getRepository(this.options.entity).update({ id: jobId, status: "RUNNING" } as never, { error: message } as never);
  }

  private where(sourceId: string, fileSha256: string, status?: string): FindOptionsWhere<J> {
    return { sourceId, fileSha256, ...(status && { status }) } as FindOptionsWhere<J>;
  }
}
