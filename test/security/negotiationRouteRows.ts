import { doc, type RouteRow } from './routeTypes.js';

/** The negotiation's routes (amendments and comments), rows of the route table (routeTable.ts). */
export const NEGOTIATION_ROWS: RouteRow[] = [
  {
    route: 'POST /api/documents/:id/amendments',
    governedBy: 'amendment.propose',
    clauseBound: true,
    request: (f) => ({
      path: `${doc(f)}/amendments`,
      body: { clauseId: f.clause, kind: 'replace', text: `Urges all States ${f.unique()}`, rationale: 'Clearer.' },
    }),
  },
  {
    route: 'GET /api/documents/:id/amendments',
    governedBy: 'document.read',
    request: (f) => ({ path: `${doc(f)}/amendments` }),
  },
  {
    route: 'GET /api/amendments/:id',
    governedBy: 'document.read',
    needs: ['amendment'],
    request: async (f) => ({ path: `/api/amendments/${await f.amendment('FRA')}` }),
  },
  {
    route: 'POST /api/amendments/:id/cosponsor',
    governedBy: 'amendment.cosponsor',
    needs: ['another delegation’s amendment'],
    request: async (f) => ({ path: `/api/amendments/${await f.amendment('FRA')}/cosponsor` }),
  },
  {
    route: 'DELETE /api/amendments/:id/cosponsor',
    governedBy: 'amendment.cosponsor',
    needs: ['another delegation’s amendment'],
    request: async (f) => ({ path: `/api/amendments/${await f.amendment('FRA')}/cosponsor` }),
  },
  {
    route: 'POST /api/amendments/:id/withdraw',
    governedBy: 'amendment.withdraw',
    needs: ['own amendment'],
    request: async (f) => ({ path: `/api/amendments/${await f.amendment('KAZ')}/withdraw` }),
  },
  {
    route: 'POST /api/amendments/:id/decision',
    governedBy: 'amendment.decide',
    clauseBound: true,
    needs: ['amendment on the clause'],
    request: async (f) => ({
      path: `/api/amendments/${await f.amendment('KAZ')}/decision`,
      body: { decision: 'accept', acceptStale: true },
    }),
  },

  {
    route: 'POST /api/documents/:id/brackets',
    governedBy: 'bracket.create',
    clauseBound: true,
    request: async (f) => ({ path: `${doc(f)}/brackets`, body: { clauseId: f.clause, span: await f.span(f.clause) } }),
  },
  {
    route: 'GET /api/documents/:id/brackets',
    governedBy: 'document.read',
    request: (f) => ({ path: `${doc(f)}/brackets?status=all` }),
  },
  {
    route: 'POST /api/brackets/:id/alternatives',
    governedBy: 'bracket.create',
    clauseBound: true,
    needs: ['open bracket on the clause'],
    request: async (f) => ({
      path: `/api/brackets/${await f.bracket()}/alternatives`,
      body: { alternatives: [{ text: 'Urges' }, { text: 'Calls upon', sponsors: ['KAZ'] }] },
    }),
  },
  {
    route: 'POST /api/brackets/:id/resolve',
    governedBy: 'bracket.resolve',
    clauseBound: true,
    needs: ['open bracket on the clause'],
    request: async (f) => ({ path: `/api/brackets/${await f.bracket()}/resolve`, body: { resolution: 'remove' } }),
  },

  {
    route: 'GET /api/documents/:id/suggestions',
    governedBy: 'document.read',
    request: (f) => ({ path: `${doc(f)}/suggestions` }),
  },
  {
    route: 'POST /api/documents/:id/suggestions/requirement',
    governedBy: 'suggestion.require',
    request: (f) => ({ path: `${doc(f)}/suggestions/requirement`, body: { required: false } }),
  },
  {
    route: 'POST /api/documents/:id/suggestions/decision',
    governedBy: 'suggestion.decide',
    request: (f) => ({ path: `${doc(f)}/suggestions/decision`, body: { decision: 'reject', clauseId: f.other } }),
  },
  {
    route: 'POST /api/documents/:id/suggestions/:suggestionId/decision',
    governedBy: 'suggestion.decide',
    clauseBound: true,
    needs: ['pending suggestion on the clause'],
    request: async (f) => ({
      path: `${doc(f)}/suggestions/${await f.suggestion()}/decision`,
      body: { decision: 'reject' },
    }),
  },
  {
    route: 'POST /api/documents/:id/suggestions/:suggestionId/withdraw',
    governedBy: 'suggestion.withdraw',
    clauseBound: true,
    needs: ['own delegation’s pending suggestion on the clause'],
    request: async (f) => ({ path: `${doc(f)}/suggestions/${await f.suggestion()}/withdraw` }),
  },

  {
    route: 'POST /api/documents/:id/comments',
    governedBy: 'comment.create',
    request: (f) => ({
      path: `${doc(f)}/comments`,
      body: { clauseId: f.clause, body: `Could we say “ensure”? ${f.unique()}` },
    }),
  },
  {
    route: 'GET /api/documents/:id/comments',
    governedBy: 'document.read',
    request: (f) => ({ path: `${doc(f)}/comments` }),
  },
  {
    route: 'POST /api/documents/:id/comments/read',
    governedBy: 'document.read',
    request: (f) => ({ path: `${doc(f)}/comments/read`, body: { clauseId: f.clause } }),
  },
  {
    route: 'POST /api/comments/:id/replies',
    governedBy: 'comment.create',
    needs: ['comment'],
    request: async (f) => ({ path: `/api/comments/${await f.comment()}/replies`, body: { body: 'Agreed.' } }),
  },
  {
    route: 'POST /api/comments/:id/resolve',
    governedBy: 'comment.resolve',
    needs: ['comment'],
    request: async (f) => ({ path: `/api/comments/${await f.comment()}/resolve` }),
  },
  {
    route: 'POST /api/comments/:id/reopen',
    governedBy: 'comment.resolve',
    needs: ['comment'],
    request: async (f) => ({ path: `/api/comments/${await f.comment()}/reopen` }),
  },
];
