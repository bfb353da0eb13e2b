import type { ReportFormat } from '../../shared/api/records.js';
import { REPORT_FORMATS } from '../../shared/domain/formats.js';
import { pathOf } from '../../shared/api/route.js';
import { ROUTES } from '../../shared/api/routes.js';
import { Actions } from '../api/actions.js';
import { actionError, bindAction } from '../components/actionControls.js';
import { h } from '../dom.js';
import { Downloader, et, exportError } from './exportDownload.js';

type ReportKind = 'record' | 'compilation';
/** What one button downloads: a report in a format. */
type ReportFile = `${ReportKind}.${ReportFormat}`;

const FORMAT_NAMES: Record<ReportFormat, string> = { pdf: 'formats.pdf.name', docx: 'formats.docx.name' };

/**
 * The meeting's papers on the export screen: the summary record of the meeting and the compilation table of
 * amendments, each as PDF or Word, downloaded with the same progress bar and status line as an export. Shown
 * to those the permissions table lets print them (`record.export`).
 */
export function ReportsPanel(documentId: string): { el: HTMLElement; abort(): void } {
  const actions = new Actions();
  const params = { id: documentId };
  const downloader = Downloader<ReportFile>({
    actions,
    idPrefix: 'export-reports',
    busy: document.body,
    source: (file) => {
      const [kind, format] = file.split('.') as [ReportKind, ReportFormat];
      const request = { params, query: { format } };
      return {
        url: kind === 'record' ? pathOf(ROUTES.meetingRecord, request) : pathOf(ROUTES.compilationTable, request),
        fallbackName: `${documentId}-${kind}.${format}`,
      };
    },
  });
  const row = (kind: ReportKind): HTMLElement =>
    h(
      'li',
      { class: 'export-report' },
      h('span', { class: 'export-format-name', id: `export-report-${kind}` }, et(`reports.${kind}.name`)),
      h('span', { class: 'export-format-about' }, et(`reports.${kind}.about`)),
      h(
        'span',
        { class: 'export-report-files' },
        REPORT_FORMATS.map((format) =>
          bindAction(
            actions,
            'download',
            h(
              'button',
              {
                type: 'button',
                'aria-describedby': `export-report-${kind}`,
                'aria-label': et('reports.file', {
                  name: et(`reports.${kind}.name`),
                  format: et(FORMAT_NAMES[format]),
                }),
                onclick: () => void downloader.run(`${kind}.${format}`),
              },
              et(FORMAT_NAMES[format]),
            ),
          ),
        ),
      ),
    );
  const el = h(
    'section',
    { class: 'export-reports', 'aria-labelledby': 'export-reports-title' },
    h('h2', { id: 'export-reports-title' }, et('reports.title')),
    h('p', { class: 'hint' }, et('reports.about')),
    h('ul', { class: 'export-report-list' }, row('record'), row('compilation')),
    h('div', { class: 'export-actions' }, downloader.progress),
    downloader.status,
    actionError(actions, ['download'], exportError, { className: 'export-reports-error' }),
  );
  return { el, abort: () => downloader.abort() };
}
