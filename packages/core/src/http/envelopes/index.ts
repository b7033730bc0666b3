import type { ZohoApp } from '../../regions.js';
import type { EnvelopeReader } from '../envelope.js';
import { calendarEnvelopeReader } from './calendar.js';

export { calendarEnvelopeReader };
export { CALENDAR_ERROR_KINDS } from './calendar.js';

/**
 * Each app's envelope reader, from the wire digests. Plugins register these (or their own) through the plugin
 * contract; a connection falls back to them for apps no plugin has registered.
 */
export const DEFAULT_ENVELOPE_READERS: Partial<Record<ZohoApp, EnvelopeReader>> = {
  calendar: calendarEnvelopeReader,
};
