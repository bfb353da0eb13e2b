import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Files that hold the conference's data or live sign-in tokens (the database, its backups, a sheet of login
 * links) are created for their owner only: files 0600, directories 0700. They are never written through a
 * symbolic link (a link planted where a backup will go must not redirect it), and an existing file is replaced
 * only when the operator says so (`--force`), by renaming a complete new file over the old name, so a reader
 * never sees half of it.
 */

/** Mode of every file created here. */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode of every directory created here. */
export const PRIVATE_DIR_MODE = 0o700;

/** Thrown when something already exists where a new file should go. */
export class FileExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} exists already (or is a link); choose another name, or pass --force to replace it.`);
  }
}

/** True when anything is at `file`: a file, a directory, or a symbolic link, even one leading nowhere. */
export function isTaken(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Creates `dir` and missing parents with mode 0700; an existing directory is left as it is. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates an empty file 0600 at `file`, failing if anything is there already: a file, a directory, or a
 * symbolic link, dangling or not (O_EXCL never follows one). Returns its open descriptor.
 */
export function createExclusive(file: string): number {
  const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;
  try {
    return fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(file);
    throw error;
  }
}

/**
 * A fresh empty 0600 file beside `file` (same directory, so it can be renamed or linked into place), for
 * writing a new version of it before it takes its place. Returns its name and, open for writing, its descriptor.
 */
export function openTempBeside(file: string): { temp: string; fd: number } {
  for (;;) {
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      return { temp, fd: createExclusive(temp) };
    } catch (error) {
      if (!(error instanceof FileExistsError)) throw error;
    }
  }
}

/**
 * Moves the complete file `temp` to `file`. Without `force`, fails if anything is at `file` (a hard link
 * refuses an existing name, links included, and is atomic); with it, renames over whatever is there (a link
 * is replaced, not followed). `temp` is gone afterwards either way.
 */
export function placeFile(temp: string, file: string, force: boolean): void {
  try {
    if (force) {
      fs.renameSync(temp, file);
      return;
    }
    try {
      fs.linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(file);
      throw error;
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** Writes `data` to a new 0600 file at `file`, as `placeFile` says (no overwrite without `force`, no link followed). */
export function writePrivateFile(file: string, data: string | Uint8Array, options: { force?: boolean } = {}): void {
  if (!options.force && isTaken(file)) throw new FileExistsError(file);
  const { temp, fd } = openTempBeside(file);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  placeFile(temp, file, options.force ?? false);
}

/**
 * Takes group and other permissions away from an existing regular file (not through a link): databases
 * created before files were private keep their data to their owner from the next start on.
 */
export function restrictFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return;
  }
  if (stat.isFile() && (stat.mode & 0o077) !== 0) fs.chmodSync(file, stat.mode & 0o700);
}
