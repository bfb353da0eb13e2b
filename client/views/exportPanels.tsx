import type { TargetedEvent } from 'preact';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { RevisionListResponse } from '../../shared/api/revisions.js';
import { EXPORT_FORMATS } from '../../shared/domain/formats.js';
import { shortHash, type ConferenceKey } from '../api/ledger.js';
import { Fingerprint, KeyFingerprint } from '../components/fingerprint.js';
import { dateTime } from '../i18n/dates.js';
import { errorMessage, t } from '../i18n/index.js';
import { et } from './exportDownload.js';
import type { Version } from './exportState.js';

/** How to check what was adopted without trusting this server: the fingerprints, and the commands. */
export function IntegrityPanel({
  live,
  conferenceKey,
}: {
  live: DocumentJson;
  conferenceKey: ConferenceKey | Error | null;
}) {
  const adoption = live.adoption;
  return (
    <section class="export-integrity" aria-labelledby="export-integrity-title">
      <h2 id="export-integrity-title">{et('integrity.title')}</h2>
      <dl class="facts export-fingerprints">
        <dt>{et('integrity.text')}</dt>
        <dd>
          {adoption ? (
            <>
              <Fingerprint hex={adoption.fingerprint} fullLabel={et('integrity.full')} />
              <p class="hint">
                {et(`integrity.${adoption.method}`, { date: dateTime(adoption.at), entry: adoption.entry })}
              </p>
            </>
          ) : (
            et('integrity.notAdopted')
          )}
        </dd>
        <dt>{et('integrity.key')}</dt>
        <dd>
          {conferenceKey instanceof Error ? (
            errorMessage(conferenceKey)
          ) : conferenceKey ? (
            <KeyFingerprint fingerprint={conferenceKey.fingerprint} />
          ) : (
            '…'
          )}
        </dd>
      </dl>
      <p>{et('integrity.how')}</p>
      <ul class="export-verify">
        <li>
          <code>npm run verify-package -- FILE.zip --public-key conference.pub.pem</code>
          {' — '}
          {et('integrity.verifyPackage')}
        </li>
        <li>
          <code>npm run verify-ledger -- --public-key conference.pub.pem</code>
          {' — '}
          {et('integrity.verifyLedger')}
        </li>
      </ul>
    </section>
  );
}

/** What will be exported: document, symbol, version, stage, size, and whether it comes out marked "Draft". */
export function VersionSummary({ live, version }: { live: DocumentJson; version: Version }) {
  const draft = version.stage !== 'adopted';
  return (
    <section class="export-what" aria-labelledby="export-what-title">
      <h2 id="export-what-title">{et('summary.title')}</h2>
      <dl class="facts export-summary">
        <dt>{et('summary.document')}</dt>
        <dd>{live.title}</dd>
        <dt>{et('summary.symbol')}</dt>
        <dd>{live.symbol}</dd>
        <dt>{et('summary.version')}</dt>
        <dd>
          {version.revision
            ? et('summary.revision', { name: version.revision.name, date: dateTime(version.revision.createdAt) })
            : et('live')}
        </dd>
        <dt>{et('summary.stage')}</dt>
        <dd>
          <span class={`stage stage-${version.stage}`}>{t(`document.stage.${version.stage}`)}</span>
        </dd>
        <dt>{et('summary.clauses')}</dt>
        <dd>{et('summary.clauseCount', { count: version.clauseCount })}</dd>
        {/* The adopted text's fingerprint where the reader looks first; the full value and how to check it below. */}
        {!version.revision && live.adoption ? (
          <>
            <dt>{et('integrity.text')}</dt>
            <dd>
              <code class="fingerprint-short">{`${shortHash(live.adoption.fingerprint)} …`}</code>{' '}
              <a href="#export-integrity-title">{et('integrity.title')}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <p class={`export-note ${draft ? 'export-note-draft' : 'export-note-final'}`} aria-live="polite">
        {draft ? et('draftNote') : et('finalNote')}
      </p>
    </section>
  );
}

/** The choice of version: the live text, then the revisions, newest first; `picked` is the one chosen. */
export function VersionPicker({
  list,
  picked,
  onPick,
}: {
  list: RevisionListResponse;
  picked: string;
  onPick: (id: string) => void;
}) {
  return (
    <div class="field">
      <label for="export-version">{et('versionLabel')}</label>
      <select
        id="export-version"
        aria-describedby="export-version-hint"
        value={picked}
        onChange={(e: TargetedEvent<HTMLSelectElement>) => onPick(e.currentTarget.value)}
      >
        <option value="">{et('live')}</option>
        {[...list.revisions].reverse().map((r) => (
          <option key={r.id} value={r.id}>
            {et('revisionOption', { name: r.name, date: dateTime(r.createdAt) })}
          </option>
        ))}
      </select>
      <p class="hint" id="export-version-hint">
        {et('versionHint')}
      </p>
    </div>
  );
}

/** The formats, each with what it is for: the form's field `format`, the first checked to begin with. */
export function FormatChoice() {
  return (
    <fieldset class="export-formats">
      <legend>{et('formatLegend')}</legend>
      {EXPORT_FORMATS.map((format, i) => (
        <div key={format} class="export-format">
          <input
            type="radio"
            name="format"
            id={`export-format-${format}`}
            value={format}
            defaultChecked={i === 0}
            aria-describedby={`export-format-${format}-about`}
          />
          <label for={`export-format-${format}`}>
            <span class="export-format-name">{et(`formats.${format}.name`)}</span>{' '}
            <span class="export-format-about" id={`export-format-${format}-about`}>
              {et(`formats.${format}.about`)}
            </span>
          </label>
        </div>
      ))}
    </fieldset>
  );
}
