import type { Actions } from '../api/actions.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { receiptFileName, type BallotReceipt } from '../api/ledger.js';
import { actionButton, actionError } from '../components/actionControls.js';
import { saveFile } from '../components/download.js';
import { fingerprintValue, keyFingerprintValue } from '../components/fingerprint.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { errorText } from './votingCommon.js';

export interface ReceiptOptions {
  voteId: string;
  /** The delegation's ballot as the page knows it: a receipt of another choice is of an earlier ballot. */
  choice: string;
  actions: Actions;
  /** Receipts fetched so far, by vote: kept by the page across the rebuilds of its cards. */
  receipts: Map<string, BallotReceipt>;
  /** Draws the card again (a receipt arrived). */
  rebuild(): void;
  say(message: string): void;
}

/** The action that fetches a vote's receipt. */
export const receiptAction = (voteId: string): string => `receipt:${voteId}`;

/**
 * Fetches the delegation's receipt of its ballot in a vote (`GET /api/votes/:id/receipt`) into `receipts`, as
 * the action `receipt:<voteId>`: the button waits while it comes, and a refusal is said beside it.
 */
export function fetchReceipt(
  o: Pick<ReceiptOptions, 'voteId' | 'actions' | 'receipts' | 'rebuild'>,
): Promise<boolean | undefined> {
  return o.actions.run(receiptAction(o.voteId), load(o));
}

function load(o: Pick<ReceiptOptions, 'voteId' | 'receipts' | 'rebuild'>): () => Promise<void> {
  return async () => {
    o.receipts.set(o.voteId, await call(ROUTES.ballotReceipt, { params: { id: o.voteId } }));
    o.rebuild();
  };
}

/**
 * A delegation's receipt of its ballot: the ledger entry that records it and the conference's signed head that
 * covers it, a download of the receipt as the server gave it, and how to check it without trusting the server
 * (`npm run verify-ledger -- --receipt FILE`). Before it is fetched, a button fetches it.
 */
export function ReceiptBox(o: ReceiptOptions): HTMLElement {
  const action = receiptAction(o.voteId);
  const receipt = o.receipts.get(o.voteId);
  const current = receipt && receipt.choice === o.choice ? receipt : undefined;
  const titleId = `receipt-title-${o.voteId}`;
  if (!current) {
    return h(
      'section',
      { class: 'receipt', 'aria-labelledby': titleId },
      h('h4', { id: titleId }, t('voting:receipt.title')),
      actionButton(
        o.actions,
        action,
        { id: `receipt-show-${o.voteId}`, class: 'small' },
        t('voting:receipt.show'),
        load(o),
      ),
      actionError(o.actions, action, errorText),
    );
  }
  const name = receiptFileName(current);
  const head = current.signedHead;
  return h(
    'section',
    { class: 'receipt', 'aria-labelledby': titleId, 'data-entry': current.entry.seq },
    h('h4', { id: titleId }, t('voting:receipt.title')),
    h(
      'dl',
      { class: 'receipt-facts' },
      h('dt', null, t('voting:receipt.ballot')),
      h(
        'dd',
        null,
        t('voting:receipt.ballotValue', { choice: t(`voting:choice.${current.choice}`), seq: current.entry.seq }),
      ),
      h('dt', null, t('voting:receipt.hash')),
      h('dd', null, fingerprintValue(current.entry.hash, t('voting:fingerprint.full'))),
      h('dt', null, t('voting:receipt.head')),
      h(
        'dd',
        null,
        t(head.checkpoint === null ? 'voting:receipt.headOnRequest' : 'voting:receipt.headCheckpoint', {
          seq: head.seq,
        }),
      ),
      h('dt', null, t('voting:fingerprint.key')),
      h('dd', null, keyFingerprintValue(head.key)),
    ),
    h(
      'button',
      {
        type: 'button',
        id: `receipt-download-${o.voteId}`,
        onclick: () => {
          saveFile(new Blob([`${JSON.stringify(current, null, 2)}\n`], { type: 'application/json' }), name);
          o.say(t('voting:receipt.saved', { name }));
        },
      },
      t('voting:receipt.download'),
    ),
    h(
      'p',
      { class: 'hint' },
      t('voting:receipt.how'),
      ' ',
      h('code', null, `npm run verify-ledger -- --receipt ${name} --public-key conference.pub.pem`),
    ),
  );
}
