import type { DataSource } from "typeorm";
import { Decimal, fetchPage, NotFoundError, type Page, type PageArgs } from "@intersettle/shared";
import { IngestionJob, QuarantinedCdr } from "../../entities";

/** A job's money per side (REVENUE, COST) and currency, summed as its chunks committed. */
export interface JobTotal {
  side: string;
  currency: string;
  amount: Decimal;
}

/** Operators' reads of ingestion jobs: the jobs, their totals and their quarantined records. */
export class IngestionJobService {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string): Promise<IngestionJob> {
    const job = await this.dataSource.getRepository(IngestionJob).findOneBy({ id });
    if (!job) throw new NotFoundError("IngestionJob", id);
    return job;
  }

  list(sourceId: string | undefined, page: PageArgs): Promise<Page<IngestionJob>> {
    const q = this.dataSource.getRepository(IngestionJob).createQueryBuilder("j");
    if (sourceId) q.where("j.source_id = :sourceId", { sourceId });
    return fetchPage(q, page, [{ column: "j.id", value: (j) => j.id }]);
  }

  async totals(jobId: string): Promise<JobTotal[]> {
    const rows = (await this.dataSource.query(`SELECT side, currency, amount FROM rating.job_total WHERE job_id = $1 ORDER BY side, currency`, [jobId])) as Array<{ side: string; currency: string; amount: string }>;
    return rows.map((r) => ({ side: r.side, currency: r.currency, amount: new Decimal(r.amount) }));
  }

  /** The job's rejected records: those of its file (same source and SHA-256) quarantined by an earlier job included. */
  quarantine(job: IngestionJob, page: PageArgs): Promise<Page<QuarantinedCdr>> {
    const q = this.dataSource.getRepository(QuarantinedCdr).createQueryBuilder("q").where("q.job_id = :id", { id: job.id });
    if (job.fileSha256) q.orWhere("(q.source_id = :source AND q.file_sha256 = :sha)", { source: job.sourceId, sha: job.fileSha256 });
    return fetchPage(q, page, [{ column: "q.id", value: (r) => Number(r.id) }]);
  }
}
