import { useState } from 'preact/hooks';
import type { ReportFormat } from '../../shared/api/records.js';
import { REPORT_FORMATS } from '../../shared/domain/formats.js';
import { pathOf } from '../../shared/api/route.js';
import { ROUTES } from '../../shared/api/routes.js';
import { Actions } from '../api/actions.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import {
  DownloadProgress,
  DownloadStatus,
  et,
  exportError,
  useDownloader,
  type DownloadSource,
} from './exportDownload.js';

type ReportKind = 'record' | 'compilation';

const FORMAT_NAMES: Record<ReportFormat, string> = { pdf: 'formats.pdf.name', docx: 'formats.docx.name' };

/** Where a report's file comes from. */
export function reportSource(documentId: string, kind: ReportKind, format: ReportFormat): DownloadSource {
  const request = { params: { id: documentId }, query: { format } };
  return {
    url: kind === 'record' ? pathOf(ROUTES.meetingRecord, request) : pathOf(ROUTES.compilationTable, request),
    fallbackName: `${documentId}-${kind}.${format}`,
  };
}

/**
 * The meeting's papers on the export screen: the summary record of the meeting and the compilation table of
 * amendments, each as PDF or Word, downloaded with the same progress bar and status line as an export. Shown
 * to those the permissions table lets print them (`record.export`).
 */
export function ReportsPanel({ documentId }: { documentId: string }) {
  // Its own actions: a report and an export are prepared apart, each with its own busy buttons and error.
  const [actions] = useState(() => new Actions());
  const downloader = useDownloader(actions);
  return (
    <section
      class="export-reports"
      aria-labelledby="export-reports-title"
      aria-busy={downloader.state.preparing ? 'true' : undefined}
    >
      <h2 id="export-reports-title">{et('reports.title')}</h2>
      <p class="hint">{et('reports.about')}</p>
      <ul class="export-report-list">
        {(['record', 'compilation'] as const).map((kind) => (
          <li key={kind} class="export-report">
            <span class="export-format-name" id={`export-report-${kind}`}>
              {et(`reports.${kind}.name`)}
            </span>
            <span class="export-format-about">{et(`reports.${kind}.about`)}</span>
            <span class="export-report-files">
              {REPORT_FORMATS.map((format) => (
                <ActionButton
                  key={format}
                  actions={actions}
                  name="download"
                  aria-describedby={`export-report-${kind}`}
                  aria-label={et('reports.file', {
                    name: et(`reports.${kind}.name`),
                    format: et(FORMAT_NAMES[format]),
                  })}
                  onClick={() => downloader.run(reportSource(documentId, kind, format))}
                >
                  {et(FORMAT_NAMES[format])}
                </ActionButton>
              ))}
            </span>
          </li>
        ))}
      </ul>
      <div class="export-actions">
        <DownloadProgress state={downloader.state} idPrefix="export-reports" />
      </div>
      <DownloadStatus state={downloader.state} />
      <ActionError actions={actions} names="download" format={exportError} class="export-reports-error" />
    </section>
  );
}
