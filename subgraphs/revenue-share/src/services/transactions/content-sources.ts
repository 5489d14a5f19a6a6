import path from "node:path";
import type { DataSource } from "typeorm";
import { assertNoProblems, AuditedEntity, auditSnapshot, ConflictError, isUniqueViolation, newId, NotFoundError, timezoneProblem, type DropRoot, type FieldProblem, type Principal } from "@intersettle/shared";
import { ContentIngestionJob, ContentSource } from "../../entities/transactions";
import { revshareAudit } from "../audit-trail";

export interface ContentSourceFields {
  code: string;
  name: string;
  timezone: string;
  dropFolder: string | null;
}

export type ContentSourceChange = Partial<Omit<ContentSourceFields, "code">>;

const SOURCE_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/;

/** Content sources, kept by operators: the feeds transactions come from, each with its clock's zone and drop folder. */
export class ContentSources {
  constructor(private readonly dataSource: DataSource, private readonly dropRoot: DropRoot) {}

  list(): Promise<ContentSource[]> {
    return this.dataSource.getRepository(ContentSource).find({ order: { code: "ASC" } });
  }

  /** By id or code. */
  async get(idOrCode: string): Promise<ContentSource> {
    const repo = this.dataSource.getRepository(ContentSource);
    const source = /^[0-9a-f-]{36}$/.test(idOrCode) ? await repo.findOneBy({ id: idOrCode }) : await repo.findOneBy({ code: idOrCode });
    if (!source) throw new NotFoundError("ContentSource", idOrCode);
    return source;
  }

  async create(principal: Principal, fields: ContentSourceFields): Promise<ContentSource> {
    assertNoProblems(this.problems(fields));
    try {
      return await this.dataSource.transaction(async (manager) => {
        const source = await manager.getRepository(ContentSource).save({ ...fields, dropFolder: normalFolder(fields.dropFolder), id: newId(), createdAt: new Date() });
        await revshareAudit.record(manager, principal, { entityType: AuditedEntity.CONTENT_SOURCE, entityId: source.id, partnerId: null, action: "content_source.created", before: null, after: auditSnapshot(source) });
        return source;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`A content source with code ${fields.code} exists`, { field: "code" });
      throw err;
    }
  }

  async update(principal: Principal, idOrCode: string, change: ContentSourceChange): Promise<ContentSource> {
    assertNoProblems(this.problems(change));
    const { id } = await this.get(idOrCode);
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOneOrFail(ContentSource, { where: { id }, lock: { mode: "pessimistic_write" } });
      const after = { ...before, ...definedOf(change), ...(change.dropFolder !== undefined && { dropFolder: normalFolder(change.dropFolder) }) };
      await manager.save(ContentSource, after);
      await revshareAudit.record(manager, principal, { entityType: AuditedEntity.CONTENT_SOURCE, entityId: id, partnerId: null, action: "content_source.updated", before: auditSnapshot(before), after: auditSnapshot(after) });
      return after;
    });
  }

  /** A source nothing was ingested from yet; one with jobs keeps its history (clear its drop folder instead). */
  async delete(principal: Principal, idOrCode: string): Promise<boolean> {
    const source = await this.get(idOrCode);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(ContentIngestionJob, { sourceId: source.id })) throw new ConflictError(`Content source ${source.code} has ingestion jobs; it stays for their history`, { field: "id" });
      await manager.delete(ContentSource, { id: source.id });
      await revshareAudit.record(manager, principal, { entityType: AuditedEntity.CONTENT_SOURCE, entityId: source.id, partnerId: null, action: "content_source.deleted", before: auditSnapshot(source), after: null });
      return true;
    });
  }

  /** Every problem with the fields given, each naming its field; a drop folder must lie under the drop root. */
  private problems(fields: Partial<ContentSourceFields>): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (fields.code !== undefined && !SOURCE_CODE.test(fields.code)) problems.push({ field: "code", message: `'${fields.code}' must be 2-64 letters, digits, '-' or '_'` });
    if (fields.name !== undefined && !fields.name.trim()) problems.push({ field: "name", message: "must not be empty" });
    const zone = fields.timezone === undefined ? undefined : timezoneProblem(fields.timezone);
    if (zone) problems.push({ field: "timezone", message: zone });
    const folder = fields.dropFolder ? this.dropRoot.folderProblem(fields.dropFolder) : undefined;
    if (folder) problems.push({ field: "dropFolder", message: folder });
    return problems;
  }
}

function normalFolder(folder: string | null | undefined): string | null {
  return folder ? path.normalize(folder) : null;
}

function definedOf<T extends object>(change: T): Partial<T> {
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Partial<T>;
}
