import type { AppContext } from '../context.js';
import type { Broadcaster } from '../realtime/broadcast.js';
import { MailSender, type MailSenderOptions, type MailTransport } from './mailSender.js';
import { Notifier } from './notifier.js';

/** What tests and benchmarks may set of the e-mail sender (`MailSenderOptions`), and a transport of their own. */
export type MailTuning = Partial<Pick<MailSenderOptions, 'pollMs' | 'retryMs' | 'maxAttempts' | 'claimMs'>> & {
  transport?: MailTransport;
};

/** The notifications of one node: the outlet that makes them, and the e-mail sender once the node listens. */
export class NotificationService {
  readonly notifier: Notifier;
  /** The e-mail sender; none until `startMail`, nor ever without `SMTP_URL`. */
  mail: MailSender | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly tuning: MailTuning = {},
  ) {
    this.notifier = new Notifier(ctx, {
      mail: ctx.config.SMTP_URL !== undefined,
      onMailQueued: () => this.mail?.kick(),
    });
  }

  /** The outlet of `ctx.events` that turns events into notifications. */
  outlet(): Broadcaster {
    return this.notifier.outlet();
  }

  /** Starts sending the outbox when `SMTP_URL` is set; links point at `PUBLIC_URL`, else at `url`. */
  startMail(url: string): void {
    const { SMTP_URL, SMTP_FROM, PUBLIC_URL } = this.ctx.config;
    if (!SMTP_URL) return;
    const { transport, ...tuning } = this.tuning;
    this.mail = new MailSender(
      this.ctx,
      { url: SMTP_URL, from: SMTP_FROM, baseUrl: PUBLIC_URL ?? url, ...tuning },
      transport,
    );
    this.mail.kick();
  }

  /** Notifications still being written are written; the sender stops after the message it is sending. */
  async stop(): Promise<void> {
    await this.notifier.settled();
    await this.mail?.stop();
  }
}
