import { TITLE_REF } from '../../shared/editor/numbering.js';
import { t } from './index.js';

/**
 * A clause's reference as a reader sees it. "OP3" and "PP2" are symbols delegates cite as they are in every
 * language; the title's reference is an English word, so it is shown as the reader's language names the title.
 */
export function refLabel(ref: string): string {
  return ref === TITLE_REF ? t('document.kind.title') : ref;
}
