import { execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { isExecutable, spawnServer, tail, terminate, type Launched } from './processes.js';

/**
 * Throwaway PostgreSQL and Redis servers started from the machine's Debian packages, on loopback only, for
 * tests, benchmarks and `npm run cluster`. Nothing is downloaded: when a binary is missing the caller says
 * how to install it (`apt-get install postgresql redis-server`).
 */

/** A failure to find or start an engine; `id` is stable for callers and tests. */
export class EngineError extends Error {
  constructor(
    readonly id:
      | 'postgres_not_installed'
      | 'postgres_user_missing'
      | 'postgres_start_failed'
      | 'redis_not_installed'
      | 'redis_start_failed',
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export interface LocalPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust auth. */
  url: string;
  port: number;
  /** The directory holding the cluster (`data/`), its unix socket and `postgres.log`; removed by stop(). */
  dir: string;
  /** Fast shutdown, then removes `dir`. Safe to call twice. */
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** Where to create the cluster; it must not exist yet, and as root its parent must be traversable by the
   *  `postgres` user. Default: a new directory under the system temp dir. */
  dir?: string;
  /** Default: a free port picked by the system. */
  port?: number;
  /** Default false: fsync, synchronous commit and full-page writes off, which is what tests want. */
  durable?: boolean;
}

export interface LocalRedis {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Shuts Redis down (its data is gone: no persistence). Safe to call twice. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty, after stop(): a test's "Redis came back". */
  start(): Promise<void>;
}

/** The newest `/usr/lib/postgresql/<version>/bin` holding initdb and postgres, else the PATH directory that does. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  const candidates = [
    ...versions.map((v) => path.join(root, v, 'bin')),
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
  ];
  return candidates.find((dir) => isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'postgres')));
}

/** The redis-server binary on PATH, if any. */
export function redisServerPath(): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, 'redis-server'))
    .find(isExecutable);
}

/** True when redis-server is installed. */
export function redisAvailable(): boolean {
  return redisServerPath() !== undefined;
}

/** A port nobody listens on right now: bind port 0 on loopback, read it, release it. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Initializes a cluster in a temp dir and starts `postgres` on 127.0.0.1 with its unix socket inside that
 * dir, trust auth, resolving once it accepts connections. PostgreSQL refuses to run as root, so as root the
 * dir belongs to the `postgres` system user (Debian's package creates it) and both programs run as that user.
 */
export async function startPostgres(opts: PostgresOptions = {}): Promise<LocalPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new EngineError('postgres_not_installed', 'PostgreSQL is not installed: apt-get install postgresql');
  const owner = process.getuid?.() === 0 ? systemUser('postgres') : undefined;
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'accord-pg-'));
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const durable = opts.durable ?? false;
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  try {
    await promisify(execFile)(
      ...asOwner(owner, path.join(bin, 'initdb'), [
        '-D',
        data,
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        ...(durable ? [] : ['--no-sync']),
      ]),
      { cwd: dir },
    );
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new EngineError(
      'postgres_start_failed',
      `initdb failed: ${(error as { stderr?: string }).stderr ?? String(error)}`,
    );
  }

  // A port picked free can be taken before postgres binds it; then try another (unless the caller chose it).
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    const log = fs.openSync(logFile, 'a');
    const settings = [
      'listen_addresses=127.0.0.1',
      ...(durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
    ];
    const [command, args] = asOwner(owner, path.join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      ...settings.flatMap((s) => ['-c', s]),
    ]);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    let launched: Launched;
    try {
      launched = await spawnServer(
        command,
        args,
        { cwd: dir, stdio: ['ignore', log, log] },
        { dir, kill: 'SIGQUIT', ready: () => canConnect(url), logFile },
      );
    } catch (error) {
      const clash = /could not bind|already in use/i.test(tail(logFile));
      if (clash && opts.port === undefined && attempt < 5) continue;
      const reason = `PostgreSQL did not start on port ${port}: ${(error as Error).message}`;
      fs.rmSync(dir, { recursive: true, force: true });
      throw new EngineError('postgres_start_failed', reason);
    } finally {
      fs.closeSync(log);
    }
    const { child, forget } = launched;
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopping ??= (async () => {
        forget();
        await terminate(child, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
        fs.rmSync(dir, { recursive: true, force: true });
      })());
    return { url, port, dir, stop };
  }
}

/** Creates database `name` on the server at `url` and returns its URL. Names are plain identifiers. */
export async function createDatabase(url: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new RangeError(`invalid_database_name: "${name}" is not a lowercase identifier`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

/**
 * Starts redis-server on 127.0.0.1 without persistence (`--save '' --appendonly no`), resolving once it
 * answers PING. stop() and start() let a test take Redis away and bring it back on the same port.
 */
export async function startRedis(opts: { port?: number } = {}): Promise<LocalRedis> {
  const bin = redisServerPath();
  if (!bin) throw new EngineError('redis_not_installed', 'Redis is not installed: apt-get install redis-server');
  let port = opts.port ?? (await freePort());
  let running: { child: ChildProcess; dir: string; forget: () => void } | undefined;

  const launch = async (): Promise<void> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-redis-'));
    const logFile = path.join(dir, 'redis.log');
    const args = [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--logfile',
      logFile,
    ];
    try {
      running = {
        ...(await spawnServer(
          bin,
          args,
          { stdio: 'ignore' },
          { dir, kill: 'SIGKILL', ready: () => ping(port), logFile },
        )),
        dir,
      };
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new EngineError('redis_start_failed', `Redis did not start on port ${port}: ${(error as Error).message}`);
    }
  };

  const stop = async (): Promise<void> => {
    const current = running;
    running = undefined;
    if (!current) return;
    current.forget();
    await terminate(current.child, 'SIGTERM');
    fs.rmSync(current.dir, { recursive: true, force: true });
  };

  const start = async (): Promise<void> => {
    if (!running) await launch();
  };

  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (error) {
      if (opts.port !== undefined || attempt >= 5) throw error;
      port = await freePort(); // the free port was taken in between
    }
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Sends a RESP PING over a raw socket; true on +PONG. */
export function ping(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    let answer = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

// --- helpers -----------------------------------------------------------------------------------------------

/** uid and gid of a system user, from /etc/passwd. */
function systemUser(name: string): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new EngineError(
      'postgres_user_missing',
      `PostgreSQL refuses to run as root and there is no "${name}" user to run it as (apt-get install postgresql creates it).`,
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/** The command line running `command` as `owner` (setpriv execs in place, so the pid is the program's own). */
function asOwner(owner: { uid: number; gid: number } | undefined, command: string, args: string[]): [string, string[]] {
  if (!owner) return [command, args];
  if (isExecutable('/usr/bin/setpriv')) {
    return [
      '/usr/bin/setpriv',
      [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--init-groups', '--', command, ...args],
    ];
  }
  return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}
