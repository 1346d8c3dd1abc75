import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1';
import strimziKafkaTopicV1 from './schemas/strimzi-kafkatopic-v1.json';

/**
 * deploy/k8s against the Kubernetes JSON schemas (kubernetes-models, which ships them with a validator), the
 * Pod Security "restricted" profile and what operations need (probes, resources, disruption budgets,
 * autoscalers, Prometheus scrape annotations); deploy/topics.yaml against Strimzi's v1 KafkaTopic.
 */
const repoRoot = path.resolve(__dirname, '..', '..');
const k8sDir = path.join(repoRoot, 'deploy', 'k8s');

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: unknown };
interface Validatable {
  validate(): void;
}
type Model = new (data: unknown) => Validatable;
// The models' own typings lose `validate` (inherited from @kubernetes-models/base) under this project's module
// resolution; at run time every model has it.
const model = (constructor: unknown) => constructor as Model;
const MODELS: Record<string, Model> = {
  'v1/Namespace': model(Namespace),
  'v1/ConfigMap': model(ConfigMap),
  'v1/Service': model(Service),
  'apps/v1/Deployment': model(Deployment),
  'batch/v1/Job': model(Job),
  'policy/v1/PodDisruptionBudget': model(PodDisruptionBudget),
  'autoscaling/v2/HorizontalPodAutoscaler': model(HorizontalPodAutoscaler),
  'networking.k8s.io/v1/NetworkPolicy': model(NetworkPolicy),
};

function documentsOf(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((doc): doc is Manifest => doc !== null);
}

const kustomization = documentsOf(path.join(k8sDir, 'kustomization.yaml'))[0] as unknown as {
  resources: string[];
};
const manifests = kustomization.resources.flatMap((file) =>
  documentsOf(path.join(k8sDir, file)).map((manifest) => ({ file, manifest })),
);
const ofKind = (kind: string) => manifests.map((m) => m.manifest).filter((m) => m.kind === kind);

interface Container {
  name: string;
  ports?: Array<{ containerPort: number }>;
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    runAsNonRoot?: boolean;
    runAsUser?: number;
    privileged?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
    seccompProfile?: { type: string };
  };
}
interface PodTemplate {
  metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> };
  spec: {
    securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type: string } };
    hostNetwork?: boolean;
    hostPID?: boolean;
    hostIPC?: boolean;
    containers: Container[];
    volumes?: Array<Record<string, unknown>>;
  };
}
const templateOf = (m: Manifest) => (m['spec'] as { template: PodTemplate }).template;

describe('deploy/k8s', () => {
  it('lists every manifest of the folder in kustomization.yaml', () => {
    const files = readdirSync(k8sDir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it.each(
    manifests.map(({ file, manifest }) => [`${file}: ${manifest.kind} ${manifest.metadata.name}`, manifest]),
  )('%s is valid against the Kubernetes schema', (_name, manifest) => {
    const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
    expect(Model).toBeDefined();
    expect(() => new Model!(manifest).validate()).not.toThrow();
  });

  const pods = [...ofKind('Deployment'), ...ofKind('Job')].map((m) => ({
    name: m.metadata.name,
    pod: templateOf(m),
  }));

  it.each(pods.map(({ name, pod }) => [name, pod]))(
    '%s passes the Pod Security "restricted" profile, with a read-only root filesystem',
    (_name, pod) => {
      const spec = pod.spec;
      expect(spec.hostNetwork ?? false).toBe(false);
      expect(spec.hostPID ?? false).toBe(false);
      expect(spec.hostIPC ?? false).toBe(false);
      expect(spec.securityContext?.runAsNonRoot).toBe(true);
      expect(spec.securityContext?.runAsUser ?? 1).not.toBe(0);
      expect(spec.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
      for (const volume of spec.volumes ?? []) {
        const types = Object.keys(volume).filter((key) => key !== 'name');
        expect(['emptyDir', 'configMap', 'secret', 'projected', 'downwardAPI']).toEqual(
          expect.arrayContaining(types),
        );
      }
      for (const container of spec.containers) {
        const security = container.securityContext ?? {};
        expect(security.privileged ?? false).toBe(false);
        expect(security.allowPrivilegeEscalation).toBe(false);
        expect(security.capabilities?.drop).toEqual(['ALL']);
        expect(security.capabilities?.add ?? []).toEqual([]);
        expect(security.readOnlyRootFilesystem).toBe(true);
        expect(security.runAsUser ?? 1).not.toBe(0);
        expect(container.resources?.requests?.['cpu']).toBeDefined();
        expect(container.resources?.requests?.['memory']).toBeDefined();
        expect(container.resources?.limits?.['memory']).toBeDefined();
      }
    },
  );

  it.each(ofKind('Deployment').map((d) => [d.metadata.name, d]))(
    '%s has probes, Prometheus scrape annotations, a disruption budget and an autoscaler',
    (name, deployment) => {
      const pod = templateOf(deployment);
      const container = pod.spec.containers[0]!;
      expect(container.readinessProbe).toBeDefined();
      expect(container.livenessProbe).toBeDefined();
      const annotations = pod.metadata?.annotations ?? {};
      expect(annotations['prometheus.io/scrape']).toBe('true');
      expect(annotations['prometheus.io/path']).toBe('/metrics');
      expect(Number(annotations['prometheus.io/port'])).toBe(container.ports?.[0]?.containerPort);
      const budget = ofKind('PodDisruptionBudget').find((p) => p.metadata.name === name)!;
      expect(budget).toBeDefined();
      expect((budget['spec'] as { selector: unknown }).selector).toEqual(
        (deployment['spec'] as { selector: unknown }).selector,
      );
      const autoscaler = ofKind('HorizontalPodAutoscaler').find((h) => h.metadata.name === name)!;
      expect((autoscaler['spec'] as { scaleTargetRef: unknown }).scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name,
      });
    },
  );

  it('has the topic job and the database provisioning job', () => {
    const commands = ofKind('Job').map(
      (job) => templateOf(job).spec.containers[0] as unknown as { command: string[] },
    );
    expect(commands.map((c) => c.command.at(-1))).toEqual(
      expect.arrayContaining([
        'dist/tools/stack/create-topics.js',
        'dist/tools/stack/provision-databases.js',
      ]),
    );
  });
});

describe('deploy/topics.yaml', () => {
  const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(strimziKafkaTopicV1);
  const topics = documentsOf(path.join(repoRoot, 'deploy', 'topics.yaml'));

  it.each(topics.map((t) => [t.metadata.name, t]))('%s is a Strimzi v1 KafkaTopic', (_name, topic) => {
    expect(validate(topic) ? [] : validate.errors).toEqual([]);
  });
});
