import type { DocumentJson } from '../../shared/api/documents.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/domain/formats.js';
import type { RevisionListResponse, RevisionJson } from '../../shared/api/revisions.js';
import { shortHash, type ConferenceKey } from '../api/ledger.js';
import { fingerprintValue, keyFingerprintValue } from '../components/fingerprint.js';
import { h, replaceChildren } from '../dom.js';
import { errorMessage, t } from '../i18n/index.js';
import { et } from './exportDownload.js';
import { dateTime } from '../i18n/dates.js';

/** The version being looked at: the live text, or a revision with its frozen stage and clause count. */
export interface Version {
  revision: RevisionJson | null;
  stage: DocumentJson['stage'];
  clauseCount: number;
}

/** The live text as a version. */
export const liveVersion = (live: DocumentJson): Version => ({
  revision: null,
  stage: live.stage,
  clauseCount: live.clauses.length,
});

/** How to check what was adopted without trusting this server: the fingerprints, and the commands. */
export function IntegrityPanel(): {
  el: HTMLElement;
  update(live: DocumentJson, key: ConferenceKey | Error | null): void;
} {
  const el = h('section', { class: 'export-integrity', 'aria-labelledby': 'export-integrity-title' });
  const update = (live: DocumentJson, key: ConferenceKey | Error | null): void => {
    const adoption = live.adoption;
    replaceChildren(
      el,
      h('h2', { id: 'export-integrity-title' }, et('integrity.title')),
      h(
        'dl',
        { class: 'export-fingerprints' },
        h('dt', null, et('integrity.text')),
        h(
          'dd',
          null,
          adoption
            ? [
                fingerprintValue(adoption.fingerprint, et('integrity.full')),
                h(
                  'p',
                  { class: 'hint' },
                  et(`integrity.${adoption.method}`, { date: dateTime(adoption.at), entry: adoption.entry }),
                ),
              ]
            : et('integrity.notAdopted'),
        ),
        h('dt', null, et('integrity.key')),
        h('dd', null, key instanceof Error ? errorMessage(key) : key ? keyFingerprintValue(key.fingerprint) : '…'),
      ),
      h('p', null, et('integrity.how')),
      h(
        'ul',
        { class: 'export-verify' },
        h(
          'li',
          null,
          h('code', null, 'npm run verify-package -- FILE.zip --public-key conference.pub.pem'),
          ' — ',
          et('integrity.verifyPackage'),
        ),
        h(
          'li',
          null,
          h('code', null, 'npm run verify-ledger -- --public-key conference.pub.pem'),
          ' — ',
          et('integrity.verifyLedger'),
        ),
      ),
    );
  };
  return { el, update };
}

/** What will be exported: document, symbol, version, stage, size, and whether it comes out marked "Draft". */
export function VersionSummary(): { el: HTMLElement; update(live: DocumentJson, version: Version): void } {
  const summary = h('dl', { class: 'export-summary' });
  const note = h('p', { class: 'export-note', 'aria-live': 'polite' });
  const row = (term: string, ...value: (Node | string)[]): HTMLElement[] => [
    h('dt', null, term),
    h('dd', null, ...value),
  ];
  const update = (live: DocumentJson, version: Version): void => {
    replaceChildren(
      summary,
      row(et('summary.document'), live.title),
      row(et('summary.symbol'), live.symbol),
      row(
        et('summary.version'),
        version.revision
          ? et('summary.revision', { name: version.revision.name, date: dateTime(version.revision.createdAt) })
          : et('live'),
      ),
      row(
        et('summary.stage'),
        h('span', { class: `stage stage-${version.stage}` }, t(`document.stage.${version.stage}`)),
      ),
      row(et('summary.clauses'), et('summary.clauseCount', { count: version.clauseCount })),
      // The adopted text's fingerprint where the reader looks first; the full value and how to check it below.
      !version.revision && live.adoption
        ? row(
            et('integrity.text'),
            h('code', { class: 'fingerprint-short' }, `${shortHash(live.adoption.fingerprint)} …`),
            ' ',
            h('a', { href: '#export-integrity-title' }, et('integrity.title')),
          )
        : [],
    );
    const draft = version.stage !== 'adopted';
    note.className = `export-note ${draft ? 'export-note-draft' : 'export-note-final'}`;
    note.textContent = draft ? et('draftNote') : et('finalNote');
  };
  const el = h(
    'section',
    { class: 'export-what', 'aria-labelledby': 'export-what-title' },
    h('h2', { id: 'export-what-title' }, et('summary.title')),
    summary,
    note,
  );
  return { el, update };
}

/** The choice of version: the live text, then the revisions, newest first. */
export function renderVersionOptions(picker: HTMLSelectElement, list: RevisionListResponse, version: Version): void {
  const selected = version.revision?.id ?? '';
  replaceChildren(
    picker,
    h('option', { value: '', selected: selected === '' }, et('live')),
    [...list.revisions]
      .reverse()
      .map((r) =>
        h(
          'option',
          { value: r.id, selected: selected === r.id },
          et('revisionOption', { name: r.name, date: dateTime(r.createdAt) }),
        ),
      ),
  );
}

/** The formats, each with what it is for; `picked` is the one checked. */
export function FormatChoice(): { el: HTMLElement; picked(): ExportFormat | undefined } {
  const inputs = EXPORT_FORMATS.map((format, i) =>
    h('input', {
      type: 'radio',
      name: 'format',
      id: `export-format-${format}`,
      value: format,
      checked: i === 0,
      'aria-describedby': `export-format-${format}-about`,
    }),
  );
  const el = h(
    'fieldset',
    { class: 'export-formats' },
    h('legend', null, et('formatLegend')),
    EXPORT_FORMATS.map((format, i) =>
      h(
        'div',
        { class: 'export-format' },
        inputs[i],
        h(
          'label',
          { for: `export-format-${format}` },
          h('span', { class: 'export-format-name' }, et(`formats.${format}.name`)),
          ' ',
          h(
            'span',
            { class: 'export-format-about', id: `export-format-${format}-about` },
            et(`formats.${format}.about`),
          ),
        ),
      ),
    ),
  );
  return { el, picked: () => inputs.find((input) => input.checked)?.value as ExportFormat | undefined };
}
