import type { DocumentJson } from '../../shared/api/documents.js';
import type { LanguageCode } from '../../shared/domain/languages.js';
import { ROUTES } from '../../shared/api/routes.js';
import { ApiError, call } from '../api/http.js';
import { documentRead } from '../../shared/protocol/pages.js';
import { toast } from '../components/ui.js';
import { errorMessage } from '../i18n/index.js';
import {
  choiceFrom,
  choiceQuery,
  ORIGINAL,
  readingKey,
  resolveChoice,
  type ReadingChoice,
} from '../api/languageChoice.js';

/** The text a document page shows: the page's data, the version beside it when read in parallel, the choice. */
export interface ChosenText {
  /** The page's clauses: the version's text when it is read alone, else the original's. */
  data: DocumentJson;
  /** The version, when read beside the original. */
  version?: DocumentJson;
  /** The choice as the document allows it (a version it lacks reads the original). */
  choice: ReadingChoice;
}

/**
 * Reads the chosen text: the original, a version (`?lang=`), or both for the parallel view. A version the
 * document does not have (removed, or named by an old link) reads the original instead of failing the page.
 */
export async function readChosenText(documentId: string, choice: ReadingChoice): Promise<ChosenText> {
  const read = (lang?: LanguageCode) => call(ROUTES.document, documentRead(documentId, lang));
  if (!choice.lang) return { data: await read(), choice: ORIGINAL };
  try {
    if (!choice.parallel) {
      const data = await read(choice.lang);
      return { data, choice: resolveChoice(choice, data.languages ?? []) };
    }
    const [data, version] = await Promise.all([read(), read(choice.lang)]);
    return { data, version, choice: resolveChoice(choice, data.languages ?? []) };
  } catch (error) {
    if (error instanceof ApiError && error.id === 'language_not_found') return { data: await read(), choice: ORIGINAL };
    throw error;
  }
}

/**
 * The reader's choice of text for one document: from the page's query, else the one kept on this device; a
 * new choice goes into both (the address, so a link shares it; local storage, so a later visit keeps it).
 */
export class ReadingState {
  choice: ReadingChoice;

  constructor(
    private readonly documentId: string,
    query: URLSearchParams,
  ) {
    this.choice = choiceFrom(query, kept(readingKey(documentId)));
  }

  /** The choice as the document allowed it once read. */
  settle(choice: ReadingChoice): void {
    this.choice = choice;
  }

  /**
   * The reader chose: remembered, put in the address (without a new history entry), and the page drawn again;
   * a page that could not be read says so and stays as it was.
   */
  async choose(choice: ReadingChoice, render: () => Promise<void>): Promise<void> {
    this.choice = choice;
    try {
      localStorage.setItem(readingKey(this.documentId), JSON.stringify(choice));
    } catch {
      // Storage full or refused: the address still carries the choice.
    }
    const search = choiceQuery(choice, new URLSearchParams(location.search));
    history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    await render().catch((error: unknown) => void toast(errorMessage(error), 'danger'));
  }
}

function kept(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
