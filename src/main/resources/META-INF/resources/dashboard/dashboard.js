// The partner's review dashboard (seed 004: "Alles wat je wilt weten over klantbeoordelingen"),
// on the service's own GraphQL API: a reference client for frontend teams. Lit components that
// render into the page itself (no shadow DOM), so one style sheet applies and tests find elements.
import { LitElement, html, svg, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { createApi } from './api.js';
import * as ops from './operations.js';
import { t, lang, day, monthShort, monthLong, score, decimal } from './i18n.js';

const PAGE_SIZE = 10;
const SUB_SCORES = ['deliveryTime', 'productInformation', 'delivery', 'contact'];
const SUB_SCORE_CATEGORIES = { deliveryTime: 'DELIVERY_TIME', productInformation: 'PRODUCT_INFORMATION', delivery: 'DELIVERY', contact: 'CONTACT' };
const EXCLUSION_REASONS = ['CARRIER', 'PLATFORM', 'PRODUCT_NOT_SELLER', 'ABUSIVE', 'FRAUD', 'OTHER'];
const TOKEN_KEY = 'partner-reviews.token';

/** Words for an API failure (an ApiError, or a GraphQL error of a response with data). */
export function describeError(error) {
  const code = error.code || (error.extensions && error.extensions.code) || 'INTERNAL_SERVER_ERROR';
  const words = t.errors[code];
  if (code === 'BAD_USER_INPUT') return `${words}: ${error.message}`;
  return typeof words === 'string' ? words : t.errors.other(code);
}

/** Words for a mutation's userError. */
function describeUserError(error) {
  const words = t.userErrors[error.code];
  return error.code === 'INVALID' || !words ? `${words || t.userErrors.INVALID}: ${error.message}` : words;
}

/** 00:00 of a calendar day ("2022-04-15") in Amsterdam, as an ISO instant. */
function amsterdamMidnight(date) {
  const [y, m, d] = date.split('-').map(Number);
  const utc = Date.UTC(y, m - 1, d);
  // At 00:00 UTC Amsterdam is at 01:00 or 02:00 (DST changes happen later in the night).
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' }).format(new Date(utc)));
  return new Date(utc - hour * 3600000).toISOString();
}

function nextDay(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

class Light extends LitElement {
  createRenderRoot() {
    return this;
  }
}

/** The score circle, the sentence of the seed, percentages, counts and the sub-score averages. */
class ScorePanel extends Light {
  static properties = { score: { attribute: false } };

  render() {
    const s = this.score;
    if (!s) return nothing;
    const sentence = s.fewerThanFiveReviews ? t.fewerThanFive(s.positivePercentage) : t.received(s.reviewCount, s.positivePercentage ?? 0);
    return html`
      <section class="score" aria-labelledby="score-title">
        <div class="circle ${s.meetsStandard === false ? 'below' : ''}" role="img" aria-label="${t.overallLabel}: ${score(s.overall)}">
          <span class="value" data-testid="overall">${s.overall == null ? '–' : score(s.overall)}</span>
        </div>
        <div class="score-text">
          <h2 id="score-title">${t.overallLabel}</h2>
          <p class="sentence" data-testid="sentence">${sentence}</p>
          <p class="method">${s.method === 'LAST_3_MONTHS' ? t.methodLast3 : t.methodAll}</p>
          <p>${t.counts(s.positiveCount, s.neutralCount, s.negativeCount)}</p>
          ${s.approvalPercentage == null ? nothing : html`<p data-testid="approval">${t.approval(s.approvalPercentage)}</p>`}
          ${s.meetsStandard == null ? nothing
            : html`<p class="standard ${s.meetsStandard ? 'ok' : 'below'}">${s.meetsStandard ? t.meetsStandard(decimal(s.standardAverage)) : t.belowStandard(decimal(s.standardAverage))}</p>`}
          ${s.replies ? html`<p class="replies" data-testid="replies">${s.replies.replyPercentage == null ? t.replyNone
            : t.replyRate(s.replies.replyPercentage, s.replies.negativeReplyPercentage)}
            ${s.replies.medianReplySeconds == null ? nothing : t.replySpeed(t.duration(s.replies.medianReplySeconds))}</p>` : nothing}
        </div>
        <div class="sub-scores">
          <h3>${t.subScoresTitle}</h3>
          <dl>
            ${SUB_SCORES.map((key) => html`
              <div>
                <dt>${t[key]}</dt>
                <dd><strong>${score(s.subScores[key].average)}</strong> <span class="count">(${t.subScoreCount(s.subScores[key].count)})</span></dd>
              </div>`)}
          </dl>
        </div>
      </section>`;
  }
}

/** The 12 monthly averages as bars, with the top-performance and standard lines; a table for screen readers. */
class MonthlyChart extends Light {
  // The thresholds come from the API (PartnerScore.topPerformanceAverage, .standardAverage), so
  // the lines move with the service's settings.
  static properties = { months: { attribute: false }, top: { attribute: false }, standard: { attribute: false } };

  render() {
    const months = this.months || [];
    if (!months.length) return nothing;
    const width = 360, height = 170, left = 24, right = 92, top = 10, bottom = 24;
    const plot = height - top - bottom;
    const y = (v) => top + ((10 - v) / 9) * plot; // 1 at the bottom, 10 at the top
    const step = (width - left - right) / months.length;
    const line = (value, label, cls) => svg`
      <line class="${cls}" x1="${left}" x2="${width - right}" y1="${y(value)}" y2="${y(value)}"></line>
      <text class="line-label ${cls}" x="${width - right + 4}" y="${y(value) + 4}">${label}</text>`;
    return html`
      <figure class="monthly">
        <figcaption><h3>${t.monthlyTitle}</h3></figcaption>
        <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${t.monthlyTitle}" preserveAspectRatio="xMidYMid meet">
          ${[1, 5, 10].map((v) => svg`<text class="axis" x="${left - 4}" y="${y(v) + 4}" text-anchor="end">${v}</text>`)}
          ${months.map((m, i) => {
            const x = left + i * step + step * 0.15;
            return svg`
              ${m.average == null ? nothing
                : svg`<rect class="bar ${m.topPerformance ? 'top' : ''}" x="${x}" width="${step * 0.7}" y="${y(m.average)}" height="${y(1) - y(m.average)}">
                        <title>${monthLong(m.month)}: ${score(m.average)} (${m.reviewCount})</title></rect>`}
              <text class="axis" x="${x + step * 0.35}" y="${height - 8}" text-anchor="middle">${monthShort(m.month)}</text>`;
          })}
          ${line(this.top, t.topLine(decimal(this.top)), 'top-line')}
          ${line(this.standard, t.standardLine(decimal(this.standard)), 'standard-line')}
        </svg>
        <div class="visually-hidden"><table>
          <thead><tr><th>${t.monthTableMonth}</th><th>${t.monthTableAverage}</th><th>${t.monthTableCount}</th><th>${t.monthTableTop}</th></tr></thead>
          <tbody>${months.map((m) => html`<tr><td>${monthLong(m.month)}</td><td>${score(m.average)}</td><td>${m.reviewCount}</td><td>${m.topPerformance ? t.yes : t.no}</td></tr>`)}</tbody>
        </table></div>
      </figure>`;
  }
}

/** What the reviews talk about: a bar per topic with the platform's share as a mark; a click filters the list. */
class TopicList extends Light {
  static properties = { topics: { attribute: false } };

  choose(topic) {
    this.dispatchEvent(new CustomEvent('topic-choose', { bubbles: true, detail: { topic } }));
  }

  render() {
    const shares = this.topics;
    if (!shares) return nothing;
    const name = (key) => t.topicNames[key] || key;
    return html`
      <section class="topics" aria-labelledby="topics-title">
        <h2 id="topics-title">${t.topicsTitle}</h2>
        <p class="count">${t.topicsIntro}</p>
        <ul>
          ${shares.topics.map((s) => html`
            <li>
              <button type="button" class="topic" data-topic="${s.topic}" @click=${() => this.choose(s.topic)}
                aria-label="${t.topicShare(name(s.topic), s.mentionPercentage, s.platformPercentage)}">
                <span class="topic-name">${name(s.topic)}</span>
                <span class="topic-bar" aria-hidden="true"><span class="mine" style="width: ${s.mentionPercentage ?? 0}%"></span>
                  ${s.platformPercentage == null ? nothing : html`<span class="platform" style="left: ${s.platformPercentage}%"></span>`}</span>
                <span class="topic-value" aria-hidden="true">${s.mentionPercentage ?? 0}%</span>
              </button>
            </li>`)}
        </ul>
      </section>`;
  }
}

/** "Melding bij negatieve beoordeling": the partner's mail on a negative review. */
class AlertSetting extends Light {
  static properties = { alert: { attribute: false }, partnerId: { attribute: false }, api: { attribute: false },
    message: { state: true }, saving: { state: true } };

  async save(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const input = { partnerId: this.partnerId, frequency: form.get('frequency'), digestHour: Number(form.get('digestHour')), language: lang };
    if (form.get('email')) input.email = form.get('email').toString();
    this.saving = true;
    try {
      const { data, errors } = await this.api.request(ops.SET_ALERT, { input });
      const userErrors = data && data.setNegativeReviewAlert ? data.setNegativeReviewAlert.userErrors : [];
      this.message = errors.length ? describeError(errors[0]) : userErrors.length ? userErrors[0].message : t.alertSaved;
      if (!errors.length && !userErrors.length) this.alert = data.setNegativeReviewAlert.alert;
    } catch (error) {
      this.message = describeError(error);
    } finally {
      this.saving = false;
    }
  }

  render() {
    const a = this.alert || { frequency: 'OFF', email: '', digestHour: 8 };
    return html`
      <form class="alert-setting" @submit=${this.save} aria-labelledby="alert-title">
        <h2 id="alert-title">${t.alertTitle}</h2>
        <div class="fields">
          <div><label for="a-frequency">${t.alertFrequency}</label>
            <select id="a-frequency" name="frequency">${['OFF', 'IMMEDIATE', 'DAILY_DIGEST'].map((f) => html`
              <option value="${f}" ?selected=${a.frequency === f}>${t['alert' + f]}</option>`)}</select></div>
          <div><label for="a-email">${t.alertEmail}</label><input id="a-email" name="email" type="email" autocomplete="email" .value=${a.email}></div>
          <div><label for="a-hour">${t.alertHour}</label>
            <select id="a-hour" name="digestHour">${[...Array(24).keys()].map((h) => html`
              <option value="${h}" ?selected=${a.digestHour === h}>${String(h).padStart(2, '0')}:00</option>`)}</select></div>
        </div>
        <div class="buttons"><button type="submit" ?disabled=${this.saving}>${t.alertSave}</button></div>
        <p role="status" data-testid="alert-message">${this.message || ''}</p>
      </form>`;
  }
}

/** "Filter beoordelingen": every field of ReviewFilter, and the order. */
class ReviewFilterForm extends Light {
  static properties = { topics: { attribute: false } };

  /** A topic chosen elsewhere (the topic list): set it here and apply the form, so the other fields keep. */
  chooseTopic(topic) {
    const form = this.querySelector('form');
    form.elements.topic.value = topic;
    form.requestSubmit();
  }

  submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const value = (name) => (form.get(name) || '').toString().trim();
    const filter = {};
    if (value('classification')) filter.classification = value('classification');
    if (value('overallMin')) filter.overallMin = Number(value('overallMin'));
    if (value('overallMax')) filter.overallMax = Number(value('overallMax'));
    if (value('replied')) filter.replied = value('replied') === 'true';
    if (value('revised')) filter.revised = value('revised') === 'true';
    if (value('createdFrom')) filter.createdFrom = amsterdamMidnight(value('createdFrom'));
    if (value('createdUntil')) filter.createdBefore = amsterdamMidnight(nextDay(value('createdUntil')));
    if (value('text')) filter.text = value('text');
    if (value('topic')) filter.topic = value('topic');
    if (value('subScoreValue')) {
      filter.subScoreAtMost = { value: Number(value('subScoreValue')) };
      if (value('subScoreCategory')) filter.subScoreAtMost.category = value('subScoreCategory');
    }
    this.dispatchEvent(new CustomEvent('filter-change', { bubbles: true, detail: { filter, orderBy: value('orderBy') || 'NEWEST' } }));
  }

  clear(event) {
    event.target.form.reset();
    this.dispatchEvent(new CustomEvent('filter-change', { bubbles: true, detail: { filter: {}, orderBy: 'NEWEST' } }));
  }

  render() {
    const select = (name, label, options) => html`
      <label for="f-${name}">${label}</label>
      <select id="f-${name}" name="${name}">${options.map(([v, text]) => html`<option value="${v}">${text}</option>`)}</select>`;
    return html`
      <form class="filter" @submit=${this.submit} aria-labelledby="filter-title">
        <h2 id="filter-title">${t.filterTitle}</h2>
        <div class="fields">
          <div>${select('classification', t.classification, [['', t.all], ['POSITIVE', t.POSITIVE], ['NEUTRAL', t.NEUTRAL], ['NEGATIVE', t.NEGATIVE]])}</div>
          <div><label for="f-overallMin">${t.overallMin}</label><input id="f-overallMin" name="overallMin" type="number" min="1" max="10" inputmode="numeric"></div>
          <div><label for="f-overallMax">${t.overallMax}</label><input id="f-overallMax" name="overallMax" type="number" min="1" max="10" inputmode="numeric"></div>
          <div>${select('replied', t.replied, [['', t.all], ['true', t.repliedYes], ['false', t.repliedNo]])}</div>
          <div>${select('revised', t.revised, [['', t.all], ['true', t.revisedYes], ['false', t.revisedNo]])}</div>
          <div><label for="f-createdFrom">${t.createdFrom}</label><input id="f-createdFrom" name="createdFrom" type="date"></div>
          <div><label for="f-createdUntil">${t.createdUntil}</label><input id="f-createdUntil" name="createdUntil" type="date"></div>
          <div>${select('subScoreCategory', t.subScoreAtMost, [['', t.anySubScore], ...SUB_SCORES.map((k) => [SUB_SCORE_CATEGORIES[k], t[k]])])}
            <label for="f-subScoreValue" class="visually-hidden">${t.subScoreValue}</label>
            <input id="f-subScoreValue" name="subScoreValue" type="number" min="1" max="10" inputmode="numeric"></div>
          <div class="wide"><label for="f-text">${t.searchText}</label><input id="f-text" name="text" type="search" maxlength="200"></div>
          <div>${select('topic', t.topic, [['', t.anyTopic], ...(this.topics || []).map((k) => [k, t.topicNames[k] || k])])}</div>
          <div>${select('orderBy', t.orderBy, ['NEWEST', 'OLDEST', 'HIGHEST_OVERALL', 'LOWEST_OVERALL'].map((o) => [o, t[o]]))}</div>
        </div>
        <div class="buttons">
          <button type="submit">${t.apply}</button>
          <button type="button" class="secondary" @click=${this.clear}>${t.clear}</button>
        </div>
      </form>`;
  }
}

/** One review with everything the partner can do with it. */
class ReviewCard extends Light {
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
        <p class="meta">${day(r.reply.createdAt)}${r.reply.updatedAt !== r.reply.createdAt ? html` · ${t.replyEdited(day(r.reply.updatedAt))}` : nothing}</p>
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

/** The page: sign-in, then the partner's score, chart, filter and reviews, kept live. */
class ReviewDashboard extends Light {
  static properties = {
    token: { state: true },
    partner: { state: true },
    reviews: { state: true },
    totalCount: { state: true },
    pageInfo: { state: true },
    loading: { state: true },
    errors: { state: true },
    signInMessage: { state: true },
    live: { state: true },
    waiting: { state: true },
    devPartners: { state: true },
    linked: { state: true },
  };

  constructor() {
    super();
    this.devPartners = [];
    this.session = 0;
    this.reset();
  }

  /** Everything of one sign-in; a later answer for an earlier sign-in is dropped (see current()). */
  reset() {
    if (this.events) this.events.stop();
    this.events = null;
    clearTimeout(this.scoreTimer);
    clearTimeout(this.followTimer);
    this.session += 1;
    this.listSeq = 0;
    this.scoreSeq = 0;
    this.followRetries = 0;
    this.eventChain = Promise.resolve();
    this.listLoad = Promise.resolve(true);
    this.partner = null;
    this.linked = null;
    this.reviews = [];
    this.fresh = new Set();
    this.filter = {};
    this.orderBy = 'NEWEST';
    this.totalCount = null;
    this.pageInfo = null;
    this.waiting = false;
    this.live = '';
    // One slot per source, so that one success does not hide another's failure.
    this.errors = { list: '', score: '', live: '' };
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.started) return;
    this.started = true;
    this.querySelector('.boot')?.remove(); // the "loading" text of index.html
    document.documentElement.lang = lang;
    document.title = t.title;
    const skip = document.querySelector('.skip-link');
    if (skip) skip.textContent = t.skipToReviews;
    this.addEventListener('topic-choose', (e) => this.querySelector('review-filter-form').chooseTopic(e.detail.topic));
    this.addEventListener('filter-change', (e) => {
      this.filter = e.detail.filter;
      this.orderBy = e.detail.orderBy;
      this.loadReviews();
    });
    this.addEventListener('review-updated', (e) => this.replace(e.detail));
    this.addEventListener('review-stale', (e) => this.refresh(e.detail));
    this.addEventListener('signed-out', (e) => this.signOut(describeError(e.detail)));
    // A token handed over later (the platform opening the page again) signs in only when nobody
    // is signed in: a link must not switch the partner's account without asking.
    window.addEventListener('hashchange', () => !this.token && this.takeHandedToken() && this.start(sessionStorage.getItem(TOKEN_KEY)));
    this.takeHandedToken();
    this.start(sessionStorage.getItem(TOKEN_KEY));
  }

  /** The platform hands the token over in the fragment, which browsers never send to a server: #access_token=… */
  takeHandedToken() {
    const fragment = new URLSearchParams(location.hash.slice(1));
    const handed = fragment.get('access_token') || fragment.get('token');
    if (!handed) return false;
    sessionStorage.setItem(TOKEN_KEY, handed);
    history.replaceState(null, '', location.pathname + location.search);
    return true;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    if (this.events) this.events.stop();
  }

  start(token) {
    this.reset();
    if (!token) {
      this.token = null;
      this.loadDevPartners();
      return;
    }
    this.token = token;
    this.api = createApi(token);
    this.whoAmI(this.session);
  }

  /** Whose dashboard this is: the API's viewer (the page never reads its token itself). */
  async whoAmI(session) {
    let viewer;
    try {
      ({ data: { viewer } } = await this.api.request(ops.VIEWER));
    } catch (error) {
      if (session !== this.session) return;
      if (error.code === 'UNAUTHENTICATED') this.signOut(describeError(error));
      else this.setError('score', describeError(error));
      return;
    }
    if (session !== this.session) return;
    if (!viewer || !viewer.partner) {
      this.signOut(t.notAPartner);
      return;
    }
    this.partnerId = viewer.partner.id;
    // Subscribe first, then read: an event between the two is then applied, not lost (cards are
    // matched by id, so one already read is harmless).
    this.follow(null);
    this.loadAll();
  }

  signIn(token) {
    sessionStorage.setItem(TOKEN_KEY, token.trim());
    this.signInMessage = '';
    this.start(token.trim());
  }

  signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    this.reset();
    this.token = null;
    this.signInMessage = message || '';
    this.loadDevPartners();
  }

  /** Only where the service was built with the dev sign-in (dev mode); 404 in production. */
  async loadDevPartners() {
    try {
      const response = await fetch('/dashboard/dev-sign-in');
      this.devPartners = response.ok ? await response.json() : [];
    } catch (e) {
      this.devPartners = [];
    }
  }

  loadAll() {
    return Promise.all([this.loadScore(), this.loadReviews(), this.loadLinked()]);
  }

  /** The review an alert mail links to (?review=<id>), shown above the list whatever the filter. */
  async loadLinked() {
    const id = new URLSearchParams(location.search).get('review');
    if (!id) return;
    const session = this.session;
    try {
      const { data } = await this.api.request(ops.REVIEW, { id });
      if (session === this.session && data && data.review) this.linked = data.review;
    } catch (e) {
      // The list still shows; the link was only a shortcut.
    }
  }

  /** Whether an answer still belongs to what the page shows: the same sign-in, the latest request. */
  current(session, seq, latest) {
    return session === this.session && seq === latest;
  }

  async loadScore() {
    const session = this.session;
    const seq = ++this.scoreSeq;
    try {
      const { data, errors } = await this.api.request(ops.DASHBOARD, { partnerId: this.partnerId });
      if (!this.current(session, seq, this.scoreSeq)) return;
      this.partner = data.partner || this.partner;
      this.setError('score', !data.partner ? t.errors.NOT_FOUND : errors.length ? describeError(errors[0]) : '');
    } catch (error) {
      if (this.current(session, seq, this.scoreSeq)) this.failed('score', error);
    }
  }

  loadReviews(after) {
    this.listLoad = this.readReviews(after);
    return this.listLoad;
  }

  async readReviews(after) {
    const session = this.session;
    const seq = ++this.listSeq;
    this.loading = true;
    try {
      const { data, errors } = await this.api.request(ops.REVIEWS,
        { partnerId: this.partnerId, first: PAGE_SIZE, after: after || null, filter: this.filter, orderBy: this.orderBy });
      if (!this.current(session, seq, this.listSeq)) return false;
      const connection = data.partner && data.partner.reviews;
      if (!connection) {
        this.setError('list', errors.length ? describeError(errors[0]) : t.errors.NOT_FOUND);
        return false;
      }
      if (!after) {
        this.fresh.clear();
        this.waiting = false;
      }
      const known = new Set(after ? this.reviews.map((r) => r.id) : []);
      this.reviews = after ? [...this.reviews, ...connection.nodes.filter((r) => !known.has(r.id))] : connection.nodes;
      this.totalCount = connection.totalCount;
      this.pageInfo = connection.pageInfo;
      this.setError('list', errors.length ? describeError(errors[0]) : '');
      return true;
    } catch (error) {
      if (this.current(session, seq, this.listSeq)) this.failed('list', error);
      return false;
    } finally {
      if (this.current(session, seq, this.listSeq)) this.loading = false;
    }
  }

  setError(slot, message) {
    this.errors = { ...this.errors, [slot]: message };
  }

  failed(slot, error) {
    if (error.code === 'UNAUTHENTICATED') {
      this.signOut(describeError(error));
    } else {
      this.setError(slot, describeError(error));
    }
  }

  /** Reads everything again: the retry of the error banner. */
  retry() {
    this.errors = { list: '', score: '', live: '' };
    if (!this.events) this.follow(null);
    this.loadAll();
  }

  replace(review) {
    this.reviews = this.reviews.map((r) => (r.id === review.id ? review : r));
    this.scheduleScore();
  }

  /** A review whose last change may or may not have been saved (OUTCOME_UNKNOWN): read it back. */
  async refresh(reviewId) {
    const session = this.session;
    try {
      const { data } = await this.api.request(ops.REVIEW, { id: reviewId });
      if (session === this.session && data.review) this.replace(data.review);
    } catch (error) {
      // the card shows its own error already
    }
  }

  /** Figures change with every review event; many events at once make one reload. */
  scheduleScore() {
    clearTimeout(this.scoreTimer);
    this.scoreTimer = setTimeout(() => this.loadScore(), 300);
  }

  follow(after) {
    if (this.events) this.events.stop();
    const session = this.session;
    const events = this.api.followEvents(ops.REVIEW_EVENTS, this.partnerId, {
      onStatus: (status) => {
        this.live = status;
        if (status === 'live') this.followRetries = 0;
      },
      // Applied one after the other, in the order they came, each after the list being read.
      onEvent: (event) => {
        this.eventChain = this.eventChain.then(() => this.listLoad).then(() => session === this.session && this.onEvent(event));
      },
      onEnded: (code, cursor) => {
        events.stop();
        if (this.events === events) this.events = null;
        this.onEnded(code, cursor);
      },
      onReconnectedWithoutCursor: () => this.loadAll(),
    });
    this.events = events;
    events.subscribe(after);
  }

  async onEvent(event) {
    try {
      const { data } = await this.api.request(ops.REVIEW, { id: event.review.id });
      const review = data.review;
      if (!review) return;
      const filtered = this.orderBy !== 'NEWEST' || Object.keys(this.filter).length > 0;
      if (this.reviews.some((r) => r.id === review.id)) {
        this.replace(review);
        // A new score may take a review out of (or into) a filtered list: offer to read it again.
        if (filtered && event.type === 'REVISION') this.waiting = true;
      } else if (event.type === 'NEW_REVIEW') {
        if (filtered) {
          this.waiting = true; // it may or may not belong in this filtered or ordered list
        } else {
          this.fresh.add(review.id);
          this.reviews = [review, ...this.reviews];
          this.totalCount += 1;
        }
        this.scheduleScore();
      } else {
        this.scheduleScore();
      }
    } catch (error) {
      this.failed('live', error);
    }
  }

  onEnded(code, cursor) {
    if (code === 'UNAUTHENTICATED') {
      this.signOut(t.errors.UNAUTHENTICATED);
    } else if (code === 'FORBIDDEN') {
      this.live = 'offline';
      this.setError('live', describeError({ code }));
    } else {
      // Overflow, an outage, a server error, a lost connection or CURSOR_EXPIRED ended the stream:
      // go on where it ended, after a wait that grows, so that dashboards do not return all at once.
      // Without a cursor to replay from (or with one no longer kept), read everything again.
      const replay = code === 'CURSOR_EXPIRED' ? null : cursor;
      if (code === 'CURSOR_EXPIRED') this.setError('live', t.errors.CURSOR_EXPIRED);
      this.live = 'reconnecting';
      const wait = Math.min(1000 * 2 ** this.followRetries, 15000) * (0.5 + Math.random() / 2);
      this.followRetries += 1;
      const session = this.session;
      clearTimeout(this.followTimer);
      this.followTimer = setTimeout(() => {
        if (session !== this.session) return;
        this.follow(replay);
        if (replay == null) this.loadAll();
      }, wait);
    }
  }

  renderSignIn() {
    return html`
      <main class="sign-in" id="reviews">
        <h1>${t.title}</h1>
        ${this.signInMessage ? html`<p class="error" role="alert">${this.signInMessage}</p>` : nothing}
        ${this.devPartners.length ? html`
          <section aria-labelledby="dev-title">
            <h2 id="dev-title">${t.devPicker}</h2>
            <ul class="dev-partners">${this.devPartners.map((p) => html`
              <li><button type="button" @click=${() => this.signIn(p.token)}>${t.devSignInAs(p.name)}</button></li>`)}</ul>
          </section>` : nothing}
        <form @submit=${(e) => { e.preventDefault(); this.signIn(new FormData(e.target).get('token').toString()); }}>
          <p>${t.signInIntro}</p>
          <label for="token">${t.tokenLabel}</label>
          <textarea id="token" name="token" rows="3" required autocomplete="off" spellcheck="false"></textarea>
          <button type="submit">${t.signIn}</button>
        </form>
      </main>`;
  }

  render() {
    if (this.token === undefined) return nothing;
    if (!this.token) return this.renderSignIn();
    const partner = this.partner;
    const errors = [...new Set(Object.values(this.errors).filter(Boolean))];
    return html`
      <header class="top">
        <h1>${t.title}${partner ? html` <span class="partner-name">— ${partner.name}</span>` : nothing}</h1>
        <p class="live ${this.live}" role="status" aria-live="polite" data-testid="live" data-status="${this.live}">${this.live ? t[this.live] : ''}</p>
        <button type="button" class="secondary" @click=${() => this.signOut()}>${t.signOut}</button>
      </header>
      ${errors.length ? html`<div class="error banner" role="alert" data-testid="error">
          ${errors.map((e) => html`<p>${e}</p>`)}
          <button type="button" class="secondary" @click=${() => this.retry()}>${t.retry}</button></div>` : nothing}
      ${partner ? html`
        <div class="summary">
          <score-panel .score=${partner.score}></score-panel>
          <monthly-chart .months=${partner.score.monthly} .top=${partner.score.topPerformanceAverage}
            .standard=${partner.score.standardAverage}></monthly-chart>
        </div>
        <div class="insights">
          <topic-list .topics=${partner.score.topics}></topic-list>
          <alert-setting .alert=${partner.negativeReviewAlert} .partnerId=${this.partnerId} .api=${this.api}></alert-setting>
        </div>` : nothing}
      <main id="reviews" class="reviews">
        ${this.linked ? html`<section class="linked" aria-labelledby="linked-title" data-testid="linked">
            <h2 id="linked-title">${t.linkedReview}</h2>
            <review-card .review=${this.linked} .api=${this.api}></review-card></section>` : nothing}
        <review-filter-form .topics=${partner && partner.score.topics ? partner.score.topics.topics.map((s) => s.topic) : []}></review-filter-form>
        ${this.waiting ? html`<p class="waiting" role="status">${t.newReviewsWaiting}
            <button type="button" @click=${() => this.loadReviews()}>${t.refresh}</button></p>` : nothing}
        <p class="shown" aria-live="polite" data-testid="shown">${this.totalCount == null ? '' : t.shown(this.reviews.length, this.totalCount)}</p>
        ${this.reviews.length === 0 && !this.loading && this.totalCount != null ? html`<p>${t.none}</p>` : nothing}
        <div class="list">
          ${repeat(this.reviews, (r) => r.id, (r) => html`<review-card .review=${r} .api=${this.api} ?fresh=${this.fresh.has(r.id)}></review-card>`)}
        </div>
        ${this.pageInfo && this.pageInfo.hasNextPage ? html`
          <button type="button" class="more" ?disabled=${this.loading} @click=${() => this.loadReviews(this.pageInfo.endCursor)}>
            ${this.loading ? t.loading : t.loadMore}</button>` : nothing}
      </main>`;
  }
}

customElements.define('score-panel', ScorePanel);
customElements.define('monthly-chart', MonthlyChart);
customElements.define('review-filter-form', ReviewFilterForm);
customElements.define('topic-list', TopicList);
customElements.define('alert-setting', AlertSetting);
customElements.define('review-card', ReviewCard);
customElements.define('review-dashboard', ReviewDashboard);
