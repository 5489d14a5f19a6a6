import type { DataSource } from "typeorm";
import { fetchPage, NotFoundError, type Page, type PageArgs } from "@intersettle/shared";
import { ContentIngestionJob, QuarantinedContentTransaction } from "../../entities/transactions";

/** Operators' reads of content ingestion jobs and their quarantined records. */
export class ContentJobs {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string): Promise<ContentIngestionJob> {
    const job = await this.dataSource.getRepository(ContentIngestionJob).findOneBy({ id });
    if (!job) throw new NotFoundError("ContentIngestionJob", id);
    return job;
  }

  list(sourceId: string | undefined, page: PageArgs): Promise<Page<ContentIngestionJob>> {
    const q = this.dataSource.getRepository(ContentIngestionJob).createQueryBuilder("j");
    if (sourceId) q.where("j.source_id = :sourceId", { sourceId });
    return fetchPage(q, page, [{ column: "j.id", value: (j) => j.id }]);
  }

  /** The job's rejected records in line order: those of its file (same source and SHA-256) quarantined by an earlier job included. */
  quarantine(job: ContentIngestionJob, page: PageArgs): Promise<Page<QuarantinedContentTransaction>> {
    const q = this.dataSource.getRepository(QuarantinedContentTransaction).createQueryBuilder("q").where("q.job_id = :id", { id: job.id });
    if (job.fileSha256) q.orWhere("(q.source_id = :source AND q.file_sha256 = :sha)", { source: job.sourceId, sha: job.fileSha256 });
    return fetchPage(q, page, [{ column: "q.id", value: (r) => Number(r.id) }]);
  }
}
