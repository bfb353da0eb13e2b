import { doc, type RouteRow } from './routeTypes.js';

/**
 * The meeting's routes (the floor, the roll, the silence procedure, the notifications), rows of the route table
 * (routeTable.ts).
 */
export const MEETING_ROWS: RouteRow[] = [
  { route: 'GET /api/documents/:id/floor', governedBy: 'document.read', request: (f) => ({ path: `${doc(f)}/floor` }) },
  // A delegation already on the list is answered 409, which is not a refusal of permission.
  {
    route: 'POST /api/documents/:id/floor',
    governedBy: 'floor.request',
    request: (f) => ({ path: `${doc(f)}/floor`, body: { kind: 'speaker' } }),
  },
  {
    route: 'POST /api/documents/:id/floor/requests/:requestId/withdraw',
    governedBy: 'floor.withdraw',
    needs: ['a waiting request of KAZ'],
    request: async (f) => ({ path: `${doc(f)}/floor/requests/${await f.floorRequest()}/withdraw` }),
  },
  {
    route: 'POST /api/documents/:id/floor/requests/:requestId/grant',
    governedBy: 'floor.manage',
    needs: ['a waiting request of KAZ'],
    request: async (f) => ({ path: `${doc(f)}/floor/requests/${await f.floorRequest()}/grant` }),
  },
  {
    route: 'POST /api/documents/:id/floor/requests/:requestId/skip',
    governedBy: 'floor.manage',
    needs: ['a waiting request of KAZ'],
    request: async (f) => ({ path: `${doc(f)}/floor/requests/${await f.floorRequest()}/skip` }),
  },
  {
    route: 'POST /api/documents/:id/floor/requests/:requestId/move',
    governedBy: 'floor.manage',
    needs: ['a waiting request of KAZ'],
    request: async (f) => ({
      path: `${doc(f)}/floor/requests/${await f.floorRequest()}/move`,
      body: { direction: 'down' },
    }),
  },
  {
    route: 'POST /api/documents/:id/floor/end',
    governedBy: 'floor.manage',
    request: (f) => ({ path: `${doc(f)}/floor/end` }),
  },
  {
    route: 'POST /api/documents/:id/floor/settings',
    governedBy: 'floor.manage',
    request: (f) => ({ path: `${doc(f)}/floor/settings`, body: { open: true, speakingTimeSeconds: 180 } }),
  },

  { route: 'GET /api/documents/:id/roll', governedBy: 'document.read', request: (f) => ({ path: `${doc(f)}/roll` }) },
  // A roll already open answers 409, which is not a refusal of permission.
  {
    route: 'POST /api/documents/:id/roll',
    governedBy: 'roll.take',
    request: (f) => ({ path: `${doc(f)}/roll`, body: { meeting: `Meeting ${f.unique()}` } }),
  },
  {
    route: 'POST /api/documents/:id/roll/entries',
    governedBy: 'roll.take',
    needs: ['an open roll'],
    request: async (f) => {
      await f.openRoll();
      return { path: `${doc(f)}/roll/entries`, body: { delegation: 'FRA', present: true } };
    },
  },
  {
    route: 'POST /api/documents/:id/roll/check-in',
    governedBy: 'roll.checkIn',
    needs: ['an open roll'],
    request: async (f) => {
      await f.openRoll();
      return { path: `${doc(f)}/roll/check-in` };
    },
  },
  {
    route: 'POST /api/documents/:id/roll/close',
    governedBy: 'roll.take',
    needs: ['an open roll'],
    request: async (f) => {
      await f.openRoll();
      return { path: `${doc(f)}/roll/close` };
    },
  },

  {
    route: 'GET /api/documents/:id/silence',
    governedBy: 'document.read',
    request: (f) => ({ path: `${doc(f)}/silence` }),
  },
  // A procedure already running answers 409, which is not a refusal of permission.
  {
    route: 'POST /api/documents/:id/silence',
    governedBy: 'silence.start',
    request: (f) => ({ path: `${doc(f)}/silence`, body: { subject: 'adoption', minutes: 60, acknowledge: true } }),
  },
  {
    route: 'POST /api/documents/:id/silence/break',
    governedBy: 'silence.break',
    needs: ['a running silence procedure'],
    request: async (f) => {
      await f.runningSilence();
      return { path: `${doc(f)}/silence/break`, body: { statement: `Statement ${f.unique()}` } };
    },
  },
  {
    route: 'POST /api/documents/:id/silence/withdraw',
    governedBy: 'silence.withdraw',
    needs: ['a running silence procedure'],
    request: async (f) => {
      await f.runningSilence();
      return { path: `${doc(f)}/silence/withdraw` };
    },
  },

  // Everyone reads and marks their own notifications; nobody's else (server/routes/notifications.test.ts).
  {
    route: 'GET /api/notifications',
    governedBy: 'signed-in',
    request: () => ({ path: '/api/notifications?unread=1' }),
  },
  {
    route: 'POST /api/notifications/read',
    governedBy: 'signed-in',
    request: () => ({ path: '/api/notifications/read', body: { all: true } }),
  },
  {
    route: 'POST /api/notifications/email',
    governedBy: 'signed-in',
    request: () => ({ path: '/api/notifications/email', body: { enabled: false } }),
  },
];
