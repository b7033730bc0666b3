import type { ZohoConnectionOptions } from '../connection.js';
import type { Emulator } from './server.js';

/** Connection options that point every host, the accounts server included, at a running emulator. */
export function emulatorConnectionOptions(emulator: Emulator, extra: ZohoConnectionOptions = {}): ZohoConnectionOptions {
  return {
    region: 'us',
    clientId: emulator.credentials.clientId,
    clientSecret: emulator.credentials.clientSecret,
    refreshToken: emulator.credentials.refreshToken,
    accountsUrl: emulator.url,
    baseUrls: emulator.baseUrls,
    ...extra,
  };
}
