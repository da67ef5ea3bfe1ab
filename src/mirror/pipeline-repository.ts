/**
 * Which repository and commit a pipeline execution ran, read from what GetPipelineExecution
 * returns (`artifactRevisions`) and the source actions GetPipeline declares: `revisionId` is
 * the commit, `revisionUrl` says where it lives.
 *
 * - GitHub (v1) and other code-host links (`https://github.com/OWNER/REPO/commit/SHA`, a GitHub
 *   Enterprise Server, `bitbucket.org/WS/REPO/commits/SHA`, a Bitbucket Data Center's
 *   `…/projects/KEY/repos/REPO/commits/SHA`) are mapped like a build's source location.
 * - A CodeConnections source links the console's redirect
 *   (`…/codesuite/settings/connections/redirect?connectionArn=…&FullRepositoryId=o/r&Commit=sha`),
 *   which names the repository but not its host. The host comes, without another AWS call or
 *   IAM permission, from the revision's summary: for connection sources CodePipeline writes it
 *   as JSON, `{"ProviderType":"GitHub"|"Bitbucket"|"GitHubEnterpriseServer"|…,"CommitMessage":…}`.
 *   When the summary is not that, and only one code host has credentials configured, that host
 *   is taken (a connection to the other could not be posted to anyway); otherwise the source
 *   is reported as not placeable. GetConnection (codeconnections) would answer too, but costs
 *   a call, a permission and an SDK client in the bundle for what the summary already says.
 *
 * Several source actions: the first, in GetPipeline's order, whose revision maps to a code host.
 */
import type { ActionDeclaration, ArtifactRevision } from '@aws-sdk/client-codepipeline';
import { repositoryOf, type CodeHosts, type Repository } from './source-repository.js';
import { isFullSha } from '../util/commit-ids.js';

export interface SourceAction {
  readonly name: string;
  readonly provider: string | undefined;
  readonly outputArtifacts: readonly string[];
  readonly configuration: Readonly<Record<string, string>>;
}

/** What the function can post to, to pick a connection's host when its summary does not say. */
export interface PostableHosts {
  readonly github: boolean;
  readonly bitbucket: boolean;
}

export type ExecutionSource =
  | {
      readonly found: true;
      readonly action: string;
      readonly repository: Repository;
      readonly commit: string;
      /** For Bitbucket's refname: the branch the source action follows, when it names one. */
      readonly branch: string | undefined;
    }
  | { readonly found: false; readonly why: string };

const CONNECTION_REDIRECT = /\/codesuite\/settings\/connections\/redirect$/;

export function sourceActionsOf(actions: readonly ActionDeclaration[]): SourceAction[] {
  return actions
    .filter((action) => action.actionTypeId?.category === 'Source')
    .map((action) => ({
      name: action.name ?? '',
      provider: action.actionTypeId?.provider,
      outputArtifacts: (action.outputArtifacts ?? []).map((artifact) => artifact.name ?? ''),
      configuration: action.configuration ?? {},
    }));
}

/** The first source action whose revision is a commit on a code host this mirror posts to. */
export function executionSource(
  sources: readonly SourceAction[],
  revisions: readonly ArtifactRevision[],
  hosts: CodeHosts,
  postable: PostableHosts,
): ExecutionSource {
  if (sources.length === 0) return { found: false, why: 'the pipeline has no source action' };
  const reasons: string[] = [];
  for (const action of sources) {
    const revision = revisions.find(
      (candidate) =>
        candidate.name !== undefined && action.outputArtifacts.includes(candidate.name),
    );
    const provider = action.provider ?? 'unknown';
    if (!revision) {
      reasons.push(`source action ${action.name} (${provider}) has no revision yet`);
      continue;
    }
    const place = placeOf(revision, action, hosts, postable);
    if (!place.found) {
      reasons.push(`source action ${action.name} (${provider}): ${place.why}`);
      continue;
    }
    if (!isFullSha(revision.revisionId)) {
      reasons.push(`source action ${action.name}'s revision is not a commit id`);
      continue;
    }
    return {
      found: true,
      action: action.name,
      repository: place.repository,
      commit: revision.revisionId,
      branch: action.configuration.BranchName ?? action.configuration.Branch,
    };
  }
  return { found: false, why: reasons.join('; ') };
}

type Place =
  | { readonly found: true; readonly repository: Repository }
  | { readonly found: false; readonly why: string };

function placeOf(
  revision: ArtifactRevision,
  action: SourceAction,
  hosts: CodeHosts,
  postable: PostableHosts,
): Place {
  const link = revision.revisionUrl;
  let url: URL | undefined;
  try {
    url = link ? new URL(link) : undefined;
  } catch {
    url = undefined;
  }
  if (!url) return { found: false, why: 'its revision has no link to a code host' };
  if (CONNECTION_REDIRECT.test(url.pathname))
    return connectionPlace(url, revision, hosts, postable);
  const location = repositoryLocation(url);
  if (!location)
    return {
      found: false,
      why: `its revision link ${url.origin}${url.pathname} is not a commit on a code host`,
    };
  return repositoryOf({ type: action.provider, location }, hosts);
}

/** The repository part of a commit link: …/OWNER/REPO/commit(s)/SHA, or Data Center's page. */
function repositoryLocation(url: URL): string | undefined {
  const dataCenter = /^(.*)\/projects\/([^/]+)\/repos\/([^/]+)\/commits\/[^/]+\/?$/.exec(
    url.pathname,
  );
  if (dataCenter) return `${url.origin}${dataCenter[1]}/scm/${dataCenter[2]}/${dataCenter[3]}.git`;
  const commit = /^(.*)\/commits?\/[^/]+\/?$/.exec(url.pathname);
  return commit ? `${url.origin}${commit[1]}` : undefined;
}

function connectionPlace(
  url: URL,
  revision: ArtifactRevision,
  hosts: CodeHosts,
  postable: PostableHosts,
): Place {
  const repository = url.searchParams.get('FullRepositoryId');
  if (!repository) return { found: false, why: 'its connection link names no repository' };
  const provider = providerType(revision.revisionSummary);
  const server = (base: URL) => `${base.href.replace(/\/+$/, '')}/${repository}`;
  const type = 'CodeStarSourceConnection';
  switch (provider) {
    case 'GitHub':
      return repositoryOf({ type, location: `https://github.com/${repository}` }, hosts);
    case 'GitHubEnterpriseServer':
      return repositoryOf({ type, location: server(hosts.githubServer) }, hosts);
    case 'Bitbucket':
      return repositoryOf({ type, location: `https://bitbucket.org/${repository}` }, hosts);
    case undefined:
      break;
    default:
      return { found: false, why: `its connection is to ${provider}, not GitHub or Bitbucket` };
  }
  // The summary did not say: only a host the function can post to is worth guessing.
  if (postable.github && !postable.bitbucket)
    return repositoryOf({ type, location: server(hosts.githubServer) }, hosts);
  if (postable.bitbucket && !postable.github)
    return hosts.bitbucketServer
      ? {
          found: false,
          why: `its connection's host is not known (Bitbucket Data Center is configured, and connections do not reach it)`,
        }
      : repositoryOf({ type, location: `https://bitbucket.org/${repository}` }, hosts);
  return {
    found: false,
    why: `its revision does not say which host connection ${url.searchParams.get('connectionArn') ?? ''} is to, and credentials for ${postable.github ? 'both GitHub and Bitbucket' : 'neither GitHub nor Bitbucket'} are configured`,
  };
}

/** The ProviderType of a connection revision's JSON summary, if it is one. */
function providerType(summary: string | undefined): string | undefined {
  if (!summary?.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(summary) as { ProviderType?: unknown };
    return typeof parsed.ProviderType === 'string' ? parsed.ProviderType : undefined;
  } catch {
    return undefined;
  }
}
