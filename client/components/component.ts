/**
 * The shape of the client's components: a function (or class) takes its inputs and returns its element, with
 * `update` to draw it again from new inputs (its own state, such as a half-written field, survives) and
 * `destroy` to release what it subscribed to. A screen is a composition of them; they talk through their
 * inputs and callbacks, never by querying each other's DOM.
 */
export interface Component<Props = void> {
  el: HTMLElement;
  update(props: Props): void;
  destroy?(): void;
}
