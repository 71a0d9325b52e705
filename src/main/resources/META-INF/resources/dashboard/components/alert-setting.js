import { html } from 'lit';
import { Light } from '../light.js';
import * as ops from '../operations.js';
import { describeError } from '../errors.js';
import { t, lang } from '../i18n.js';

/** "Melding bij negatieve beoordeling": the partner's mail on a negative review. */
export class AlertSetting extends Light {
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

customElements.define('alert-setting', AlertSetting);
