export { loadInstalledPlugins, type LoadedPlugin } from '@zoho-agent-kit/core';
