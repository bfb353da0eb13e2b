import type { Actor, Role } from './roles.js';
import type { Stage } from './stages.js';
import { isLocked, type ClauseStatus } from './clauses.js';

/**
 * Every action a person can attempt, across HTTP commands, socket.io events and Yjs writes. One table,
 * `RULES`, says who may do each and when; the server decides with `decide()` and the client uses the same
 * function to explain why something is unavailable.
 */
export const ACTIONS = [
  'document.read',
  'document.create',
  'document.export',
  'document.stage',
  'document.adopt',
  'document.nowDiscussing',
  'document.publish',
  'document.language',
  'clause.write',
  'clause.structure',
  'clause.status',
  'translation.write',
  'translation.status',
  'comment.create',
  'comment.resolve',
  'revision.create',
  'amendment.propose',
  'amendment.cosponsor',
  'amendment.withdraw',
  'amendment.decide',
  'bracket.create',
  'bracket.resolve',
  'suggestion.require',
  'suggestion.decide',
  'suggestion.withdraw',
  'vote.open',
  'vote.close',
  'ballot.cast',
  'endorsement.record',
  'delegation.alternate',
  'floor.request',
  'floor.withdraw',
  'floor.manage',
  'roll.take',
  'roll.checkIn',
  'silence.start',
  'silence.withdraw',
  'silence.break',
  'record.export',
  'admin.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

const ALL_STAGES: readonly Stage[] = ['drafting', 'negotiation', 'adoption', 'adopted'];
const PARTICIPANTS: readonly Role[] = ['chair', 'secretariat', 'head', 'delegate'];
const DELEGATIONS: readonly Role[] = ['head', 'delegate'];

export interface Rule {
  /** Roles that may attempt the action at all. */
  roles: readonly Role[];
  /** Stages in which the action is open; per role where it differs (clause writes). */
  stages: readonly Stage[] | Partial<Record<Role, readonly Stage[]>>;
  /** When true, a locked (agreed ad ref) clause refuses the action. */
  respectsLock?: boolean;
  /**
   * When true, a translator of the context's `language` may take the action whatever their role (the
   * translator role is held per language beside another role), in the rule's stages.
   */
  translators?: boolean;
}

/** The permissions table: role × stage × clause status for every action. */
export const RULES: Record<Action, Rule> = {
  'document.read': { roles: [...PARTICIPANTS, 'observer', 'admin'], stages: ALL_STAGES },
  // A new draft starts in drafting whatever stage the others are at.
  'document.create': { roles: ['secretariat'], stages: ALL_STAGES },
  'document.export': { roles: [...PARTICIPANTS, 'observer', 'admin'], stages: ALL_STAGES },
  'document.stage': { roles: ['chair'], stages: ALL_STAGES },
  // Adoption without a vote: from the adoption stage only, where the text is already frozen (stages.ts).
  'document.adopt': { roles: ['chair'], stages: ['adoption'] },
  'document.nowDiscussing': { roles: ['chair'], stages: ALL_STAGES },
  // The public gallery (`/public/:id`) shows only what is public anyway: the text, results after close.
  'document.publish': { roles: ['chair'], stages: ALL_STAGES },
  'clause.write': {
    roles: ['secretariat', 'head', 'delegate'],
    stages: {
      secretariat: ['drafting', 'negotiation'],
      head: ['drafting'],
      delegate: ['drafting'],
    },
    respectsLock: true,
  },
  'clause.structure': { roles: ['secretariat'], stages: ['drafting', 'negotiation'], respectsLock: true },
  'clause.status': { roles: ['chair', 'secretariat'], stages: ['drafting', 'negotiation', 'adoption'] },
  // Language versions: the secretariat adds them; a translator of the language (or the secretariat) writes a
  // version and says where it stands until adoption. An agreed clause is translated all the same: the lock
  // holds the original's wording, which its versions follow. The adopted text's fingerprint covers every
  // version, so the set of versions is frozen with the text: none is added once it is adopted.
  'document.language': { roles: ['secretariat'], stages: ['drafting', 'negotiation', 'adoption'] },
  'translation.write': { roles: ['secretariat'], stages: ['drafting', 'negotiation', 'adoption'], translators: true },
  'translation.status': { roles: ['secretariat'], stages: ['drafting', 'negotiation', 'adoption'], translators: true },
  'comment.create': { roles: PARTICIPANTS, stages: ['drafting', 'negotiation', 'adoption'] },
  'comment.resolve': { roles: ['secretariat'], stages: ALL_STAGES },
  'revision.create': { roles: ['secretariat'], stages: ALL_STAGES },
  'amendment.propose': { roles: DELEGATIONS, stages: ['drafting', 'negotiation'], respectsLock: true },
  'amendment.cosponsor': { roles: DELEGATIONS, stages: ['drafting', 'negotiation', 'adoption'] },
  'amendment.withdraw': { roles: DELEGATIONS, stages: ['drafting', 'negotiation', 'adoption'] },
  'amendment.decide': { roles: ['secretariat'], stages: ['drafting', 'negotiation'], respectsLock: true },
  // Brackets mark words not yet agreed. Placing them and offering alternatives follows who may write the text
  // (delegations co-edit it in drafting, and could type square brackets themselves); resolving one is a
  // decision on the wording, the secretariat's as an amendment's is. Nothing moves once the text is frozen.
  'bracket.create': {
    roles: ['secretariat', 'head', 'delegate'],
    stages: { secretariat: ['drafting', 'negotiation'], head: ['drafting'], delegate: ['drafting'] },
    respectsLock: true,
  },
  'bracket.resolve': { roles: ['secretariat'], stages: ['drafting', 'negotiation'], respectsLock: true },
  // Suggestion mode (docs/negotiation.md, "Suggestion mode"): the secretariat may require the delegations to
  // write their changes as suggestions, and accepts or rejects them as it decides on amendments; a delegation
  // withdraws its own (the command checks whose it is) while it may still write the text.
  'suggestion.require': { roles: ['secretariat'], stages: ['drafting', 'negotiation'] },
  'suggestion.decide': { roles: ['secretariat'], stages: ['drafting', 'negotiation'], respectsLock: true },
  'suggestion.withdraw': { roles: DELEGATIONS, stages: ['drafting'], respectsLock: true },
  'vote.open': { roles: ['chair'], stages: ['negotiation', 'adoption'] },
  'vote.close': { roles: ['chair'], stages: ALL_STAGES },
  // A delegate casts only as the delegation's designated alternate; the command checks the designation.
  'ballot.cast': { roles: ['head', 'delegate'], stages: ALL_STAGES },
  'endorsement.record': { roles: ['head'], stages: ['adopted'] },
  'delegation.alternate': { roles: ['head'], stages: ALL_STAGES },
  // The floor: a delegation asks to speak while the text is still discussed; the chair keeps the list in every
  // stage (a right of reply after adoption, a list left over to clear). Withdrawing is never refused by stage.
  'floor.request': { roles: DELEGATIONS, stages: ['drafting', 'negotiation', 'adoption'] },
  'floor.withdraw': { roles: DELEGATIONS, stages: ALL_STAGES },
  'floor.manage': { roles: ['chair'], stages: ALL_STAGES },
  // The roll of a meeting: taken by the secretariat or the chair; a head checks the delegation in while it is open.
  'roll.take': { roles: ['chair', 'secretariat'], stages: ALL_STAGES },
  'roll.checkIn': { roles: ['head'], stages: ALL_STAGES },
  // The silence procedure decides on a frozen text (adoption without a vote): it runs in the adoption stage; a
  // head of delegation breaks it. The chair may withdraw one in any stage (one left over after a move back).
  'silence.start': { roles: ['chair'], stages: ['adoption'] },
  'silence.withdraw': { roles: ['chair'], stages: ALL_STAGES },
  'silence.break': { roles: ['head'], stages: ['adoption'] },
  // A meeting's summary record and the compilation table of amendments are the officers' papers, drawn up by
  // the secretariat for the chair. Observers may print them too: they read and export everything a record is
  // made of (the text, closed votes State by State, the floor and the roll are open to every reader). The
  // delegations receive the record as issued rather than drawing it up.
  'record.export': { roles: ['chair', 'secretariat', 'observer'], stages: ALL_STAGES },
  'admin.manage': { roles: ['admin'], stages: ALL_STAGES },
};

/** Why an action was refused; each maps to an HTTP status and a message. */
export type DenialReason = 'role_not_allowed' | 'stage_not_allowed' | 'clause_locked' | 'no_delegation';

export type Decision = { allowed: true } | { allowed: false; reason: DenialReason };

export interface PolicyContext {
  /** The document's stage; omit for actions outside a document (admin). */
  stage?: Stage;
  /** The clause's status, for actions on one clause. */
  clauseStatus?: ClauseStatus;
  /** The language version acted on, for translation actions. */
  language?: string;
}

const ALLOW: Decision = { allowed: true };
const deny = (reason: DenialReason): Decision => ({ allowed: false, reason });

/** Stages in which `role` may take `action` (empty when the role may not take it at all). */
export function stagesFor(action: Action, role: Role, translator = false): readonly Stage[] {
  const rule = RULES[action];
  if (!rule.roles.includes(role) && !(translator && rule.translators)) return [];
  if (Array.isArray(rule.stages)) return rule.stages as readonly Stage[];
  return (rule.stages as Partial<Record<Role, readonly Stage[]>>)[role] ?? [];
}

/**
 * Decides whether `actor` may take `action` in `context`. Checks, in order: role, delegation membership
 * (heads and delegates need one), stage, clause lock. Ownership (acting for one's own delegation) is the
 * caller's to check, since only it knows whose object is touched.
 */
export function decide(
  actor: Pick<Actor, 'role' | 'delegation' | 'translates'>,
  action: Action,
  context: PolicyContext = {},
): Decision {
  const rule = RULES[action];
  const translator = translatesFor(actor, rule, context.language);
  if (!rule.roles.includes(actor.role) && !translator) return deny('role_not_allowed');
  if (!translator && (actor.role === 'head' || actor.role === 'delegate') && !actor.delegation)
    return deny('no_delegation');
  if (context.stage && !stagesFor(action, actor.role, translator).includes(context.stage))
    return deny('stage_not_allowed');
  if (rule.respectsLock && context.clauseStatus && isLocked(context.clauseStatus)) return deny('clause_locked');
  return ALLOW;
}

/** Whether the actor takes a translators' action as a translator of `language`. */
function translatesFor(actor: Pick<Actor, 'translates'>, rule: Rule, language: string | undefined): boolean {
  return Boolean(rule.translators && language !== undefined && actor.translates?.includes(language));
}

/** Shorthand for `decide(...).allowed`. */
export function can(
  actor: Pick<Actor, 'role' | 'delegation' | 'translates'>,
  action: Action,
  context?: PolicyContext,
): boolean {
  return decide(actor, action, context).allowed;
}
