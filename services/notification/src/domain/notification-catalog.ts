import {
  EnvironmentCreated,
  EnvironmentPurged,
  EnvironmentRecovered,
  EnvironmentRenamed,
  EnvironmentSoftDeleted,
  EnvironmentVersionChanged,
  IssueAcknowledged,
  IssueOpened,
  IssueResolved,
  TenantCreated,
  TenantOffboarded,
  TenantResumed,
  TenantSuspended,
  UpdateAvailable,
  UpdateCanceled,
  UpdateCompatibilityWarning,
  UpdateFailed,
  UpdateMissed,
  UpdateRescheduled,
  UpdateScheduled,
  UpdateSucceeded,
  type EnvironmentEventData,
  type EventDefinition,
  type IssueEventData,
  type NotificationSeverity,
  type TenantSnapshotData,
  type UpdateEventData,
} from '@pac/contracts';
import type { LinkKind, NotificationSubject } from './notification';
import { extensionList, localTime, type Locale, type TextTemplate } from './notification-text';

/**
 * Which events make which notification: THE table (docs/notifications.md shows it, generated from here by
 * `npm run notification-table`). A row is one event type: its severity, whose customer and environment it is
 * about, the links it carries, its title and text in English and French (`{name}` placeholders filled by
 * `values`). Adding a notification for a new event is adding its row here: the consumer
 * (consumers/on-notifying-event.ts) handles every event type listed, and every channel (inbox, e-mail,
 * webhooks, live stream) takes what the inbox gets.
 */
export interface NotificationRow<P extends object = object> {
  /** The event type, which is also the notification's type. */
  type: string;
  /** The contract of the event it is made of; absent for the notification service's own (webhook.disabled). */
  event?: EventDefinition<P>;
  severity: NotificationSeverity;
  /** Whose customer and environment it is about; null when this event makes no notification. */
  about: (data: P) => NotificationSubject | null;
  /** The links it carries, among those `about` names. */
  links: readonly LinkKind[];
  /** The placeholder values of one event in one language (`tenantName` from the tenant directory). */
  values: (data: P, locale: Locale, tenantName: string) => Record<string, string>;
  en: TextTemplate;
  fr: TextTemplate;
}

/** One row, typed by its event's payload. */
const row = <P extends object>(definition: NotificationRow<P>): NotificationRow =>
  definition as unknown as NotificationRow;

const byLocale = <T>(locale: Locale, en: T, fr: T): T => (locale === 'fr' ? fr : en);

// --- customers -------------------------------------------------------------------------------------------

const tenantSubject = (t: TenantSnapshotData): NotificationSubject => ({
  partnerId: t.partnerId,
  tenantId: t.tenantId,
  environmentName: null,
});
const tenantValues = (t: TenantSnapshotData) => ({ tenant: t.name, country: t.countryCode });

const TENANT_ROWS = [
  row({
    type: TenantCreated.type,
    event: TenantCreated,
    severity: 'info',
    about: tenantSubject,
    links: ['tenant'],
    values: tenantValues,
    en: {
      title: '{tenant} onboarded',
      body: '{tenant} ({country}) is now one of your customers. Create its environments to start managing its updates.',
    },
    fr: {
      title: '{tenant} ajouté',
      body: '{tenant} ({country}) fait désormais partie de vos clients. Créez ses environnements pour gérer ses mises à jour.',
    },
  }),
  row({
    type: TenantSuspended.type,
    event: TenantSuspended,
    severity: 'warning',
    about: tenantSubject,
    links: ['tenant'],
    values: tenantValues,
    en: {
      title: '{tenant} suspended',
      body: '{tenant} is suspended: its environments and extensions cannot change until it is resumed.',
    },
    fr: {
      title: '{tenant} suspendu',
      body: '{tenant} est suspendu : ses environnements et extensions ne peuvent plus changer jusqu’à sa réactivation.',
    },
  }),
  row({
    type: TenantResumed.type,
    event: TenantResumed,
    severity: 'info',
    about: tenantSubject,
    links: ['tenant'],
    values: tenantValues,
    en: { title: '{tenant} resumed', body: '{tenant} is active again: its environments can be changed.' },
    fr: {
      title: '{tenant} réactivé',
      body: '{tenant} est de nouveau actif : ses environnements peuvent être modifiés.',
    },
  }),
  row({
    type: TenantOffboarded.type,
    event: TenantOffboarded,
    severity: 'warning',
    about: tenantSubject,
    links: ['tenant'],
    values: tenantValues,
    en: {
      title: '{tenant} offboarded',
      body: '{tenant} is offboarded: it and its environments stay readable, and nothing changes them any more.',
    },
    fr: {
      title: '{tenant} résilié',
      body: '{tenant} est résilié : ses environnements restent consultables, mais plus rien ne les modifie.',
    },
  }),
];

// --- environments ----------------------------------------------------------------------------------------

const environmentSubject = (e: EnvironmentEventData & { operationId?: string }): NotificationSubject => ({
  partnerId: e.partnerId,
  tenantId: e.tenantId,
  environmentName: e.environment.name,
  ...(e.operationId ? { operationId: e.operationId } : {}),
});
const environmentValues = (e: EnvironmentEventData, locale: Locale, tenantName: string) => ({
  tenant: tenantName,
  environment: e.environment.name,
  version: e.environment.applicationVersion,
  kind:
    e.environment.type === 'production'
      ? byLocale(locale, 'production', 'de production')
      : byLocale(locale, 'sandbox', 'sandbox'),
});

const ENVIRONMENT_ROWS = [
  row({
    type: EnvironmentCreated.type,
    event: EnvironmentCreated,
    severity: 'info',
    about: environmentSubject,
    links: ['tenant', 'environment', 'operation'],
    values: environmentValues,
    en: {
      title: '{tenant} / {environment}: environment created',
      body: 'The {kind} environment {environment} was created on version {version}.',
    },
    fr: {
      title: '{tenant} / {environment} : environnement créé',
      body: 'L’environnement {kind} {environment} a été créé en version {version}.',
    },
  }),
  row({
    type: EnvironmentRenamed.type,
    event: EnvironmentRenamed,
    severity: 'info',
    about: environmentSubject,
    links: ['tenant', 'environment'],
    values: (e, locale, tenantName) => ({
      ...environmentValues(e, locale, tenantName),
      previous: e.previousName,
    }),
    en: {
      title: '{tenant} / {environment}: renamed from {previous}',
      body: 'The environment {previous} is now called {environment}.',
    },
    fr: {
      title: '{tenant} / {environment} : renommé (ancien nom {previous})',
      body: 'L’environnement {previous} s’appelle désormais {environment}.',
    },
  }),
  row({
    type: EnvironmentSoftDeleted.type,
    event: EnvironmentSoftDeleted,
    severity: 'warning',
    about: environmentSubject,
    links: ['tenant', 'environment'],
    values: (e, locale, tenantName) => ({
      ...environmentValues(e, locale, tenantName),
      purgeAt: localTime(e.purgeAt, 'UTC', locale),
    }),
    en: {
      title: '{tenant} / {environment}: deleted',
      body: '{environment} was deleted. It can be recovered until {purgeAt}; after that it is purged for good.',
    },
    fr: {
      title: '{tenant} / {environment} : supprimé',
      body: '{environment} a été supprimé. Il peut être restauré jusqu’au {purgeAt} ; ensuite il sera définitivement purgé.',
    },
  }),
  row({
    type: EnvironmentRecovered.type,
    event: EnvironmentRecovered,
    severity: 'info',
    about: environmentSubject,
    links: ['tenant', 'environment'],
    values: environmentValues,
    en: {
      title: '{tenant} / {environment}: recovered',
      body: '{environment} was recovered and is available again.',
    },
    fr: {
      title: '{tenant} / {environment} : restauré',
      body: '{environment} a été restauré et est de nouveau disponible.',
    },
  }),
  row({
    type: EnvironmentPurged.type,
    event: EnvironmentPurged,
    severity: 'warning',
    about: environmentSubject,
    links: ['tenant'],
    values: environmentValues,
    en: {
      title: '{tenant} / {environment}: purged',
      body: '{environment} was deleted for good; it can no longer be recovered.',
    },
    fr: {
      title: '{tenant} / {environment} : purgé',
      body: '{environment} a été définitivement supprimé ; il ne peut plus être restauré.',
    },
  }),
  row({
    type: EnvironmentVersionChanged.type,
    event: EnvironmentVersionChanged,
    severity: 'info',
    // A version an update brought is told by update.succeeded: only other changes make a notification.
    about: (e) => (e.updateId ? null : environmentSubject(e)),
    links: ['tenant', 'environment'],
    values: (e, locale, tenantName) => ({
      ...environmentValues(e, locale, tenantName),
      previous: e.previousVersion,
    }),
    en: {
      title: '{tenant} / {environment}: now on {version}',
      body: '{environment} moved from {previous} to {version}.',
    },
    fr: {
      title: '{tenant} / {environment} : désormais en {version}',
      body: '{environment} est passé de {previous} à {version}.',
    },
  }),
];

// --- updates ---------------------------------------------------------------------------------------------

const updateSubject = (u: UpdateEventData): NotificationSubject => ({
  partnerId: u.partnerId,
  tenantId: u.tenantId,
  environmentName: u.environmentName,
  operationId: u.operationId,
});
const RELEASE_KINDS: Record<UpdateEventData['updateType'], [string, string]> = {
  major: ['Major', 'majeure'],
  minor: ['Minor', 'mineure'],
  preview: ['Preview', 'préliminaire'],
};
const updateValues = (u: UpdateEventData, locale: Locale, tenantName: string) => ({
  tenant: tenantName,
  environment: u.environmentName,
  target: u.targetVersion,
  current: u.currentVersion,
  deadline: u.latestSelectableDate,
  kind: byLocale(locale, ...RELEASE_KINDS[u.updateType]),
  when: u.schedule.scheduledFor
    ? localTime(u.schedule.scheduledFor, u.schedule.timeZone, locale)
    : byLocale(locale, 'no time yet', 'pas encore de date'),
});
const UPDATE_LINKS: readonly LinkKind[] = ['tenant', 'environment', 'operation'];

const RESCHEDULE_REASONS: Record<string, [string, string]> = {
  partner: ['a partner chose another time', 'un partenaire a choisi un autre moment'],
  'update-window-changed': ['the update window changed', 'la fenêtre de mise à jour a changé'],
  'selection-changed': ['another version was selected', 'une autre version a été sélectionnée'],
  'environment-busy': [
    'the environment was busy; it is tried again in the same window',
    'l’environnement était occupé ; nouvel essai dans la même fenêtre',
  ],
  'run-canceled': [
    'the chosen run was canceled, so it is back on its automatic time',
    'l’exécution choisie a été annulée ; la mise à jour revient à sa date automatique',
  ],
  'retry-after-failure': [
    'the last attempt failed, so it is tried again seven days later',
    'la dernière tentative a échoué ; nouvel essai sept jours plus tard',
  ],
};
const MISSED_REASONS: Record<string, [string, string]> = {
  'environment-busy': [
    'the environment was busy for the rest of its update window',
    'l’environnement est resté occupé jusqu’à la fin de sa fenêtre',
  ],
  'window-passed': [
    'its update window passed before it could start',
    'sa fenêtre de mise à jour est passée avant qu’elle ne puisse démarrer',
  ],
};
const CANCEL_REASONS: Record<string, [string, string]> = {
  canceled: ['a partner canceled it', 'un partenaire l’a annulée'],
  superseded: [
    'the environment already reached this version or a newer one',
    'l’environnement est déjà dans cette version ou une plus récente',
  ],
  'environment-purged': ['the environment was purged', 'l’environnement a été purgé'],
};

const UPDATE_ROWS = [
  row({
    type: UpdateAvailable.type,
    event: UpdateAvailable,
    severity: 'info',
    about: updateSubject,
    links: UPDATE_LINKS,
    values: (u, locale, tenantName) => {
      const blocking = u.compatibility.blockingExtensions.length;
      return {
        ...updateValues(u, locale, tenantName),
        precheck:
          blocking === 0
            ? byLocale(
                locale,
                'Pre-check: every installed extension supports it.',
                'Vérification : toutes les extensions installées sont compatibles.',
              )
            : byLocale(
                locale,
                `Pre-check: ${blocking} installed extension${blocking > 1 ? 's do' : ' does'} not support it.`,
                `Vérification : ${blocking} extension${blocking > 1 ? 's installées ne sont pas compatibles' : ' installée n’est pas compatible'}.`,
              ),
      };
    },
    en: {
      title: '{tenant} / {environment}: {target} available',
      body:
        '{kind} release {target} is available for {environment} (on {current}). It is scheduled automatically for ' +
        '{when}, in the window of its latest selectable date {deadline}; choose another time before then if you ' +
        'prefer. {precheck}',
    },
    fr: {
      title: '{tenant} / {environment} : {target} disponible',
      body:
        'La version {kind} {target} est disponible pour {environment} (actuellement en {current}). Elle est ' +
        'planifiée automatiquement pour le {when}, dans la fenêtre de sa date limite de sélection {deadline} ; ' +
        'choisissez un autre moment avant cette date si vous le souhaitez. {precheck}',
    },
  }),
  row({
    type: UpdateCompatibilityWarning.type,
    event: UpdateCompatibilityWarning,
    severity: 'warning',
    about: updateSubject,
    links: UPDATE_LINKS,
    values: (u, locale, tenantName) => ({
      ...updateValues(u, locale, tenantName),
      extensions: extensionList(u.blockingExtensions, locale),
    }),
    en: {
      title: '{tenant} / {environment}: extensions block {target}',
      body:
        'These installed extensions do not support {target}: {extensions}. Upgrade or remove them before the ' +
        'update runs ({when}), or it will fail and {environment} will stay on {current}.',
    },
    fr: {
      title: '{tenant} / {environment} : des extensions bloquent {target}',
      body:
        'Ces extensions installées ne sont pas compatibles avec {target} : {extensions}. Mettez-les à jour ou ' +
        'supprimez-les avant la mise à jour ({when}), sinon elle échouera et {environment} restera en {current}.',
    },
  }),
  row({
    type: UpdateScheduled.type,
    event: UpdateScheduled,
    severity: 'info',
    about: updateSubject,
    links: UPDATE_LINKS,
    values: (u, locale, tenantName) => ({
      ...updateValues(u, locale, tenantName),
      window: u.schedule.ignoreUpdateWindow
        ? byLocale(locale, 'outside its update window as requested', 'hors de sa fenêtre, comme demandé')
        : byLocale(locale, 'in its update window', 'dans sa fenêtre de mise à jour'),
    }),
    en: {
      title: '{tenant} / {environment}: update to {target} scheduled',
      body: '{environment} will be updated from {current} to {target} on {when}, {window}.',
    },
    fr: {
      title: '{tenant} / {environment} : mise à jour vers {target} planifiée',
      body: '{environment} sera mis à jour de {current} vers {target} le {when}, {window}.',
    },
  }),
  row({
    type: UpdateRescheduled.type,
    event: UpdateRescheduled,
    severity: 'info',
    about: updateSubject,
    links: UPDATE_LINKS,
    values: (u, locale, tenantName) => ({
      ...updateValues(u, locale, tenantName),
      reason: byLocale(locale, ...(RESCHEDULE_REASONS[u.reason] ?? [u.reason, u.reason])),
    }),
    en: {
      title: '{tenant} / {environment}: update to {target} rescheduled',
      body: 'The update of {environment} to {target} now runs on {when}: {reason}.',
    },
    fr: {
      title: '{tenant} / {environment} : mise à jour vers {target} replanifiée',
      body: 'La mise à jour de {environment} vers {target} aura lieu le {when} : {reason}.',
    },
  }),
  row({
    type: UpdateSucceeded.type,
    event: UpdateSucceeded,
    severity: 'info',
    about: updateSubject,
    links: UPDATE_LINKS,
    values: (u, locale, tenantName) => ({
      ...updateValues(u, locale, tenantName),
      previous: u.previousVersion,
      completed: localTime(u.completedAt, u.schedule.timeZone, locale),
    }),
    en: {
      title: '{tenant} / {environment}: updated to {target}',
      body: '{environment} was updated from {previous} to {target} on {completed}.',
    },
    fr: {
      title: '{tenant} / {environment} : mis à jour en {target}',
      body: '{environment} a été mis à jour de {previous} vers {target} le {completed}.',
    },
  }),
  row({
    type: UpdateFailed.type,
    event: UpdateFailed,
    severity: 'error',
    about: updateSubject,
    links: UPDATE_LINKS,
    values: (u, locale, tenantName) => ({
      ...updateValues(u, locale, tenantName),
      // The reason is the lifecycle service's, in English.
      reason: u.reason,
      extensions:
        u.blockingExtensions.length === 0
          ? ''
          : byLocale(locale, ' Blocking extensions: ', ' Extensions bloquantes : ') +
            `${extensionList(u.blockingExtensions, locale)}.`,
    }),
    en: {
      title: '{tenant} / {environment}: update to {target} failed',
      body:
        '{reason}.{extensions} {environment} stays on {current}; fix the extensions and schedule the update ' +
        'again before {deadline}.',
    },
    fr: {
      title: '{tenant} / {environment} : échec de la mise à jour vers {target}',
      body:
        'La mise à jour a échoué : {reason}.{extensions} {environment} reste en {current} ; corrigez les ' +
        'extensions et planifiez à nouveau la mise à jour avant le {deadline}.',
    },
  }),
  row({
    type: UpdateMissed.type,
    event: UpdateMissed,
    severity: 'warning',
    about: updateSubject,
    links: UPDATE_LINKS,
    values: (u, locale, tenantName) => ({
      ...updateValues(u, locale, tenantName),
      why: byLocale(locale, ...(MISSED_REASONS[u.reason] ?? [u.reason, u.reason])),
    }),
    en: {
      title: '{tenant} / {environment}: update to {target} missed its window',
      body: 'The update of {environment} to {target} did not start: {why}. It moved to the next window: {when}.',
    },
    fr: {
      title: '{tenant} / {environment} : mise à jour vers {target} hors fenêtre',
      body:
        'La mise à jour de {environment} vers {target} n’a pas démarré : {why}. Elle est reportée à la fenêtre ' +
        'suivante : {when}.',
    },
  }),
  row({
    type: UpdateCanceled.type,
    event: UpdateCanceled,
    severity: 'info',
    about: updateSubject,
    links: UPDATE_LINKS,
    values: (u, locale, tenantName) => ({
      ...updateValues(u, locale, tenantName),
      reason: byLocale(locale, ...(CANCEL_REASONS[u.reason] ?? [u.reason, u.reason])),
    }),
    en: {
      title: '{tenant} / {environment}: update to {target} canceled',
      body: 'The scheduled update of {environment} to {target} was canceled: {reason}.',
    },
    fr: {
      title: '{tenant} / {environment} : mise à jour vers {target} annulée',
      body: 'La mise à jour planifiée de {environment} vers {target} a été annulée : {reason}.',
    },
  }),
];

// --- issues (the telemetry service's) -------------------------------------------------------------------

const issueSubject = (i: IssueEventData): NotificationSubject => ({
  partnerId: i.partnerId,
  tenantId: i.tenantId,
  environmentName: i.environmentName,
});
const issueValues = (i: IssueEventData, locale: Locale, tenantName: string) => ({
  tenant: tenantName,
  environment: i.environmentName,
  eventId: i.eventId,
  count: String(i.count),
  firstSeen: localTime(i.firstSeenAt, 'UTC', locale),
  lastSeen: localTime(i.lastSeenAt, 'UTC', locale),
});

const ISSUE_ROWS = [
  row({
    type: IssueOpened.type,
    event: IssueOpened,
    severity: 'error',
    about: issueSubject,
    links: ['tenant', 'environment'],
    values: (i, locale, tenantName) => ({
      ...issueValues(i, locale, tenantName),
      threshold: String(i.threshold),
      window: String(i.windowMinutes),
    }),
    en: {
      title: '{tenant} / {environment}: errors spiking ({eventId})',
      body:
        '{count} error or critical events {eventId} in {environment} within {window} minutes (the threshold is ' +
        '{threshold}) opened an issue on {firstSeen}. Acknowledge it when someone looks into it, or make a ' +
        'sandbox of the environment to reproduce the problem.',
    },
    fr: {
      title: '{tenant} / {environment} : pic d’erreurs ({eventId})',
      body:
        '{count} erreurs ou événements critiques {eventId} dans {environment} en {window} minutes (le seuil est de ' +
        '{threshold}) ont ouvert un incident le {firstSeen}. Prenez-le en charge quand quelqu’un l’examine, ou ' +
        'créez une sandbox de l’environnement pour reproduire le problème.',
    },
  }),
  row({
    type: IssueAcknowledged.type,
    event: IssueAcknowledged,
    severity: 'info',
    about: issueSubject,
    links: ['tenant', 'environment'],
    values: (i, locale, tenantName) => ({ ...issueValues(i, locale, tenantName), by: i.acknowledgedBy }),
    en: {
      title: '{tenant} / {environment}: issue {eventId} acknowledged',
      body: '{by} is looking into the issue of {eventId} in {environment} ({count} errors so far).',
    },
    fr: {
      title: '{tenant} / {environment} : incident {eventId} pris en charge',
      body: '{by} examine l’incident {eventId} de {environment} ({count} erreurs jusqu’ici).',
    },
  }),
  row({
    type: IssueResolved.type,
    event: IssueResolved,
    severity: 'info',
    about: issueSubject,
    links: ['tenant', 'environment'],
    values: (i, locale, tenantName) => ({
      ...issueValues(i, locale, tenantName),
      how:
        i.resolution === 'quiet'
          ? byLocale(
              locale,
              'no error came for its quiet period',
              'aucune erreur pendant sa période de calme',
            )
          : byLocale(locale, 'a partner resolved it', 'un partenaire l’a résolu'),
    }),
    en: {
      title: '{tenant} / {environment}: issue {eventId} resolved',
      body: 'The issue of {eventId} in {environment} is resolved: {how}. {count} errors from {firstSeen} to {lastSeen}.',
    },
    fr: {
      title: '{tenant} / {environment} : incident {eventId} résolu',
      body: 'L’incident {eventId} de {environment} est résolu : {how}. {count} erreurs du {firstSeen} au {lastSeen}.',
    },
  }),
];

// --- the notification service's own ---------------------------------------------------------------------

/** What the notification service tells a partner whose webhook it disabled. */
export interface WebhookDisabledFacts {
  partnerId: string;
  webhookId: string;
  url: string;
  lastError: string;
}

export const WEBHOOK_DISABLED_TYPE = 'webhook.disabled';

const WEBHOOK_ROWS = [
  row<WebhookDisabledFacts>({
    type: WEBHOOK_DISABLED_TYPE,
    severity: 'error',
    about: (w) => ({ partnerId: w.partnerId, tenantId: null, environmentName: null }),
    links: [],
    values: (w) => ({ url: w.url, error: w.lastError, webhookId: w.webhookId }),
    en: {
      title: 'Webhook disabled: {url}',
      body:
        'Deliveries to {url} failed for 24 hours (last error: {error}), so the webhook was disabled and its ' +
        'pending deliveries were given up. Fix the receiver, then enable it again (POST ' +
        '/v1/webhooks/{webhookId}/enable).',
    },
    fr: {
      title: 'Webhook désactivé : {url}',
      body:
        'Les envois vers {url} échouent depuis 24 heures (dernière erreur : {error}) : le webhook a été ' +
        'désactivé et ses envois en attente abandonnés. Corrigez le récepteur, puis réactivez-le (POST ' +
        '/v1/webhooks/{webhookId}/enable).',
    },
  }),
];

/** Every row, in the order the documentation lists them. */
export const NOTIFICATION_CATALOG: readonly NotificationRow[] = [
  ...TENANT_ROWS,
  ...ENVIRONMENT_ROWS,
  ...UPDATE_ROWS,
  ...ISSUE_ROWS,
  ...WEBHOOK_ROWS,
];

/** The rows made of consumed events (what the consumer subscribes to). */
export const EVENT_ROWS = NOTIFICATION_CATALOG.filter((r) => r.event !== undefined);

export function catalogRow(type: string): NotificationRow | undefined {
  return NOTIFICATION_CATALOG.find((r) => r.type === type);
}

/** Events a partner may want but that make no notification, and why (listed in the documentation). */
export const EVENTS_WITHOUT_NOTIFICATION: Readonly<Record<string, string>> = {
  'tenant.updated': 'a detail the partner changed itself',
  'extension.installed': 'the partner’s own action, seen on the environment',
  'extension.uninstalled': 'the partner’s own action, seen on the environment',
  'release.published': 'about no customer: update.available follows for each environment it reaches',
  'update.started': 'update.succeeded or update.failed follows',
  'update-window.changed': 'the partner’s own action; moved updates make update.rescheduled',
};
