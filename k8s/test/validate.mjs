// Renders every overlay with `kubectl kustomize`, validates each resource offline against the
// Kubernetes OpenAPI schemas (kubernetes-models) and the CloudNativePG CRD schema, and checks what
// matters for this service: probes on real endpoints, the image and ports of the application,
// selectors that select what they should, every configuration key the application needs, the
// database wiring to the CloudNativePG cluster, and the security context. Exits 1 on any failure.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const properties = readFileSync(join(root, 'src/main/resources/application.properties'), 'utf8');
const pom = readFileSync(join(root, 'pom.xml'), 'utf8');
const artifactId = pom.match(/<artifactId>([^<]+)<\/artifactId>/)[1];
const appPort = Number((properties.match(/^quarkus\.http\.port=(\d+)/m) ?? [null, '8080'])[1]);
const shutdownSeconds = Number((properties.match(/^quarkus\.shutdown\.timeout=(\d+)s/m) ?? [null, '0'])[1]);
const healthPaths = { livenessProbe: '/q/health/live', readinessProbe: '/q/health/ready', startupProbe: '/q/health/started' };

// Environment variables the application reads: those named in application.properties (prod
// profile or no profile) and those read by EmbeddedPostgresConfigSourceFactory and smallrye-jwt.
const fromProperties = [...properties.matchAll(/^(?!%(?:dev|test)\.)[^#\n]*\$\{([A-Z][A-Z0-9_]*)/gm)].map(m => m[1]);
const required = new Set([...fromProperties, 'DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASSWORD',
  'MP_JWT_VERIFY_PUBLICKEY_LOCATION', 'REVIEWS_EMBEDDED_POSTGRES_ENABLED']);

let checks = 0;
const failures = [];
function check(ok, what) {
  checks++;
  if (!ok) failures.push(what);
}

async function schemaValidate(doc, where) {
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : [null, doc.apiVersion];
  const module = group === 'postgresql.cnpg.io'
    ? `@kubernetes-models/cloudnative-pg/${group}/${version}/${doc.kind}`
    : group === 'monitoring.coreos.com'
      ? `@kubernetes-models/prometheus-operator/${group}/${version}/${doc.kind}`
      : `kubernetes-models/${group ? group + '/' : ''}${version}/${doc.kind}`;
  let Model;
  try {
    Model = (await import(module))[doc.kind];
  } catch (e) {
    check(false, `${where}: no schema for ${doc.apiVersion} ${doc.kind}`);
    return;
  }
  try {
    new Model(doc).validate();
    check(true, '');
  } catch (e) {
    check(false, `${where}: ${doc.kind} ${doc.metadata?.name} does not validate: ${e.message}`);
  }
}

const clusterPodsOf = (t, cluster) => t.podSelector?.matchLabels?.['cnpg.io/cluster'] === cluster.metadata.name;
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

for (const overlay of readdirSync(join(root, 'k8s/overlays'))) {
  const where = `overlay ${overlay}`;
  const rendered = execFileSync('kubectl', ['kustomize', join(root, 'k8s/overlays', overlay)], { encoding: 'utf8' });
  const docs = yaml.loadAll(rendered).filter(Boolean);
  for (const doc of docs) await schemaValidate(doc, where);
  const of = (kind) => docs.filter(d => d.kind === kind);

  const [deployment] = of('Deployment');
  check(of('Deployment').length === 1, `${where}: one Deployment`);
  const pod = deployment.spec.template;
  const podLabels = pod.metadata.labels;
  check(deployment.spec.replicas >= 2, `${where}: at least 2 replicas`);
  check(matches(deployment.spec.selector.matchLabels, podLabels), `${where}: the Deployment selects its pods`);
  const container = pod.spec.containers.find(c => c.name === artifactId);
  check(container, `${where}: a container named ${artifactId}`);
  check(container.image.split(':')[0].endsWith('/' + artifactId), `${where}: image of ${artifactId}: ${container.image}`);
  const tag = container.image.split(':')[1];
  check(tag && (overlay !== 'prod' || tag !== 'latest'), `${where}: image tag pinned in prod: ${container.image}`);
  const http = container.ports.find(p => p.name === 'http');
  check(http?.containerPort === appPort, `${where}: container port http is the application's port ${appPort}`);
  for (const [probe, path] of Object.entries(healthPaths)) {
    const get = container[probe]?.httpGet;
    check(get?.path === path, `${where}: ${probe} on ${path}, not ${get?.path}`);
    check(get?.port === 'http' || get?.port === appPort, `${where}: ${probe} on the application's port`);
  }
  check(container.resources?.requests?.cpu && container.resources?.requests?.memory && container.resources?.limits?.memory,
    `${where}: CPU and memory requests and a memory limit`);
  check(pod.spec.terminationGracePeriodSeconds > shutdownSeconds, `${where}: grace period longer than quarkus.shutdown.timeout`);

  // Security: non-root, read-only root filesystem with a writable /tmp, no privilege escalation.
  const sc = container.securityContext ?? {};
  check(pod.spec.securityContext?.runAsNonRoot === true, `${where}: runAsNonRoot`);
  check(sc.readOnlyRootFilesystem === true && sc.allowPrivilegeEscalation === false
    && (sc.capabilities?.drop ?? []).includes('ALL'), `${where}: read-only root, no escalation, no capabilities`);
  const tmp = container.volumeMounts?.find(m => m.mountPath === '/tmp');
  check(tmp && pod.spec.volumes.find(v => v.name === tmp.name)?.emptyDir, `${where}: /tmp is an emptyDir`);

  // Configuration: every key the application needs is provided.
  const configMaps = Object.fromEntries(of('ConfigMap').map(c => [c.metadata.name, c.data ?? {}]));
  const provided = new Map();
  for (const from of container.envFrom ?? []) {
    const data = configMaps[from.configMapRef?.name];
    check(data, `${where}: envFrom ConfigMap ${from.configMapRef?.name} exists`);
    Object.entries(data ?? {}).forEach(([k, v]) => provided.set(k, v));
  }
  for (const env of container.env ?? []) provided.set(env.name, env.value ?? env.valueFrom);
  for (const key of required) check(provided.has(key), `${where}: configuration key ${key} is provided`);
  check(provided.get('REVIEWS_EMBEDDED_POSTGRES_ENABLED') === 'false', `${where}: no embedded PostgreSQL in a cluster`);
  if (overlay === 'prod') {
    // Without sign-in only trusted documents run in production, and apps' manifests may be deployed as files.
    check(provided.get('REVIEWS_GRAPHQL_TRUSTED_DOCUMENTS_ONLY') === 'true', `${where}: trusted documents only for anonymous callers`);
    const dir = provided.get('REVIEWS_PERSISTED_QUERIES_MANIFEST_DIR');
    const dirMount = container.volumeMounts?.find(m => m.mountPath === dir);
    check(dirMount && pod.spec.volumes.find(v => v.name === dirMount.name)?.configMap?.optional === true,
      `${where}: the manifest directory is an optional ConfigMap`);
  }
  const keyFile = provided.get('MP_JWT_VERIFY_PUBLICKEY_LOCATION');
  const keyMount = container.volumeMounts?.find(m => typeof keyFile === 'string' && keyFile.startsWith(m.mountPath + '/'));
  check(keyMount && pod.spec.volumes.find(v => v.name === keyMount.name)?.secret, `${where}: the JWT public key file comes from a Secret`);

  // The database: the reactive pool through the cluster's read-write Pooler (transaction mode), LISTEN
  // and Flyway to its read-write service directly, public reads through its read-only Pooler (where the
  // cluster has standbys), with the credentials of its generated app Secret.
  const [cluster] = of('Cluster');
  check(cluster, `${where}: a CloudNativePG Cluster`);
  check(cluster.spec.instances >= (overlay === 'prod' ? 3 : 1), `${where}: primary and replicas (${cluster.spec.instances} instances)`);
  const poolers = of('Pooler').filter(p => p.spec.cluster?.name === cluster.metadata.name);
  const rwPooler = poolers.find(p => p.spec.type === 'rw');
  const roPooler = poolers.find(p => p.spec.type === 'ro');
  check(rwPooler && provided.get('DB_HOST') === rwPooler.metadata.name, `${where}: DB_HOST is the cluster's read-write Pooler`);
  check(provided.get('DB_DIRECT_HOST') === `${cluster.metadata.name}-rw`, `${where}: DB_DIRECT_HOST is the cluster's read-write service`);
  if (cluster.spec.instances > 1) {
    check(roPooler && provided.get('DB_REPLICA_HOST') === roPooler.metadata.name, `${where}: DB_REPLICA_HOST is the cluster's read-only Pooler`);
  } else {
    check(!roPooler && !provided.get('DB_REPLICA_HOST'), `${where}: without standbys, no read-only Pooler and no DB_REPLICA_HOST`);
  }
  for (const pooler of poolers) {
    check(pooler.spec.pgbouncer?.poolMode === 'transaction', `${where}: Pooler ${pooler.metadata.name} in transaction mode`);
  }
  // What PgBouncer in transaction mode needs of the client (README, "Connections through a pooler").
  check(provided.get('QUARKUS_DATASOURCE_REACTIVE_CACHE_PREPARED_STATEMENTS') === 'false'
    && provided.get('QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_USE_LAYER7_PROXY') === 'true',
    `${where}: no cached prepared statements and the layer-7 proxy mode behind PgBouncer`);
  for (const key of ['DB_USER', 'DB_PASSWORD']) {
    check(provided.get(key)?.secretKeyRef?.name === `${cluster.metadata.name}-app`, `${where}: ${key} from the cluster's app Secret`);
  }
  check(provided.get('DB_NAME') === cluster.spec.bootstrap?.initdb?.database, `${where}: DB_NAME is the cluster's database`);

  // Connection budget. On the primary: every pod at the autoscaler's maximum holds its direct
  // connections (LISTEN, and the JDBC pool: Flyway at start, the JDBC health check), the read-write
  // Poolers hold their server connections, and operators, the operator's own connections and
  // superuser_reserved_connections need room. On a standby: the read-only Poolers' connections. Each
  // Pooler pod takes every pod's pool at worst (max_client_conn).
  const [hpaForBudget] = of('HorizontalPodAutoscaler');
  const maxPods = hpaForBudget?.spec.maxReplicas ?? 0;
  const propertyOf = (key) => Number((properties.match(new RegExp('^' + key.replace(/\./g, '\\.') + '=(\\d+)', 'm')) ?? [])[1]);
  const reactive = Number(provided.get('QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE') ?? propertyOf('quarkus.datasource.reactive.max-size'));
  const replicaPool = Number(provided.get('REVIEWS_DB_REPLICA_MAX_SIZE') ?? 16);
  // the pipelined connections of single statements (reviews.db.pipelined-connections), beside the pool
  const pipelined = Number(provided.get('REVIEWS_DB_PIPELINED_CONNECTIONS') ?? 4);
  const jdbc = Number(provided.get('QUARKUS_DATASOURCE_JDBC_MAX_SIZE') ?? propertyOf('quarkus.datasource.jdbc.max-size'));
  const listen = 1;
  const maxConnections = Number(cluster.spec.postgresql?.parameters?.max_connections ?? 100);
  const roomForOperators = 25;
  const serverConnections = (pooler) => pooler ? pooler.spec.instances * (Number(pooler.spec.pgbouncer.parameters?.default_pool_size ?? 20)
    + Number(pooler.spec.pgbouncer.parameters?.reserve_pool_size ?? 0)) : 0;
  const onPrimary = maxPods * (listen + jdbc) + serverConnections(rwPooler) + roomForOperators;
  check(reactive > 0 && jdbc > 0 && onPrimary <= maxConnections,
    `${where}: ${maxPods} pods × (${listen} LISTEN + ${jdbc} JDBC) + ${serverConnections(rwPooler)} of the rw Pooler + ${roomForOperators} for operators = ${onPrimary} fit max_connections ${maxConnections}`);
  check(serverConnections(roPooler) + roomForOperators <= maxConnections,
    `${where}: the ro Pooler's ${serverConnections(roPooler)} connections fit a standby's max_connections ${maxConnections}`);
  for (const [pooler, perPod] of [[rwPooler, reactive + pipelined], [roPooler, replicaPool]]) {
    if (pooler) {
      const clients = Number(pooler.spec.pgbouncer.parameters?.max_client_conn ?? 100);
      check(maxPods * perPod <= clients, `${where}: ${maxPods} pods × ${perPod} connections fit ${pooler.metadata.name}'s max_client_conn ${clients}`);
    }
  }
  if (overlay === 'prod') {
    check(maxPods >= 40, `${where}: the autoscaler may grow to 40 pods at least (${maxPods})`);
  }

  // Migrations once per release (README, "Migrations"): a Job of the same image, named after its tag,
  // that migrates and exits; the pods never migrate (their readiness waits for the schema).
  const jobs = of('Job').filter(j => j.metadata.labels?.['app.kubernetes.io/component'] === 'migration');
  check(jobs.length === 1, `${where}: one migration Job`);
  const [job] = jobs;
  const jobPod = job?.spec.template;
  const migrate = jobPod?.spec.containers[0];
  check(migrate?.image === container.image, `${where}: the migration Job runs the Deployment's image (${migrate?.image})`);
  check(job?.metadata.name.endsWith('-' + tag), `${where}: the migration Job is named after the image tag, so each release has its own: ${job?.metadata.name}`);
  const jobEnv = Object.fromEntries((migrate?.env ?? []).map(e => [e.name, e.value ?? e.valueFrom]));
  check(jobEnv.QUARKUS_INIT_AND_EXIT === 'true' && jobEnv.QUARKUS_FLYWAY_MIGRATE_AT_START === 'true',
    `${where}: the migration Job migrates and exits (QUARKUS_INIT_AND_EXIT, QUARKUS_FLYWAY_MIGRATE_AT_START)`);
  check(JSON.stringify(migrate?.envFrom) === JSON.stringify(container.envFrom), `${where}: the migration Job has the pods' configuration`);
  for (const key of ['DB_USER', 'DB_PASSWORD']) {
    check(jobEnv[key]?.secretKeyRef?.name === `${cluster.metadata.name}-app`, `${where}: the migration Job's ${key} from the cluster's app Secret`);
  }
  check(String(provided.get('QUARKUS_FLYWAY_MIGRATE_AT_START') ?? 'false') === 'false'
    && /^quarkus\.flyway\.migrate-at-start=false$/m.test(properties), `${where}: the pods do not migrate at start`);
  check(['Never', 'OnFailure'].includes(jobPod?.spec.restartPolicy) && job?.spec.backoffLimit > 0 && job?.spec.ttlSecondsAfterFinished > 0,
    `${where}: the migration Job retries a few times and is cleaned up after it finished`);
  check(!matches(deployment.spec.selector.matchLabels, jobPod?.metadata.labels) && !of('Service').some(sv => matches(sv.spec.selector, jobPod?.metadata.labels)),
    `${where}: the migration's pod is in no Service and not one of the Deployment's pods`);
  const jobSc = migrate?.securityContext ?? {};
  check(jobPod?.spec.securityContext?.runAsNonRoot === true && jobSc.readOnlyRootFilesystem === true && jobSc.allowPrivilegeEscalation === false,
    `${where}: the migration Job runs as the pods do (non-root, read-only root)`);
  check(migrate?.resources?.requests?.cpu && migrate?.resources?.limits?.memory, `${where}: the migration Job has requests and a memory limit`);
  const jobPolicy = of('NetworkPolicy').find(np => matches(np.spec.podSelector.matchLabels, jobPod?.metadata.labels));
  check(jobPolicy && (jobPolicy.spec.ingress ?? []).length === 0
    && (jobPolicy.spec.egress ?? []).some(r => (r.ports ?? []).some(p => p.port === 5432) && (r.to ?? []).some(t => clusterPodsOf(t, cluster))),
    `${where}: the migration's pod takes no traffic and reaches the cluster's instances`);

  // Service, disruption budget, autoscaler, network policy point at this Deployment's pods.
  const [service] = of('Service');
  check(matches(service.spec.selector, podLabels) && Object.keys(service.spec.selector).length > 0, `${where}: the Service selects the pods`);
  check(service.spec.ports.every(p => p.targetPort === 'http' || p.targetPort === appPort), `${where}: the Service targets the http port`);
  const [pdb] = of('PodDisruptionBudget');
  check(pdb && matches(pdb.spec.selector.matchLabels, podLabels), `${where}: the PodDisruptionBudget selects the pods`);
  check(pdb && pdb.spec.minAvailable < deployment.spec.replicas, `${where}: the PodDisruptionBudget allows a disruption`);
  const [hpa] = of('HorizontalPodAutoscaler');
  check(hpa?.spec.scaleTargetRef.name === deployment.metadata.name && hpa.spec.minReplicas >= 2, `${where}: the autoscaler scales the Deployment from 2`);
  const [policy] = of('NetworkPolicy').filter(p => matches(p.spec.podSelector.matchLabels, podLabels));
  check(policy && matches(policy.spec.podSelector.matchLabels, podLabels), `${where}: the NetworkPolicy selects the pods`);
  const ingressPorts = (policy?.spec.ingress ?? []).flatMap(r => (r.ports ?? [{ port: 'any' }]).map(p => p.port));
  check(ingressPorts.length > 0 && ingressPorts.every(p => p === appPort || p === 'http'), `${where}: only HTTP comes in (${ingressPorts})`);
  const egress = policy?.spec.egress ?? [];
  const egressPorts = egress.flatMap(r => (r.ports ?? []).map(p => p.port));
  const dbRule = egress.find(r => (r.ports ?? []).some(p => p.port === 5432));
  const poolerNames = poolers.map(p => p.metadata.name).sort();
  const clusterPods = (t) => t.podSelector?.matchLabels?.['cnpg.io/cluster'] === cluster.metadata.name
    && Object.keys(t.podSelector.matchLabels).length === 1 && !t.podSelector.matchExpressions;
  const poolerPods = (t) => !t.podSelector?.matchLabels && t.podSelector?.matchExpressions?.length === 1
    && t.podSelector.matchExpressions[0].key === 'cnpg.io/poolerName' && t.podSelector.matchExpressions[0].operator === 'In'
    && t.podSelector.matchExpressions[0].values.every(v => v.startsWith(cluster.metadata.name + '-pooler-'));
  check(dbRule && dbRule.to?.every(t => clusterPods(t) || poolerPods(t)) && dbRule.to.some(clusterPods),
    `${where}: PostgreSQL goes out to the cluster's pods and its Poolers only`);
  const allowedPoolers = dbRule?.to?.filter(poolerPods).flatMap(t => t.podSelector.matchExpressions[0].values) ?? [];
  check(poolerNames.every(n => allowedPoolers.includes(n)), `${where}: every Pooler (${poolerNames}) may be reached`);
  check(egressPorts.includes(Number(provided.get('SMTP_PORT'))), `${where}: SMTP port ${provided.get('SMTP_PORT')} may go out`);
  check(egressPorts.includes(53), `${where}: DNS may go out`);
  check(egress.every(r => (r.ports ?? []).length > 0), `${where}: every egress rule names its ports`);
  const otlpPort = Number(new URL(String(provided.get('OTEL_EXPORTER_OTLP_ENDPOINT'))).port);
  check(egressPorts.includes(otlpPort), `${where}: traces may go out to the collector's port ${otlpPort}`);
  check(egressPorts.every(p => [5432, 25, 465, 587, 1025, 53, otlpPort].includes(p)), `${where}: nothing else goes out (${egressPorts})`);
}

if (failures.length) {
  console.error(failures.map(f => 'FAILED ' + f).join('\n'));
  console.error(`k8s checks: ${failures.length} of ${checks} failed`);
  process.exit(1);
}
console.log(`k8s checks: all ${checks} hold for ${readdirSync(join(root, 'k8s/overlays')).join(', ')}`);
