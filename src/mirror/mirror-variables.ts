/**
 * The variables the status mirror reads, with what each accepts: the one reference for its
 * messages, its template and its docs.
 */
export const MIRROR_VARIABLES = {
  GITHUB_TOKEN_SECRET:
    'the name or ARN of a Secrets Manager secret holding a GitHub token with "Commit statuses: write"',
  GITHUB_TOKEN: 'a GitHub token with "Commit statuses: write" (for tests and quick starts)',
  GITHUB_APP_ID: 'the numeric App ID of a GitHub App installed on the repositories',
  GITHUB_APP_PRIVATE_KEY_SECRET:
    "the name or ARN of a Secrets Manager secret holding the GitHub App's private key (PEM)",
  GITHUB_APP_PRIVATE_KEY: "the GitHub App's private key, PEM (for tests and quick starts)",
  GITHUB_SERVER_URL:
    'the https URL of a GitHub Enterprise Server (e.g. https://github.example.com); default github.com',
  GITHUB_API_URL:
    'the GitHub REST API base URL; default https://api.github.com, or <GITHUB_SERVER_URL>/api/v3',
  BITBUCKET_ACCESS_TOKEN_SECRET:
    'the name or ARN of a Secrets Manager secret holding a Bitbucket access token',
  BITBUCKET_ACCESS_TOKEN:
    'a Bitbucket repository, project or workspace access token (for tests and quick starts)',
  BITBUCKET_USERNAME: 'the Bitbucket user (Atlassian account email) of BITBUCKET_API_TOKEN',
  BITBUCKET_API_TOKEN_SECRET:
    'the name or ARN of a Secrets Manager secret holding the API token of BITBUCKET_USERNAME',
  BITBUCKET_API_TOKEN: 'the API token of BITBUCKET_USERNAME (for tests and quick starts)',
  BITBUCKET_API_URL: 'the Bitbucket Cloud API base URL; default https://api.bitbucket.org',
  BITBUCKET_SERVER_URL:
    'the URL of a Bitbucket Data Center (e.g. https://bitbucket.example.com); its builds API then takes the Bitbucket statuses',
  PROJECTS:
    'comma-separated CodeBuild project names or globs (* any characters, ? one); default every project',
  PIPELINES:
    'comma-separated CodePipeline pipeline names or globs (* any characters, ? one); default every pipeline',
} as const;

export type MirrorVariable = keyof typeof MIRROR_VARIABLES;

/** The variables that hold a secret's value itself: never set from a template parameter. */
export const PLAIN_SECRET_VARIABLES: readonly MirrorVariable[] = [
  'GITHUB_TOKEN',
  'GITHUB_APP_PRIVATE_KEY',
  'BITBUCKET_ACCESS_TOKEN',
  'BITBUCKET_API_TOKEN',
];
