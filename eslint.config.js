import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Dependencies point inward: the core (everything under src/ but the front ends) never imports
 * a front end or the Actions toolkit, and builds AWS clients only in src/aws/.
 */
const CORE = [
  'src/aws',
  'src/buildspec',
  'src/codebuild',
  'src/codedeploy',
  'src/codepipeline',
  'src/github',
  'src/lint',
  'src/mirror',
  'src/status',
  'src/util',
];
const FRONT_ENDS_AND_TOOLKIT = {
  patterns: [
    {
      group: ['**/cli', '**/cli/**', '**/cli.js'],
      message: 'The core never imports the CLI: pass what it needs as settings or ports.',
    },
    {
      group: ['**/actions/**', '@actions/*'],
      message:
        'The core never imports the Actions front end or @actions/*: pass a port (Logger, StatusReporter, ...).',
    },
    { group: ['**/lambda/**'], message: 'The core never imports a Lambda front end.' },
    {
      group: ['**/file-kinds.js'],
      message: 'The registry of lint file kinds belongs to the front ends that assemble it.',
    },
  ],
};
const NO_DYNAMIC_FRONT_END_IMPORTS = {
  selector: 'ImportExpression[source.value=/(^|\\/)(cli|actions|lambda)(\\/|\\.js$)|^@actions\\//]',
  message: 'The core never imports a front end or @actions/*, not even with import().',
};
const NO_CLIENTS_OUTSIDE_AWS = {
  selector: 'NewExpression[callee.name=/^[A-Z][A-Za-z0-9]*Client$/]',
  message:
    'AWS SDK clients are built in src/aws/ (region, retries, time-outs, user agent in one place).',
};

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'coverage/', '.bench/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_CLIENTS_OUTSIDE_AWS] },
  },
  {
    files: CORE.map((folder) => `${folder}/**/*.ts`),
    rules: {
      'no-restricted-imports': ['error', FRONT_ENDS_AND_TOOLKIT],
      'no-restricted-syntax': ['error', NO_DYNAMIC_FRONT_END_IMPORTS, NO_CLIENTS_OUTSIDE_AWS],
    },
  },
  {
    files: ['src/aws/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_DYNAMIC_FRONT_END_IMPORTS] },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
