import { html, svg, nothing } from 'lit';
import { Light } from '../light.js';
import { t, monthShort, monthLong, score, decimal } from '../i18n.js';

/** The 12 monthly averages as bars, with the top-performance and standard lines; a table for screen readers. */
export class MonthlyChart extends Light {
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

customElements.define('monthly-chart', MonthlyChart);
