import { html, svg, nothing } from 'lit';
import { Light } from '../light.js';
import { t } from '../i18n.js';

/**
 * What the reviews talk about: a bar per topic with the platform's share as a mark; a click filters
 * the list. The bars are SVG, sized by attributes: the page's Content-Security-Policy refuses
 * style="…" (and Lit's styleMap writes one on the first render).
 */
export class TopicList extends Light {
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
                <svg class="topic-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                  <rect class="track" width="100" height="10"></rect><rect class="mine" width="${s.mentionPercentage ?? 0}" height="10"></rect>
                  ${s.platformPercentage == null ? nothing : svg`<rect class="platform" x="${Math.min(s.platformPercentage, 99.4)}" width="0.6" height="10"></rect>`}</svg>
                <span class="topic-value" aria-hidden="true">${s.mentionPercentage ?? 0}%</span>
              </button>
            </li>`)}
        </ul>
      </section>`;
  }
}

customElements.define('topic-list', TopicList);
