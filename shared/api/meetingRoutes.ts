import { idSchema } from './documents.js';
import {
  floorSettingsRequest,
  moveFloorRequest,
  requestFloorRequest,
  type FloorEntryJson,
  type FloorJson,
} from './floor.js';
import { openRollRequest, recordPresenceRequest, type RollJson, type RollResponse } from './roll.js';
import { breakSilenceRequest, startSilenceRequest, type SilenceJson, type SilenceResponse } from './silence.js';
import { route } from './route.js';

const id = { id: idSchema };
const floorRequest = { id: idSchema, requestId: idSchema };

/**
 * The meeting's endpoints around the text (docs/meeting.md): the floor, the roll and the silence procedure.
 * Part of `ROUTES` (routes.ts), kept in a table of their own.
 */
export const MEETING_ROUTES = {
  floor: route('GET', '/api/documents/:id/floor', { params: id }).returns<FloorJson>(),
  /** 201 with the request as it stands on the list. */
  requestFloor: route('POST', '/api/documents/:id/floor', {
    params: id,
    body: requestFloorRequest,
  }).returns<FloorEntryJson>(),
  withdrawFloorRequest: route('POST', '/api/documents/:id/floor/requests/:requestId/withdraw', {
    params: floorRequest,
  }).returns<FloorJson>(),
  grantFloor: route('POST', '/api/documents/:id/floor/requests/:requestId/grant', {
    params: floorRequest,
  }).returns<FloorJson>(),
  skipFloorRequest: route('POST', '/api/documents/:id/floor/requests/:requestId/skip', {
    params: floorRequest,
  }).returns<FloorJson>(),
  moveFloorRequest: route('POST', '/api/documents/:id/floor/requests/:requestId/move', {
    params: floorRequest,
    body: moveFloorRequest,
  }).returns<FloorJson>(),
  endSpeaker: route('POST', '/api/documents/:id/floor/end', { params: id }).returns<FloorJson>(),
  floorSettings: route('POST', '/api/documents/:id/floor/settings', {
    params: id,
    body: floorSettingsRequest,
  }).returns<FloorJson>(),

  roll: route('GET', '/api/documents/:id/roll', { params: id }).returns<RollResponse>(),
  /** 201 with the new roll. */
  openRoll: route('POST', '/api/documents/:id/roll', { params: id, body: openRollRequest }).returns<RollJson>(),
  recordPresence: route('POST', '/api/documents/:id/roll/entries', {
    params: id,
    body: recordPresenceRequest,
  }).returns<RollJson>(),
  checkIn: route('POST', '/api/documents/:id/roll/check-in', { params: id }).returns<RollJson>(),
  closeRoll: route('POST', '/api/documents/:id/roll/close', { params: id }).returns<RollJson>(),

  silence: route('GET', '/api/documents/:id/silence', { params: id }).returns<SilenceResponse>(),
  /** 201 with the new procedure. */
  startSilence: route('POST', '/api/documents/:id/silence', {
    params: id,
    body: startSilenceRequest,
  }).returns<SilenceJson>(),
  breakSilence: route('POST', '/api/documents/:id/silence/break', {
    params: id,
    body: breakSilenceRequest,
  }).returns<SilenceJson>(),
  withdrawSilence: route('POST', '/api/documents/:id/silence/withdraw', { params: id }).returns<SilenceJson>(),
} as const;
