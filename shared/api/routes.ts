import { z } from 'zod';
import type { ClauseStatus } from '../domain/clauses.js';
import { MEETING_ROUTES } from './meetingRoutes.js';
import { NOTIFICATION_ROUTES } from './notifications.js';
import { BRACKET_ROUTES } from './bracketRoutes.js';
import { SUGGESTION_ROUTES } from './suggestionRoutes.js';
import { openRoute, route } from './route.js';
import { LANGUAGE_CODES } from '../domain/languages.js';
import {
  addLanguageRequest,
  setTranslationStatusRequest,
  type DocumentLanguageJson,
  type TranslationStatusResult,
} from './languages.js';
import {
  createDelegationRequest,
  createLoginLinksRequest,
  createUserRequest,
  setTranslationLanguagesRequest,
  iso3Schema,
  type DelegationJson,
  type LoginLinkJson,
} from './admin.js';
import {
  amendmentDecisionRequest,
  amendmentListQuery,
  proposeAmendmentRequest,
  type AmendmentJson,
  type ProposeAmendmentResponse,
} from './amendments.js';
import { linkLoginRequest, loginRequest, type LoginResponse, type SessionResponse } from './auth.js';
import { importQuery, type ImportPreviewJson } from './import.js';
import {
  insertClauseRequest,
  moveClauseRequest,
  restoreClauseRequest,
  setClauseKindRequest,
  splitClauseRequest,
  type ClauseStructureResult,
  type MergeClauseResult,
} from './clauses.js';
import { publishRequest, type PublicationJson } from './gallery.js';
import {
  commentListQuery,
  createCommentRequest,
  markReadRequest,
  replyRequest,
  type CommentListResponse,
} from './comments.js';
import {
  adoptionRequest,
  changeStageRequest,
  createDocumentRequest,
  idSchema,
  setClauseStatusRequest,
  type AdoptionResponse,
  type ChangeStageResponse,
  type DocumentSummary,
  type DocumentJson,
} from './documents.js';
import { compilationQuery, recordQuery } from './records.js';
import type { BallotReceipt, ConferenceKey, LedgerHead } from './ledger.js';
import {
  attributionQuery,
  createRevisionRequest,
  revisionDiffQuery,
  type AttributionResponse,
  type RevisionDiffResponse,
  type RevisionListResponse,
} from './revisions.js';
import {
  alternateRequest,
  castBallotRequest,
  endorsementRequest,
  explanationRequest,
  nowDiscussingRequest,
  openVoteRequest,
  type AlternateJson,
  type BallotJson,
  type CloseVoteResponse,
  type EndorsementList,
  type EndorsementJson,
  type ExplanationJson,
  type NowDiscussing,
  type VoteList,
  type VoteJson,
} from './votes.js';

/** `GET /api/admin/users`: an account as the admin sees it (never its password, only whether it has one). */
export interface AccountJson {
  id: string;
  username: string;
  displayName: string;
  role: string;
  delegation: string | null;
  hasPassword: boolean;
  /** Languages the account translates into (the translator role per language). */
  translationLanguages: string[];
  /** Where the person's notifications are e-mailed, or null. */
  email: string | null;
  /** The language of their e-mail, or null (English). */
  language: string | null;
}

/**
 * `GET /api/documents/:id` reads `include=content` (each clause's ProseMirror JSON) and `revision=ID` (a
 * published revision's frozen text instead of the live one); any other `include` is ignored.
 */
export const documentQuery = z.object({
  include: z.unknown().optional(),
  revision: idSchema.optional(),
  /** A language version's text instead of the original's (`docs/languages.md`). */
  lang: z.enum(LANGUAGE_CODES).optional(),
});

const id = { id: idSchema };
const clause = { id: idSchema, clauseId: idSchema };

/**
 * Every endpoint of the API in one table: the Express routers register their handlers by these entries, and
 * the browser's `call()` (`client/api/http.ts`) and the tests' `ApiClient.call()` send requests by them. Paths
 * and JSON shapes are the public contract (DESIGN.md): change them only with it.
 */
export const ROUTES = {
  health: openRoute('GET', '/api/health', {}).returns<{ ok: true }>(),

  login: openRoute('POST', '/api/auth/login', { body: loginRequest }).returns<LoginResponse>(),
  linkLogin: openRoute('POST', '/api/auth/link', { body: linkLoginRequest }).returns<LoginResponse>(),
  me: route('GET', '/api/auth/me', {}).returns<LoginResponse>(),
  /**
   * 200 with the signed-in person or `{ user: null }`: the client's first question on every visit, which a
   * visitor without a session must be able to ask without a refusal (`me` answers them 401).
   */
  session: openRoute('GET', '/api/session', {}).returns<SessionResponse>(),
  /** 204; `?everywhere=1` (or `{ everywhere: true }`) ends every session of the person. Without a session it only clears the cookie. */
  logout: openRoute('POST', '/api/auth/logout', {}).returns<void>(),

  listDocuments: route('GET', '/api/documents', {}).returns<{ documents: DocumentSummary[] }>(),
  openDraft: route('POST', '/api/documents', { body: createDocumentRequest }).returns<DocumentSummary>(),
  /** The body is the `.docx` bytes (`DOCX_MEDIA_TYPE`), not JSON: 200 the preview on a dry run, else 201 the document. */
  importDocument: route('POST', '/api/documents/import', { query: importQuery }).returns<
    ImportPreviewJson | DocumentJson
  >(),
  document: route('GET', '/api/documents/:id', { params: id, query: documentQuery }).returns<DocumentJson>(),
  changeStage: route('POST', '/api/documents/:id/stage', {
    params: id,
    body: changeStageRequest,
  }).returns<ChangeStageResponse>(),
  adoptWithoutVote: route('POST', '/api/documents/:id/adoption', {
    params: id,
    body: adoptionRequest,
  }).returns<AdoptionResponse>(),
  setClauseStatus: route('POST', '/api/documents/:id/clauses/:clauseId/status', {
    params: clause,
    body: setClauseStatusRequest,
  }).returns<{
    id: string;
    status: ClauseStatus;
  }>(),

  insertClause: route('POST', '/api/documents/:id/clauses', {
    params: id,
    body: insertClauseRequest,
  }).returns<ClauseStructureResult>(),
  moveClause: route('POST', '/api/documents/:id/clauses/:clauseId/move', {
    params: clause,
    body: moveClauseRequest,
  }).returns<ClauseStructureResult>(),
  deleteClause: route('DELETE', '/api/documents/:id/clauses/:clauseId', {
    params: clause,
  }).returns<ClauseStructureResult>(),
  restoreClause: route('POST', '/api/documents/:id/clauses/:clauseId/restore', {
    params: clause,
    body: restoreClauseRequest,
  }).returns<ClauseStructureResult>(),
  setClauseKind: route('POST', '/api/documents/:id/clauses/:clauseId/kind', {
    params: clause,
    body: setClauseKindRequest,
  }).returns<ClauseStructureResult>(),
  /** 201; `id` is the new clause, holding what followed the cut. */
  splitClause: route('POST', '/api/documents/:id/clauses/:clauseId/split', {
    params: clause,
    body: splitClauseRequest,
  }).returns<ClauseStructureResult>(),
  /** 201; the secretariat adds a language version (`docs/languages.md`). */
  addLanguage: route('POST', '/api/documents/:id/languages', {
    params: id,
    body: addLanguageRequest,
  }).returns<DocumentLanguageJson>(),
  setTranslationStatus: route('POST', '/api/documents/:id/clauses/:clauseId/translations/:lang/status', {
    params: { ...clause, lang: z.enum(LANGUAGE_CODES) },
    body: setTranslationStatusRequest,
  }).returns<TranslationStatusResult>(),
  /** Merges the clause into the one before it. */
  mergeClause: route('POST', '/api/documents/:id/clauses/:clauseId/merge', {
    params: clause,
  }).returns<MergeClauseResult>(),

  delegations: route('GET', '/api/delegations', {}).returns<{ delegations: DelegationJson[] }>(),
  createDelegation: route('POST', '/api/admin/delegations', {
    body: createDelegationRequest,
  }).returns<DelegationJson>(),
  users: route('GET', '/api/admin/users', {}).returns<{ users: AccountJson[] }>(),
  createUser: route('POST', '/api/admin/users', { body: createUserRequest }).returns<AccountJson>(),
  /** Replaces an account's translation languages (`docs/languages.md`). */
  setTranslationLanguages: route('POST', '/api/admin/users/:id/translation-languages', {
    params: id,
    body: setTranslationLanguagesRequest,
  }).returns<AccountJson>(),
  loginLinks: route('POST', '/api/admin/login-links', { body: createLoginLinksRequest }).returns<{
    links: LoginLinkJson[];
  }>(),

  votes: route('GET', '/api/documents/:id/votes', { params: id }).returns<VoteList>(),
  openVote: route('POST', '/api/documents/:id/votes', { params: id, body: openVoteRequest }).returns<VoteJson>(),
  vote: route('GET', '/api/votes/:id', { params: id }).returns<VoteJson>(),
  castBallot: route('POST', '/api/votes/:id/ballots', { params: id, body: castBallotRequest }).returns<BallotJson>(),
  closeVote: route('POST', '/api/votes/:id/close', { params: id }).returns<CloseVoteResponse>(),
  recordExplanation: route('POST', '/api/votes/:id/explanations', {
    params: id,
    body: explanationRequest,
  }).returns<ExplanationJson>(),
  endorsements: route('GET', '/api/documents/:id/endorsements', { params: id }).returns<EndorsementList>(),
  recordEndorsement: route('POST', '/api/documents/:id/endorsements', {
    params: id,
    body: endorsementRequest,
  }).returns<EndorsementJson>(),
  nowDiscussing: route('GET', '/api/documents/:id/now-discussing', { params: id }).returns<NowDiscussing>(),
  setNowDiscussing: route('POST', '/api/documents/:id/now-discussing', {
    params: id,
    body: nowDiscussingRequest,
  }).returns<NowDiscussing>(),
  publication: route('GET', '/api/documents/:id/publish', { params: id }).returns<PublicationJson>(),
  publish: route('POST', '/api/documents/:id/publish', { params: id, body: publishRequest }).returns<PublicationJson>(),
  alternate: route('GET', '/api/delegations/:code/alternate', {
    params: { code: iso3Schema },
  }).returns<AlternateJson>(),
  designateAlternate: route('POST', '/api/delegations/:code/alternate', {
    params: { code: iso3Schema },
    body: alternateRequest,
  }).returns<AlternateJson>(),

  ...MEETING_ROUTES,
  ...NOTIFICATION_ROUTES,

  ballotReceipt: route('GET', '/api/votes/:id/receipt', { params: id }).returns<BallotReceipt>(),
  publicKey: openRoute('GET', '/api/ledger/public-key', {}).returns<ConferenceKey>(),
  ledgerHead: route('GET', '/api/ledger/head', {}).returns<LedgerHead | null>(),

  proposeAmendment: route('POST', '/api/documents/:id/amendments', {
    params: id,
    body: proposeAmendmentRequest,
  }).returns<ProposeAmendmentResponse>(),
  amendments: route('GET', '/api/documents/:id/amendments', { params: id, query: amendmentListQuery }).returns<{
    amendments: AmendmentJson[];
  }>(),
  amendment: route('GET', '/api/amendments/:id', { params: id }).returns<AmendmentJson>(),
  cosponsor: route('POST', '/api/amendments/:id/cosponsor', { params: id }).returns<AmendmentJson>(),
  leaveCosponsorship: route('DELETE', '/api/amendments/:id/cosponsor', { params: id }).returns<AmendmentJson>(),
  withdrawAmendment: route('POST', '/api/amendments/:id/withdraw', { params: id }).returns<AmendmentJson>(),
  decideAmendment: route('POST', '/api/amendments/:id/decision', {
    params: id,
    body: amendmentDecisionRequest,
  }).returns<AmendmentJson>(),

  ...BRACKET_ROUTES,

  ...SUGGESTION_ROUTES,

  addComment: route('POST', '/api/documents/:id/comments', { params: id, body: createCommentRequest }).returns<{
    id: string;
  }>(),
  comments: route('GET', '/api/documents/:id/comments', {
    params: id,
    query: commentListQuery,
  }).returns<CommentListResponse>(),
  markCommentsRead: route('POST', '/api/documents/:id/comments/read', { params: id, body: markReadRequest }).returns<{
    ok: true;
  }>(),
  reply: route('POST', '/api/comments/:id/replies', { params: id, body: replyRequest }).returns<{ id: string }>(),
  resolveThread: route('POST', '/api/comments/:id/resolve', { params: id }).returns<{
    id: string;
    status: 'open' | 'resolved';
  }>(),
  reopenThread: route('POST', '/api/comments/:id/reopen', { params: id }).returns<{
    id: string;
    status: 'open' | 'resolved';
  }>(),

  publishRevision: route('POST', '/api/documents/:id/revisions', { params: id, body: createRevisionRequest }).returns<{
    id: string;
    name: string;
  }>(),
  revisions: route('GET', '/api/documents/:id/revisions', { params: id }).returns<RevisionListResponse>(),
  revisionDiff: route('GET', '/api/documents/:id/revisions/diff', {
    params: id,
    query: revisionDiffQuery,
  }).returns<RevisionDiffResponse>(),
  /**
   * The file itself, not JSON (`?format=pdf|docx|akn|html|md|json|package&revision=ID`; an unknown format is
   * 400 `invalid_format`, read by the handler as it always was).
   */
  exportDocument: route('GET', '/api/documents/:id/export', { params: id }).returns<Blob>(),
  /** A meeting's summary record as a file (`?format=pdf|docx&from&to`; docs/meeting.md, "Records"). */
  meetingRecord: route('GET', '/api/documents/:id/record', { params: id, query: recordQuery }).returns<Blob>(),
  /** The compilation table of amendments as a file (`?format=pdf|docx`). */
  compilationTable: route('GET', '/api/documents/:id/compilation', {
    params: id,
    query: compilationQuery,
  }).returns<Blob>(),

  attribution: route('GET', '/api/documents/:id/clauses/:clauseId/attribution', {
    params: clause,
    query: attributionQuery,
  }).returns<AttributionResponse>(),
} as const;

/** The name of an endpoint in `ROUTES`. */
export type RouteName = keyof typeof ROUTES;
