import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** deploy/prometheus/alerts.yaml: each alert complete, reading only metrics the services expose. */
const repoRoot = path.resolve(__dirname, '..', '..');
const rules = (
  parse(readFileSync(path.join(repoRoot, 'deploy', 'prometheus', 'alerts.yaml'), 'utf8')) as {
    groups: Array<{ rules: Array<Record<string, unknown>> }>;
  }
).groups.flatMap((group) => group.rules);
const operations = readFileSync(path.join(repoRoot, 'docs', 'operations.md'), 'utf8');
const METRIC = /\b(?:http|messaging|notification|telemetry|lifecycle)_[a-z_]+/g;

describe('deploy/prometheus/alerts.yaml', () => {
  it('alerts on consumer lag, dead-letter growth, outbox age and the 5xx rate', () => {
    const expressions = rules.map((rule) => String(rule['expr']));
    for (const metric of [
      'messaging_consumer_lag',
      'messaging_dead_letters_total',
      'messaging_outbox_oldest_age_seconds',
      'http_request_duration_seconds_count{status=~"5.."}',
    ])
      expect(expressions.some((expr) => expr.includes(metric))).toBe(true);
  });

  it.each(rules.map((rule) => [rule['alert'], rule]))(
    '%s has a severity, a summary, a description, and reads documented metrics',
    (_name, rule) => {
      expect(rule['labels']).toEqual({ severity: expect.stringMatching(/^(warning|critical)$/) });
      const annotations = rule['annotations'] as Record<string, string>;
      expect(annotations['summary']).toEqual(expect.any(String));
      expect(annotations['description']).toEqual(expect.any(String));
      const metrics = String(rule['expr']).match(METRIC) ?? [];
      expect(metrics.length).toBeGreaterThan(0);
      for (const metric of metrics) {
        const documented = metric.replace(/_(count|bucket|sum)$/, '');
        expect(operations).toContain(`\`${documented}\``);
      }
    },
  );
});
