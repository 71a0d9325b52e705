import { html, nothing } from 'lit';
import { Light } from '../light.js';
import { SUB_SCORES } from '../sub-scores.js';
import { t, score, decimal } from '../i18n.js';

/** The score circle, the sentence of the seed, percentages, counts and the sub-score averages. */
export class ScorePanel extends Light {
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

customElements.define('score-panel', ScorePanel);
