// The alert rules and the operator's dashboard of k8s/monitoring, checked offline: every PromQL
// expression parses with the Prometheus project's own parser (@prometheus-io/lezer-promql), every
// alert has a severity, a summary and a runbook, and every metric an expression names is exported by
// the service. The metrics come from a scrape of the packaged service after traffic, which
// PackagedAppIT writes and then passes to this script:
//   node k8s/test/monitoring.mjs target/metrics-scrape.txt
// Exits 1 and lists what fails. A rule about a metric that does not exist never fires: that is the bug
// this catches.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { parser } from '@prometheus-io/lezer-promql';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scrapeFile = process.argv[2];
if (!scrapeFile) {
  console.error('usage: node k8s/test/monitoring.mjs <scrape of /q/metrics>');
  process.exit(2);
}
const exported = new Set(readFileSync(scrapeFile, 'utf8').split('\n')
  .filter(line => line && !line.startsWith('#'))
  .map(line => line.match(/^[a-zA-Z_:][a-zA-Z0-9_:]*/)[0]));

const failures = [];
let checks = 0;
function check(ok, what) {
  checks++;
  if (!ok) failures.push(what);
}

/** The metric names an expression selects, or null when it does not parse. */
function metricsOf(expr) {
  const tree = parser.parse(expr);
  const names = [];
  let broken = false;
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) broken = true;
    if (cursor.name === 'VectorSelector') {
      const selector = cursor.node;
      const identifier = selector.getChild('Identifier');
      if (identifier) names.push(expr.slice(identifier.from, identifier.to));
    }
  } while (cursor.next());
  return broken ? null : names;
}

function checkExpression(expr, where) {
  const names = metricsOf(expr);
  check(names !== null, `${where}: does not parse: ${expr}`);
  check(names === null || names.length > 0, `${where}: selects no metric: ${expr}`);
  for (const name of names ?? []) {
    check(exported.has(name), `${where}: ${name} is not exported by the service`);
  }
}

const rule = yaml.load(readFileSync(join(root, 'k8s/monitoring/prometheus-rule.yaml'), 'utf8'));
const alerts = rule.spec.groups.flatMap(g => g.rules);
for (const alert of alerts) {
  const where = `alert ${alert.alert}`;
  checkExpression(String(alert.expr), where);
  check(['critical', 'warning', 'info'].includes(alert.labels?.severity), `${where}: a severity`);
  check(alert.annotations?.summary && alert.annotations?.runbook?.length > 80, `${where}: a summary and a runbook`);
}
// What the issue asks alerts for: each of these metrics is in some rule.
const alerted = new Set(alerts.flatMap(a => metricsOf(String(a.expr)) ?? []));
for (const metric of ['mail_outbox_oldest_pending_seconds', 'mail_parked_total', 'reviews_events_listening', 'graphql_requests_shed_total',
  'graphql_requests_seconds_bucket', 'reviews_job_last_success_seconds', 'graphql_errors_total', 'reviews_db_replica_staleness_seconds']) {
  check(alerted.has(metric), `an alert on ${metric}`);
}

const dashboard = JSON.parse(readFileSync(join(root, 'k8s/monitoring/grafana-dashboard.json'), 'utf8'));
check(dashboard.templating?.list?.some(v => v.type === 'datasource'), 'dashboard: a datasource variable');
for (const panel of dashboard.panels) {
  check(panel.targets?.length > 0, `panel "${panel.title}": has queries`);
  for (const target of panel.targets ?? []) checkExpression(target.expr, `panel "${panel.title}"`);
}

if (failures.length) {
  for (const f of failures) console.error('FAILED ' + f);
  console.error(`monitoring checks: ${failures.length} of ${checks} failed (${exported.size} metrics in ${scrapeFile})`);
  process.exit(1);
}
console.log(`monitoring checks: all ${checks} hold: ${alerts.length} alerts, ${dashboard.panels.length} panels, against ${exported.size} exported metrics`);
