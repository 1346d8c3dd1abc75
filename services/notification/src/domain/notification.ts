import type {
  BlockingExtensionData,
  NotificationSeverity,
  TenantSnapshotData,
  UpdateAvailableData,
  UpdateCompatibilityWarningData,
  UpdateEventData,
  UpdateFailedData,
  UpdateMissedData,
  UpdateScheduledData,
  UpdateSucceededData,
} from '@pac/contracts';

/** An entry of a partner's inbox, caused by one event about one of its customers. */
export interface Notification {
  id: string;
  partnerId: string;
  tenantId: string;
  environmentName: string | null;
  /** The type of the event that caused it, e.g. update.failed. */
  type: string;
  severity: NotificationSeverity;
  title: string;
  body: string;
  /** The event's id: one notification per event. */
  sourceEventId: string;
  createdAt: string;
  readAt: string | null;
}

export type NotificationContent = Pick<Notification, 'severity' | 'title' | 'body'>;

/** What a notification is about: the event that caused it, and whose customer and environment. */
export interface NotificationCause {
  eventId: string;
  eventType: string;
  occurredAt: string;
  partnerId: string;
  tenantId: string;
  environmentName: string | null;
}

/** A new, unread notification of a cause, with the content written for it. */
export function newNotification(
  id: string,
  cause: NotificationCause,
  content: NotificationContent,
): Notification {
  return {
    id,
    partnerId: cause.partnerId,
    tenantId: cause.tenantId,
    environmentName: cause.environmentName,
    type: cause.eventType,
    ...content,
    sourceEventId: cause.eventId,
    createdAt: cause.occurredAt,
    readAt: null,
  };
}

/** What a partner reads when a customer is onboarded. */
export function tenantOnboardedContent(tenant: TenantSnapshotData): NotificationContent {
  return {
    severity: 'info',
    title: `${tenant.name} onboarded`,
    body: `${tenant.name} (${tenant.countryCode}) is now one of your customers. Create its environments to start managing its updates.`,
  };
}

/** A time as the customer lives it: in the environment's time zone, named, e.g. "Fri, 1 May 2026, 22:00 (Europe/Paris)". */
export function localTime(instant: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
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

function where(update: UpdateEventData, tenantName: string | undefined): string {
  return `${tenantName ?? 'Customer'} / ${update.environmentName}`;
}

function extensionList(extensions: BlockingExtensionData[]): string {
  return extensions
    .map((e) => {
      const range = e.maxVersion ? `${e.minVersion}–${e.maxVersion}` : `${e.minVersion} and later`;
      return `${e.publisher} ${e.name} ${e.version} (supports ${range})`;
    })
    .join(', ');
}

function whenItRuns(update: UpdateEventData): string {
  const { scheduledFor, timeZone } = update.schedule;
  return scheduledFor ? localTime(scheduledFor, timeZone) : 'no time yet';
}

export function updateAvailableContent(
  update: UpdateAvailableData,
  tenantName?: string,
): NotificationContent {
  const blocking = update.compatibility.blockingExtensions.length;
  return {
    severity: 'info',
    title: `${where(update, tenantName)}: ${update.targetVersion} available`,
    body:
      `${capitalize(update.updateType)} release ${update.targetVersion} is available for ${update.environmentName} ` +
      `(on ${update.currentVersion}). It is scheduled automatically for ${whenItRuns(update)}, in the window of its ` +
      `latest selectable date ${update.latestSelectableDate}; choose another time before then if you prefer.` +
      (blocking > 0
        ? ` Pre-check: ${blocking} installed extension${blocking > 1 ? 's do' : ' does'} not support it.`
        : ' Pre-check: every installed extension supports it.'),
  };
}

export function compatibilityWarningContent(
  update: UpdateCompatibilityWarningData,
  tenantName?: string,
): NotificationContent {
  return {
    severity: 'warning',
    title: `${where(update, tenantName)}: extensions block ${update.targetVersion}`,
    body:
      `These installed extensions do not support ${update.targetVersion}: ${extensionList(update.blockingExtensions)}. ` +
      `Upgrade or remove them before the update runs (${whenItRuns(update)}), or it will fail and ` +
      `${update.environmentName} will stay on ${update.currentVersion}.`,
  };
}

export function updateScheduledContent(
  update: UpdateScheduledData,
  tenantName?: string,
): NotificationContent {
  return {
    severity: 'info',
    title: `${where(update, tenantName)}: update to ${update.targetVersion} scheduled`,
    body:
      `${update.environmentName} will be updated from ${update.currentVersion} to ${update.targetVersion} on ` +
      `${whenItRuns(update)}` +
      (update.schedule.ignoreUpdateWindow
        ? ', outside its update window as requested.'
        : ', in its update window.'),
  };
}

export function updateSucceededContent(
  update: UpdateSucceededData,
  tenantName?: string,
): NotificationContent {
  return {
    severity: 'info',
    title: `${where(update, tenantName)}: updated to ${update.targetVersion}`,
    body:
      `${update.environmentName} was updated from ${update.previousVersion} to ${update.targetVersion} on ` +
      `${localTime(update.completedAt, update.schedule.timeZone)}.`,
  };
}

export function updateFailedContent(update: UpdateFailedData, tenantName?: string): NotificationContent {
  const extensions =
    update.blockingExtensions.length > 0
      ? ` Blocking extensions: ${extensionList(update.blockingExtensions)}.`
      : '';
  return {
    severity: 'error',
    title: `${where(update, tenantName)}: update to ${update.targetVersion} failed`,
    body:
      `${update.reason}.${extensions} ${update.environmentName} stays on ${update.currentVersion}; ` +
      `fix the extensions and schedule the update again before ${update.latestSelectableDate}.`,
  };
}

export function updateMissedContent(update: UpdateMissedData, tenantName?: string): NotificationContent {
  const why =
    update.reason === 'environment-busy'
      ? 'the environment was busy for the rest of its update window'
      : 'its update window passed before it could start';
  return {
    severity: 'warning',
    title: `${where(update, tenantName)}: update to ${update.targetVersion} missed its window`,
    body:
      `The update of ${update.environmentName} to ${update.targetVersion} did not start: ${why}. ` +
      `It moved to the next window: ${whenItRuns(update)}.`,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
