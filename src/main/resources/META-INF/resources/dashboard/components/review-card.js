import { html, nothing } from 'lit';
import { Light } from '../light.js';
import * as ops from '../operations.js';
import { describeError, describeUserError } from '../errors.js';
import { SUB_SCORES } from '../sub-scores.js';
import { t, day } from '../i18n.js';

const EXCLUSION_REASONS = ['CARRIER', 'PLATFORM', 'PRODUCT_NOT_SELLER', 'ABUSIVE', 'FRAUD', 'OTHER'];

/** One review with everything the partner can do with it. */
export class ReviewCard extends Light {
  static properties = {
    review: { attribute: false },
    api: { attribute: false },
    fresh: { type: Boolean },
    showEarlier: { state: true },
    editing: { state: true },
    draft: { state: true },
    busy: { state: true },
    errors: { state: true },
    notice: { state: true },
  };

  constructor() {
    super();
    this.showEarlier = false;
    this.editing = null; // 'reply' | 'email' | 'exclusion'
    this.busy = false;
    this.errors = [];
    this.notice = '';
  }

  /** Runs one mutation; true when it changed something. The payload's review replaces this one. */
  async mutate(document, field, input) {
    this.busy = true;
    this.errors = [];
    this.notice = '';
    try {
      const { data, errors } = await this.api.request(document, { input }, { mutation: true });
      const payload = data[field];
      if (payload.userErrors.length) {
        this.errors = payload.userErrors.map(describeUserError);
        return false;
      }
      if (errors.length) this.errors = errors.map(describeError);
      if (payload.review) this.dispatchEvent(new CustomEvent('review-updated', { bubbles: true, detail: payload.review }));
      return true;
    } catch (error) {
      this.errors = [describeError(error)];
      if (error.code === 'UNAUTHENTICATED') this.dispatchEvent(new CustomEvent('signed-out', { bubbles: true, detail: error }));
      if (error.code === 'OUTCOME_UNKNOWN') this.dispatchEvent(new CustomEvent('review-stale', { bubbles: true, detail: this.review.id }));
      return false;
    } finally {
      this.busy = false;
    }
  }

  async submitReply(event) {
    event.preventDefault();
    const text = new FormData(event.target).get('text').toString();
    if (await this.mutate(ops.REPLY, 'reply', { reviewId: this.review.id, text })) {
      this.closeEditor();
      this.notice = t.saved;
    }
  }

  async deleteReply() {
    if (!confirm(t.confirmDeleteReply)) return;
    if (await this.mutate(ops.DELETE_REPLY, 'deleteReply', { reviewId: this.review.id })) this.focusAction('reply');
  }

  /** Closes the open form and puts the focus back on the button that opened it (a keyboard user stays where they were). */
  closeEditor() {
    const was = this.editing;
    this.editing = null;
    this.focusAction(was);
  }

  focusAction(what) {
    // After the review-updated round trip, the card may render once more: wait for both.
    this.updateComplete.then(() => requestAnimationFrame(() => this.querySelector(`.actions button[data-action=${what}]`)?.focus()));
  }

  async submitEmail(event) {
    event.preventDefault();
    const message = new FormData(event.target).get('message').toString();
    if (await this.mutate(ops.EMAIL_CUSTOMER, 'emailCustomer', { reviewId: this.review.id, message })) {
      this.closeEditor();
      this.notice = t.sent;
    }
  }

  async requestReReview() {
    await this.mutate(ops.REQUEST_RE_REVIEW, 'requestReReview', { reviewId: this.review.id });
  }

  async submitExclusion(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    if (await this.mutate(ops.REQUEST_EXCLUSION, 'requestExclusion',
      { reviewId: this.review.id, reason: form.get('reason').toString(), text: form.get('text').toString() })) {
      this.closeEditor();
      this.notice = t.sent;
    }
  }

  edit(what) {
    this.editing = this.editing === what ? null : what;
    // What the partner types is kept apart from the review, which live updates may replace.
    this.draft = this.editing === 'reply' && this.review.reply ? this.review.reply.text : '';
    this.errors = [];
    this.notice = '';
    if (this.editing) this.updateComplete.then(() => this.querySelector('form.editor textarea, form.editor select')?.focus());
  }

  /** Submit and cancel of the card's open form. */
  editorButtons(label) {
    return html`
      <div class="buttons">
        <button type="submit" ?disabled=${this.busy}>${label}</button>
        <button type="button" class="secondary" @click=${() => this.closeEditor()}>${t.cancel}</button>
      </div>`;
  }

  /** The review as the customer first gave it: overall, sub-scores, + and −. */
  original(r, overallLabel) {
    return html`
      <ul class="scores">
        <li><span class="mark">${r.originalOverall}</span> ${overallLabel}</li>
        ${SUB_SCORES.filter((k) => r.subScores[k] != null).map((k) => html`<li><span class="mark small">${r.subScores[k]}</span> ${t[k]}</li>`)}
      </ul>
      ${r.pros ? html`<p class="pros"><span class="sign" aria-hidden="true">+</span><span class="visually-hidden">${t.pros}:</span> ${r.pros}</p>` : nothing}
      ${r.cons ? html`<p class="cons"><span class="sign" aria-hidden="true">−</span><span class="visually-hidden">${t.cons}:</span> ${r.cons}</p>` : nothing}`;
  }

  revised(r) {
    const latest = r.revisions[r.revisions.length - 1];
    const earlierId = `earlier-${r.id}`;
    return html`
      <div class="revision">
        <p><span class="mark ${r.classification.toLowerCase()}">${latest.overall}</span> <strong>${t.changedOn(day(latest.createdAt))}</strong></p>
        ${latest.comment ? html`<p class="comment">${latest.comment}</p>` : nothing}
      </div>
      <button type="button" class="link" aria-expanded="${this.showEarlier}" aria-controls="${earlierId}"
        @click=${() => { this.showEarlier = !this.showEarlier; }}>${this.showEarlier ? t.hideEarlier : t.showEarlier}</button>
      <div id="${earlierId}" class="earlier" ?hidden=${!this.showEarlier}>
        ${r.revisions.slice(0, -1).reverse().map((v) => html`
          <p><span class="mark">${v.overall}</span> ${t.changedOn(day(v.createdAt))}${v.comment ? html` — ${v.comment}` : nothing}</p>`)}
        <p class="meta">${day(r.createdAt)} · ${r.authorName}</p>
        ${this.original(r, t.earlierOverall)}
      </div>`;
  }

  replySection(r) {
    if (this.editing === 'reply') {
      return html`
        <form class="editor" @submit=${this.submitReply}>
          <label for="reply-${r.id}">${t.replyLabel}</label>
          <textarea id="reply-${r.id}" name="text" rows="4" maxlength="2000" required .value=${this.draft}
            @input=${(e) => { this.draft = e.target.value; }}></textarea>
          ${this.editorButtons(t.save)}
        </form>`;
    }
    if (!r.reply) return nothing;
    return html`
      <section class="reply" aria-label="${t.yourReply}">
        <h4>${t.yourReply}</h4>
        <p class="reply-text">${r.reply.text}</p>
        <p class="meta">${day(r.reply.createdAt)} · <span data-testid="reply-after">${t.replyAfter(t.duration((Date.parse(r.reply.createdAt) - Date.parse(r.createdAt)) / 1000))}</span>${r.reply.updatedAt !== r.reply.createdAt ? html` · ${t.replyEdited(day(r.reply.updatedAt))}` : nothing}</p>
      </section>`;
  }

  reReviewSection(r) {
    const rr = r.sellerView.reReview;
    if (!rr) return nothing;
    switch (rr.status) {
      case 'SENT':
        return html`<p class="re-review sent" data-testid="re-review">${t.reReviewSent(day(rr.requestedAt))}. ${t.reReviewValidUntil(day(rr.expiresAt))}</p>`;
      case 'COMPLETED':
        return html`<p class="re-review" data-testid="re-review">${t.reReviewCompleted(day(rr.completedAt))}</p>`;
      case 'EXPIRED':
        return html`<p class="re-review" data-testid="re-review">${t.reReviewExpired(day(rr.expiresAt))}</p>`;
      default: {
        if (rr.eligible) {
          return html`<button type="button" data-testid="re-review" ?disabled=${this.busy} @click=${this.requestReReview}>${t.reReview}</button>`;
        }
        const reason = rr.ineligibleReason === 'POSITIVE' ? t.POSITIVE_REASON : t[rr.ineligibleReason];
        // Shown, not hidden: the partner learns why and what to do first.
        return html`<span class="re-review-blocked">
            <button type="button" data-testid="re-review" aria-disabled="true" aria-describedby="why-${r.id}" class="blocked">${t.reReview}</button>
            <span id="why-${r.id}" class="why">${reason}</span></span>`;
      }
    }
  }

  exclusionSection(r) {
    const list = r.sellerView.exclusions;
    return html`
      ${list.length ? html`
        <section class="exclusions" aria-label="${t.exclusionsTitle}">
          <h4>${t.exclusionsTitle}</h4>
          <ul>${list.map((e) => html`
            <li data-testid="exclusion"><strong>${t[e.reason]}</strong>: ${e.text}<br>
              <span class="state">${e.decision === 'APPROVED' ? t.exclusionApproved(day(e.decidedAt))
                : e.decision === 'REJECTED' ? t.exclusionRejected(day(e.decidedAt)) : t.exclusionOpen(day(e.requestedAt))}</span>
              ${e.decisionNote ? html`<br><span class="note">${e.decisionNote}</span>` : nothing}</li>`)}
          </ul>
        </section>` : nothing}
      ${this.editing === 'exclusion' ? html`
        <form class="editor" @submit=${this.submitExclusion}>
          <label for="reason-${r.id}">${t.exclusionReason}</label>
          <select id="reason-${r.id}" name="reason">${EXCLUSION_REASONS.map((reason) => html`<option value="${reason}">${t[reason]}</option>`)}</select>
          <label for="why-text-${r.id}">${t.exclusionText}</label>
          <textarea id="why-text-${r.id}" name="text" rows="3" maxlength="2000" required></textarea>
          ${this.editorButtons(t.send)}
        </form>` : nothing}`;
  }

  emailSection(r) {
    const contacts = r.sellerView.customerContacts;
    return html`
      ${contacts && contacts.totalCount ? html`
        <details class="contacts">
          <summary>${t.sentMessages(contacts.totalCount)}</summary>
          <ul>${contacts.nodes.map((c) => html`<li><span class="meta">${day(c.createdAt)}</span> ${c.message}</li>`)}</ul>
        </details>` : nothing}
      ${this.editing === 'email' ? html`
        <form class="editor" @submit=${this.submitEmail}>
          <label for="email-${r.id}">${t.emailLabel}</label>
          <textarea id="email-${r.id}" name="message" rows="4" maxlength="2000" required></textarea>
          ${this.editorButtons(t.send)}
        </form>` : nothing}`;
  }

  render() {
    const r = this.review;
    const titleId = `title-${r.id}`;
    return html`
      <article class="review ${r.excluded ? 'excluded' : ''}" data-review-id="${r.id}" aria-labelledby="${titleId}">
        <header>
          <h3 id="${titleId}">${r.authorName}</h3>
          <p class="meta">${day(r.createdAt)}${r.sellerView.orderNumber ? html` | ${r.sellerView.orderNumber}` : nothing}</p>
          <p class="badges">
            <span class="badge ${r.classification.toLowerCase()}">${t[r.classification]}</span>
            ${this.fresh ? html`<span class="badge new">${t.newBadge}</span>` : nothing}
            ${r.excluded ? html`<span class="badge excluded">${t.excluded}</span>` : nothing}
          </p>
        </header>
        ${r.revisions && r.revisions.length ? this.revised(r) : this.original(r, t.overall)}
        ${this.replySection(r)}
        ${this.emailSection(r)}
        ${this.exclusionSection(r)}
        <div class="actions">
          ${this.editing === 'reply' ? nothing : r.reply
            ? html`<button type="button" data-action="reply" @click=${() => this.edit('reply')}>${t.editReply}</button>
                   <button type="button" class="secondary" ?disabled=${this.busy} @click=${this.deleteReply}>${t.deleteReply}</button>`
            : html`<button type="button" data-action="reply" @click=${() => this.edit('reply')}>${t.reply}</button>`}
          ${this.editing === 'email' ? nothing : html`<button type="button" data-action="email" @click=${() => this.edit('email')}>${t.emailCustomer}</button>`}
          ${this.reReviewSection(r)}
          ${this.editing === 'exclusion' || r.excluded ? nothing
            : html`<button type="button" class="secondary" data-action="exclusion" @click=${() => this.edit('exclusion')}>${t.requestExclusion}</button>`}
        </div>
        <div class="feedback" role="status" aria-live="polite">${this.notice}</div>
        ${this.errors.length ? html`<div class="error" role="alert">${this.errors.map((e) => html`<p>${e}</p>`)}</div>` : nothing}
      </article>`;
  }
}

customElements.define('review-card', ReviewCard);
