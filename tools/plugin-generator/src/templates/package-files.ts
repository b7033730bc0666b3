import type { TemplateContext } from './context.js';

/** package.json: the same shape as packages/books — source condition first, then types, then dist. */
export function packageJson({ spec, names }: TemplateContext): string {
  const entry = (sub: string) => ({
    '@zoho-agent-kit/source': `./src/${sub}index.ts`,
    types: `./dist/${sub}index.d.ts`,
    default: `./dist/${sub}index.js`,
  });
  const pkg = {
    name: names.packageName,
    version: '0.1.0',
    description: spec.description,
    type: 'module',
    license: 'MIT',
    engines: { node: '>=20.19' },
    exports: {
      '.': entry(''),
      './emulator': entry('emulator/'),
      './package.json': './package.json',
    },
    files: ['dist', '!dist/**/*.tsbuildinfo', '!dist/**/*.map', 'README.md'],
    peerDependencies: {
      '@langchain/core': '^1.0.0',
      '@zoho-agent-kit/core': '^0.1.0',
      zod: '^4.0.0',
    },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function tsconfigJson(): string {
  return `{
  "files": [],
  "references": [
    { "path": "./tsconfig.build.json" },
    { "path": "./tsconfig.spec.json" }
  ]
}
`;
}

export function tsconfigBuildJson({ paths }: TemplateContext): string {
  return `{
  "extends": "${paths.tsconfigBase}",
  "compilerOptions": {
    "rootDir": "src",
    "outDir": "dist",
    "tsBuildInfoFile": "dist/tsconfig.build.tsbuildinfo"
  },
  "include": ["src/**/*.ts"],
  "references": [{ "path": "${paths.coreBuild}" }]
}
`;
}

export function tsconfigSpecJson({ paths }: TemplateContext): string {
  return `{
  "extends": "${paths.tsconfigBase}",
  "compilerOptions": {
    "noEmit": true,
    "composite": false,
    "declaration": false,
    "declarationMap": false
  },
  "include": ["test/**/*.ts", "src/**/*.ts"],
  "references": [{ "path": "${paths.coreBuild}" }]
}
`;
}

export function vitestConfig({ names }: TemplateContext): string {
  return `import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@zoho-agent-kit/source'] },
  ssr: { resolve: { conditions: ['@zoho-agent-kit/source'] } },
  test: {
    name: '${names.app}',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
`;
}
