/** The roles live in core so the REPL and the MCP server read the same ones; see packages/core/src/roles.ts. */
export { COMMON_PROMPT, ROLES, findRole, roleNames, systemPrompt, type Role } from '@zoho-agent-kit/core';
