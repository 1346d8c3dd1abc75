import { emailMessage } from './email-message';
import type { Notification } from './notification';

const notification: Notification = {
  id: 'n1',
  partnerId: 'p1',
  tenantId: 't1',
  environmentName: 'Production',
  type: 'update.failed',
  severity: 'error',
  text: {
    en: { title: 'Fabrikam / Production: update to 26.1 failed', body: 'Contoso <Tax> & co block it.' },
    fr: { title: 'Fabrikam / Production : échec de la mise à jour vers 26.1', body: 'Contoso <Tax> bloque.' },
  },
  links: { tenant: '/v1/tenants/t1' },
  sourceEventId: 'e1',
  createdAt: '2026-05-01T10:00:00.000Z',
  readAt: null,
};

describe('notification e-mails', () => {
  it('are written in the recipient’s language, with absolute links, the HTML escaped', () => {
    const fr = emailMessage(notification, 'fr', 'Fabrikam', 'https://portal.example/');
    expect(fr.subject).toBe('Fabrikam / Production : échec de la mise à jour vers 26.1');
    expect(fr.text).toContain('Erreur: Fabrikam / Production');
    expect(fr.text).toContain('Client: https://portal.example/v1/tenants/t1');
    expect(fr.html).toContain('Contoso &lt;Tax&gt; bloque.');
    expect(fr.html).toContain('<html lang="fr">');
    const en = emailMessage(notification, 'en', 'Fabrikam', 'https://portal.example');
    expect(en.text).toContain('Error: Fabrikam / Production: update to 26.1 failed');
    expect(en.html).toContain('Contoso &lt;Tax&gt; &amp; co block it.');
    expect(en.text).toContain('notification recipient of Fabrikam');
  });
});
