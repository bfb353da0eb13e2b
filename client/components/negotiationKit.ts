import { errorMessage, t } from '../i18n/index.js';

/** A string of the `negotiation` namespace. */
export function nt(key: string, options?: Record<string, unknown>): string {
  return t(`negotiation:${key}`, options as never) as unknown as string;
}

/** The message for an error: this feature's own ids first, then the common ones. */
export function negotiationError(error: unknown): string {
  const id = (error as { id?: string })?.id;
  if (id) {
    const own = t(`negotiation:errors.${id}`, { defaultValue: '' }) as unknown as string;
    if (own) return own;
  }
  return errorMessage(error);
}
