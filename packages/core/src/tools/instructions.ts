import type { AnyZohoPlugin, ZohoTool } from './types.js';

/**
 * Guidance every Zoho tool shares, said once (for the agent's system prompt and the MCP server's
 * `instructions`) instead of in each tool's description.
 */
export const SHARED_TOOL_INSTRUCTIONS = `How the Zoho tools work:
- Ids are strings of digits ("4150868000000224005"): copy them exactly from earlier results; never send an id as a bare number.
- Lists come as a table: {"columns":[…],"rows":[[…],…]}; row values follow the column order, null means no value; "Account_Name.name" and "Account_Name.id" are the parts of one lookup. A column named in the table's "ids" holds names; the id of each is said once there, by column then name ("ids":{"Owner":{"Maya Ortiz":"4150868000000225013"}}). Totals and counts sit beside the table.
- Values every row of a table shares may be said once, in "every_row" beside the table, instead of in each row.
- Paging: ask for a small page first. When a result has next_page (or next_page_token, or another cursor it names), call the same tool with the same arguments and that value to get more; no cursor means there is no more.
- Results are compact: empty fields and Zoho's bookkeeping are left out. Read tools take "raw": true for Zoho's unshaped JSON, which is much larger; use it only when a needed value is missing.
- Inputs are strict: an unknown or misspelt field is an error that names the valid fields; nothing is sent. Fix the input and call again.
- Writes (create, update, send, delete) are shown to the user, who must approve them; a refusal means nothing was sent: do not repeat the same write, ask what to change. Updates show before → after.
- If a write's answer was lost, the tool checks whether it landed and says applied (with the id), not applied (safe to retry) or unknown (check with the tool it names before retrying). Never resend a write whose outcome is unknown.
- Errors say what failed, Zoho's code and what to change.`;

/** The toolkit's instructions: the shared guidance, then each plugin's own (apps and cross-app plugins) whose tools are allowed. */
export function toolkitInstructions(plugins: readonly AnyZohoPlugin[], allowed: readonly ZohoTool[]): string {
  const apps = new Set(allowed.map((t) => t.app));
  const parts = [SHARED_TOOL_INSTRUCTIONS];
  for (const plugin of plugins) {
    if (plugin.instructions && apps.has(plugin.app)) parts.push(plugin.instructions.trim());
  }
  return parts.join('\n\n');
}
