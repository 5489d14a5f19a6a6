import type { DataSource } from "typeorm";
import { auditSnapshot, assertNoProblems, AuditedEntity, ConflictError, isUniqueViolation, newId, NotFoundError, type FieldProblem, type Principal } from "@intersettle/shared";
import { DeckFileFormat, DeckLayoutEntity, RateUnit } from "../../entities";
import { DECK_FIELDS, type DeckField, type DeckLayout } from "../../domain/rate-deck";
import { ratingAudit } from "../audit-trail";

export interface DeckLayoutFields {
  name: string;
  fileFormat: DeckFileFormat;
  delimiter: string;
  columns: Record<string, string>;
  decimalComma: boolean;
  ratePer: RateUnit;
  dateFormat?: string | null;
}

/** Saved vendor deck layouts, so a vendor's file imports the same way every time. */
export class DeckLayoutService {
  constructor(private readonly dataSource: DataSource) {}

  async create(principal: Principal, fields: DeckLayoutFields): Promise<DeckLayoutEntity> {
    const problems: FieldProblem[] = [];
    if (!fields.name.trim()) problems.push({ field: "name", message: "must not be empty" });
    if (fields.delimiter.length !== 1) problems.push({ field: "delimiter", message: "must be one character" });
    for (const key of Object.keys(fields.columns)) {
      if (!DECK_FIELDS.includes(key as DeckField)) problems.push({ field: `columns.${key}`, message: `is not a deck field (${DECK_FIELDS.join(", ")})` });
    }
    assertNoProblems(problems);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const layout = await manager.getRepository(DeckLayoutEntity).save({ ...fields, id: newId(), name: fields.name.trim(), dateFormat: fields.dateFormat ?? null });
        await ratingAudit.record(manager, principal, { entityType: AuditedEntity.DECK_LAYOUT, entityId: layout.id, partnerId: null, action: "deck_layout.created", before: null, after: auditSnapshot(layout) });
        return layout;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`A deck layout named ${fields.name} exists`, { field: "name" });
      throw err;
    }
  }

  list(): Promise<DeckLayoutEntity[]> {
    return this.dataSource.getRepository(DeckLayoutEntity).find({ order: { name: "ASC" } });
  }

  async get(idOrName: string): Promise<DeckLayoutEntity> {
    const repo = this.dataSource.getRepository(DeckLayoutEntity);
    const found = /^[0-9a-f-]{36}$/.test(idOrName) ? await repo.findOneBy({ id: idOrName }) : await repo.findOneBy({ name: idOrName });
    if (!found) throw new NotFoundError("DeckLayout", idOrName);
    return found;
  }
}

export function toDeckLayout(entity: DeckLayoutEntity): DeckLayout & { delimiter: string } {
  return { columns: entity.columns as DeckLayout["columns"], decimalComma: entity.decimalComma, ratePer: entity.ratePer, dateFormat: entity.dateFormat ?? undefined, delimiter: entity.delimiter };
}
