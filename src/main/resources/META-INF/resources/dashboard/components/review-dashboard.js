import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { Light } from '../light.js';
import { createApi } from '../api.js';
import * as ops from '../operations.js';
import { describeError } from '../errors.js';
import { t, lang, score } from '../i18n.js';
import './score-panel.js';
import './monthly-chart.js';
import './topic-list.js';
import './alert-setting.js';
import './review-filter-form.js';
import './review-card.js';

const PAGE_SIZE = 10;
const TOKEN_KEY = 'partner-reviews.token';

/** The page: sign-in, then the partner's score, chart, filter and reviews, kept live. */
export class ReviewDashboard extends Light {
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

  /**
   * The socket refused the sign-in: ask the API whether it still holds. An expired token signs the
   * partner out with the reason; one the API still takes leaves the page as it is, without live updates.
   */
  async checkSignIn() {
    const session = this.session;
    try {
      await this.api.request(ops.VIEWER);
      if (session === this.session) this.setError('live', t.errors.SIGN_IN_REFUSED);
    } catch (error) {
      if (session === this.session) this.failed('live', error);
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
    } else if (code === 'SIGN_IN_REFUSED') {
      this.live = 'offline';
      this.checkSignIn();
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

customElements.define('review-dashboard', ReviewDashboard);
