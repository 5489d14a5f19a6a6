import type { HubClient } from "../cli/hub-client";

/** Demo CDR sources: a London switch (Asterisk), a partner feed from India (FreeSWITCH), an SMS platform (native CSV). */
interface DemoSource {
  input: Record<string, unknown>;
  mappings: Array<{ side: string; match: string; value?: string; partner: string | null }>;
}

const SOURCES: DemoSource[] = [
  {
    input: { code: "LON_PBX", name: "London softswitch (Asterisk)", format: "ASTERISK", timezone: "Europe/London", countryCode: "44", nationalPrefix: "0" },
    mappings: [
      { side: "INGRESS", match: "TRUNK", value: "telco-uk", partner: "TELCO_UK" },
      { side: "INGRESS", match: "TRUNK", value: "bharat", partner: "BHARAT_TEL" },
      { side: "EGRESS", match: "TRUNK", value: "atlantic", partner: "ATLANTIC_VOICE" },
      { side: "EGRESS", match: "TRUNK", value: "local", partner: null },
    ],
  },
  {
    input: { code: "BHARAT_FEED", name: "Bharat Telecom CDR feed (FreeSWITCH)", format: "FREESWITCH", timezone: "Asia/Kolkata", countryCode: "91", nationalPrefix: "0" },
    mappings: [
      { side: "INGRESS", match: "DEFAULT", partner: "BHARAT_TEL" },
      { side: "EGRESS", match: "DEFAULT", partner: "ATLANTIC_VOICE" },
    ],
  },
  {
    input: { code: "CLOUDSMS_FEED", name: "CloudSMS A2P feed", format: "NATIVE", timezone: "Asia/Singapore" },
    mappings: [
      { side: "INGRESS", match: "DEFAULT", partner: "CLOUDSMS" },
      { side: "EGRESS", match: "DEFAULT", partner: null },
    ],
  },
];

/** mulberry32: the same demo day every run, so a second run finds every record already loaded. */
export function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, "0");
const localStamp = (second: number) => `2026-11-20 ${pad(Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}`;

function asteriskDay(random: () => number): string {
  const lines: string[] = [];
  const destinations = ["0091987654", "0044207946", "00447700900", "00112125550", "0023480312", "02079460"];
  for (let i = 0; i < 1500; i++) {
    const second = Math.floor((i / 1500) * 86400);
    const inTrunk = i % 17 === 0 ? "unknown-gw" : random() < 0.7 ? "telco-uk" : "bharat";
    const dst = destinations[Math.floor(random() * destinations.length)] + String(Math.floor(random() * 10000)).padStart(4, "0");
    const outTrunk = dst.startsWith("020") ? "local" : "atlantic";
    const answered = random() < 0.75;
    const billsec = answered ? Math.floor(random() * 600) + 1 : 0;
    const start = i % 250 === 3 ? "20/11/2026 10:00" : localStamp(second);
    lines.push(`"9001","+442079460000","${dst}","from-trunk","","SIP/${inTrunk}-${i.toString(16)}","SIP/${outTrunk}-${(i + 1).toString(16)}","Dial","","${start}","${start}","${start}","${billsec + 4}","${billsec}","DOCUMENTATION","${answered ? "ANSWERED" : "NO ANSWER"}","","lon-${i}"`);
    if (i % 300 === 7) lines.push(lines[lines.length - 1]); // the switch wrote this record twice
  }
  return lines.join("\n");
}

function freeswitchDay(random: () => number): string {
  const lines: string[] = [];
  for (let i = 0; i < 500; i++) {
    const second = Math.floor((i / 500) * 86400);
    const billsec = random() < 0.8 ? Math.floor(random() * 900) + 1 : 0;
    const dst = random() < 0.6 ? `1212555${String(i).padStart(4, "0")}` : `44770090${String(i).padStart(4, "0")}`;
    const cause = billsec ? "NORMAL_CLEARING" : "NO_ANSWER";
    const number = i % 97 === 5 ? "" : dst;
    lines.push(`"Caller","+919812345678","${number}","public","${localStamp(second)}","${localStamp(second)}","${localStamp(second)}","${billsec + 3}","${billsec}","${cause}","bt-${i}-0000-0000-0000","","bharat","PCMA","PCMA"`);
  }
  return lines.join("\n");
}

function smsDay(random: () => number): string {
  const lines = ["call_id,start,duration,a_number,b_number,ingress,egress,disposition,service,units"];
  const prefixes = ["6591", "9198", "4477", "1212"];
  for (let i = 0; i < 400; i++) {
    const at = new Date(Date.UTC(2026, 10, 19, 16) + Math.floor((i / 400) * 86400) * 1000).toISOString();
    lines.push(`sms-${i},${at},0,CLOUDSMS,+${prefixes[Math.floor(random() * prefixes.length)]}${String(100000 + i)},cloud,route,ANSWERED,SMS,${1 + Math.floor(random() * 3)}`);
  }
  return lines.join("\n");
}

/** Creates the demo sources (once) and ingests a day of traffic from each; records already loaded count as duplicates. */
export async function loadDemoTraffic(client: HubClient, partnerIds: Map<string, string>, log: (line: string) => void): Promise<number> {
  const { cdrSources } = await client.request(`{ cdrSources { code } }`);
  const existing = new Set(cdrSources.map((s: { code: string }) => s.code));
  for (const source of SOURCES) {
    if (existing.has(source.input.code)) continue;
    const { createCdrSource } = await client.request(`mutation($i: CdrSourceInput!) { createCdrSource(input: $i) { id } }`, { i: source.input });
    for (const m of source.mappings) {
      const partnerId = m.partner ? partnerIds.get(m.partner) ?? null : null;
      await client.request(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: createCdrSource.id, side: m.side, match: m.match, value: m.value ?? "", partnerId } });
    }
  }
  const random = seeded(20261120);
  const files: Array<[string, string, string]> = [
    ["LON_PBX", "Master-2026-11-20.csv", asteriskDay(random)],
    ["BHARAT_FEED", "bharat-2026-11-20.csv", freeswitchDay(random)],
    ["CLOUDSMS_FEED", "cloudsms-2026-11-20.csv", smsDay(random)],
  ];
  let rated = 0;
  for (const [source, fileName, content] of files) {
    // A day of calls is larger than a GraphQL body may be: it goes through the upload route, as files do.
    const job = await client.upload<{ read: number; rated: number; duplicate: number; rejected: number; unrated: number }>("rating/cdrs", { source, fileName }, content);
    log(`  ${fileName}: read ${job.read} = rated ${job.rated} + duplicate ${job.duplicate} + rejected ${job.rejected} + unrated ${job.unrated}`);
    rated += job.rated;
  }
  return rated;
}
