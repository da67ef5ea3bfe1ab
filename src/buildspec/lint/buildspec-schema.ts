/**
 * The shape of a version 0.2 buildspec: every key CodeBuild knows, where it may appear and what
 * type its value has. Allowed values (on-failure, file-format, cache action, shell) have rules
 * of their own; this only says which keys exist and what kind of YAML node each one holds.
 */
import { PHASE_NAMES } from '../model.js';

export type Shape =
  | { readonly type: 'mapping'; readonly keys: Readonly<Record<string, Field>> }
  /** A mapping with keys the user chooses (variable names, report groups, artifact ids). */
  | { readonly type: 'dictionary'; readonly values: Shape; readonly example: string }
  | { readonly type: 'sequence'; readonly example: string }
  /** commands / finally: a list whose items the command rules check. */
  | { readonly type: 'commands' }
  | { readonly type: 'scalar' }
  /** yes/no/true/false. */
  | { readonly type: 'boolean' }
  | { readonly type: 'scalar-or-sequence' }
  /** Not checked further (batch build entries). */
  | { readonly type: 'any' };

export interface Field {
  readonly shape: Shape;
  /** Said when the key is missing: CodeBuild requires it. */
  readonly requiredBecause?: string;
}

const scalar: Field = { shape: { type: 'scalar' } };
const boolean: Field = { shape: { type: 'boolean' } };
const any: Field = { shape: { type: 'any' } };
const paths = (example: string): Field => ({ shape: { type: 'sequence', example } });
const names = (example: string): Shape => ({
  type: 'dictionary',
  values: { type: 'scalar' },
  example,
});

const artifactKeys = {
  files: {
    ...paths("- '**/*'"),
    requiredBecause: "CodeBuild uploads only the files listed there (use - '**/*' for everything)",
  },
  name: scalar,
  'discard-paths': boolean,
  'base-directory': scalar,
  'exclude-paths': { shape: { type: 'scalar-or-sequence' } },
  'enable-symlinks': boolean,
  's3-prefix': scalar,
} satisfies Record<string, Field>;

const phaseKeys = {
  'run-as': scalar,
  'on-failure': scalar,
  commands: { shape: { type: 'commands' } },
  finally: { shape: { type: 'commands' } },
} satisfies Record<string, Field>;

const phase = (name: string): Field => ({
  shape: {
    type: 'mapping',
    keys:
      name === 'install'
        ? { ...phaseKeys, 'runtime-versions': { shape: names('nodejs: 20') } }
        : phaseKeys,
  },
});

export const BUILDSPEC_SCHEMA: Shape = {
  type: 'mapping',
  keys: {
    // Presence and value of version have a rule of their own.
    version: scalar,
    'run-as': scalar,
    env: {
      shape: {
        type: 'mapping',
        keys: {
          shell: scalar,
          variables: { shape: names('NAME: value') },
          'parameter-store': { shape: names('NAME: /parameter/name') },
          'secrets-manager': { shape: names('NAME: secret-id:json-key') },
          'exported-variables': paths('- NAME'),
          'git-credential-helper': boolean,
        },
      },
    },
    proxy: { shape: { type: 'mapping', keys: { 'upload-artifacts': boolean, logs: boolean } } },
    batch: {
      shape: {
        type: 'mapping',
        keys: {
          'fast-fail': boolean,
          'build-list': any,
          'build-matrix': any,
          'build-graph': any,
          'build-fanout': any,
        },
      },
    },
    phases: {
      shape: {
        type: 'mapping',
        keys: Object.fromEntries(PHASE_NAMES.map((name) => [name, phase(name)])),
      },
      requiredBecause: 'it holds the commands to run',
    },
    reports: {
      shape: {
        type: 'dictionary',
        example: 'report-group-name:',
        values: {
          type: 'mapping',
          keys: {
            files: {
              ...paths("- 'reports/*.xml'"),
              requiredBecause: 'CodeBuild reads the report files listed there',
            },
            'base-directory': scalar,
            'discard-paths': boolean,
            'file-format': scalar,
          },
        },
      },
    },
    artifacts: {
      shape: {
        type: 'mapping',
        keys: {
          ...artifactKeys,
          'secondary-artifacts': {
            shape: {
              type: 'dictionary',
              example: 'artifact-identifier:',
              values: { type: 'mapping', keys: artifactKeys },
            },
          },
        },
      },
    },
    cache: {
      shape: {
        type: 'mapping',
        keys: {
          paths: paths("- '/root/.npm/**/*'"),
          key: scalar,
          'fallback-keys': paths('- npm-'),
          action: scalar,
        },
      },
    },
  },
};

/** Where each key may appear, e.g. post_build → ["phases"]; dictionary levels show as <name>. */
export function keyHomes(
  shape: Shape = BUILDSPEC_SCHEMA,
  path = '',
  homes = new Map<string, string[]>(),
): Map<string, string[]> {
  if (shape.type === 'mapping') {
    for (const [name, field] of Object.entries(shape.keys)) {
      const list = homes.get(name) ?? [];
      if (!list.includes(path)) list.push(path);
      homes.set(name, list);
      keyHomes(field.shape, path ? `${path}.${name}` : name, homes);
    }
  } else if (shape.type === 'dictionary') {
    keyHomes(shape.values, `${path}.<${shape.example.replace(/:$/, '')}>`, homes);
  }
  return homes;
}
