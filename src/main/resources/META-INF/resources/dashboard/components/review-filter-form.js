import { html } from 'lit';
import { Light } from '../light.js';
import { amsterdamMidnight, nextDay } from '../calendar.js';
import { SUB_SCORES, SUB_SCORE_CATEGORIES } from '../sub-scores.js';
import { t } from '../i18n.js';

/** "Filter beoordelingen": every field of ReviewFilter, and the order. */
export class ReviewFilterForm extends Light {
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

customElements.define('review-filter-form', ReviewFilterForm);
