export { startMcp, type McpIO, type RunningMcp } from './app.js';
export { parseMcpCli, parseBind, isLoopback, USAGE, UsageError, type HttpBind, type McpCliOptions, type WritesMode } from './args.js';
export { CONFIRM_FIELD, CONFIRM_SCHEMA, confirmationMessage } from './confirm.js';
export { serveHttp, checkHttpToken, HttpSetupError, MCP_PATH, type HttpOptions, type McpHttpServer } from './http.js';
export { buildPolicy, allowedTools, missingApps } from './policy.js';
export { CallProgress } from './progress.js';
export { roleTable } from './role-table.js';
export { ZohoMcp, mcpTool, toolTitle, SERVER_NAME, type ZohoMcpOptions } from './server.js';
export { connectZoho, type ZohoTarget } from './target.js';
