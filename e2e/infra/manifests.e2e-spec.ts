import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, environmentSchema } from '@lib/config';
import { KubernetesObject, schemaErrors } from './support/kubernetes-schemas';
import { appliedManifests, k8sDir, parseYaml, parseYamlDocuments, processCommands, selects, yamlFilesIn } from './support/manifests';

/**
 * infra/k8s checked without a cluster: every object against the Kubernetes API's schemas
 * (`kubernetes-models`), then what the schemas cannot know: each process runs its own entry
 * point with probes, resources, a disruption budget, an autoscaler and network rules that
 * fit it, and the configuration it is given is one our processes accept.
 */
const processes = ['api', 'tracking', 'dispatcher'] as const;
const ports = { api: 3000, tracking: 3001, dispatcher: 3002 };
const EXAMPLES = ['secret.example.yaml', 'prometheus-adapter.values.example.yaml'];

const applied = appliedManifests();
const objects = applied.flatMap((file) => file.objects.map((object) => ({ file: file.name, object })));
const ofKind = (kind: string) => objects.map(({ object }) => object).filter((object) => object.kind === kind);
const named = (kind: string, name: string) => ofKind(kind).find((object) => object.metadata.name === name);
const deploymentOf = (process: string) => named('Deployment', `bike-dispatch-${process}`)!;
const secretExample = parseYamlDocuments(join(k8sDir, 'secret.example.yaml'))[0] as KubernetesObject;

describe('Kubernetes manifests (infra/k8s)', () => {
  it('applies every manifest of the folder, each a parseable YAML stream', () => {
    const listed = applied.map((file) => file.name);
    const inFolder = yamlFilesIn(k8sDir).filter((name) => name !== 'kustomization.yaml' && !EXAMPLES.includes(name));
    expect(listed.sort()).toEqual(inFolder.sort());
    for (const example of EXAMPLES) expect(() => parseYamlDocuments(join(k8sDir, example))).not.toThrow();
  });

  it.each(objects.map(({ file, object }) => [`${file}: ${object.kind} ${object.metadata?.name}`, object] as const))(
    '%s matches the Kubernetes schema',
    (_, object) => expect(schemaErrors(object)).toEqual([]),
  );

  it('has a validator that refuses what the API server would refuse', () => {
    const deployment = structuredClone(deploymentOf('api'));
    deployment.spec.template.spec.containers[0].ports[0].containerPort = 'three thousand';
    expect(schemaErrors(deployment).join()).toMatch(/containerPort must be integer/);
    const autoscaler = structuredClone(named('HorizontalPodAutoscaler', 'bike-dispatch-api')!);
    delete autoscaler.spec.maxReplicas;
    expect(schemaErrors(autoscaler).join()).toMatch(/maxReplicas/);
  });

  describe.each(processes)('the %s', (process) => {
    const deployment = deploymentOf(process);
    const pod = deployment.spec.template;
    const container = pod.spec.containers[0];

    it('runs its built entry point behind the image entrypoint (tini stays PID 1)', () => {
      expect(container.command).toBeUndefined();
      expect(container.args).toEqual(processCommands()[process]);
      expect(container.ports).toEqual([{ name: 'http', containerPort: ports[process] }]);
    });

    it('is probed for liveness, readiness and start-up on its health routes', () => {
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container.startupProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    });

    it('asks for CPU and memory, is capped in memory, and runs unprivileged', () => {
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources.limits.memory).toEqual(expect.any(String));
      expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    });

    it('lets a stop finish: the grace outlasts the process’s own 10 s bound (plus preStop)', () => {
      expect(pod.spec.terminationGracePeriodSeconds).toBeGreaterThan(15);
    });

    it('reads the shared ConfigMap and the Secret', () => {
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'bike-dispatch-config' } }, { secretRef: { name: secretExample.metadata.name } }]);
      expect(named('ConfigMap', 'bike-dispatch-config')).toBeDefined();
    });

    it('keeps one pod through voluntary disruptions', () => {
      const budgets = ofKind('PodDisruptionBudget').filter((budget) => selects(budget.spec.selector.matchLabels, pod.metadata.labels));
      expect(budgets).toHaveLength(1);
      expect(budgets[0].spec.minAvailable).toBe(1);
    });

    it('leaves its replica count to an autoscaler of at least two replicas', () => {
      expect(deployment.spec.replicas).toBeUndefined();
      const autoscalers = ofKind('HorizontalPodAutoscaler').filter((hpa) => hpa.spec.scaleTargetRef.name === deployment.metadata.name);
      expect(autoscalers).toHaveLength(1);
      const { spec } = autoscalers[0];
      expect(spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
      expect(spec.minReplicas).toBeGreaterThanOrEqual(2);
      if (process === 'dispatcher') {
        // Queue depth, not CPU: a dispatcher waiting on PostgreSQL is idle but late.
        expect(spec.metrics.map((metric: any) => [metric.type, metric.external.metric.name, metric.external.metric.selector.matchLabels.queue])).toEqual([
          ['External', 'bike_dispatch_queue_waiting_jobs', 'dispatch'],
          ['External', 'bike_dispatch_queue_waiting_jobs', 'webhooks'],
        ]);
      } else {
        expect(spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: expect.any(Number) } } }]);
      }
    });

    it('takes traffic on its port only from where it should come', () => {
      const rules = ofKind('NetworkPolicy').filter((policy) => selects(policy.spec.podSelector.matchLabels, pod.metadata.labels) && policy.spec.ingress);
      const allowedPorts = rules.flatMap((policy) => policy.spec.ingress.flatMap((rule: any) => rule.ports.map((port: any) => port.port)));
      expect(allowedPorts).toEqual([ports[process]]);
    });
  });

  it('denies all other traffic and lets every pod reach DNS, PostgreSQL and Redis', () => {
    expect(named('NetworkPolicy', 'bike-dispatch-default-deny')!.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const stores = named('NetworkPolicy', 'bike-dispatch-stores-and-dns')!.spec;
    expect(stores.podSelector).toEqual({});
    expect(stores.egress.flatMap((rule: any) => rule.ports.map((port: any) => port.port)).sort()).toEqual([53, 53, 5432, 6379]);
  });

  it('runs the migrations once per release in a Job, with the same configuration', () => {
    const job = named('Job', 'bike-dispatch-migrate')!;
    const container = job.spec.template.spec.containers[0];
    expect(container.args).toEqual(processCommands().migrate);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(container.envFrom).toEqual(deploymentOf('api').spec.template.spec.containers[0].envFrom);
  });

  it('configures the processes only with variables they read, and the values pass their validation', () => {
    const configMap = named('ConfigMap', 'bike-dispatch-config')!.data!;
    const secret = secretExample.stringData!;
    const known = Object.keys(environmentSchema.shape);
    expect([...Object.keys(configMap), ...Object.keys(secret)].filter((key) => !known.includes(key))).toEqual([]);
    expect(() => AppConfig.fromEnvironment({ ...configMap, ...secret }, ['JWT_SECRET'])).not.toThrow();
  });
});

describe('docker-compose (infra/docker-compose.yml)', () => {
  const compose = parseYaml(join(k8sDir, '..', 'docker-compose.yml'));
  const services = compose.services as Record<string, any>;
  /** Compose's `${NAME:-default}` with nothing set in the shell. */
  const withDefaults = (environment: Record<string, string>) =>
    Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));

  it('has the stores, the migration and the three processes, each with its command', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'dispatcher', 'migrate', 'postgres', 'redis', 'tracking']);
    const commands = processCommands();
    for (const name of [...processes, 'migrate'] as const) expect(services[name].command).toEqual(commands[name]);
  });

  it('health-checks every long-running service, the processes on their readiness route and port', () => {
    for (const name of ['postgres', 'redis', ...processes]) expect(services[name].healthcheck?.test).toBeDefined();
    for (const process of processes) expect(services[process].healthcheck.test.join(' ')).toContain(`127.0.0.1:${ports[process]}/health/ready`);
  });

  it('runs Redis append-only and never evicting (the dispatcher refuses otherwise)', () => {
    expect(services.redis.command.join(' ')).toMatch(/--appendonly yes/);
    expect(services.redis.command.join(' ')).toMatch(/--maxmemory-policy noeviction/);
  });

  it('starts the processes after the migration, with a configuration they accept', () => {
    const known = Object.keys(environmentSchema.shape);
    for (const process of processes) {
      const { environment, depends_on: dependsOn } = services[process];
      expect(dependsOn.migrate).toEqual({ condition: 'service_completed_successfully' });
      expect(Object.keys(environment).filter((key) => !known.includes(key))).toEqual([]);
      expect(() => AppConfig.fromEnvironment(withDefaults(environment), ['JWT_SECRET'])).not.toThrow();
    }
    expect(services.migrate.depends_on.migrate).toBeUndefined();
  });
});

describe('the image (infra/Dockerfile)', () => {
  const instructions = readFileSync(join(k8sDir, '..', 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.trimStart().startsWith('#'))
    .map((line) => line.trim());
  const stages = instructions.reduce<string[][]>((all, line) => (line.startsWith('FROM ') ? [...all, [line]] : (all.at(-1)!.push(line), all)), []);
  const runtime = stages.at(-1)!;

  it('builds in one stage and ships another, with only the build output and production dependencies', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const copies = runtime.filter((line) => line.startsWith('COPY '));
    expect(copies.every((line) => line.includes('--from=build'))).toBe(true);
    const sources = copies.flatMap((line) => line.split(' ').slice(1, -1).filter((word) => !word.startsWith('--')));
    expect(sources).toEqual(['/app/package.json', '/app/package-lock.json', '/app/node_modules', '/app/dist']);
    expect(stages[0].join('\n')).toMatch(/npm prune --omit=dev/);
  });

  it('runs as an unprivileged user, behind tini, the API by default', () => {
    const user = runtime.filter((line) => line.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)\b/);
    expect(runtime).toContain('ENTRYPOINT ["/usr/bin/tini", "--"]');
    expect(runtime.find((line) => line.startsWith('CMD '))).toBe(`CMD ${JSON.stringify(processCommands().api).replace(/,/g, ', ')}`);
  });
});
