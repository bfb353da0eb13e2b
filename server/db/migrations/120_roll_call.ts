import type { Migration } from '../migrate.js';

/**
 * A vote taken by roll call keeps its calling order (`roll_call`: JSON, the ISO codes from the State drawn by
 * lot, written once when the vote opens). NULL for a vote without a roll call and for every vote before.
 */
const step = `ALTER TABLE votes ADD COLUMN roll_call TEXT;`;

export const rollCall: Migration = { version: 120, name: 'roll_call', sqlite: step, postgres: step };
