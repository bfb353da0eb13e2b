import { useLayoutEffect, useRef } from 'preact/hooks';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { receiptFileName, type BallotReceipt } from '../api/ledger.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { saveFile } from '../components/download.js';
import { Fingerprint, KeyFingerprint } from '../components/fingerprint.js';
import { t } from '../i18n/index.js';
import { currentReceipt, type DelegationPage } from './delegationState.js';
import { errorText } from './votingCommon.js';

/** The action that fetches a vote's receipt. */
export const receiptAction = (voteId: string): string => `receipt:${voteId}`;

/**
 * Fetches the delegation's receipt of its ballot in a vote (`GET /api/votes/:id/receipt`) into the page's
 * state, as the action `receipt:<voteId>`: the button waits while it comes, and a refusal is said beside it.
 */
export function fetchReceipt(page: Pick<DelegationPage, 'actions' | 'dispatch'>, voteId: string) {
  return page.actions.run(receiptAction(voteId), async () => {
    const receipt = await call(ROUTES.ballotReceipt, { params: { id: voteId } });
    page.dispatch({ type: 'receipt', voteId, receipt });
  });
}

/**
 * A delegation's receipt of its ballot: the ledger entry that records it and the conference's signed head that
 * covers it, a download of the receipt as the server gave it, and how to check it without trusting the server
 * (`npm run verify-ledger -- --receipt FILE`). Before it is fetched (or when it is of an earlier choice), a
 * button fetches it; the receipt it brings takes the focus.
 */
export function ReceiptBox({ page, voteId, choice }: { page: DelegationPage; voteId: string; choice: string }) {
  const action = receiptAction(voteId);
  const current = currentReceipt(page.state, voteId, choice);
  const titleId = `receipt-title-${voteId}`;
  const asked = useRef(false);
  const download = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (!current || !asked.current) return;
    asked.current = false;
    download.current?.focus();
  }, [current]);
  if (!current) {
    return (
      <section class="receipt" aria-labelledby={titleId}>
        <h4 id={titleId}>{t('voting:receipt.title')}</h4>
        <ActionButton
          actions={page.actions}
          name={action}
          id={`receipt-show-${voteId}`}
          class="small"
          onClick={() => {
            asked.current = true;
            void fetchReceipt(page, voteId);
          }}
        >
          {t('voting:receipt.show')}
        </ActionButton>
        <ActionError actions={page.actions} names={action} format={errorText} />
      </section>
    );
  }
  return (
    <section class="receipt" aria-labelledby={titleId} data-entry={current.entry.seq}>
      <h4 id={titleId}>{t('voting:receipt.title')}</h4>
      <ReceiptFacts receipt={current} />
      <button
        type="button"
        id={`receipt-download-${voteId}`}
        ref={download}
        onClick={() => {
          const name = receiptFileName(current);
          saveFile(new Blob([`${JSON.stringify(current, null, 2)}\n`], { type: 'application/json' }), name);
          page.dispatch({ type: 'said', message: t('voting:receipt.saved', { name }) });
        }}
      >
        {t('voting:receipt.download')}
      </button>
      <p class="hint">
        {t('voting:receipt.how')}{' '}
        <code>{`npm run verify-ledger -- --receipt ${receiptFileName(current)} --public-key conference.pub.pem`}</code>
      </p>
    </section>
  );
}

/** The ballot and its ledger entry, the entry's hash, the signed head that covers it and the key that signed it. */
function ReceiptFacts({ receipt }: { receipt: BallotReceipt }) {
  const head = receipt.signedHead;
  return (
    <dl class="facts receipt-facts">
      <dt>{t('voting:receipt.ballot')}</dt>
      <dd>
        {t('voting:receipt.ballotValue', { choice: t(`voting:choice.${receipt.choice}`), seq: receipt.entry.seq })}
      </dd>
      <dt>{t('voting:receipt.hash')}</dt>
      <dd>
        <Fingerprint hex={receipt.entry.hash} fullLabel={t('voting:fingerprint.full')} />
      </dd>
      <dt>{t('voting:receipt.head')}</dt>
      <dd>
        {t(head.checkpoint === null ? 'voting:receipt.headOnRequest' : 'voting:receipt.headCheckpoint', {
          seq: head.seq,
        })}
      </dd>
      <dt>{t('voting:fingerprint.key')}</dt>
      <dd>
        <KeyFingerprint fingerprint={head.key} />
      </dd>
    </dl>
  );
}
