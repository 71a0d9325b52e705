import { html, nothing } from 'lit';
import { Light } from '../light.js';
import { t } from '../i18n.js';

/** What the reviews talk about: a bar per topic with the platform's share as a mark; a click filters the list. */
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
                <span class="topic-bar" aria-hidden="true"><span class="mine" style="width: ${s.mentionPercentage ?? 0}%"></span>
                  ${s.platformPercentage == null ? nothing : html`<span class="platform" style="left: ${s.platformPercentage}%"></span>`}</span>
                <span class="topic-value" aria-hidden="true">${s.mentionPercentage ?? 0}%</span>
              </button>
            </li>`)}
        </ul>
      </section>`;
  }
}

customElements.define('topic-list', TopicList);
