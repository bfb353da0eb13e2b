import { useEffect, useReducer, useRef } from 'preact/hooks';
import type { ApiErrorBody } from '../../shared/api/errors.js';
import type { Actions } from '../api/actions.js';
import { ApiError } from '../api/http.js';
import { saveFile } from '../components/download.js';
import { currentLanguage, errorMessage, t } from '../i18n/index.js';
import { downloadReducer, downloadStart, type DownloadState } from './exportState.js';

/** A string of the `export` namespace. */
export function et(key: string, options?: Record<string, unknown>): string {
  return t(`export:${key}`, options as never) as unknown as string;
}

/** After this long without an answer, the download shows a progress bar (ms). */
export const PROGRESS_AFTER_MS = 1000;

/** Where a download comes from, and the file name if the server gives none. */
export interface DownloadSource {
  url: string;
  fallbackName: string;
}

/**
 * The download of an export, as the action `download` of `actions`: the button waits while the file is
 * prepared, a progress bar shows after a second, the file keeps the server's name, and the status line says
 * what came. Leaving the screen stops a download under way without a word.
 */
export function useDownloader(actions: Actions): { state: DownloadState; run(source: DownloadSource): void } {
  const [state, dispatch] = useReducer(downloadReducer, downloadStart);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);
  const run = (source: DownloadSource): void =>
    void actions.run('download', async () => {
      const aborter = (controller.current = new AbortController());
      dispatch({ type: 'started' });
      const timer = setTimeout(() => dispatch({ type: 'slow' }), PROGRESS_AFTER_MS);
      try {
        const file = await fetchExport(source.url, aborter.signal, source.fallbackName);
        saveFile(file.blob, file.name);
        dispatch({ type: 'downloaded', status: et('downloaded', { name: file.name, size: fileSize(file.blob.size) }) });
      } catch (error) {
        // Leaving the screen aborts the download: nothing to report.
        if (!aborter.signal.aborted) throw error;
      } finally {
        clearTimeout(timer);
        if (controller.current === aborter) controller.current = null;
        dispatch({ type: 'ended' });
      }
    });
  return { state, run };
}

/** The progress bar, shown once a file has taken longer than a second; `idPrefix` keeps two apart on a page. */
export function DownloadProgress({ state, idPrefix = 'export' }: { state: DownloadState; idPrefix?: string }) {
  const textId = `${idPrefix}-progress-text`;
  return (
    <div class="export-progress" hidden={!state.slow}>
      <progress role="progressbar" aria-label={et('preparing')} aria-describedby={textId} />
      <span id={textId}>{et('preparing')}</span>
    </div>
  );
}

/** The line that says what the last download brought. */
export function DownloadStatus({ state }: { state: DownloadState }) {
  return (
    <p class="export-status" role="status" aria-live="polite">
      {state.status || null}
    </p>
  );
}

/** Downloads an export as a Blob with the file name the server gives it. */
async function fetchExport(
  url: string,
  signal: AbortSignal,
  fallbackName: string,
): Promise<{ blob: Blob; name: string }> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(0, 'network', t('errors.network'));
  }
  if (!res.ok) {
    const body = (res.headers.get('content-type') ?? '').includes('json')
      ? ((await res.json().catch(() => null)) as ApiErrorBody | null)
      : null;
    throw new ApiError(res.status, body?.error.id ?? `http_${res.status}`, body?.error.message ?? res.statusText);
  }
  return { blob: await res.blob(), name: fileNameOf(res.headers.get('content-disposition')) ?? fallbackName };
}

/** The name in a Content-Disposition header: `filename*` (RFC 5987) first, then `filename`. */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // A malformed encoding falls back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"((?:[^"\\]|\\.)*)"|filename\s*=\s*([^;]+)/i.exec(header);
  const name = plain?.[1] ?? plain?.[2]?.trim();
  return name ? name.replace(/\\(.)/g, '$1') : null;
}

/** An error as words: this screen's own ids first, then the common ones. */
export function exportError(error: unknown): string {
  const id = (error as { id?: string })?.id;
  const own = id ? (t(`export:errors.${id}`, { defaultValue: '' }) as unknown as string) : '';
  return own || errorMessage(error);
}

function fileSize(bytes: number): string {
  const kb = bytes / 1024;
  return kb < 1024
    ? new Intl.NumberFormat(currentLanguage(), { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(
        Math.max(1, Math.round(kb)),
      )
    : new Intl.NumberFormat(currentLanguage(), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
        kb / 1024,
      );
}
