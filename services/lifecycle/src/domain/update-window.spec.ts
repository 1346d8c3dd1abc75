import { defaultUpdateWindow } from './update-window';

describe('default update window', () => {
  it('is overnight in the customer country time zone', () => {
    expect(defaultUpdateWindow('FR')).toEqual({
      preferredStartTime: '22:00',
      preferredEndTime: '06:00',
      timeZone: 'Europe/Paris',
    });
    expect(defaultUpdateWindow('US').timeZone).toBe('America/New_York');
  });

  it('falls back to UTC for a country without a known zone', () => {
    expect(defaultUpdateWindow('ZZ').timeZone).toBe('UTC');
  });
});
