import type { Migration } from '../migrate.js';
import { foundation } from './001_foundation.js';
import { collab } from './010_collab.js';
import { negotiation } from './020_negotiation.js';
import { voting } from './030_voting.js';
import { loginFailures } from './040_login_failures.js';
import { procedure } from './050_procedure.js';
import { ledger } from './060_ledger.js';
import { loginAttempts } from './070_login_attempts.js';
import { idempotencyKeys } from './080_idempotency_keys.js';
import { boundedRows } from './090_bounded_rows.js';
import { floor } from './100_floor.js';
import { roll } from './110_roll.js';
import { rollCall } from './120_roll_call.js';
import { publications } from './130_publications.js';
import { amendmentSpans } from './140_amendment_spans.js';
import { silence } from './150_silence.js';
import { languages } from './160_languages.js';
import { notifications } from './170_notifications.js';
import { brackets } from './180_brackets.js';
import { suggestionRequirements } from './190_suggestion_requirements.js';
import { eventsSeq } from './200_events_seq.js';

/** Every schema step, in order. Append new ones; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  foundation,
  collab,
  negotiation,
  voting,
  loginFailures,
  procedure,
  ledger,
  loginAttempts,
  idempotencyKeys,
  boundedRows,
  floor,
  roll,
  rollCall,
  publications,
  amendmentSpans,
  silence,
  languages,
  notifications,
  brackets,
  suggestionRequirements,
  eventsSeq,
];
