import fs from "node:fs";
import path from "node:path";
import { CdrFormat, dropFolderJobs, type DropFolderIngestion, type DropSource } from "@intersettle/shared";
import { BillingAccount, type Claim } from "../../entities";
import type { DataSource } from "typeorm";
import type { ClaimIngestion } from "./claim-ingestion";
import type { ClaimQuery } from "./claim-query";

/** One leaf folder of the claims drop tree and what its files are. */
interface ClaimFolder {
  partnerId: string;
  side: string;
  period: string;
  /** A CDR format (NATIVE, ASTERISK, FREESWITCH) or the name of one of the partner's claim layouts. */
  how: string;
}

const SIDES = new Set(["RECEIVABLE", "PAYABLE"]);
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const FILE_FORMATS = new Set<string>([CdrFormat.NATIVE, CdrFormat.ASTERISK, CdrFormat.FREESWITCH]);

/**
 * Partners' claims dropped as files: `<dropRoot>/claims/<PARTNER_CODE>/<RECEIVABLE|PAYABLE>/<YYYY-MM>/<HOW>/<file>`,
 * where HOW is a CDR format (NATIVE, ASTERISK, FREESWITCH: a CDR file) or the name of one of the partner's claim
 * layouts (an invoice). Each file becomes a claim for that month (in the partner's timezone) and is moved to done/
 * or failed/ beside it with its report: the identity line and the first rejections.
 */
export function claimDropFolders(dataSource: DataSource, root: string, ingestion: ClaimIngestion, query: ClaimQuery): DropFolderIngestion {
  const folders = new Map<string, ClaimFolder>();
  const jobs = dropFolderJobs<{ id: string; status: string; error: string | null; rejected: number; claim: Claim }>({
    async sources() {
      folders.clear();
      const top = path.join(root, "claims");
      const accounts = new Map((await dataSource.getRepository(BillingAccount).find()).map((a) => [a.code, a.partnerId]));
      const sources: DropSource[] = [];
      for (const partner of subfolders(top)) {
        const partnerId = accounts.get(partner);
        if (!partnerId) continue;
        for (const side of subfolders(path.join(top, partner)).filter((s) => SIDES.has(s))) {
          for (const period of subfolders(path.join(top, partner, side)).filter((m) => MONTH.test(m))) {
            for (const how of subfolders(path.join(top, partner, side, period))) {
              const code = [partner, side, period, how].join("/");
              folders.set(code, { partnerId, side, period, how });
              sources.push({ code, dropFolder: path.join(top, code) });
            }
          }
        }
      }
      return sources;
    },
    async ingest(principal, file) {
      const folder = folders.get(file.source)!;
      const how = FILE_FORMATS.has(folder.how) ? { format: folder.how } : { layout: folder.how };
      const claim = await ingestion.ingest(principal, { ...file, partnerId: folder.partnerId, side: folder.side, period: folder.period, ...how });
      return { id: claim.id, status: claim.status, error: claim.failure, rejected: claim.rejected, claim };
    },
    rejects: async (job, first) => (await query.rejections(job.id, { first })).edges.map((e) => e.node),
    counts: ({ claim }) => identityLine(claim),
    allRejects: (job) => `GraphQL claim(id: "${job.id}") { rejections { edges { node { line field reason raw } } } }`,
  });
  return jobs;
}

/** The claim's counting identity, as the CLI and the drop folder report print it. */
export function identityLine(claim: { read: number; accepted: number; duplicate: number; rejected: number }): string {
  return `read ${claim.read} = accepted ${claim.accepted} + duplicate ${claim.duplicate} + rejected ${claim.rejected}`;
}

/** Folder names (no links followed, none starting with "."), sorted. */
function subfolders(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "done" && e.name !== "failed").map((e) => e.name).sort();
}
