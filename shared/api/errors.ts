/**
 * The error body every failing HTTP request answers with. `id` is stable and snake_case, for programs and
 * for the client's translations; `message` is a readable English sentence.
 */
export interface ApiErrorBody {
  error: { id: string; message: string; field?: string };
}

/**
 * An error body with details beside `id` and `message`, named by the error: `needs_acknowledgement` carries
 * `items` (see `NeedsAcknowledgementBody` in `shared/api/documents.ts`).
 */
export interface DetailedErrorBody<Details extends Record<string, unknown>> {
  error: ApiErrorBody['error'] & Details;
}

/** What an error id answers with: its HTTP status, and the message it carries unless the thrower says more. */
export interface ErrorSpec {
  readonly status: number;
  readonly message: string;
}

/**
 * Stable error ids, each with its HTTP status and default message (a readable English sentence; the client
 * shows its own words for the id, `client/i18n/locales/*`). Features add their own ids beside these. A throw
 * site gives its own message only where it adds specifics: which id, which limit, what to do instead.
 */
export const ERRORS = {
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  invalid_input: { status: 400, message: 'Some of the request is not valid.' },
  silence_deadline_invalid: {
    status: 400,
    message: 'The deadline of a silence must lie ahead, and at most a week ahead.',
  },
  invalid_format: { status: 400, message: 'This export format is not available.' },
  invalid_range: { status: 400, message: 'The meeting’s time range is not valid.' },
  reason_required: { status: 400, message: 'Going back to an earlier stage needs a reason.' },
  invalid_idempotency_key: { status: 400, message: 'Idempotency-Key must be 1 to 200 visible ASCII characters.' },
  bad_request: { status: 400, message: 'The request could not be read.' },
  import_not_docx: { status: 400, message: 'This file is not a Word document (.docx).' },
  import_encrypted: {
    status: 400,
    message: 'This file is password-protected or in the old Word format; save it as an unprotected .docx.',
  },
  import_empty: { status: 400, message: 'This Word document holds no text to import.' },
  span_invalid: {
    status: 400,
    message: 'The selected words are not in this clause’s text as it is now: select them again.',
  },
  span_multiline: { status: 400, message: 'An amendment on a span changes words within one paragraph.' },
  span_empty: { status: 400, message: 'This amendment on a span changes nothing.' },
  not_authenticated: { status: 401, message: 'Sign in to continue.' },
  invalid_credentials: { status: 401, message: 'Wrong username or password.' },
  link_invalid: {
    status: 401,
    message: 'This sign-in link is not valid: it may have been used already or have expired.',
  },
  forbidden: { status: 403, message: 'This is not allowed.' },
  origin_rejected: { status: 403, message: 'Requests from another origin are not accepted.' },
  role_not_allowed: { status: 403, message: 'Your role does not allow this action.' },
  stage_not_allowed: { status: 403, message: 'This action is not open at the document’s current stage.' },
  clause_locked: { status: 403, message: 'This clause is agreed ad referendum and locked until the chair unlocks it.' },
  no_delegation: { status: 403, message: 'Your account does not belong to a delegation.' },
  not_own_delegation: { status: 403, message: 'A delegation acts only for itself.' },
  not_own_suggestion: { status: 403, message: 'A delegation withdraws only its own suggestions.' },
  not_in_electorate: {
    status: 403,
    message: 'Your delegation was registered after this vote opened: it votes from the next vote on.',
  },
  clause_not_in_document: { status: 403, message: 'This clause belongs to another document.' },
  not_found: { status: 404, message: 'Not found.' },
  document_not_found: { status: 404, message: 'No such document.' },
  clause_not_found: { status: 404, message: 'No such clause.' },
  language_not_found: { status: 404, message: 'This document has no version in this language.' },
  user_not_found: { status: 404, message: 'No such user.' },
  delegation_not_found: { status: 404, message: 'No such delegation.' },
  vote_not_found: { status: 404, message: 'No such vote.' },
  amendment_not_found: { status: 404, message: 'No such amendment.' },
  bracket_not_found: { status: 404, message: 'No such bracket.' },
  alternative_not_found: { status: 404, message: 'This bracket offers no alternative of that label.' },
  suggestion_not_found: { status: 404, message: 'No pending suggestion of that id in this document.' },
  comment_not_found: { status: 404, message: 'No such comment.' },
  revision_not_found: { status: 404, message: 'No such revision.' },
  roll_not_found: { status: 404, message: 'No roll is open for this document.' },
  silence_not_found: { status: 404, message: 'No silence procedure is running for this document.' },
  floor_request_not_found: { status: 404, message: 'No such request for the floor.' },
  ballot_not_found: { status: 404, message: 'The delegation has no ballot in this vote.' },
  conflict: { status: 409, message: 'This conflicts with the current state.' },
  split_position_unknown: {
    status: 409,
    message: 'The place to split is not in the clause as the server has it yet; try again in a moment.',
  },
  merge_not_possible: {
    status: 409,
    message: 'This clause has no paragraph before it to merge with (the title and the first clause stand alone).',
  },
  clause_not_deleted: { status: 409, message: 'This clause is in the text; only a deleted clause can be restored.' },
  stage_unchanged: { status: 409, message: 'The document is already at this stage.' },
  stage_final: { status: 409, message: 'The document is adopted; its stage can no longer change.' },
  username_taken: { status: 409, message: 'This username is taken.' },
  delegation_exists: { status: 409, message: 'This delegation already exists.' },
  language_exists: { status: 409, message: 'This document already has a version in this language.' },
  translation_missing: { status: 409, message: 'This clause has no text in this language yet.' },
  document_exists: { status: 409, message: 'A document with this id or symbol already exists.' },
  already_set_up: {
    status: 409,
    message: 'This installation is already set up; issue sign-in links with npm run invite.',
  },
  vote_closed: { status: 409, message: 'This vote is closed; its result is final.' },
  vote_already_open: { status: 409, message: 'A vote on this subject is already open; close it first.' },
  vote_not_closed: { status: 409, message: 'An explanation after the vote waits until the chair closes it.' },
  amendment_withdrawn: { status: 409, message: 'This amendment was withdrawn by its sponsors.' },
  amendment_decided: { status: 409, message: 'This amendment has already been decided.' },
  amendment_in_vote: { status: 409, message: 'This amendment has been put to a vote.' },
  amendment_stale: {
    status: 409,
    message:
      'The clause has changed since this amendment was written. Review the diff against today’s text, then confirm.',
  },
  already_cosponsor: { status: 409, message: 'Your delegation already co-sponsors this amendment.' },
  own_amendment: { status: 409, message: 'Your delegation proposed this amendment.' },
  not_cosponsor: { status: 409, message: 'Your delegation does not co-sponsor this amendment.' },
  span_gone: {
    status: 409,
    message: 'The words this amendment changes were rewritten around it: it can no longer be applied where it was.',
  },
  bracket_resolved: { status: 409, message: 'This bracket has been resolved already; its wording is settled.' },
  clause_deleted: { status: 409, message: 'This clause is no longer part of the text.' },
  revision_name_taken: { status: 409, message: 'This document already has a revision of that name.' },
  vote_open: { status: 409, message: 'A vote of this document is open: close it before changing the stage.' },
  needs_acknowledgement: {
    status: 409,
    message: 'The text is not finished: acknowledge the list to go ahead all the same.',
  },
  adoption_not_by_stage: {
    status: 409,
    message:
      'A text is adopted only by a vote on the whole text, or by the chair’s decision to adopt it without a vote.',
  },
  stage_move_not_allowed: { status: 409, message: 'The procedure has no such move.' },
  roll_open: { status: 409, message: 'A roll is already open for this document; close it first.' },
  silence_running: {
    status: 409,
    message: 'A silence procedure is already running for this document; withdraw it or wait for its deadline.',
  },
  silence_ended: {
    status: 409,
    message: 'This silence procedure has ended; the decision is already taken or withdrawn.',
  },
  silence_already_broken: { status: 409, message: 'Your delegation has already broken this silence.' },
  floor_closed: {
    status: 409,
    message: 'The chair has closed the list of speakers; a point of order or a right of reply may still be asked.',
  },
  floor_already_requested: {
    status: 409,
    message: 'Your delegation is already on the list for this; withdraw that request to ask again.',
  },
  floor_request_settled: { status: 409, message: 'This request for the floor has already been heard or withdrawn.' },
  floor_nobody_speaking: { status: 409, message: 'Nobody has the floor.' },
  text_frozen: { status: 409, message: 'The text is adopted: it can no longer change.' },
  idempotency_key_in_flight: {
    status: 409,
    message:
      'The first request with this Idempotency-Key has not been answered; reload to see whether it was carried out.',
  },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  comment_too_long: { status: 413, message: 'This comment is longer than a comment may be.' },
  span_text_too_long: { status: 413, message: 'The proposed words are longer than an amendment on a span may be.' },
  clause_too_long: { status: 413, message: 'This text is longer than a clause may hold.' },
  document_too_long: { status: 413, message: 'With this text the document would be longer than it may be.' },
  import_too_large: { status: 413, message: 'This Word file is larger than an import may be (10 MB).' },
  unsupported_media_type: { status: 415, message: 'Send JSON encoded as UTF-8.' },
  idempotency_key_reused: {
    status: 422,
    message: 'This Idempotency-Key was used for another request; send a new key for a new action.',
  },
  rate_limited: { status: 429, message: 'Too many requests in a short time. Try again later.' },
  too_many_connections: { status: 429, message: 'Too many connections are open from this account.' },
  connecting_too_fast: {
    status: 429,
    message: 'This account opens connections faster than a person does; wait a few seconds.',
  },
  export_limit: {
    status: 429,
    message: 'Your earlier exports are still being prepared; ask for the next when one is ready.',
  },
  internal: { status: 500, message: 'Something went wrong on the server. The action was not carried out.' },
  ledger_inconsistent: { status: 500, message: 'The ledger does not match the ballots table; run verify-ledger.' },
  export_queue_full: {
    status: 503,
    message: 'The server is preparing many exports at the moment; try again in a few seconds.',
  },
  gallery_full: {
    status: 503,
    message: 'The public gallery has as many viewers as this server takes; try again in a minute.',
  },
  export_timeout: { status: 503, message: 'The export took too long and was stopped; try a smaller format, or later.' },
} as const satisfies Record<string, ErrorSpec>;

export type KnownErrorId = keyof typeof ERRORS;

/** Each id's HTTP status, from `ERRORS`. */
export const ERROR_STATUS = Object.fromEntries(Object.entries(ERRORS).map(([id, spec]) => [id, spec.status])) as {
  readonly [Id in KnownErrorId]: (typeof ERRORS)[Id]['status'];
};
