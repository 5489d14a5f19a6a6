import type { FileDownload, Principal } from "@intersettle/shared";
import type { ContentPartners } from "../partners/content-partners";
import type { StatementQueries } from "../statements/statement-queries";
import { statementCsv } from "./statement-csv";
import { renderStatementPdf } from "./statement-pdf";

/** A statement's CSV and PDF, rendered from its rows as the caller may see them: another partner's is NOT_FOUND. */
export class StatementDocuments {
  constructor(private readonly statements: StatementQueries, private readonly partners: ContentPartners, private readonly issuer: string) {}

  async csv(principal: Principal, id: string): Promise<FileDownload> {
    const { statement, partner, lines } = await this.load(principal, id);
    return { filename: `${this.name(statement)}.csv`, contentType: "text/csv; charset=utf-8", body: Buffer.from(statementCsv(statement, partner, lines), "utf8") };
  }

  async pdf(principal: Principal, id: string): Promise<FileDownload> {
    const { statement, partner, lines } = await this.load(principal, id);
    return { filename: `${this.name(statement)}.pdf`, contentType: "application/pdf", body: await renderStatementPdf(statement, partner, lines, this.issuer) };
  }

  private async load(principal: Principal, id: string) {
    const statement = await this.statements.statement(principal, id);
    const [partner, lines] = await Promise.all([this.partners.get(statement.partnerId), this.statements.allLines(id)]);
    return { statement, partner, lines };
  }

  private name(statement: { number: string | null; id: string }): string {
    return statement.number ?? `statement-draft-${statement.id}`;
  }
}
