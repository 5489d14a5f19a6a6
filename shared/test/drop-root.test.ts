import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DropRoot } from "../src/ingestion/drop-root";

const base = fs.mkdtempSync(path.join(os.tmpdir(), "drop-root-"));
const root = DropRoot.open(path.join(base, "root"));
const outside = path.join(base, "outside");
fs.mkdirSync(outside);
fs.writeFileSync(path.join(outside, "calls.csv"), "not for the hub\n");
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

/** A drop folder holding calls.csv, as a scan would have found it. */
function listedFolder(name: string): { folder: string; real: string } {
  const folder = path.join(root.path, name);
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, "calls.csv"), "call_id\n");
  const confined = root.confine(folder);
  if (confined.real === undefined) throw new Error(confined.problem);
  return { folder, real: confined.real };
}

describe("opening a dropped file after the scan listed it", () => {
  it("opens the file the listing found", () => {
    const { folder, real } = listedFolder("plain");
    const fd = root.openFile(folder, real, "calls.csv");
    expect(fs.readFileSync(fd, "utf8")).toBe("call_id\n");
    fs.closeSync(fd);
  });

  it("refuses a file swapped for a link between the listing and the open", () => {
    const { folder, real } = listedFolder("file-swap");
    fs.rmSync(path.join(folder, "calls.csv"));
    fs.symlinkSync(path.join(outside, "calls.csv"), path.join(folder, "calls.csv"));
    expect(() => root.openFile(folder, real, "calls.csv")).toThrow("it is a symbolic link");
  });

  it("refuses when the folder was swapped for a link out between the listing and the open", () => {
    const { folder, real } = listedFolder("folder-swap");
    fs.rmSync(folder, { recursive: true });
    fs.symlinkSync(outside, folder);
    expect(() => root.openFile(folder, real, "calls.csv")).toThrow("the drop folder leads out of the drop root through a symbolic link");
  });
});
