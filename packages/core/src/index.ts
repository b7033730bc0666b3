export * from './errors.js';
export * from './regions.js';
export { scopeCovers, scopesSatisfy, minimalScopes } from './scopes.js';
export { parseJson } from './json.js';
export {
  ZohoConnection,
  createZohoConnection,
  type ZohoAppClient,
  type ZohoAppSpec,
  type ZohoConnectionOptions,
  type ZohoRequest,
  type ZohoResponse,
} from './connection.js';
export { genericEnvelopeReader, headerValue, kindForStatus, retryAfterMs, type EnvelopeReader, type RawResponse, type ZohoErrorInfo } from './http/envelope.js';
export type { HttpMethod, HttpOptions, ProgressListener, QueryValue, ResponseType } from './http/transport.js';
export { DEFAULT_BUDGETS, LimiterRegistry, guardedWindowMs, type DailyBudget, type LimiterKey, type LimitsOptions, type RateBudget, type RequestCap } from './limits.js';
export { DEFAULT_RETRY, attemptLimit, backoffMs, resolveRetryPolicy, retryDelay, tokenRetryDelay, type RetryContext, type RetryPolicy } from './retry.js';
export { SecretRedactor, redactSecrets } from './secrets.js';
export { ZohoOAuthClient, REFRESH_WINDOW_MS } from './oauth.js';
export type { TokenResponse, ZohoOAuthClientOptions, AuthorizationUrlOptions, RevokeOptions } from './oauth.js';
export { TokenManager, tokenStoreKey, type GetAccessTokenOptions, type TokenManagerOptions, type RefreshingClient } from './tokens/manager.js';
export { RegionalOAuth, type RegionalOAuthOptions } from './tokens/regional-oauth.js';
export { FileTokenStore, DEFAULT_TOKEN_FILE, type FileTokenStoreOptions, type StoredCredentials } from './tokens/file-store.js';
export { CLEAR_TOKENS_WARNING_CODE, RedisTokenStore, type RedisTokenStoreOptions } from './tokens/redis-store.js';
export { TokenCipher } from './tokens/crypto.js';
export { loadZohoConfig, hasZohoConfig, ZOHO_HOST_VARIABLES, type ZohoConfig, type Env } from './config.js';
export { resolveZohoConfig, connectionOptionsFromConfig, pluginOptionsFromConfig } from './config-connect.js';
export { MemoryTokenStore } from './tokens/memory-store.js';
export type { AccessTokenSource, StoredToken, TokenStore } from './tokens/types.js';
export * from './tools/index.js';
export { FilesFolder, DEFAULT_FILES_DIR, type FileEntry } from './files.js';
export { COMMON_PROMPT, ROLES, findRole, roleNames, systemPrompt, type Role } from './roles.js';
export { CROSS_APP_PLUGIN_PACKAGES, PLUGIN_PACKAGES, loadInstalledPlugins, type LoadedPlugin } from './plugins.js';
