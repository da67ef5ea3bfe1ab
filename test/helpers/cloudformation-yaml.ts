/**
 * Reads a CloudFormation (or SAM) template written with the short intrinsic tags (!Ref, !Sub,
 * !GetAtt, !If, ...) into the JSON form CloudFormation itself uses ({ Ref }, { 'Fn::Sub' }, ...).
 */
import { readFileSync } from 'node:fs';
import { parse, type Tags } from 'yaml';

const tag = (name: string, kind: 'scalar' | 'seq' | 'map' = 'scalar') => ({
  tag: `!${name}`,
  ...(kind === 'scalar' ? {} : { collection: kind }),
  // A collection arrives as a YAMLSeq node: its JSON is the list, inner tags already resolved.
  resolve: (value: unknown) => ({
    [name === 'Ref' ? 'Ref' : `Fn::${name}`]:
      kind === 'scalar' ? value : (value as { toJSON(): unknown }).toJSON(),
  }),
});

export const CLOUDFORMATION_TAGS: Tags = [
  tag('Ref'),
  tag('Sub'),
  tag('Sub', 'seq'),
  tag('GetAtt'),
  tag('GetAtt', 'seq'),
  tag('If', 'seq'),
  tag('Equals', 'seq'),
  tag('Not', 'seq'),
  tag('And', 'seq'),
  tag('Or', 'seq'),
  tag('Select', 'seq'),
  tag('Split', 'seq'),
  tag('Join', 'seq'),
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed template, read by shape
export type Json = Record<string, any>;

/** The template at `file`, short tags resolved to their long form. */
export function readTemplate(file: string): Json {
  return parse(readFileSync(file, 'utf8'), { customTags: CLOUDFORMATION_TAGS }) as Json;
}

/** An EventBridge rule of a template: a SAM function's EventBridgeRule event or an AWS::Events::Rule. */
export interface TemplateRule {
  /** The rule's logical ID once SAM has transformed the template (function ID + event name). */
  logicalId: string;
  pattern: Json;
  /** The target's retry policy and dead-letter queue. */
  target: Json;
}

export function eventRules(template: Json): TemplateRule[] {
  const rules: TemplateRule[] = [];
  for (const [id, resource] of Object.entries(template.Resources as Json)) {
    if (resource.Type === 'AWS::Serverless::Function')
      for (const [name, event] of Object.entries((resource.Properties.Events ?? {}) as Json))
        if (event.Type === 'EventBridgeRule')
          rules.push({
            logicalId: `${id}${name}`,
            pattern: event.Properties.Pattern,
            target: event.Properties,
          });
    if (resource.Type === 'AWS::Events::Rule')
      for (const target of resource.Properties.Targets as Json[])
        rules.push({ logicalId: id, pattern: resource.Properties.EventPattern, target });
  }
  return rules;
}
