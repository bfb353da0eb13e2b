import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { describePostgres, describeRedis } from '../../test/helpers/engines.js';
import { createDatabase, freePort, ping, postgresBinDir, startPostgres, startRedis } from './engines.js';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('freePort', () => {
  it('gives a loopback port that can be bound', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describePostgres('startPostgres', () => {
  it('finds initdb and postgres together', () => {
    const bin = postgresBinDir()!;
    expect(fs.existsSync(path.join(bin, 'initdb'))).toBe(true);
    expect(fs.existsSync(path.join(bin, 'postgres'))).toBe(true);
  });

  it('starts a throwaway server on loopback, creates databases, and leaves nothing behind', async () => {
    const server = await startPostgres();
    try {
      expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`);
      expect(fs.existsSync(path.join(server.dir, 'data', 'PG_VERSION'))).toBe(true);
      const settings = await query<{ name: string; setting: string }>(
        server.url,
        `SELECT name, setting FROM pg_settings WHERE name IN
           ('listen_addresses','unix_socket_directories','fsync','synchronous_commit','full_page_writes')`,
      );
      expect(Object.fromEntries(settings.map((s) => [s.name, s.setting]))).toEqual({
        listen_addresses: '127.0.0.1',
        unix_socket_directories: server.dir,
        fsync: 'off',
        synchronous_commit: 'off',
        full_page_writes: 'off',
      });

      const url = await createDatabase(server.url, 'accord_one');
      expect(url).toBe(`postgres://postgres@127.0.0.1:${server.port}/accord_one`);
      expect(await query(url, 'SELECT current_database() AS name')).toEqual([{ name: 'accord_one' }]);
      await expect(createDatabase(server.url, 'Robert"; DROP')).rejects.toThrow(/invalid_database_name/);
    } finally {
      await server.stop();
    }
    expect(fs.existsSync(server.dir)).toBe(false);
    await expect(query(server.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
    await server.stop(); // a second stop is harmless
  });

  it('is durable when asked, on the port asked, in the directory asked', async () => {
    const port = await freePort();
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-engines-'));
    fs.chmodSync(parent, 0o711); // as root, postgres runs as its own user and must reach the directory
    const dir = path.join(parent, 'pg');
    try {
      const server = await startPostgres({ durable: true, port, dir });
      try {
        expect(server.port).toBe(port);
        expect(server.dir).toBe(dir);
        const [fsync] = await query<{ fsync: string }>(server.url, 'SHOW fsync');
        expect(fsync!.fsync).toBe('on');
      } finally {
        await server.stop();
      }
      expect(fs.existsSync(dir)).toBe(false);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});

describeRedis('startRedis', () => {
  it('answers PING, keeps nothing on disk, and can be lost and brought back on the same port', async () => {
    const redis = await startRedis();
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(await ping(redis.port)).toBe(true);
      expect(await config(redis.port, 'save')).toBe('');
      expect(await config(redis.port, 'appendonly')).toBe('no');
      expect(await config(redis.port, 'bind')).toBe('127.0.0.1');

      await redis.stop();
      expect(await ping(redis.port)).toBe(false);
      await redis.start();
      expect(await ping(redis.port)).toBe(true);
    } finally {
      await redis.stop();
    }
    expect(await ping(redis.port)).toBe(false);
  });
});

/** `CONFIG GET name` over a raw socket: the value, from the RESP array reply. */
function config(port: number, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let reply = '';
    socket.on('error', reject);
    socket.on('connect', () => socket.write(`*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$${name.length}\r\n${name}\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      const lines = reply.split('\r\n');
      // *2, $len, name, $len, value, ''
      if (lines.length >= 6) {
        socket.destroy();
        resolve(lines[4]!);
      }
    });
  });
}
