import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@zoho-agent-kit/source'] },
  ssr: { resolve: { conditions: ['@zoho-agent-kit/source'] } },
  test: {
    name: 'calendar',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
