import { routeText, type TemplateContext } from './context.js';

/** package.json: the layout of packages/books, with the app's package as a peer (its envelope reader, its emulator). */
export function packageJson({ demo, names, builtin }: TemplateContext): string {
  const pkg = {
    name: names.packageName,
    version: '0.1.0',
    description: `${names.name}: ${demo.product} tools for LangChain agents, on @zoho-agent-kit (${routeText(demo.read.route)}, ${routeText(demo.write.route)}).`,
    type: 'module',
    license: 'UNLICENSED',
    engines: { node: '>=20.19' },
    exports: {
      '.': {
        '@zoho-agent-kit/source': './src/index.ts',
        types: './dist/index.d.ts',
        default: './dist/index.js',
      },
      './package.json': './package.json',
    },
    files: ['dist', '!dist/**/*.tsbuildinfo', '!dist/**/*.map', 'README.md'],
    peerDependencies: {
      '@langchain/core': '^1.0.0',
      '@zoho-agent-kit/core': '^0.1.0',
      [builtin.packageName]: '^0.1.0',
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

function references({ paths }: TemplateContext): string {
  return `"references": [{ "path": "${paths.coreBuild}" }, { "path": "${paths.appBuild}" }]`;
}

export function tsconfigBuildJson(ctx: TemplateContext): string {
  return `{
  "extends": "${ctx.paths.tsconfigBase}",
  "compilerOptions": {
    "rootDir": "src",
    "outDir": "dist",
    "tsBuildInfoFile": "dist/tsconfig.build.tsbuildinfo"
  },
  "include": ["src/**/*.ts"],
  ${references(ctx)}
}
`;
}

export function tsconfigSpecJson(ctx: TemplateContext): string {
  return `{
  "extends": "${ctx.paths.tsconfigBase}",
  "compilerOptions": {
    "noEmit": true,
    "composite": false,
    "declaration": false,
    "declarationMap": false
  },
  "include": ["test/**/*.ts", "src/**/*.ts"],
  ${references(ctx)}
}
`;
}

export function vitestConfig({ names }: TemplateContext): string {
  return `import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@zoho-agent-kit/source'] },
  ssr: { resolve: { conditions: ['@zoho-agent-kit/source'] } },
  test: {
    name: '${names.name}',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
`;
}
