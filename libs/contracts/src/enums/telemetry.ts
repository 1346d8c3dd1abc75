/** The severity of a telemetry row, from the least to the most severe. */
export const TELEMETRY_SEVERITIES = ['verbose', 'info', 'warning', 'error', 'critical'] as const;
export type TelemetrySeverity = (typeof TELEMETRY_SEVERITIES)[number];
