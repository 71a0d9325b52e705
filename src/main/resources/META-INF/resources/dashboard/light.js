import { LitElement } from 'lit';

/** A Lit element that renders into the page itself (no shadow DOM), so one style sheet applies and tests find elements. */
export class Light extends LitElement {
  createRenderRoot() {
    return this;
  }
}
