/** The plugin list lives in core so the REPL, the MCP server and the benchmarks load the same plugins. */
export { PLUGIN_PACKAGES, loadInstalledPlugins as loadPlugins, type LoadedPlugin } from '@zoho-agent-kit/core';
