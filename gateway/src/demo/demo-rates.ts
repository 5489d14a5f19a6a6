/** Demo rate cards: SELL cards for customers, BUY cards for vendors, with small but realistic decks. */
export interface DemoRateCard {
  partner: string;
  name: string;
  direction: "SELL" | "BUY";
  currency: string;
  service: "VOICE" | "SMS" | "MMS" | "DATA";
  timeBands: Array<{ name: string; weekdays: number[]; start: string; end: string }>;
  deck: string;
}

const WEEKDAY_PEAK = [{ name: "PEAK", weekdays: [1, 2, 3, 4, 5], start: "08:00", end: "20:00" }];

const header = "prefix,destination,rate,next_rate,connect_fee,initial_interval,next_interval,grace_period,time_band";

export const DEMO_RATE_CARDS: DemoRateCard[] = [
  {
    partner: "TELCO_UK",
    name: "TELCO_UK wholesale sell",
    direction: "SELL",
    currency: "GBP",
    service: "VOICE",
    timeBands: WEEKDAY_PEAK,
    deck: [
      header,
      "44,United Kingdom fixed,0.0042,0.0042,0,60,60,0,",
      "447,United Kingdom mobile,0.0185,0.0185,0,60,60,0,",
      "447,United Kingdom mobile,0.0210,0.0210,0,60,60,0,PEAK",
      "91,India fixed,0.0090,0.0090,0,1,1,3,",
      "919,India mobile,0.0102,0.0102,0,1,1,3,",
      "1,USA and Canada,0.0030,0.0030,0,6,6,0,",
      "234,Nigeria,0.0950,0.0950,0.0100,60,60,0,",
      "254,Kenya,0.0780,0.0780,0,60,60,0,",
    ].join("\n"),
  },
  {
    partner: "TELCO_UK",
    name: "TELCO_UK termination buy",
    direction: "BUY",
    currency: "GBP",
    service: "VOICE",
    timeBands: [],
    deck: [header, "44,United Kingdom fixed,0.0028,0.0028,0,60,60,0,", "447,United Kingdom mobile,0.0120,0.0120,0,60,60,0,"].join("\n"),
  },
  {
    partner: "BHARAT_TEL",
    name: "BHARAT_TEL ILD sell",
    direction: "SELL",
    currency: "INR",
    service: "VOICE",
    timeBands: [],
    deck: [header, "44,United Kingdom fixed,0.45,0.45,0,60,60,0,", "447,United Kingdom mobile,1.65,1.65,0,60,60,0,", "1,USA and Canada,0.30,0.30,0,60,60,0,", "971,UAE,6.20,6.20,0,60,60,0,"].join("\n"),
  },
  {
    partner: "BHARAT_TEL",
    name: "BHARAT_TEL termination buy",
    direction: "BUY",
    currency: "INR",
    service: "VOICE",
    timeBands: [],
    deck: [header, "91,India fixed,0.35,0.35,0,1,1,0,", "919,India mobile,0.65,0.65,0,1,1,0,", "9180,India mobile Bengaluru,0.60,0.60,0,1,1,0,"].join("\n"),
  },
  {
    partner: "ATLANTIC_VOICE",
    name: "ATLANTIC_VOICE A-Z buy",
    direction: "BUY",
    currency: "USD",
    service: "VOICE",
    timeBands: [{ name: "NIGHT", weekdays: [1, 2, 3, 4, 5, 6, 7], start: "22:00", end: "07:00" }],
    deck: [
      header,
      "1,USA and Canada,0.0021,0.0021,0,6,6,0,",
      "1,USA and Canada,0.0015,0.0015,0,6,6,0,NIGHT",
      "44,United Kingdom fixed,0.0035,0.0035,0,60,60,0,",
      "447,United Kingdom mobile,0.0150,0.0150,0,60,60,0,",
      "91,India fixed,0.0105,0.0105,0,60,60,0,",
      "919,India mobile,0.0118,0.0118,0,60,60,0,",
      "234,Nigeria,0.0870,0.0870,0,60,60,0,",
    ].join("\n"),
  },
  {
    partner: "CLOUDSMS",
    name: "CLOUDSMS A2P SMS sell",
    direction: "SELL",
    currency: "SGD",
    service: "SMS",
    timeBands: [],
    deck: ["prefix,destination,rate", "65,Singapore,0.0310", "91,India,0.0042", "44,United Kingdom,0.0450", "1,USA and Canada,0.0105"].join("\n"),
  },
];

export const DEMO_EXCHANGE_RATES = [
  "base,quote,rate,effective_date",
  "USD,GBP,0.7900,2026-01-01",
  "USD,EUR,0.9200,2026-01-01",
  "USD,INR,83.2500,2026-01-01",
  "USD,SGD,1.3400,2026-01-01",
  "USD,KES,129.5000,2026-01-01",
  "USD,AUD,1.5200,2026-01-01",
  "USD,AED,3.6725,2026-01-01",
].join("\n");

export const DEMO_DESTINATIONS = [
  "prefix,country,operator,region,type",
  "1,United States,,,FIXED",
  "44,United Kingdom,,,FIXED",
  "447,United Kingdom,,,MOBILE",
  "91,India,,,FIXED",
  "919,India,,,MOBILE",
  "9180,India,Bharat Telecom,Karnataka,MOBILE",
  "9198,India,Bharat Telecom,Delhi,MOBILE",
  "234,Nigeria,,,FIXED",
  "254,Kenya,,,FIXED",
  "2547,Kenya,Safari Mobile,,MOBILE",
  "65,Singapore,,,FIXED",
  "971,United Arab Emirates,,,FIXED",
  "8816,Iridium,,,SATELLITE",
].join("\n");
