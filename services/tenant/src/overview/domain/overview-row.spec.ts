import { summarizeEnvironments } from './overview-row';

describe('environment summary of the central view', () => {
  it('counts live environments by type and lists their versions oldest first', () => {
    expect(
      summarizeEnvironments([
        { name: 'prod', type: 'production', status: 'active', applicationVersion: '26.10' },
        { name: 'uat', type: 'sandbox', status: 'active', applicationVersion: '26.2' },
        { name: 'dev', type: 'sandbox', status: 'updating', applicationVersion: '26.10' },
      ]),
    ).toEqual({ production: 1, sandbox: 2, versions: ['26.2', '26.10'] });
  });

  it('leaves soft-deleted environments out', () => {
    expect(
      summarizeEnvironments([
        { name: 'old', type: 'production', status: 'soft-deleted', applicationVersion: '25.0' },
        { name: 'prod', type: 'production', status: 'preparing', applicationVersion: '26.0' },
      ]),
    ).toEqual({ production: 1, sandbox: 0, versions: ['26.0'] });
  });
});
