import fs from "node:fs";
import path from "node:path";

/** A drop folder's real location, or why it may not be used. */
export type ConfinedFolder = { real: string; problem?: undefined } | { real?: undefined; problem: string };

/**
 * The one folder drop folders (CDR sources, content sources) may live under (INTERSETTLE_DROP_ROOT). The hub reads and moves every file
 * it finds in a drop folder, so a folder is checked both as written and as the file system resolves it: an
 * operator's typo or a symbolic link must not turn the watcher onto /etc or another tenant's files.
 */
export class DropRoot {
  private constructor(readonly path: string, private readonly real: string) {}

  /** Creates the root when missing. */
  static open(root: string): DropRoot {
    const absolute = path.resolve(root);
    fs.mkdirSync(absolute, { recursive: true });
    return new DropRoot(absolute, fs.realpathSync(absolute));
  }

  /** Why `folder`, as an operator wrote it, may not be a drop folder; undefined when it may. */
  folderProblem(folder: string): string | undefined {
    return this.confine(folder).problem;
  }

  /**
   * Where `folder` really is, or why it may not be used: checked when a source is saved and again at every
   * scan, since a folder can be swapped for a link at any time.
   */
  confine(folder: string): ConfinedFolder {
    if (/[\0-\x1f]/.test(folder)) return { problem: "must not contain control characters" };
    if (!path.isAbsolute(folder)) return { problem: "must be an absolute path inside the drop root (INTERSETTLE_DROP_ROOT)" };
    if (folder.split(/[\\/]/).includes("..")) return { problem: "must not contain '..'" };
    const normal = path.normalize(folder);
    if (!isInside(this.path, normal) && !isInside(this.real, normal)) return { problem: "must be a folder inside the drop root (INTERSETTLE_DROP_ROOT)" };
    return this.resolve(normal);
  }

  /**
   * Opens file `name` of a drop folder (`real`, as `confine` found it) for reading without following a link, then
   * checks that what was opened is still that file inside the root: a folder or file swapped for a link since the
   * listing is caught here. Throws with the reason the file is refused.
   */
  openFile(dropFolder: string, real: string, name: string): number {
    let fd: number;
    try {
      fd = fs.openSync(path.join(real, name), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    } catch (err) {
      throw new Error((err as NodeJS.ErrnoException).code === "ELOOP" ? "it is a symbolic link; drop the file itself into the folder" : "it cannot be opened");
    }
    const opened = fs.fstatSync(fd);
    const again = this.confine(dropFolder);
    const listed = again.real === real ? fs.lstatSync(path.join(real, name), { throwIfNoEntry: false }) : undefined;
    if (opened.isFile() && listed && listed.ino === opened.ino && listed.dev === opened.dev) return fd;
    fs.closeSync(fd);
    throw new Error(again.problem ? `the drop folder ${again.problem}` : "it changed while being opened, or is not a regular file");
  }

  private resolve(folder: string): ConfinedFolder {
    // The deepest part of the path that exists is resolved; the parts below it cannot be links yet.
    let existing = path.normalize(folder);
    let rest = "";
    for (;;) {
      try {
        const real = path.join(fs.realpathSync(existing), rest);
        return isInside(this.real, real) ? { real } : { problem: "leads out of the drop root through a symbolic link" };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") return { problem: "cannot be resolved" };
        if (isLink(existing)) return { problem: "is a symbolic link that leads nowhere" };
        const parent = path.dirname(existing);
        if (parent === existing) return { problem: "cannot be resolved" };
        rest = path.join(path.basename(existing), rest);
        existing = parent;
      }
    }
  }
}

/** Moves a file of a drop folder to done/ or failed/ with its report, writing through no link. */
export function moveAside(folder: string, to: "done" | "failed", name: string, report: string): void {
  const target = path.join(folder, to);
  if (!fs.lstatSync(target, { throwIfNoEntry: false })) fs.mkdirSync(target);
  if (!fs.lstatSync(target).isDirectory()) throw new Error(`${to}/ in the drop folder is not a folder`);
  fs.renameSync(path.join(folder, name), path.join(target, name));
  const reportFile = path.join(target, `${name}.${to === "done" ? "report" : "error"}.txt`);
  const fd = fs.openSync(reportFile, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_NOFOLLOW, 0o644);
  try {
    fs.writeSync(fd, report + "\n");
  } finally {
    fs.closeSync(fd);
  }
}

/** True when `inner` lies strictly below `outer`. */
function isInside(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
