import type { BlockingExtensionData } from '@pac/contracts';

/** The languages notifications are written in: the inbox, e-mails (each recipient's) and the live stream. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** A title and a text with `{name}` placeholders, filled with the values of one event. */
export interface TextTemplate {
  title: string;
  body: string;
}

export interface NotificationText {
  title: string;
  body: string;
}

/** Fills `{name}` placeholders; a placeholder without a value stays visible (a catalog bug, never silent). */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function fillText(template: TextTemplate, values: Readonly<Record<string, string>>): NotificationText {
  return { title: fill(template.title, values), body: fill(template.body, values) };
}

const DATE_TIME_LOCALES: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

/**
 * A time as the customer lives it: in the environment's time zone, named, e.g. "Fri, 1 May 2026, 22:00
 * (Europe/Paris)" or "ven. 1 mai 2026, 22:00 (Europe/Paris)".
 */
export function localTime(instant: string, timeZone: string, locale: Locale = 'en'): string {
  const text = new Intl.DateTimeFormat(DATE_TIME_LOCALES[locale], {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
  return `${text} (${timeZone})`;
}

/** "Contoso Tax 2.1 (supports 24.0–25.9)", joined with commas. */
export function extensionList(extensions: readonly BlockingExtensionData[], locale: Locale): string {
  const supports = locale === 'fr' ? 'compatible' : 'supports';
  const andLater = locale === 'fr' ? 'et suivantes' : 'and later';
  return extensions
    .map((e) => {
      const range = e.maxVersion ? `${e.minVersion}–${e.maxVersion}` : `${e.minVersion} ${andLater}`;
      return `${e.publisher} ${e.name} ${e.version} (${supports} ${range})`;
    })
    .join(', ');
}
