import type { UpdateEventData } from '@pac/contracts';
import {
  compatibilityWarningContent,
  localTime,
  updateAvailableContent,
  updateFailedContent,
  updateMissedContent,
  updateScheduledContent,
  updateSucceededContent,
} from './notification';

const update: UpdateEventData = {
  updateId: '6a1f7c8e-2b7d-4f0e-8c3a-5e9d1b2c4a6f',
  operationId: '7a1f7c8e-2b7d-4f0e-8c3a-5e9d1b2c4a6f',
  tenantId: '3f6f4b1e-6a3b-4c61-9a55-0d7c1f0a2b11',
  partnerId: '9b2e4c6a-1d3f-4e5a-8b7c-0a1b2c3d4e5f',
  environmentName: 'production',
  environmentType: 'production',
  currentVersion: '25.4',
  targetVersion: '26.1',
  updateType: 'minor',
  status: 'scheduled',
  latestSelectableDate: '2026-05-01',
  schedule: {
    scheduledFor: '2026-05-01T20:00:00.000Z',
    windowClosesAt: '2026-05-02T04:00:00.000Z',
    selected: false,
    ignoreUpdateWindow: false,
    timeZone: 'Europe/Paris',
  },
  occurredAt: '2026-04-01T08:00:00.000Z',
};
const tax = {
  extensionId: '8a1f7c8e-2b7d-4f0e-8c3a-5e9d1b2c4a6f',
  publisher: 'Contoso',
  name: 'Tax',
  version: '2.1',
  minVersion: '24.0',
  maxVersion: '25.9',
};

describe('update notifications', () => {
  it('give times in the environment’s time zone, named', () => {
    expect(localTime('2026-05-01T20:00:00.000Z', 'Europe/Paris')).toBe(
      'Fri, 1 May 2026, 22:00 (Europe/Paris)',
    );
  });

  it('say when an available update runs and what the pre-check found', () => {
    const content = updateAvailableContent(
      { ...update, compatibility: { compatible: false, blockingExtensions: [tax] } },
      'Fabrikam SARL',
    );
    expect(content.title).toBe('Fabrikam SARL / production: 26.1 available');
    expect(content.body).toContain('scheduled automatically for Fri, 1 May 2026, 22:00 (Europe/Paris)');
    expect(content.body).toContain('1 installed extension does not support it');
  });

  it('name the extensions that block an update', () => {
    const content = compatibilityWarningContent({ ...update, blockingExtensions: [tax] }, 'Fabrikam SARL');
    expect(content).toMatchObject({ severity: 'warning' });
    expect(content.body).toContain('Contoso Tax 2.1 (supports 24.0–25.9)');
  });

  it('tell a scheduled update, a success, a failure and a missed window apart', () => {
    expect(updateScheduledContent(update).title).toBe('Customer / production: update to 26.1 scheduled');
    expect(
      updateSucceededContent({ ...update, previousVersion: '25.4', completedAt: '2026-05-01T20:01:00.000Z' }),
    ).toMatchObject({ severity: 'info', title: 'Customer / production: updated to 26.1' });
    const failed = updateFailedContent({
      ...update,
      reason: '1 installed extension does not support 26.1: Contoso Tax',
      blockingExtensions: [tax],
      completedAt: '2026-05-01T20:01:00.000Z',
    });
    expect(failed.severity).toBe('error');
    expect(failed.body).toContain('stays on 25.4');
    expect(failed.body).toContain('Contoso Tax 2.1');
    const missed = updateMissedContent({
      ...update,
      reason: 'window-passed',
      missedWindow: { opensAt: '2026-04-30T20:00:00.000Z', closesAt: '2026-05-01T04:00:00.000Z' },
    });
    expect(missed).toMatchObject({ severity: 'warning' });
    expect(missed.body).toContain('It moved to the next window: Fri, 1 May 2026, 22:00 (Europe/Paris)');
  });
});
