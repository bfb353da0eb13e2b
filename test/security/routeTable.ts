import { DOCX_MEDIA_TYPE } from '../../shared/api/import.js';
import type { Action } from '../../shared/domain/permissions.js';
import { unLayoutDraft } from '../helpers/wordDrafts.js';

export type { Fixtures, Governance, RouteRequest, RouteRow } from './routeTypes.js';
import { doc, type RouteRow } from './routeTypes.js';
import { MEETING_ROWS } from './meetingRouteRows.js';
import { NEGOTIATION_ROWS } from './negotiationRouteRows.js';

/**
 * Every HTTP route of the API with the permission that governs it and how to make a valid request for it.
 * `permissionMatrix.test.ts` fails when the router has a route this table lacks, or the other way round.
 */
export const ROUTES: RouteRow[] = [
  { route: 'GET /api/health', governedBy: 'public', request: () => ({ path: '/api/health' }) },
  {
    route: 'POST /api/auth/login',
    governedBy: 'public',
    ownSession: true,
    request: () => ({ path: '/api/auth/login', body: { username: 'observer', password: 'demo' } }),
  },
  {
    route: 'POST /api/auth/link',
    governedBy: 'public',
    ownSession: true,
    needs: ['login link'],
    request: async (f) => ({ path: '/api/auth/link', body: { token: await f.loginToken() } }),
  },
  { route: 'GET /api/auth/me', governedBy: 'signed-in', request: () => ({ path: '/api/auth/me' }) },
  { route: 'GET /api/session', governedBy: 'public', request: () => ({ path: '/api/session' }) },
  {
    route: 'POST /api/auth/logout',
    governedBy: 'public',
    ownSession: true,
    request: () => ({ path: '/api/auth/logout' }),
  },

  { route: 'GET /api/documents', governedBy: 'document.read', request: () => ({ path: '/api/documents' }) },
  {
    route: 'POST /api/documents',
    governedBy: 'document.create',
    request: (f) => ({
      path: '/api/documents',
      body: { title: `Draft ${f.unique()}`, symbol: `WIC/2027/${f.unique()}` },
    }),
  },
  {
    route: 'POST /api/documents/import',
    governedBy: 'document.create',
    request: async (f) => ({
      path: `/api/documents/import?id=import-${f.unique()}`,
      body: await unLayoutDraft(),
      headers: { 'content-type': DOCX_MEDIA_TYPE },
    }),
  },
  { route: 'GET /api/documents/:id', governedBy: 'document.read', request: (f) => ({ path: doc(f) }) },
  {
    route: 'POST /api/documents/:id/stage',
    governedBy: 'document.stage',
    request: (f) => ({ path: `${doc(f)}/stage`, body: { stage: 'adopted' } }),
  },
  {
    route: 'POST /api/documents/:id/adoption',
    governedBy: 'document.adopt',
    request: (f) => ({ path: `${doc(f)}/adoption`, body: { objectionWindowMinutes: 0, acknowledge: true } }),
  },
  {
    route: 'POST /api/documents/:id/clauses/:clauseId/status',
    governedBy: 'clause.status',
    clauseBound: true,
    request: (f) => ({ path: `${doc(f)}/clauses/${f.clause}/status`, body: { status: 'bracketed' } }),
  },
  {
    route: 'POST /api/documents/:id/languages',
    governedBy: 'document.language',
    request: (f) => ({ path: `${doc(f)}/languages`, body: { code: 'fr' } }),
  },
  {
    route: 'POST /api/documents/:id/clauses/:clauseId/translations/:lang/status',
    governedBy: 'translation.status',
    needs: ['a clause with a kk version'],
    request: async (f) => ({
      path: `${doc(f)}/clauses/${await f.translation()}/translations/kk/status`,
      body: { status: 'current' },
    }),
  },
  {
    route: 'POST /api/documents/:id/clauses',
    governedBy: 'clause.structure',
    request: (f) => ({
      path: `${doc(f)}/clauses`,
      body: { kind: 'operative', after: f.other, text: `Invites ${f.unique()}` },
    }),
  },
  {
    route: 'POST /api/documents/:id/clauses/:clauseId/move',
    governedBy: 'clause.structure',
    clauseBound: true,
    request: (f) => ({ path: `${doc(f)}/clauses/${f.clause}/move`, body: { after: f.other } }),
  },
  {
    route: 'DELETE /api/documents/:id/clauses/:clauseId',
    governedBy: 'clause.structure',
    clauseBound: true,
    needs: ['a clause to delete'],
    request: async (f) => {
      const clause = await f.freshClause();
      return { path: `${doc(f)}/clauses/${clause}`, clause };
    },
  },
  {
    route: 'POST /api/documents/:id/clauses/:clauseId/restore',
    governedBy: 'clause.structure',
    clauseBound: true,
    needs: ['a deleted clause'],
    request: async (f) => {
      const clause = await f.deletedClause();
      return { path: `${doc(f)}/clauses/${clause}/restore`, body: { after: f.other }, clause };
    },
  },
  {
    route: 'POST /api/documents/:id/clauses/:clauseId/kind',
    governedBy: 'clause.structure',
    clauseBound: true,
    needs: ['a clause to change'],
    request: async (f) => {
      const clause = await f.freshClause();
      return { path: `${doc(f)}/clauses/${clause}/kind`, body: { kind: 'heading' }, clause };
    },
  },
  {
    route: 'POST /api/documents/:id/clauses/:clauseId/split',
    governedBy: 'clause.structure',
    clauseBound: true,
    needs: ['a clause to split'],
    request: async (f) => {
      const clause = await f.freshClause();
      return { path: `${doc(f)}/clauses/${clause}/split`, body: { at: await f.caretAtEnd(clause) }, clause };
    },
  },
  {
    route: 'POST /api/documents/:id/clauses/:clauseId/merge',
    governedBy: 'clause.structure',
    clauseBound: true,
    needs: ['a clause to merge'],
    request: async (f) => {
      const clause = await f.freshClause();
      return { path: `${doc(f)}/clauses/${clause}/merge`, clause };
    },
  },

  { route: 'GET /api/delegations', governedBy: 'signed-in', request: () => ({ path: '/api/delegations' }) },
  {
    route: 'POST /api/admin/delegations',
    governedBy: 'admin.manage',
    request: () => ({ path: '/api/admin/delegations', body: { code: 'BRA' } }),
  },
  { route: 'GET /api/admin/users', governedBy: 'admin.manage', request: () => ({ path: '/api/admin/users' }) },
  {
    route: 'POST /api/admin/users',
    governedBy: 'admin.manage',
    request: (f) => ({
      path: '/api/admin/users',
      body: { username: `guest-${f.unique()}`, displayName: 'Guest', role: 'observer' },
    }),
  },
  {
    route: 'POST /api/admin/users/:id/translation-languages',
    governedBy: 'admin.manage',
    request: async (f) => ({
      path: `/api/admin/users/${await f.userId('observer')}/translation-languages`,
      body: { translationLanguages: [] },
    }),
  },
  {
    route: 'POST /api/admin/login-links',
    governedBy: 'admin.manage',
    request: () => ({ path: '/api/admin/login-links', body: { usernames: ['observer'] } }),
  },

  { route: 'GET /api/documents/:id/votes', governedBy: 'document.read', request: (f) => ({ path: `${doc(f)}/votes` }) },
  {
    route: 'POST /api/documents/:id/votes',
    governedBy: 'vote.open',
    request: (f) => ({
      path: `${doc(f)}/votes`,
      body: { subject: { type: 'clause', id: f.other }, rule: 'simple_majority' },
    }),
  },
  {
    route: 'GET /api/votes/:id',
    governedBy: 'document.read',
    needs: ['open vote'],
    request: async (f) => ({ path: `/api/votes/${await f.vote()}` }),
  },
  {
    route: 'POST /api/votes/:id/ballots',
    governedBy: 'ballot.cast',
    needs: ['open vote'],
    request: async (f) => ({ path: `/api/votes/${await f.vote()}/ballots`, body: { choice: 'abstain' } }),
  },
  {
    route: 'POST /api/votes/:id/close',
    governedBy: 'vote.close',
    needs: ['open vote'],
    request: async (f) => ({ path: `/api/votes/${await f.vote()}/close` }),
  },
  // The delegation's own ballot: its head, or the delegate designated as alternate (the matrix designates one).
  {
    route: 'GET /api/votes/:id/receipt',
    governedBy: 'ballot.cast',
    needs: ['a ballot of KAZ'],
    request: async (f) => ({ path: `/api/votes/${await f.ballot()}/receipt` }),
  },
  { route: 'GET /api/ledger/public-key', governedBy: 'public', request: () => ({ path: '/api/ledger/public-key' }) },
  { route: 'GET /api/ledger/head', governedBy: 'signed-in', request: () => ({ path: '/api/ledger/head' }) },
  {
    route: 'POST /api/votes/:id/explanations',
    governedBy: 'ballot.cast',
    needs: ['open vote'],
    request: async (f) => ({
      path: `/api/votes/${await f.vote()}/explanations`,
      body: { text: 'We abstain pending consultations.', when: 'before' },
    }),
  },
  {
    route: 'GET /api/documents/:id/endorsements',
    governedBy: 'document.read',
    request: (f) => ({ path: `${doc(f)}/endorsements` }),
  },
  {
    route: 'POST /api/documents/:id/endorsements',
    governedBy: 'endorsement.record',
    request: (f) => ({ path: `${doc(f)}/endorsements`, body: { kind: 'endorse' } }),
  },
  {
    route: 'GET /api/documents/:id/now-discussing',
    governedBy: 'document.read',
    request: (f) => ({ path: `${doc(f)}/now-discussing` }),
  },
  {
    route: 'POST /api/documents/:id/now-discussing',
    governedBy: 'document.nowDiscussing',
    request: (f) => ({ path: `${doc(f)}/now-discussing`, body: { clauseId: f.clause } }),
  },
  {
    route: 'GET /api/documents/:id/publish',
    governedBy: 'document.read',
    request: (f) => ({ path: `${doc(f)}/publish` }),
  },
  {
    route: 'POST /api/documents/:id/publish',
    governedBy: 'document.publish',
    request: (f) => ({ path: `${doc(f)}/publish`, body: { public: true } }),
  },
  {
    route: 'GET /api/delegations/:code/alternate',
    governedBy: 'signed-in',
    request: () => ({ path: '/api/delegations/KAZ/alternate' }),
  },
  {
    route: 'POST /api/delegations/:code/alternate',
    governedBy: 'delegation.alternate',
    request: () => ({ path: '/api/delegations/KAZ/alternate', body: { username: 'kaz-delegate' } }),
  },

  ...MEETING_ROWS,

  ...NEGOTIATION_ROWS,

  {
    route: 'POST /api/documents/:id/revisions',
    governedBy: 'revision.create',
    request: (f) => ({ path: `${doc(f)}/revisions`, body: { name: `Rev.${f.unique()}` } }),
  },
  {
    route: 'GET /api/documents/:id/revisions',
    governedBy: 'document.read',
    request: (f) => ({ path: `${doc(f)}/revisions` }),
  },
  {
    route: 'GET /api/documents/:id/revisions/diff',
    governedBy: 'document.read',
    needs: ['revision'],
    request: async (f) => ({ path: `${doc(f)}/revisions/diff?from=${await f.revision()}&to=live` }),
  },
  {
    route: 'GET /api/documents/:id/clauses/:clauseId/attribution',
    governedBy: 'document.read',
    clauseBound: true,
    request: (f) => ({ path: `${doc(f)}/clauses/${f.clause}/attribution` }),
  },
  {
    route: 'GET /api/documents/:id/export',
    governedBy: 'document.export',
    request: (f) => ({ path: `${doc(f)}/export?format=md` }),
  },
  {
    route: 'GET /api/documents/:id/record',
    governedBy: 'record.export',
    request: (f) => ({ path: `${doc(f)}/record?format=docx` }),
  },
  {
    route: 'GET /api/documents/:id/compilation',
    governedBy: 'record.export',
    request: (f) => ({ path: `${doc(f)}/compilation?format=docx` }),
  },
];

/**
 * The socket doors, checked beside the HTTP routes: joining a document's socket.io room, and Yjs writes to a
 * clause's text and to the clause order over `/collab`.
 */
export interface SocketRow {
  channel: 'socket.io document:join' | 'collab clause text' | 'collab order' | 'collab clause version';
  governedBy: Action;
  clauseBound?: boolean;
}

export const SOCKET_ROWS: SocketRow[] = [
  { channel: 'socket.io document:join', governedBy: 'document.read' },
  { channel: 'collab clause text', governedBy: 'clause.write', clauseBound: true },
  { channel: 'collab order', governedBy: 'clause.structure', clauseBound: true },
  { channel: 'collab clause version', governedBy: 'translation.write' },
];
