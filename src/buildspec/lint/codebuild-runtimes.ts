/**
 * The runtimes CodeBuild's standard images preinstall, for `phases.install.runtime-versions`.
 *
 * Source: the `runtimes.yml` of each image in the public aws/aws-codebuild-docker-images
 * repository (the file CodeBuild's agent reads to install a runtime), checked against the
 * "Available runtimes" page of the CodeBuild User Guide; read in December 2026. Images marked
 * `installsOthers` have a `default` entry there: they install a version they do not carry at
 * build time (slower, and it needs the network). Update this table when AWS ships an image.
 */
export interface CodeBuildImage {
  /** As people write it in a project: aws/codebuild/standard:7.0, ... */
  readonly name: string;
  readonly runtimes: Readonly<Record<string, readonly string[]>>;
  readonly installsOthers: boolean;
}

export const CODEBUILD_IMAGES: readonly CodeBuildImage[] = [
  {
    name: 'aws/codebuild/standard:5.0',
    installsOthers: false,
    runtimes: {
      java: ['corretto8', 'corretto11'],
      golang: ['1.15'],
      python: ['3.7', '3.8', '3.9'],
      php: ['7.3', '7.4', '8.0'],
      ruby: ['2.6', '2.7'],
      nodejs: ['12', '14'],
      dotnet: ['3.1', '5.0'],
    },
  },
  {
    name: 'aws/codebuild/standard:6.0',
    installsOthers: false,
    runtimes: {
      java: ['corretto17'],
      golang: ['1.18'],
      python: ['3.10'],
      php: ['8.1'],
      ruby: ['3.1'],
      nodejs: ['16'],
      dotnet: ['6.0'],
    },
  },
  {
    name: 'aws/codebuild/standard:7.0',
    installsOthers: false,
    runtimes: {
      java: ['corretto17', 'corretto21'],
      golang: ['1.20', '1.21'],
      python: ['3.11', '3.12'],
      php: ['8.2'],
      ruby: ['3.2'],
      nodejs: ['18', '20'],
      dotnet: ['6.0', '8.0'],
    },
  },
  {
    name: 'aws/codebuild/standard:8.0',
    installsOthers: true,
    runtimes: {
      java: ['corretto8', 'corretto11', 'corretto17', 'corretto21'],
      golang: ['1.20', '1.21', '1.22'],
      python: ['3.9', '3.10', '3.11', '3.12'],
      php: ['8.2', '8.3'],
      ruby: ['3.1', '3.2', '3.3'],
      nodejs: ['18', '20'],
      dotnet: ['6.0', '8.0'],
    },
  },
  {
    name: 'aws/codebuild/amazonlinux-x86_64-standard:5.0',
    installsOthers: true,
    runtimes: {
      java: ['corretto8', 'corretto11', 'corretto17', 'corretto21'],
      golang: ['1.20', '1.21', '1.22', '1.23', '1.24'],
      python: ['3.9', '3.10', '3.11', '3.12', '3.13'],
      php: ['8.2', '8.3'],
      ruby: ['3.1', '3.2', '3.3', '3.4'],
      nodejs: ['18', '20', '22'],
      dotnet: ['6.0', '8.0'],
    },
  },
  {
    name: 'aws/codebuild/amazonlinux-aarch64-standard:3.0',
    installsOthers: true,
    runtimes: {
      java: ['corretto8', 'corretto11', 'corretto17', 'corretto21', 'corretto25'],
      golang: ['1.20', '1.21', '1.22', '1.23'],
      python: ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14'],
      php: ['8.1', '8.2', '8.3', '8.4', '8.5'],
      ruby: ['3.1', '3.2', '3.3', '3.4'],
      nodejs: ['18', '20', '22', '24'],
      dotnet: ['6.0', '8.0', '10.0'],
      docker: ['23'],
    },
  },
];
