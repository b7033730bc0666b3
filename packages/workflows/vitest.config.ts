import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@zoho-agent-kit/source'] },
  ssr: { resolve: { conditions: ['@zoho-agent-kit/source'] } },
  test: {
    name: 'workflows',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
