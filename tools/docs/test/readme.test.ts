import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README, renderedReadme } from '../src/readme-tools.js';

describe('the root README', () => {
  it('has the tool table of every installed plugin (run `npm run readme` after a change)', async () => {
    const current = readFileSync(README, 'utf8');
    expect(current).toBe(await renderedReadme(current));
  });
});
