import { Router, type Response } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on } from '../http/endpoint.js';
import { exportReport, type ReportRequest } from '../commands/exportReport.js';
import { meetingRange } from '../records/range.js';
import { attachment } from './export.js';

/**
 * `GET /api/documents/:id/record?format=pdf|docx&from&to` (a meeting's summary record) and
 * `GET /api/documents/:id/compilation?format=pdf|docx` (the compilation table of amendments): the file itself.
 */
export function recordRoutes(ctx: AppContext): Router {
  const router = Router();

  const send = async (
    res: Response,
    actor: Parameters<typeof exportReport>[1],
    id: string,
    request: ReportRequest,
  ): Promise<void> => {
    const file = await exportReport(ctx, actor, id, request);
    res
      .status(200)
      .set({
        'Content-Type': file.contentType,
        'Content-Disposition': attachment(file.fileName),
        'Content-Length': String(file.body.length),
      })
      .end(file.body);
  };

  on(router, ROUTES.meetingRecord, async (req, res) => {
    const range = meetingRange(req.query.from, req.query.to);
    await send(res, req.actor, req.params.id, { kind: 'record', format: req.query.format, range });
  });

  on(router, ROUTES.compilationTable, async (req, res) => {
    await send(res, req.actor, req.params.id, { kind: 'compilation', format: req.query.format });
  });

  return router;
}
