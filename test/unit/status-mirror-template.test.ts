/**
 * templates/status-mirror.yml: parses with CloudFormation's short tags, gives every resource the
 * properties its type requires, refers only to what exists, passes the mirror's variables (never
 * a secret's value), grants only what the mirror's code calls (read from src/mirror's IAM action
 * names), keeps failed events in a queue, and its rules match the sample events they should and
 * no other. Also the EventBridge pattern matcher the rules are checked with.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MIRROR_VARIABLES, PLAIN_SECRET_VARIABLES } from '../../src/mirror/mirror-variables.js';
import { eventRules, readTemplate, type Json } from '../helpers/cloudformation-yaml.js';
import { matchesPattern } from '../helpers/event-pattern.js';
import { ROOT } from '../helpers/run-bundle.js';
import { sampleEvents } from '../helpers/codebuild-events.js';

const FILE = join(ROOT, 'templates/status-mirror.yml');

const MIRROR = join(ROOT, 'src/mirror');

/** src/mirror's modules, by file name. */
const mirrorSources: [string, string][] = readdirSync(MIRROR)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => [name, readFileSync(join(MIRROR, name), 'utf8')]);

/**
 * The IAM actions the mirror's code names: every '<service>:<Action>' literal in src/mirror. Each
 * AWS call names its action so that a denial says what to allow: `action: '…'` for
 * explainAwsError (aws-ports.ts), or the action argument of mirror-pipeline.ts's call().
 */
const IAM_ACTION = /'([a-z][a-z0-9-]*:[A-Z][A-Za-z0-9]*)'/g;
const namedActions = (text: string): string[] =>
  [...text.matchAll(IAM_ACTION)].map((match) => match[1]!);
const calledActions = [...new Set(mirrorSources.flatMap(([, text]) => namedActions(text)))].sort();

const template = readTemplate(FILE);
const fn = template.Resources.StatusMirrorFunction;
const rules = eventRules(template);

const events = sampleEvents();

/** The statements of the function's inline policy, each !If's statement in place of the !If. */
const statements = (): Json[] => {
  const [policy, ...others] = fn.Properties.Policies as Json[];
  expect(others).toEqual([]);
  return (policy!.Statement as Json[]).map((s) => (s['Fn::If'] ? s['Fn::If'][1] : s) as Json);
};
const actions = (statement: Json): string[] => [statement.Action].flat() as string[];

/** Evaluates the conditions' intrinsics (Ref, Equals, Not, Select, Split) for given parameters. */
function evaluate(node: unknown, parameters: Record<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => evaluate(n, parameters));
  if (!node || typeof node !== 'object') return node;
  const [[name, argument]] = Object.entries(node) as [[string, unknown]];
  const args = evaluate(argument, parameters) as unknown[];
  switch (name) {
    case 'Ref':
      return parameters[argument as string] ?? template.Parameters[argument as string].Default;
    case 'Fn::Equals':
      return args[0] === args[1];
    case 'Fn::Not':
      return !args[0];
    case 'Fn::Select':
      return (args[1] as unknown[])[args[0] as number];
    case 'Fn::Split':
      return (args[1] as string).split(args[0] as string);
    default:
      throw new Error(`cannot evaluate ${name}`);
  }
}
const condition = (name: string, parameters: Record<string, string> = {}) =>
  evaluate(template.Conditions[name], parameters);

describe('matchesPattern (EventBridge pattern semantics)', () => {
  const event = {
    source: 'aws.codebuild',
    'detail-type': 'CodeBuild Build State Change',
    resources: ['arn:aws:codebuild:us-east-1:123456789012:build/my-app:1', 'other'],
    detail: {
      'project-name': 'my-app',
      'build-status': 'FAILED',
      count: 12,
      nothing: null,
      tags: ['a', 'b'],
      phases: [{ 'phase-type': 'BUILD' }, { 'phase-type': 'COMPLETED' }],
    },
  };
  const cases: [string, Json, boolean][] = [
    ['an empty pattern matches everything', {}, true],
    ['exact string', { source: ['aws.codebuild'] }, true],
    ['values are ORed', { source: ['aws.ec2', 'aws.codebuild'] }, true],
    ['no value equal', { source: ['aws.ec2'] }, false],
    ['fields are ANDed', { source: ['aws.codebuild'], 'detail-type': ['x'] }, false],
    ['nested field', { detail: { 'build-status': ['FAILED'] } }, true],
    ['nested field differs', { detail: { 'build-status': ['SUCCEEDED'] } }, false],
    ['exact number', { detail: { count: [12] } }, true],
    ['a number is not its string', { detail: { count: ['12'] } }, false],
    ['null', { detail: { nothing: [null] } }, true],
    ['a missing field is not null', { detail: { absent: [null] } }, false],
    ['any element of an event list', { detail: { tags: ['b'] } }, true],
    ['resources is a list', { resources: [{ prefix: 'arn:aws:codebuild:' }] }, true],
    [
      'a nested pattern into a list of objects',
      { detail: { phases: { 'phase-type': ['BUILD'] } } },
      true,
    ],
    ['prefix', { detail: { 'project-name': [{ prefix: 'my-' }] } }, true],
    ['prefix differs', { detail: { 'project-name': [{ prefix: 'web-' }] } }, false],
    ['prefix ignoring case', { source: [{ prefix: { 'equals-ignore-case': 'AWS.' } }] }, true],
    ['suffix', { detail: { 'project-name': [{ suffix: '-app' }] } }, true],
    ['suffix differs', { detail: { 'project-name': [{ suffix: '-web' }] } }, false],
    [
      'suffix ignoring case',
      { detail: { 'project-name': [{ suffix: { 'equals-ignore-case': 'APP' } }] } },
      true,
    ],
    [
      'equals-ignore-case',
      { detail: { 'build-status': [{ 'equals-ignore-case': 'failed' }] } },
      true,
    ],
    [
      'anything-but a value',
      { detail: { 'build-status': [{ 'anything-but': 'SUCCEEDED' }] } },
      true,
    ],
    [
      'anything-but that value',
      { detail: { 'build-status': [{ 'anything-but': 'FAILED' }] } },
      false,
    ],
    [
      'anything-but values',
      { detail: { 'build-status': [{ 'anything-but': ['FAILED', 'FAULT'] }] } },
      false,
    ],
    [
      'anything-but a prefix',
      { detail: { 'project-name': [{ 'anything-but': { prefix: 'web' } }] } },
      true,
    ],
    [
      'anything-but its prefix',
      { detail: { 'project-name': [{ 'anything-but': { prefix: 'my' } }] } },
      false,
    ],
    ['anything-but needs the field', { detail: { absent: [{ 'anything-but': 'x' }] } }, false],
    ['numeric range', { detail: { count: [{ numeric: ['>', 10, '<=', 12] }] } }, true],
    ['numeric out of range', { detail: { count: [{ numeric: ['>', 12] }] } }, false],
    ['numeric equal', { detail: { count: [{ numeric: ['=', 12] }] } }, true],
    ['numeric on a string', { detail: { 'project-name': [{ numeric: ['>', 0] }] } }, false],
    ['exists', { detail: { count: [{ exists: true }] } }, true],
    ['exists on a missing field', { detail: { absent: [{ exists: true }] } }, false],
    ['exists false on a missing field', { detail: { absent: [{ exists: false }] } }, true],
    ['exists false on a present field', { detail: { count: [{ exists: false }] } }, false],
    ['exists false under a missing object', { missing: { field: [{ exists: false }] } }, true],
    ['wildcard', { detail: { 'project-name': [{ wildcard: 'my-*' }] } }, true],
    ['wildcard in the middle', { 'detail-type': [{ wildcard: 'CodeBuild * Change' }] }, true],
    ['wildcard differs', { detail: { 'project-name': [{ wildcard: 'web-*' }] } }, false],
    ['escaped star is literal', { detail: { 'project-name': [{ wildcard: 'my\\*' }] } }, false],
    ['$or, one alternative', { $or: [{ source: ['aws.ec2'] }, { detail: { count: [12] } }] }, true],
    ['$or, none', { $or: [{ source: ['aws.ec2'] }, { detail: { count: [1] } }] }, false],
    ['$or nested', { detail: { $or: [{ count: [1] }, { 'build-status': ['FAILED'] }] } }, true],
  ];
  it.each(cases)('%s', (_, pattern, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });

  it('rejects what EventBridge rejects', () => {
    expect(() => matchesPattern({ source: 'aws.codebuild' }, event)).toThrow();
    expect(() => matchesPattern({ source: [] }, event)).toThrow();
    expect(() => matchesPattern({ source: [{ regex: '.*' }] }, event)).toThrow();
  });
});

describe('templates/status-mirror.yml', () => {
  it('is a SAM template for the bundled mirror on nodejs24.x, arm64', () => {
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(fn.Type).toBe('AWS::Serverless::Function');
    expect(fn.Properties).toMatchObject({
      CodeUri: '../dist/status-mirror',
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 60,
      LoggingConfig: { LogGroup: { Ref: 'StatusMirrorLogGroup' } },
    });
  });

  // The bundle is built from src/lambda/status-mirror/ by scripts/bundle.js; until a build has
  // produced it, only the path is checked.
  const code = join(dirname(FILE), '../dist/status-mirror');
  (existsSync(code) ? it : it.skip)('points CodeUri at the built bundle, an ES module', () => {
    expect(existsSync(join(code, 'index.js'))).toBe(true);
    expect(JSON.parse(readFileSync(join(code, 'package.json'), 'utf8')).type).toBe('module');
  });

  it('describes every parameter, and takes secrets by name or ARN', () => {
    for (const [name, parameter] of Object.entries(template.Parameters as Json)) {
      expect([name, typeof parameter.Description]).toEqual([name, 'string']);
      if (name.endsWith('Secret')) expect(parameter.Description).toMatch(/name or ARN/);
    }
    expect(template.Parameters.MirrorPipelines).toMatchObject({
      Default: 'false',
      AllowedValues: ['true', 'false'],
    });
    expect(template.Parameters.Projects.Default).toBe('');
    expect(template.Parameters.LogRetentionDays.Default).toBe(30);
    expect(template.Parameters.LogRetentionDays.AllowedValues).toEqual(
      expect.arrayContaining([1, 7, 14, 30, 90, 365, 3653]),
    );
    expect(template.Resources.StatusMirrorLogGroup.Properties.RetentionInDays).toEqual({
      Ref: 'LogRetentionDays',
    });
  });

  it('sets only mirror variables, never a secret value, each from its parameter', () => {
    const variables = fn.Properties.Environment.Variables as Record<string, { Ref: string }>;
    const names = Object.keys(variables);
    expect(names.filter((name) => !(name in MIRROR_VARIABLES))).toEqual([]);
    expect(names.filter((name) => PLAIN_SECRET_VARIABLES.includes(name as never))).toEqual([]);
    // Every variable but the plain secrets has a parameter, so every one is set.
    expect(names.sort()).toEqual(
      Object.keys(MIRROR_VARIABLES)
        .filter((name) => !PLAIN_SECRET_VARIABLES.includes(name as never))
        .sort(),
    );
    for (const [name, value] of Object.entries(variables)) {
      expect(template.Parameters[value.Ref]).toBeDefined();
      // GITHUB_APP_PRIVATE_KEY_SECRET comes from GitHubAppPrivateKeySecret, and so on.
      expect(
        value.Ref.replace('GitHub', 'Github')
          .replace(/([a-z])([A-Z])/g, '$1_$2')
          .toUpperCase(),
      ).toBe(name);
    }
  });

  it('gives every resource the properties its type requires', () => {
    const required: Record<string, string[]> = {
      'AWS::Serverless::Function': ['CodeUri', 'Handler', 'Runtime'],
      'AWS::Logs::LogGroup': [],
      'AWS::SQS::Queue': [],
      'AWS::SQS::QueuePolicy': ['PolicyDocument', 'Queues'],
      // None is required by the schema, but a rule needs a pattern or a schedule.
      'AWS::Events::Rule': ['EventPattern', 'Targets'],
      'AWS::Lambda::Permission': ['Action', 'FunctionName', 'Principal'],
    };
    const missing: string[] = [];
    for (const [id, resource] of Object.entries(template.Resources as Json)) {
      expect([id, Object.keys(required)]).toEqual([id, expect.arrayContaining([resource.Type])]);
      for (const property of required[resource.Type]!)
        if (resource.Properties?.[property] === undefined) missing.push(`${id}.${property}`);
    }
    for (const [name, event] of Object.entries(fn.Properties.Events as Json)) {
      expect(event.Type).toBe('EventBridgeRule');
      if (!event.Properties.Pattern) missing.push(`${name}.Pattern`);
    }
    for (const target of template.Resources.PipelineRule.Properties.Targets as Json[])
      for (const property of ['Arn', 'Id'])
        if (!target[property]) missing.push(`target ${property}`);
    expect(missing).toEqual([]);
  });

  it('refers only to parameters, resources, conditions and pseudo parameters that exist', () => {
    const names = new Set([
      ...Object.keys(template.Parameters),
      ...Object.keys(template.Resources),
      // The rules SAM makes of the function's EventBridgeRule events.
      ...rules.map((rule) => rule.logicalId),
      'AWS::AccountId',
      'AWS::NoValue',
      'AWS::Partition',
      'AWS::Region',
      'AWS::StackName',
    ]);
    const conditions = new Set(Object.keys(template.Conditions));
    const unknown: string[] = [];
    const name = (reference: string) => {
      if (!names.has(reference)) unknown.push(reference);
    };
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'Ref') name(value as string);
        if (key === 'Fn::GetAtt')
          name(Array.isArray(value) ? (value[0] as string) : (value as string).split('.')[0]!);
        if (key === 'Fn::Sub') {
          const [text, variables] = Array.isArray(value) ? value : [value, {}];
          for (const [, reference] of (text as string).matchAll(/\$\{([^!}][^}]*)\}/g))
            if (!(reference! in (variables as Json))) name(reference!.split('.')[0]!);
        }
        if (key === 'Fn::If' && !conditions.has(value[0])) unknown.push(`condition ${value[0]}`);
        if (key === 'Condition' && typeof value === 'string' && !conditions.has(value))
          unknown.push(`condition ${value}`);
        walk(value);
      }
    };
    walk(template);
    expect(unknown).toEqual([]);
  });

  it('names the IAM action of every SDK command src/mirror sends, in the module that sends it', () => {
    expect(calledActions).toEqual(expect.arrayContaining(['codebuild:BatchGetBuilds']));
    const unnamed: string[] = [];
    for (const [name, text] of mirrorSources)
      for (const [, command] of text.matchAll(/\bnew (\w+)Command\(/g)) {
        const actions = namedActions(text).filter((action) => action.split(':')[1] === command);
        if (actions.length === 0) unnamed.push(`${name}: ${command}Command`);
      }
    expect(unnamed).toEqual([]);
  });

  it('grants exactly the calls the mirror makes, no action wildcards', () => {
    const granted = statements().flatMap(actions);
    expect(granted.filter((action) => action.includes('*'))).toEqual([]);
    // What the code calls, its dead-letter queue (Lambda sends a failed invocation's record with
    // the function's role), and the secrets' customer-managed key when one is given.
    expect([...new Set(granted)].sort()).toEqual(
      [...calledActions, 'sqs:SendMessage', 'kms:Decrypt'].sort(),
    );
    const conditional = (action: string) =>
      (fn.Properties.Policies[0].Statement as Json[])
        .filter((s) => actions((s['Fn::If'] ? s['Fn::If'][1] : s) as Json).includes(action))
        .map((s) => (s['Fn::If'] ? (s['Fn::If'][0] as string) : 'always'));
    expect(conditional('kms:Decrypt')).toEqual(['HasSecretsKmsKey']);
    expect(conditional('sqs:SendMessage')).toEqual(['always']);
    const bySid = Object.fromEntries(statements().map((s) => [s.Sid, s]));
    expect(bySid.ReadBuilds!.Resource).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:codebuild:${AWS::Region}:${AWS::AccountId}:project/*',
    });
    expect(bySid.ReadPipelines!.Resource).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:*',
    });
    expect(bySid.DeadLetters!.Resource).toEqual({ 'Fn::GetAtt': 'DeadLetterQueue.Arn' });
    const ifs = (fn.Properties.Policies[0].Statement as Json[]).filter((s) => s['Fn::If']);
    expect(ifs.map((s) => s['Fn::If'][0] as string).sort()).toEqual([
      'HasBitbucketAccessTokenSecret',
      'HasBitbucketApiTokenSecret',
      'HasGitHubAppPrivateKeySecret',
      'HasGitHubTokenSecret',
      'HasSecretsKmsKey',
      'MirrorPipelinesEnabled',
    ]);
    for (const s of ifs) expect(s['Fn::If'][2]).toEqual({ Ref: 'AWS::NoValue' });
  });

  it.each([
    'GitHubTokenSecret',
    'GitHubAppPrivateKeySecret',
    'BitbucketAccessTokenSecret',
    'BitbucketApiTokenSecret',
  ])('lets the function read %s only, given by name or by ARN', (parameter) => {
    const statement = statements().find((s) => s.Sid === `Read${parameter}`)!;
    expect(statement.Action).toBe('secretsmanager:GetSecretValue');
    expect(statement.Resource).toEqual({
      'Fn::If': [
        `${parameter}IsArn`,
        [{ Ref: parameter }, { 'Fn::Sub': `\${${parameter}}-??????` }],
        {
          'Fn::Sub': `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:\${${parameter}}-??????`,
        },
      ],
    });
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:buildbridge/token-AbCdEf';
    expect(condition(`Has${parameter}`)).toBe(false);
    expect(condition(`Has${parameter}`, { [parameter]: 'buildbridge/token' })).toBe(true);
    expect(condition(`${parameter}IsArn`, { [parameter]: 'buildbridge/token' })).toBe(false);
    expect(condition(`${parameter}IsArn`, { [parameter]: arn })).toBe(true);
    expect(condition(`${parameter}IsArn`)).toBe(false);
  });

  it('lets the function decrypt with SecretsKmsKeyArn only, through Secrets Manager in its region, when given', () => {
    const statement = statements().find((s) => s.Sid === 'DecryptSecrets')!;
    expect(statement).toEqual({
      Sid: 'DecryptSecrets',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: { Ref: 'SecretsKmsKeyArn' },
      Condition: {
        StringEquals: {
          'kms:ViaService': { 'Fn::Sub': 'secretsmanager.${AWS::Region}.amazonaws.com' },
        },
      },
    });
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(template.Parameters.SecretsKmsKeyArn.Default).toBe('');
    expect(condition('HasSecretsKmsKey')).toBe(false);
    expect(condition('HasSecretsKmsKey', { SecretsKmsKeyArn: key })).toBe(true);
    const pattern = new RegExp(template.Parameters.SecretsKmsKeyArn.AllowedPattern as string);
    for (const accepted of ['', key, key.replace('1234abcd', 'mrk-1234abcd')])
      expect([accepted, pattern.test(accepted)]).toEqual([accepted, true]);
    for (const refused of [
      'alias/aws/secretsmanager',
      'arn:aws:kms:us-east-1:123456789012:alias/secrets',
      '1234abcd-12ab-34cd-56ef-1234567890ab',
      `${key} `,
    ])
      expect([refused, pattern.test(refused)]).toEqual([refused, false]);
  });

  it('mirrors pipelines only when MirrorPipelines is true', () => {
    expect(condition('MirrorPipelinesEnabled')).toBe(false);
    expect(condition('MirrorPipelinesEnabled', { MirrorPipelines: 'true' })).toBe(true);
    for (const id of ['PipelineRule', 'PipelineRulePermission'])
      expect(template.Resources[id].Condition).toBe('MirrorPipelinesEnabled');
    expect(template.Outputs.PipelineRuleArn.Condition).toBe('MirrorPipelinesEnabled');
    expect(template.Resources.PipelineRulePermission.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { Ref: 'StatusMirrorFunction' },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': 'PipelineRule.Arn' },
    });
  });

  it('keeps what failed in an encrypted queue for 14 days: undelivered events and failed invocations', () => {
    const queue = template.Resources.DeadLetterQueue.Properties;
    expect(queue).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    const queueArn = { 'Fn::GetAtt': 'DeadLetterQueue.Arn' };
    for (const rule of rules) {
      expect([rule.logicalId, rule.target.DeadLetterConfig]).toEqual([
        rule.logicalId,
        { Arn: queueArn },
      ]);
      expect(rule.target.RetryPolicy).toEqual({
        MaximumRetryAttempts: expect.any(Number),
        MaximumEventAgeInSeconds: expect.any(Number),
      });
    }
    expect(fn.Properties.EventInvokeConfig).toEqual({
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: expect.any(Number),
      DestinationConfig: { OnFailure: { Type: 'SQS', Destination: queueArn } },
    });
    const policy = template.Resources.DeadLetterQueuePolicy.Properties;
    expect(policy.Queues).toEqual([{ Ref: 'DeadLetterQueue' }]);
    const [statement, ...others] = policy.PolicyDocument.Statement as Json[];
    expect(others).toEqual([]);
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: queueArn,
    });
    expect(statement!.Condition.ArnEquals['aws:SourceArn']).toEqual([
      { 'Fn::GetAtt': 'StatusMirrorFunctionBuildStateChange.Arn' },
      { 'Fn::GetAtt': 'StatusMirrorFunctionBuildPhaseChange.Arn' },
      {
        'Fn::If': [
          'MirrorPipelinesEnabled',
          { 'Fn::GetAtt': 'PipelineRule.Arn' },
          { Ref: 'AWS::NoValue' },
        ],
      },
    ]);
  });

  it('outputs the function, the queue and the rules', () => {
    expect(template.Outputs).toEqual({
      StatusMirrorFunctionArn: { Value: { 'Fn::GetAtt': 'StatusMirrorFunction.Arn' } },
      DeadLetterQueueUrl: expect.objectContaining({ Value: { Ref: 'DeadLetterQueue' } }),
      BuildStateRuleArn: {
        Value: { 'Fn::GetAtt': 'StatusMirrorFunctionBuildStateChange.Arn' },
      },
      BuildPhaseRuleArn: {
        Value: { 'Fn::GetAtt': 'StatusMirrorFunctionBuildPhaseChange.Arn' },
      },
      PipelineRuleArn: {
        Condition: 'MirrorPipelinesEnabled',
        Value: { 'Fn::GetAtt': 'PipelineRule.Arn' },
      },
    });
  });

  describe('rules against the sample events', () => {
    const expected: Record<string, string[]> = {
      StatusMirrorFunctionBuildStateChange: [
        'codebuild-build-state-failed',
        'codebuild-build-state-in-progress',
        'codebuild-build-state-succeeded',
      ],
      StatusMirrorFunctionBuildPhaseChange: ['codebuild-build-phase-change'],
      PipelineRule: [
        'codepipeline-pipeline-execution-started',
        'codepipeline-pipeline-execution-succeeded',
        'codepipeline-stage-execution-failed',
      ],
    };

    it('has the three rules, with sample events for each', () => {
      expect(rules.map((rule) => rule.logicalId).sort()).toEqual(Object.keys(expected).sort());
      for (const names of Object.values(expected))
        for (const name of names) expect([name, events[name]]).toEqual([name, expect.any(Object)]);
    });

    it.each(rules.map((rule) => [rule.logicalId, rule] as const))(
      '%s matches its events and no other',
      (id, rule) => {
        const matched = Object.keys(events)
          .filter((name) => matchesPattern(rule.pattern, events[name]!))
          .sort();
        expect(matched).toEqual(expected[id]);
      },
    );

    it('no rule takes a BUILD phase change, an action execution or an EC2 event', () => {
      for (const name of [
        'codebuild-build-phase-change-build',
        'codepipeline-action-execution-succeeded',
        'ec2-instance-state-change',
      ])
        expect([name, rules.filter((rule) => matchesPattern(rule.pattern, events[name]!))]).toEqual(
          [name, []],
        );
    });
  });
});
