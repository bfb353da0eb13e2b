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

/** Stable error ids with their HTTP status. Features add their own ids beside these. */
export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_input: 400,
  invalid_format: 400,
  reason_required: 400,
  invalid_idempotency_key: 400,
  not_authenticated: 401,
  invalid_credentials: 401,
  link_invalid: 401,
  forbidden: 403,
  origin_rejected: 403,
  role_not_allowed: 403,
  stage_not_allowed: 403,
  clause_locked: 403,
  no_delegation: 403,
  not_own_delegation: 403,
  not_in_electorate: 403,
  clause_not_in_document: 403,
  not_found: 404,
  document_not_found: 404,
  clause_not_found: 404,
  user_not_found: 404,
  delegation_not_found: 404,
  vote_not_found: 404,
  amendment_not_found: 404,
  comment_not_found: 404,
  revision_not_found: 404,
  ballot_not_found: 404,
  conflict: 409,
  stage_unchanged: 409,
  stage_final: 409,
  username_taken: 409,
  delegation_exists: 409,
  vote_closed: 409,
  vote_already_open: 409,
  vote_not_closed: 409,
  amendment_withdrawn: 409,
  amendment_decided: 409,
  amendment_in_vote: 409,
  amendment_stale: 409,
  already_cosponsor: 409,
  own_amendment: 409,
  not_cosponsor: 409,
  clause_deleted: 409,
  revision_name_taken: 409,
  vote_open: 409,
  needs_acknowledgement: 409,
  adoption_not_by_stage: 409,
  stage_move_not_allowed: 409,
  text_frozen: 409,
  idempotency_key_in_flight: 409,
  payload_too_large: 413,
  comment_too_long: 413,
  clause_too_long: 413,
  document_too_long: 413,
  idempotency_key_reused: 422,
  rate_limited: 429,
  too_many_connections: 429,
  export_limit: 429,
  internal: 500,
  ledger_inconsistent: 500,
  export_queue_full: 503,
  export_timeout: 503,
} as const;

export type KnownErrorId = keyof typeof ERROR_STATUS;
