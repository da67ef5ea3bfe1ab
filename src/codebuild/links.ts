/** Links people click: the build in the CodeBuild console and its log in CloudWatch. */
import type { Build } from '@aws-sdk/client-codebuild';

/** Account id from an ARN like arn:aws:codebuild:us-east-1:123456789012:build/p:uuid. */
function accountFromArn(arn: string | undefined): string | undefined {
  return arn?.split(':')[4] || undefined;
}

function partitionConsoleHost(region: string): string {
  if (region.startsWith('cn-')) return `${region}.console.amazonaws.cn`;
  if (region.startsWith('us-gov-')) return `${region}.console.amazonaws-us-gov.com`;
  return `${region}.console.aws.amazon.com`;
}

export function consoleUrl(
  build: Pick<Build, 'id' | 'arn' | 'projectName'>,
  region: string,
): string {
  const id = build.id ?? '';
  const project = build.projectName ?? id.split(':')[0] ?? '';
  const account = accountFromArn(build.arn);
  const base = `https://${partitionConsoleHost(region)}/codesuite/codebuild`;
  const path = account
    ? `${account}/projects/${encodeURIComponent(project)}/build/${encodeURIComponent(id)}/`
    : `projects/${encodeURIComponent(project)}/build/${encodeURIComponent(id)}/`;
  return `${base}/${path}?region=${region}`;
}

export function logsUrl(build: Pick<Build, 'logs'>): string | undefined {
  return build.logs?.deepLink || undefined;
}

/** The batch in the CodeBuild console. */
export function batchConsoleUrl(
  batch: {
    readonly id?: string | undefined;
    readonly arn?: string | undefined;
    readonly projectName?: string | undefined;
  },
  region: string,
): string {
  const id = batch.id ?? '';
  const project = batch.projectName ?? id.split(':')[0] ?? '';
  const account = accountFromArn(batch.arn);
  const base = `https://${partitionConsoleHost(region)}/codesuite/codebuild`;
  const path = `projects/${encodeURIComponent(project)}/batch/${encodeURIComponent(id)}/`;
  return `${base}/${account ? `${account}/${path}` : path}?region=${region}`;
}

/**
 * A report (`arn:aws:codebuild:<region>:<account>:report/<group>:<id>`) in the CodeBuild
 * console; undefined for an ARN of another shape.
 */
export function reportConsoleUrl(reportArn: string, region: string): string | undefined {
  const match = /^arn:[\w-]+:codebuild:[\w-]+:(\d{12}):report\/(.+):([\w-]+)$/.exec(reportArn);
  if (!match) return undefined;
  const [, account, group, id] = match;
  return `https://${partitionConsoleHost(region)}/codesuite/codebuild/${account}/testReports/reports/${encodeURIComponent(group ?? '')}/${encodeURIComponent(id ?? '')}?region=${region}`;
}
