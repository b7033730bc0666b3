import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@zoho-agent-kit/source'] },
  ssr: { resolve: { conditions: ['@zoho-agent-kit/source'] } },
  test: { name: 'docs', include: ['test/**/*.test.ts'] },
});
