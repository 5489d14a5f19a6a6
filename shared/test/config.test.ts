import { readHubConfig } from "../src/config";

describe("CDR value settings", () => {
  it("default to a 7-day duration ceiling and starts from 5 years back to 1 day ahead", () => {
    expect(readHubConfig({}).cdrValues).toEqual({ maxDurationSeconds: 604_800, pastYears: 5, futureDays: 1 });
  });

  it("read the environment, and refuse what is not a whole number in range", () => {
    expect(readHubConfig({ INTERSETTLE_CDR_MAX_DURATION: "86400", INTERSETTLE_CDR_PAST_YEARS: "10", INTERSETTLE_CDR_FUTURE_DAYS: "0" }).cdrValues).toEqual({ maxDurationSeconds: 86_400, pastYears: 10, futureDays: 0 });
    expect(() => readHubConfig({ INTERSETTLE_CDR_MAX_DURATION: "1e12" })).toThrow("INTERSETTLE_CDR_MAX_DURATION must be a whole number from 1 to 2678400, got '1e12'");
    expect(() => readHubConfig({ INTERSETTLE_CDR_MAX_DURATION: "2678401" })).toThrow(/INTERSETTLE_CDR_MAX_DURATION/);
    expect(() => readHubConfig({ INTERSETTLE_CDR_PAST_YEARS: "-1" })).toThrow(/INTERSETTLE_CDR_PAST_YEARS/);
    expect(() => readHubConfig({ INTERSETTLE_CDR_FUTURE_DAYS: "1.5" })).toThrow(/INTERSETTLE_CDR_FUTURE_DAYS/);
  });
});
