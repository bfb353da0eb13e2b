import nodemailer from 'nodemailer';
import { notificationPath, type NotificationKind } from '../../shared/api/notifications.js';
import type { Role } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import type { MailRow } from '../db/repositories/mailOutbox.js';
import { PassLoop } from '../passLoop.js';
import { mailLanguage, writeMail } from './mailWording.js';

/** What the sender needs to send: the transport's `send`, so a test may stand in for the network. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
  }): Promise<unknown>;
  close(): void;
}

export interface MailSenderOptions {
  /** `smtp://user:pass@host:port` or `smtps://…` (`SMTP_URL`; nodemailer reads its options from the query too). */
  url: string;
  /** The sender's address (`SMTP_FROM`). */
  from: string;
  /** Where the e-mail's links point: `PUBLIC_URL`, else the address this node listens on. */
  baseUrl: string;
  /** How often the outbox is read when nothing calls `kick()`, in ms. Default 10,000. */
  pollMs?: number;
  /** Wait before the second try of a message, doubled for each try after, at most an hour. Default 30,000. */
  retryMs?: number;
  /** Tries before a message is given up (`failed`). Default 8 (about two hours with the default wait). */
  maxAttempts?: number;
  /** How long a claim keeps other nodes off a message being sent, in ms. Default 120,000. */
  claimMs?: number;
}

/** Messages read from the outbox per pass. */
const BATCH = 20;
const HOUR_MS = 3_600_000;
/** Sent and given-up rows are forgotten after this. */
const KEEP_SENT_MS = 7 * 24 * HOUR_MS;

/**
 * Sends the outbox's e-mails (table `mail_outbox`), off the request path: a command only ever writes a row (in
 * the notifications' transaction). Every node runs one sender; a row is taken by a conditional update
 * (`MailOutbox.claim`), so it is sent by one node once, and a node that died mid-send leaves a claim that
 * lapses after `claimMs`, when the row is taken again. A failed send is tried again later, the wait doubling
 * each time; the SMTP server's answer is kept in `last_error`. The message id is the notification's, so a
 * message sent twice after such a lapse reads as one in the recipient's client.
 */
export class MailSender {
  private readonly transport: MailTransport;
  private readonly loop = new PassLoop(() => this.pass());

  constructor(
    private readonly ctx: AppContext,
    private readonly options: MailSenderOptions,
    transport?: MailTransport,
  ) {
    this.transport =
      transport ??
      (nodemailer.createTransport({
        url: options.url,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }) as MailTransport);
  }

  /** Reads the outbox now (after this pass, if one is under way), then every `pollMs`. */
  kick(): void {
    this.loop.request();
  }

  /** Stops reading the outbox; a message being sent finishes. */
  async stop(): Promise<void> {
    await this.loop.stop();
    this.transport.close();
  }

  /** Sends what is due; returns the wait before the outbox is read again. */
  private async pass(): Promise<number> {
    try {
      const { mailOutbox } = this.ctx.store;
      for (const id of await mailOutbox.due(new Date().toISOString(), BATCH)) {
        if (this.loop.stopped) break;
        await this.sendOne(id);
      }
      await mailOutbox.purge(new Date(Date.now() - KEEP_SENT_MS).toISOString());
    } catch (error) {
      this.ctx.log.error('mail: reading the outbox failed', error);
    }
    return this.options.pollMs ?? 10_000;
  }

  private async sendOne(notificationId: string): Promise<void> {
    const { mailOutbox } = this.ctx.store;
    const at = Date.now();
    const row = await mailOutbox.claim(
      notificationId,
      new Date(at).toISOString(),
      new Date(at + (this.options.claimMs ?? 120_000)).toISOString(),
    );
    if (!row) return; // another node (or pass) has it, or it went meanwhile
    if (!row.email || row.email_notifications !== 1) {
      await mailOutbox.failed(notificationId, 'the person has no address or turned e-mail off', null);
      return;
    }
    try {
      await this.transport.sendMail(await this.message(row, row.email));
      await mailOutbox.sent(notificationId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = row.attempts >= (this.options.maxAttempts ?? 8) ? null : this.retryAt(row.attempts);
      await mailOutbox.failed(notificationId, message, retryAt);
      this.ctx.log.info(`mail ${notificationId}: try ${row.attempts} failed (${message})`);
    }
  }

  private retryAt(attempts: number): string {
    const wait = Math.min((this.options.retryMs ?? 30_000) * 2 ** (attempts - 1), HOUR_MS);
    return new Date(Date.now() + wait).toISOString();
  }

  private async message(row: MailRow, to: string): Promise<Parameters<MailTransport['sendMail']>[0]> {
    const kind = row.kind as NotificationKind;
    const params = JSON.parse(row.params) as Record<string, string>;
    const doc = await this.ctx.store.documents.get(row.document_id);
    const path = notificationPath({ kind, documentId: row.document_id, params }, row.role as Role);
    const language = mailLanguage(row.language);
    const mail = writeMail({ kind, params, documentTitle: doc?.title ?? row.document_id }, language, this.link(path));
    return { from: this.options.from, to, ...mail, messageId: `<${row.notification_id}@accord.notifications>` };
  }

  private link(path: string): string {
    return `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
  }
}
