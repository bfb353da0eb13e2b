import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileExistsError, makePrivateDir, writePrivateFile } from './privateFiles.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-files-'));
  dirs.push(dir);
  return dir;
}
const mode = (file: string): number => fs.statSync(file).mode & 0o777;

describe('private files', () => {
  it('writes a new file 0600 and refuses to replace anything without force', () => {
    const dir = tempDir();
    const file = path.join(dir, 'sheet.html');
    writePrivateFile(file, 'links');
    expect(mode(file)).toBe(0o600);
    expect(() => writePrivateFile(file, 'other')).toThrow(FileExistsError);
    expect(fs.readFileSync(file, 'utf8')).toBe('links');
    writePrivateFile(file, 'new links', { force: true });
    expect(fs.readFileSync(file, 'utf8')).toBe('new links');
    expect(mode(file)).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['sheet.html']);
  });

  it('never writes through a symbolic link, dangling or not', () => {
    const dir = tempDir();
    const victim = path.join(dir, 'victim');
    const dangling = path.join(dir, 'dangling');
    fs.symlinkSync(victim, dangling);
    expect(() => writePrivateFile(dangling, 'tokens')).toThrow(FileExistsError);
    expect(fs.existsSync(victim)).toBe(false);
    fs.writeFileSync(victim, 'precious');
    const link = path.join(dir, 'link');
    fs.symlinkSync(victim, link);
    expect(() => writePrivateFile(link, 'tokens')).toThrow(FileExistsError);
    // With force the link itself is replaced by the new file; what it pointed at is untouched.
    writePrivateFile(link, 'tokens', { force: true });
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(link, 'utf8')).toBe('tokens');
  });

  it('creates directories 0700', () => {
    const dir = path.join(tempDir(), 'a', 'b');
    makePrivateDir(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.dirname(dir))).toBe(0o700);
  });
});
