import type { Role } from '../../shared/domain/roles.js';
import { countryName } from '../../shared/domain/countries.js';
import type { AppContext } from '../context.js';
import { hashPassword } from '../auth/passwords.js';
import { actorOf } from '../auth/session.js';
import { createDocument } from '../commands/createDocument.js';
import { audit } from '../commands/audit.js';
import { readDemoDeclaration, readDemoDelegations, readDemoVersions } from './demoDocument.js';
import { markDemoVersions, versionTexts } from './demoVersions.js';

export const DEMO_CONFERENCE_ID = 'wic-2025';

/** The demo accounts besides the per-delegation ones, as DESIGN.md lists them. */
const STAFF: { username: string; displayName: string; role: Role }[] = [
  { username: 'admin', displayName: 'Conference administrator', role: 'admin' },
  { username: 'chair', displayName: 'Chair of the Congress', role: 'chair' },
  { username: 'secretariat', displayName: 'Drafting Committee Secretariat', role: 'secretariat' },
  { username: 'observer', displayName: 'Observer', role: 'observer' },
];

/** True when the database holds nothing yet (no account, no document). */
export async function isEmpty(ctx: AppContext): Promise<boolean> {
  return (await ctx.store.users.count()) === 0 && (await ctx.store.documents.list()).length === 0;
}

/**
 * Seeds the demo conference into an empty database: WIC 2025, its 40 delegations, the demo accounts
 * (`admin`, `chair`, `secretariat`, `observer`, `<iso3>-head`, `<iso3>-delegate`, all with `password`) and
 * the draft Almaty Declaration with its Russian and Kazakh versions (`demoVersions.ts`). All in one transaction: a crash mid-seed leaves the database empty, and the
 * next start seeds again. Every demo account shares one hash of the one demo password (computed once: it
 * is public anyway), which keeps start-up fast.
 */
export async function seedDemo(ctx: AppContext, password: string): Promise<{ users: number; delegations: number }> {
  const passwordHash = await hashPassword(password);
  const declaration = readDemoDeclaration();
  const codes = readDemoDelegations();
  const versions = readDemoVersions();
  let users = 0;
  await ctx.store.transaction(async () => {
    await ctx.store.conferences.insert({
      id: DEMO_CONFERENCE_ID,
      name: 'World Inclusion Congress (WIC 2025)',
      place: 'Almaty, Kazakhstan',
      startsOn: '2025-10-15',
      endsOn: '2025-10-17',
    });
    for (const staff of STAFF) {
      await ctx.store.users.insert({ ...staff, delegation: null, passwordHash });
      users += 1;
    }
    for (const code of codes) {
      await ctx.store.delegations.insert(code, DEMO_CONFERENCE_ID);
      const name = countryName(code, 'en');
      const lower = code.toLowerCase();
      await ctx.store.users.insert({
        username: `${lower}-head`,
        displayName: `Head of delegation, ${name}`,
        role: 'head',
        delegation: code,
        passwordHash,
      });
      await ctx.store.users.insert({
        username: `${lower}-delegate`,
        displayName: `Delegate, ${name}`,
        role: 'delegate',
        delegation: code,
        passwordHash,
      });
      users += 2;
    }
    await audit(ctx, null, 'conference.seed', {
      payload: { conference: DEMO_CONFERENCE_ID, delegations: codes.length, users },
    });
    const secretariat = actorOf((await ctx.store.users.byUsername('secretariat'))!);
    const clauseIds = await createDocument(ctx, secretariat, {
      id: declaration.id,
      conferenceId: DEMO_CONFERENCE_ID,
      title: declaration.title,
      symbol: declaration.symbol,
      metadata: { ...declaration.metadata, date: declaration.date },
      clauses: declaration.clauses,
      versions: versionTexts(versions),
    });
    await markDemoVersions(ctx, declaration.id, clauseIds, declaration, versions, secretariat.userId);
  });
  return { users, delegations: codes.length };
}

/** Demo accounts to print at start-up. */
export function demoAccountNames(codes: readonly string[]): string[] {
  return [
    ...STAFF.map((s) => s.username),
    ...codes.flatMap((c) => [`${c.toLowerCase()}-head`, `${c.toLowerCase()}-delegate`]),
  ];
}
