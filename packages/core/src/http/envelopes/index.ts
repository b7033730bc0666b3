import type { ZohoApp } from '../../regions.js';
import type { EnvelopeReader } from '../envelope.js';
import { cliqEnvelopeReader } from './cliq.js';
import { mailEnvelopeReader } from './mail.js';

export { cliqEnvelopeReader, mailEnvelopeReader };
export { CLIQ_ERROR_KINDS } from './cliq.js';
export { MAIL_ERROR_KINDS } from './mail.js';

/**
 * Each app's envelope reader, from the wire digests. Plugins register these (or their own) through the plugin
 * contract; a connection falls back to them for apps no plugin has registered.
 */
export const DEFAULT_ENVELOPE_READERS: Partial<Record<ZohoApp, EnvelopeReader>> = {
  mail: mailEnvelopeReader,
  cliq: cliqEnvelopeReader,
};
