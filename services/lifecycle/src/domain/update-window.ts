/** A daily period, in the customer's time zone, in which updates may run (at least 6 hours; may cross midnight). */
export interface UpdateWindow {
  preferredStartTime: string;
  preferredEndTime: string;
  timeZone: string;
}

export const MINIMUM_WINDOW_MINUTES = 6 * 60;

/** Each country's main business time zone; a country not listed falls back to UTC. */
const COUNTRY_TIME_ZONES: Record<string, string> = {
  AT: 'Europe/Vienna',
  AU: 'Australia/Sydney',
  BE: 'Europe/Brussels',
  CA: 'America/Toronto',
  CH: 'Europe/Zurich',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  ES: 'Europe/Madrid',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
  IS: 'Atlantic/Reykjavik',
  IT: 'Europe/Rome',
  MX: 'America/Mexico_City',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  NZ: 'Pacific/Auckland',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  SE: 'Europe/Stockholm',
  US: 'America/New_York',
};

/**
 * The window a tenant's new environments start with: overnight, 22:00 to 06:00 (8 hours, crossing midnight),
 * in the time zone of the customer's country, so updates never run in business hours by default.
 */
export function defaultUpdateWindow(countryCode: string): UpdateWindow {
  return {
    preferredStartTime: '22:00',
    preferredEndTime: '06:00',
    timeZone: COUNTRY_TIME_ZONES[countryCode] ?? 'UTC',
  };
}
