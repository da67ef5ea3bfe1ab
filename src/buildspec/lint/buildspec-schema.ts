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
  /** A list; `items`, when given, is the shape of each item (checked by the batch rules). */
  | { readonly type: 'sequence'; readonly example: string; readonly items?: Shape }
  /** commands / finally: a list whose items the command rules check. */
  | { readonly type: 'commands' }
  | { readonly type: 'scalar' }
  /** yes/no/true/false. */
  | { readonly type: 'boolean' }
  | { readonly type: 'scalar-or-sequence' }
  /** A whole number (batch.build-fanout.parallelism). */
  | { readonly type: 'number' };

export interface Field {
  readonly shape: Shape;
  /** Said when the key is missing: CodeBuild requires it. */
  readonly requiredBecause?: string;
  /**
   * Checked by rules of their own (batch-rules.ts), which count list items in paths and say what
   * CodeBuild does with each mistake: the generic schema walk and keyHomes do not look inside.
   */
  readonly ownRules?: true;
}

const scalar: Field = { shape: { type: 'scalar' } };
const boolean: Field = { shape: { type: 'boolean' } };
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

/** The batch build kinds; a buildspec may use one of them. */
export const BATCH_KINDS = ['build-list', 'build-matrix', 'build-graph', 'build-fanout'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];

/** Overrides of one batch build's environment (build-list and build-graph entries). */
const buildEnv: Shape = {
  type: 'mapping',
  keys: {
    'compute-type': scalar,
    fleet: scalar,
    image: scalar,
    type: scalar,
    'privileged-mode': boolean,
    variables: { shape: names('NAME: value') },
  },
};

/** One build of a build-list or build-graph; the identifier rule checks that it has one. */
const buildKeys = {
  identifier: scalar,
  buildspec: scalar,
  env: { shape: buildEnv },
  'ignore-failure': boolean,
  'debug-session': boolean,
} satisfies Record<string, Field>;

const identifiers: Field = {
  shape: { type: 'sequence', example: '- identifier', items: { type: 'scalar' } },
};

const buildEntries = (keys: Record<string, Field>): Shape => ({
  type: 'sequence',
  example: '- identifier: name',
  items: { type: 'mapping', keys },
});

/** Each value of a dynamic key is a list: CodeBuild starts one build per combination. */
const values = (example: string): Field => ({
  shape: { type: 'sequence', example, items: { type: 'scalar' } },
});

const buildMatrix: Shape = {
  type: 'mapping',
  keys: {
    static: {
      shape: {
        type: 'mapping',
        keys: {
          'ignore-failure': boolean,
          env: {
            shape: {
              type: 'mapping',
              keys: {
                'compute-type': scalar,
                fleet: scalar,
                image: scalar,
                type: scalar,
                'privileged-mode': boolean,
              },
            },
          },
        },
      },
    },
    dynamic: {
      shape: {
        type: 'mapping',
        keys: {
          buildspec: values('- buildspec-a.yml'),
          env: {
            shape: {
              type: 'mapping',
              keys: {
                'compute-type': values('- BUILD_GENERAL1_SMALL'),
                fleet: { shape: { type: 'scalar-or-sequence' } },
                image: values('- aws/codebuild/standard:7.0'),
                variables: {
                  shape: {
                    type: 'dictionary',
                    example: 'NAME: [value1, value2]',
                    values: { type: 'sequence', example: '- value', items: { type: 'scalar' } },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const buildFanout: Shape = {
  type: 'mapping',
  keys: { parallelism: { shape: { type: 'number' } }, 'ignore-failure': boolean },
};

export const BATCH_KIND_SHAPES: Readonly<Record<BatchKind, Shape>> = {
  'build-list': buildEntries(buildKeys),
  'build-matrix': buildMatrix,
  'build-graph': buildEntries({ ...buildKeys, 'depend-on': identifiers }),
  'build-fanout': buildFanout,
};

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
          ...Object.fromEntries(
            BATCH_KINDS.map((kind) => [kind, { shape: BATCH_KIND_SHAPES[kind], ownRules: true }]),
          ),
        },
      },
    },
    phases: {
      shape: {
        type: 'mapping',
        keys: Object.fromEntries(PHASE_NAMES.map((name) => [name, phase(name)])),
      },
      // Not required when every batch build names a buildspec of its own: batch-missing-phases
      // then reports each build that runs this file.
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
      if (!field.ownRules) keyHomes(field.shape, path ? `${path}.${name}` : name, homes);
    }
  } else if (shape.type === 'dictionary') {
    keyHomes(shape.values, `${path}.<${shape.example.replace(/:$/, '')}>`, homes);
  }
  return homes;
}
