import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describePostgres, usePostgres } from '../../../test/helpers/engines.js';
import { MIGRATIONS } from './index.js';

/**
 * The PostgreSQL schema is the SQLite schema in another dialect: every `postgres` script applies in order to
 * a fresh database, the tables, columns, indexes and triggers are the same, and one scenario of writes is
 * accepted or refused in the same way (and for the same reason) by both engines.
 */

type Refusal = 'check' | 'unique' | 'foreign_key' | 'not_null' | `trigger: ${string}`;

interface Step {
  sql: string;
  /** The constraint that must refuse it; omitted when it must succeed. */
  refused?: Refusal;
  /** Rows a SELECT must return. */
  rows?: Record<string, unknown>[];
}

/** Bytes as a literal in each dialect (the steps are otherwise the same text for both). */
const BLOB = { sqlite: "X'00ff'", postgres: "'\\x00ff'" };

const SCENARIO: Step[] = [
  { sql: "INSERT INTO conferences (id, name, created_at) VALUES ('c1', 'WIC 2025', 't')" },
  { sql: "INSERT INTO delegations (code, conference_id, created_at) VALUES ('KAZ', 'c1', 't'), ('UZB', 'c1', 't')" },
  // Delegation codes are three capital letters (ISO 3166-1 alpha-3), nothing more or less.
  ...['kaz', 'KA', 'KAZA', 'KA1', 'Kaz'].map((code): Step => ({
    sql: `INSERT INTO delegations (code, conference_id, created_at) VALUES ('${code}', 'c1', 't')`,
    refused: 'check',
  })),
  {
    sql: "INSERT INTO delegations (code, conference_id, created_at) VALUES ('FRA', 'nowhere', 't')",
    refused: 'foreign_key',
  },
  {
    sql: `INSERT INTO users (id, username, display_name, role, delegation, created_at) VALUES
      ('u-chair', 'chair', 'Chair', 'chair', NULL, 't'), ('u-kaz', 'kaz-head', 'KAZ head', 'head', 'KAZ', 't'),
      ('u-obs', 'observer', 'Observer', 'observer', NULL, 't')`,
  },
  // Heads and delegates belong to a delegation; nobody else does.
  {
    sql: "INSERT INTO users (id, username, display_name, role, created_at) VALUES ('u-x', 'x', 'X', 'head', 't')",
    refused: 'check',
  },
  {
    sql: "INSERT INTO users (id, username, display_name, role, delegation, created_at) VALUES ('u-x', 'x', 'X', 'chair', 'KAZ', 't')",
    refused: 'check',
  },
  {
    sql: "INSERT INTO users (id, username, display_name, role, created_at) VALUES ('u-x', 'x', 'X', 'king', 't')",
    refused: 'check',
  },
  {
    sql: "INSERT INTO users (id, username, display_name, role, created_at) VALUES ('u-x', 'chair', 'X', 'admin', 't')",
    refused: 'unique',
  },
  {
    sql: "INSERT INTO users (id, username, display_name, role, created_at) VALUES ('u-x', 'x', NULL, 'admin', 't')",
    refused: 'not_null',
  },
  // Sessions go with their user.
  { sql: "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('h1', 'u-obs', 't', 't')" },
  { sql: "DELETE FROM users WHERE id = 'u-obs'" },
  { sql: 'SELECT COUNT(*) AS n FROM sessions', rows: [{ n: 0 }] },

  {
    sql: `INSERT INTO documents (id, conference_id, title, symbol, stage, created_at, updated_at)
      VALUES ('d1', 'c1', 'Almaty Declaration', 'WIC/2025/1', 'adoption', 't', 't')`,
  },
  {
    sql: "INSERT INTO clauses (id, document_id, kind, created_at) VALUES ('k1', 'd1', 'operative', 't'), ('k2', 'd1', 'preamble', 't')",
  },
  {
    sql: "INSERT INTO clauses (id, document_id, kind, created_at) VALUES ('k1', 'd1', 'operative', 't')",
    refused: 'unique',
  },
  { sql: "UPDATE clauses SET status = 'locked' WHERE id = 'k1'", refused: 'check' },
  { sql: "UPDATE clauses SET deleted_at = 't' WHERE id = 'k2'" },

  // The update log numbers itself; a Yjs client id may be as large as 2^32 - 1.
  { sql: "INSERT INTO doc_updates (document_id, data, created_at) VALUES ('d1', {{blob}}, 't')" },
  { sql: "INSERT INTO doc_updates (document_id, data, created_at) VALUES ('d1', {{blob}}, 't')" },
  { sql: "SELECT seq FROM doc_updates WHERE document_id = 'd1' ORDER BY seq", rows: [{ seq: 1 }, { seq: 2 }] },
  {
    sql: "INSERT INTO collab_client_ids (document_id, client_id, user_id, created_at) VALUES ('d1', 4294967295, 'u-kaz', 't')",
  },
  {
    sql: "INSERT INTO collab_client_ids (document_id, client_id, user_id, created_at) VALUES ('d1', 4294967295, 'u-chair', 't')",
    refused: 'unique',
  },
  { sql: 'SELECT client_id FROM collab_client_ids', rows: [{ client_id: 4294967295 }] },

  // Comments and amendments point at a clause of their document.
  {
    sql: `INSERT INTO comments (id, document_id, clause_id, author_id, body, created_at, updated_at)
      VALUES ('m1', 'd1', 'k9', 'u-kaz', 'Where?', 't', 't')`,
    refused: 'foreign_key',
  },
  {
    sql: `INSERT INTO amendments (id, document_id, clause_id, kind, rationale, delegation, proposer_id, base_text, base_markup, created_at, updated_at)
      VALUES ('a1', 'd1', 'k1', 'replace', 'Clearer', 'KAZ', 'u-kaz', '', '', 't', 't')`,
  },
  {
    sql: "INSERT INTO amendment_sponsors (amendment_id, delegation, user_id, joined_at) VALUES ('a1', 'UZB', 'u-kaz', 't')",
  },
  {
    sql: "INSERT INTO amendment_sponsors (amendment_id, delegation, user_id, joined_at) VALUES ('a1', 'UZB', 'u-kaz', 't')",
    refused: 'unique',
  },

  // Revision names are unique without regard to case, found without regard to case, and frozen.
  {
    sql: `INSERT INTO revisions (id, document_id, name, state, clauses, stage, through_seq, created_at)
      VALUES ('r1', 'd1', 'Zero Draft', {{blob}}, '[]', 'drafting', 2, 't')`,
  },
  {
    sql: `INSERT INTO revisions (id, document_id, name, state, clauses, stage, through_seq, created_at)
      VALUES ('r2', 'd1', 'ZERO draft', {{blob}}, '[]', 'drafting', 2, 't')`,
    refused: 'unique',
  },
  { sql: "SELECT id FROM revisions WHERE document_id = 'd1' AND name = 'zero DRAFT'", rows: [{ id: 'r1' }] },
  { sql: "UPDATE revisions SET name = 'Rev.1' WHERE id = 'r1'", refused: 'trigger: revisions are frozen' },
  { sql: "DELETE FROM revisions WHERE id = 'r1'", refused: 'trigger: revisions are frozen' },

  // One open vote per subject, one ballot per delegation, and a closed vote is frozen.
  {
    sql: `INSERT INTO votes (id, document_id, subject_type, subject_id, rule, opened_by, opened_at)
      VALUES ('v1', 'd1', 'clause', 'k1', 'simple_majority', 'u-chair', 't')`,
  },
  {
    sql: `INSERT INTO votes (id, document_id, subject_type, subject_id, rule, opened_by, opened_at)
      VALUES ('v2', 'd1', 'clause', 'k1', 'two_thirds', 'u-chair', 't')`,
    refused: 'unique',
  },
  {
    sql: `INSERT INTO votes (id, document_id, subject_type, subject_id, rule, quorum, opened_by, opened_at)
      VALUES ('v2', 'd1', 'amendment', 'a1', 'two_thirds', 0, 'u-chair', 't')`,
    refused: 'check',
  },
  {
    sql: `INSERT INTO votes (id, document_id, subject_type, subject_id, rule, quorum, opened_by, opened_at)
      VALUES ('v2', 'd1', 'amendment', 'a1', 'two_thirds', 0.5, 'u-chair', 't')`,
  },
  { sql: "UPDATE votes SET status = 'closed' WHERE id = 'v2'", refused: 'check' },
  {
    sql: "INSERT INTO ballots (vote_id, delegation, choice, cast_by, first_cast_at, cast_at) VALUES ('v1', 'KAZ', 'yes', 'u-kaz', 't', 't')",
  },
  {
    sql: "INSERT INTO ballots (vote_id, delegation, choice, cast_by, first_cast_at, cast_at) VALUES ('v1', 'KAZ', 'no', 'u-kaz', 't', 't')",
    refused: 'unique',
  },
  {
    sql: "INSERT INTO ballots (vote_id, delegation, choice, cast_by, first_cast_at, cast_at) VALUES ('v1', 'UZB', 'maybe', 'u-kaz', 't', 't')",
    refused: 'check',
  },
  {
    sql: "INSERT INTO ballots (vote_id, delegation, choice, cast_by, first_cast_at, cast_at) VALUES ('v1', 'FRA', 'yes', 'u-kaz', 't', 't')",
    refused: 'foreign_key',
  },
  { sql: "UPDATE ballots SET choice = 'no', changes = changes + 1 WHERE vote_id = 'v1' AND delegation = 'KAZ'" },
  { sql: "UPDATE votes SET status = 'closed', result = '{}', closed_by = 'u-chair', closed_at = 't' WHERE id = 'v1'" },
  {
    sql: `UPDATE votes SET result = '{"outcome":"adopted"}' WHERE id = 'v1'`,
    refused: 'trigger: a closed vote is frozen',
  },
  {
    sql: "UPDATE ballots SET choice = 'yes' WHERE vote_id = 'v1' AND delegation = 'KAZ'",
    refused: 'trigger: the ballots of a closed vote are frozen',
  },
  { sql: "DELETE FROM ballots WHERE vote_id = 'v1'", refused: 'trigger: the ballots of a closed vote are frozen' },
  {
    sql: "INSERT INTO ballots (vote_id, delegation, choice, cast_by, first_cast_at, cast_at) VALUES ('v1', 'UZB', 'yes', 'u-kaz', 't', 't')",
    refused: 'trigger: the ballots of a closed vote are frozen',
  },
  { sql: "SELECT status, result FROM votes WHERE id = 'v1'", rows: [{ status: 'closed', result: '{}' }] },
  {
    sql: `INSERT INTO votes (id, document_id, subject_type, subject_id, rule, opened_by, opened_at)
      VALUES ('v3', 'd1', 'clause', 'k1', 'consensus', 'u-chair', 't')`,
  },
  // A vote still open at adoption lapses: no result, and frozen like a closed one.
  {
    sql: "UPDATE votes SET status = 'lapsed', closed_by = 'u-chair', closed_at = 't', result = '{}' WHERE id = 'v3'",
    refused: 'check',
  },
  { sql: "UPDATE votes SET status = 'expired' WHERE id = 'v3'", refused: 'check' },
  { sql: "UPDATE votes SET status = 'lapsed', closed_by = 'u-chair', closed_at = 't' WHERE id = 'v3'" },
  {
    sql: "UPDATE votes SET status = 'open', closed_at = NULL WHERE id = 'v3'",
    refused: 'trigger: a closed vote is frozen',
  },
  // The registered count a vote keeps from its opening is a count.
  {
    sql: `INSERT INTO votes (id, document_id, subject_type, subject_id, rule, quorum, registered, opened_by, opened_at)
      VALUES ('v4', 'd1', 'document', 'd1', 'consensus', 0.5, -1, 'u-chair', 't')`,
    refused: 'check',
  },
  {
    sql: `INSERT INTO votes (id, document_id, subject_type, subject_id, rule, quorum, registered, opened_by, opened_at)
      VALUES ('v4', 'd1', 'document', 'd1', 'consensus', 0.5, 2, 'u-chair', 't')`,
  },
  {
    sql: "SELECT registered FROM votes WHERE id IN ('v1', 'v4') ORDER BY id",
    rows: [{ registered: null }, { registered: 2 }],
  },
  { sql: "UPDATE amendments SET status = 'lapsed' WHERE id = 'a1'" },
  { sql: "UPDATE amendments SET status = 'expired' WHERE id = 'a1'", refused: 'check' },
  {
    sql: "INSERT INTO vote_explanations (vote_id, delegation, timing, text, author_id, created_at) VALUES ('v1', 'KAZ', 'during', '', 'u-kaz', 't')",
    refused: 'check',
  },
  {
    sql: "INSERT INTO endorsements (document_id, delegation, kind, recorded_by, recorded_at) VALUES ('d1', 'KAZ', 'endorse_with_reservation', 'u-kaz', 't')",
    refused: 'check',
  },
  {
    sql: "INSERT INTO endorsements (document_id, delegation, kind, statement, recorded_by, recorded_at) VALUES ('d1', 'KAZ', 'endorse_with_reservation', 'Para 2', 'u-kaz', 't')",
  },

  // The audit chain: the writer numbers entries; a number and a hash are used once.
  { sql: "INSERT INTO audit_log (seq, at, action, payload, prev_hash, hash) VALUES (1, 't', 'a', '{}', '0', 'h1')" },
  {
    sql: "INSERT INTO audit_log (seq, at, action, payload, prev_hash, hash) VALUES (1, 't', 'b', '{}', 'h1', 'h2')",
    refused: 'unique',
  },
  {
    sql: "INSERT INTO audit_log (seq, at, action, payload, prev_hash, hash) VALUES (2, 't', 'b', '{}', 'h1', 'h1')",
    refused: 'unique',
  },
  // …and nothing written is changed or removed.
  { sql: 'UPDATE audit_log SET payload = \'{"x":1}\' WHERE seq = 1', refused: 'trigger: the ledger is append-only' },
  { sql: 'DELETE FROM audit_log WHERE seq = 1', refused: 'trigger: the ledger is append-only' },
];

/** What refused a statement, in the same words for both engines. */
function refusal(error: unknown): Refusal | string {
  const { code, message } = error as { code?: string; message: string };
  switch (code) {
    case 'SQLITE_CONSTRAINT_CHECK':
    case '23514':
      return 'check';
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case '23505':
      return 'unique';
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
    case '23503':
      return 'foreign_key';
    case 'SQLITE_CONSTRAINT_NOTNULL':
    case '23502':
      return 'not_null';
    case 'SQLITE_CONSTRAINT_TRIGGER':
    case '23000':
      return `trigger: ${message}`;
    default:
      return `unexpected ${code}: ${message}`;
  }
}

interface Engine {
  run(sql: string): Promise<Record<string, unknown>[]>;
}

async function play(engine: Engine, blob: string): Promise<string[]> {
  const outcomes: string[] = [];
  for (const step of SCENARIO) {
    const sql = step.sql.replaceAll('{{blob}}', blob);
    let outcome: string;
    try {
      const rows = await engine.run(sql);
      outcome = step.rows ? `rows ${JSON.stringify(rows)}` : 'ok';
    } catch (error) {
      outcome = `refused: ${refusal(error)}`;
    }
    outcomes.push(`${sql.replace(/\s+/g, ' ').slice(0, 90)} → ${outcome}`);
  }
  return outcomes;
}

function expected(blob: string): string[] {
  return SCENARIO.map((step) => {
    const sql = step.sql.replaceAll('{{blob}}', blob);
    const outcome = step.refused ? `refused: ${step.refused}` : step.rows ? `rows ${JSON.stringify(step.rows)}` : 'ok';
    return `${sql.replace(/\s+/g, ' ').slice(0, 90)} → ${outcome}`;
  });
}

/** The SQLite schema exactly as the `sqlite` scripts build it. */
function sqliteDatabase(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS) db.exec(m.sqlite);
  return db;
}

/** int8 as a number, as the application's PostgreSQL engine reads it. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

describePostgres('PostgreSQL migrations', () => {
  const server = usePostgres();
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: await server.freshDatabaseUrl(), types });
    await client.connect();
    // Each step in its own transaction, as migrate() applies them.
    for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
      await client.query('BEGIN');
      await client.query(m.postgres);
      await client.query('COMMIT');
    }
  });

  afterAll(async () => {
    await client?.end();
  });

  it('builds the same tables and columns, nullability and defaults, indexes and triggers', async () => {
    const sqlite = sqliteDatabase();
    const tables = sqlite
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((t) => t.name);
    const pgColumns = (
      await client.query<{
        table_name: string;
        column_name: string;
        data_type: string;
        is_nullable: string;
        column_default: string | null;
      }>(
        `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
         WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
      )
    ).rows;
    expect([...new Set(pgColumns.map((c) => c.table_name))]).toEqual(tables);

    const TYPES: Record<string, string[]> = {
      TEXT: ['text'],
      INTEGER: ['integer', 'bigint'],
      BLOB: ['bytea'],
      REAL: ['double precision'],
    };
    for (const table of tables) {
      const lite = sqlite
        .prepare<[], { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(
          `PRAGMA table_info(${table})`,
        )
        .all();
      const mine = pgColumns.filter((c) => c.table_name === table);
      expect(
        mine.map((c) => c.column_name),
        table,
      ).toEqual(lite.map((c) => c.name));
      lite.forEach((col, i) => {
        const other = mine[i]!;
        const where = `${table}.${col.name}`;
        expect(TYPES[col.type], where).toContain(other.data_type);
        // SQLite lets a non-integer primary key be NULL (a known quirk); PostgreSQL does not.
        if (!col.pk) expect(other.is_nullable, where).toBe(col.notnull ? 'NO' : 'YES');
        expect(other.column_default?.replace(/::[a-z ]+$/, '') ?? null, where).toBe(col.dflt_value);
      });
    }

    // Sequence numbers, counts and Yjs client ids outgrow a 32-bit INTEGER.
    const wide = pgColumns.filter((c) => /(^|_)seq$|^client_id$|^changes$/.test(c.column_name));
    expect(wide.length).toBeGreaterThan(10);
    for (const c of wide) expect(c.data_type, `${c.table_name}.${c.column_name}`).toBe('bigint');

    const liteIndexes = sqlite
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
      )
      .all();
    const pgIndexes = await client.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname !~ '_(pkey|key)$' ORDER BY indexname",
    );
    expect(pgIndexes.rows.map((r) => r.indexname)).toEqual(liteIndexes.map((r) => r.name));

    const liteTriggers = sqlite
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
      .all();
    const pgTriggers = await client.query<{ tgname: string }>(
      'SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname',
    );
    expect(pgTriggers.rows.map((r) => r.tgname)).toEqual(liteTriggers.map((r) => r.name));
    sqlite.close();
  });

  it('accepts and refuses the same writes as SQLite, for the same reasons', async () => {
    const sqlite = sqliteDatabase();
    const onSqlite = await play(
      {
        async run(sql) {
          const statement = sqlite.prepare(sql);
          return statement.reader ? (statement.all() as Record<string, unknown>[]) : (statement.run(), []);
        },
      },
      BLOB.sqlite,
    );
    sqlite.close();
    const onPostgres = await play(
      { run: async (sql) => (await client.query(sql)).rows as Record<string, unknown>[] },
      BLOB.postgres,
    );
    expect(onSqlite).toEqual(expected(BLOB.sqlite));
    expect(onPostgres).toEqual(expected(BLOB.postgres));
  });
});
