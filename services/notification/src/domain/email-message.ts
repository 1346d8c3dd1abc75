import type { Notification } from './notification';
import type { Locale } from './notification-text';

/** An e-mail of one notification to one recipient, in their language: subject, plain text and HTML. */
export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

const FOOTERS: Record<Locale, string> = {
  en: 'You receive this e-mail as a notification recipient of {tenant} in Partner Admin Center.',
  fr: 'Vous recevez cet e-mail en tant que destinataire des notifications de {tenant} dans Partner Admin Center.',
};
const LINK_LABELS: Record<Locale, Record<'tenant' | 'environment' | 'operation', string>> = {
  en: { tenant: 'Customer', environment: 'Environment', operation: 'Operation' },
  fr: { tenant: 'Client', environment: 'Environnement', operation: 'Opération' },
};
const SEVERITIES: Record<Locale, Record<Notification['severity'], string>> = {
  en: { info: 'Information', warning: 'Warning', error: 'Error' },
  fr: { info: 'Information', warning: 'Avertissement', error: 'Erreur' },
};

/** The message of a notification in `locale`; links are made absolute with `linkBase` (the portal or gateway). */
export function emailMessage(
  notification: Notification,
  locale: Locale,
  tenantName: string,
  linkBase: string,
): EmailMessage {
  const { title, body } = notification.text[locale];
  const severity = SEVERITIES[locale][notification.severity];
  const links = (Object.entries(notification.links) as [keyof typeof LINK_LABELS.en, string][]).map(
    ([kind, path]) => ({ label: LINK_LABELS[locale][kind], url: `${linkBase.replace(/\/$/, '')}${path}` }),
  );
  const footer = FOOTERS[locale].replace('{tenant}', tenantName);
  const text = [
    `${severity}: ${title}`,
    '',
    body,
    '',
    ...links.map((link) => `${link.label}: ${link.url}`),
    ...(links.length > 0 ? [''] : []),
    '--',
    footer,
    '',
  ].join('\n');
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:sans-serif">` +
    `<p style="color:${COLORS[notification.severity]};font-weight:bold">${escapeHtml(severity)}</p>` +
    `<h1 style="font-size:18px">${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>` +
    (links.length > 0
      ? `<ul>${links.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a></li>`).join('')}</ul>`
      : '') +
    `<hr><p style="color:#666;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
  return { subject: title, text, html };
}

const COLORS: Record<Notification['severity'], string> = {
  info: '#1f5fa8',
  warning: '#a86b00',
  error: '#b00020',
};

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
