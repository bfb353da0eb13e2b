/**
 * What a person picked or wrote in a screen's fields and has not sent, by field id: kept across the rebuilds
 * that live events cause, given back when a field with the same id is built again, dropped once sent.
 */
export class Drafts {
  private readonly values = new Map<string, string>();

  get(id: string): string | undefined {
    return this.values.get(id);
  }

  set(id: string, value: string): void {
    this.values.set(id, value);
  }

  delete(id: string): void {
    this.values.delete(id);
  }

  /** Gives a field its unsent value back and keeps what is typed or picked in it from now on. Returns `el`. */
  field<E extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(el: E): E {
    const kept = this.values.get(el.id);
    if (kept !== undefined) el.value = kept;
    el.addEventListener(el instanceof HTMLSelectElement ? 'change' : 'input', () => this.values.set(el.id, el.value));
    return el;
  }
}
