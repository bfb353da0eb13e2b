import { OBJECTION_WINDOW_MAX_MINUTES } from './documentRules.js';

/** Limits of the silence procedure the browser and the server share (the schemas are in `shared/api/silence.ts`). */

/** Longest silence: as long as the objection window of an adoption without a vote (a week). */
export const SILENCE_MAX_MINUTES = OBJECTION_WINDOW_MAX_MINUTES;
/** Longest statement a head may give when breaking silence. */
export const SILENCE_STATEMENT_MAX = 2000;
