import path from "node:path";
import { CdrFormat, type CdrLayout } from "@intersettle/shared";
import type { DataSource } from "typeorm";
import { auditSnapshot, assertNoProblems, AuditedEntity, ConflictError, isUniqueViolation, newId, NotFoundError, timezoneProblem, type FieldProblem, type Principal } from "@intersettle/shared";
import { CdrSource, TrunkMappingEntity } from "../../entities";
import type { TrunkMapping } from "../../domain/mediation/trunk-mapping";
import type { PartnerDirectory } from "../partner-settings/partner-directory";
import { ratingAudit } from "../audit-trail";
import type { DropRoot } from "@intersettle/shared";

export type NewCdrSource = Omit<CdrSource, "id">;

export class CdrSourceService {
  constructor(private readonly dataSource: DataSource, private readonly partners: PartnerDirectory, private readonly dropRoot: DropRoot) {}

  async create(principal: Principal, fields: NewCdrSource): Promise<CdrSource> {
    assertNoProblems([...cdrSourceProblems(fields), ...this.dropFolderProblems(fields.dropFolder)]);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const source = await manager.getRepository(CdrSource).save({ ...fields, dropFolder: fields.dropFolder && path.normalize(fields.dropFolder), id: newId() });
        await ratingAudit.record(manager, principal, { entityType: AuditedEntity.CDR_SOURCE, entityId: source.id, partnerId: null, action: "cdr_source.created", before: null, after: auditSnapshot(source) });
        return source;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`A CDR source with code ${fields.code} exists`, { field: "code" });
      throw err;
    }
  }

  /** A drop folder must lie under the drop root, as written and as the file system resolves it. */
  private dropFolderProblems(folder: string | null): FieldProblem[] {
    const problem = folder === null ? undefined : this.dropRoot.folderProblem(folder);
    return problem ? [{ field: "dropFolder", message: problem }] : [];
  }

  list(): Promise<CdrSource[]> {
    return this.dataSource.getRepository(CdrSource).find({ order: { code: "ASC" } });
  }

  async get(idOrCode: string): Promise<CdrSource> {
    const repo = this.dataSource.getRepository(CdrSource);
    const source = /^[0-9a-f-]{36}$/.test(idOrCode) ? await repo.findOneBy({ id: idOrCode }) : await repo.findOneBy({ code: idOrCode });
    if (!source) throw new NotFoundError("CdrSource", idOrCode);
    return source;
  }

  async addMapping(principal: Principal, sourceId: string, mapping: Omit<TrunkMapping, "id">): Promise<TrunkMappingEntity> {
    const problems: FieldProblem[] = [];
    if (!["INGRESS", "EGRESS", "BOTH"].includes(mapping.side)) problems.push({ field: "side", message: "must be INGRESS, EGRESS or BOTH" });
    if (!["TRUNK", "ACCOUNT", "DEFAULT"].includes(mapping.match)) problems.push({ field: "match", message: "must be TRUNK, ACCOUNT or DEFAULT" });
    if (mapping.match !== "DEFAULT" && !mapping.value.trim()) problems.push({ field: "value", message: "must name the trunk, IP or account" });
    assertNoProblems(problems);
    await this.get(sourceId);
    if (mapping.partnerId) await this.partners.get(mapping.partnerId);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const row = await manager.getRepository(TrunkMappingEntity).save({ ...mapping, value: mapping.match === "DEFAULT" ? "" : mapping.value.trim(), id: newId(), sourceId });
        await ratingAudit.record(manager, principal, { entityType: AuditedEntity.TRUNK_MAPPING, entityId: row.id, partnerId: null, action: "trunk_mapping.added", before: null, after: auditSnapshot(row) });
        return row;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`${mapping.side} ${mapping.match} ${mapping.value} is already mapped`, { field: "value" });
      throw err;
    }
  }

  mappingsOf(sourceId: string): Promise<TrunkMappingEntity[]> {
    return this.dataSource.getRepository(TrunkMappingEntity).findBy({ sourceId });
  }

  async mappings(sourceId: string): Promise<TrunkMapping[]> {
    const rows = await this.dataSource.getRepository(TrunkMappingEntity).findBy({ sourceId });
    return rows.map((r) => ({ id: r.id, side: r.side as TrunkMapping["side"], match: r.match as TrunkMapping["match"], value: r.value, partnerId: r.partnerId }));
  }
}

export function cdrSourceProblems(s: Partial<NewCdrSource>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (s.code !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/.test(s.code)) problems.push({ field: "code", message: `'${s.code}' must be 2-64 letters, digits, '-' or '_'` });
  if (s.timezone !== undefined) {
    const problem = timezoneProblem(s.timezone);
    if (problem) problems.push({ field: "timezone", message: problem });
  }
  if (s.format === CdrFormat.CUSTOM) problems.push(...layoutProblems(s.layout ?? null));
  for (const field of ["countryCode", "nationalPrefix", "internationalPrefix"] as const) {
    const v = s[field];
    if (v && !/^\d{1,4}$/.test(v)) problems.push({ field, message: `'${v}' must be 1-4 digits` });
  }
  if (s.minBillableSeconds !== undefined && (!Number.isInteger(s.minBillableSeconds) || s.minBillableSeconds < 0)) problems.push({ field: "minBillableSeconds", message: "must be 0 or more" });
  return problems;
}

function layoutProblems(layout: CdrLayout | null): FieldProblem[] {
  if (!layout) return [{ field: "layout", message: "is required for a CUSTOM source" }];
  const problems: FieldProblem[] = [];
  if (typeof layout.delimiter !== "string" || layout.delimiter.length !== 1) problems.push({ field: "layout.delimiter", message: "must be one character" });
  for (const f of ["start", "duration", "bNumber"] as const) if (layout.columns?.[f] === undefined) problems.push({ field: `layout.columns.${f}`, message: "is required" });
  if (!["SECONDS", "MILLISECONDS", "MINUTES"].includes(layout.durationUnit)) problems.push({ field: "layout.durationUnit", message: "must be SECONDS, MILLISECONDS or MINUTES" });
  // A two-digit year would be guessed into a century: a date must say its year in full (or be epoch time: X, x).
  if (layout.dateFormat && !["X", "x"].includes(layout.dateFormat) && !/yyyy/.test(layout.dateFormat)) {
    problems.push({ field: "layout.dateFormat", message: "must give the year in four digits (yyyy), or be X / x for epoch seconds / milliseconds" });
  }
  return problems;
}
