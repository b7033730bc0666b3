export { defineZohoTool } from './define.js';
export { createZohoToolkit, type ConfirmHook, type ConfirmRequest, type ToolCallResult, type ZohoToolkit, type ZohoToolkitOptions } from './toolkit.js';
export { ALLOW_ALL, policyAllows, requiredScopes, type ToolPolicy } from './policy.js';
export { createJsonlAuditWriter, type AuditEvent, type AuditHook, type AuditOutcome } from './audit.js';
export { describeToolError, ToolInputError } from './errors.js';
export { redact, redactText } from './redact.js';
export { compact, toModelText, type CompactOptions } from './shape.js';
export type * from './types.js';
