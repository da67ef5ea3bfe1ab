/**
 * The lifecycle events of each platform, in the order CodeDeploy runs them, and the ones it
 * reserves for itself (no hooks run there). EC2/on-premises hooks are scripts; ECS and Lambda
 * hooks are Lambda functions. The EC2 list is the in-place and blue/green union.
 */
import type { AppspecPlatform } from './appspec-view.js';

export const EC2_HOOK_EVENTS = [
  'BeforeBlockTraffic',
  'AfterBlockTraffic',
  'ApplicationStop',
  'BeforeInstall',
  'AfterInstall',
  'ApplicationStart',
  'ValidateService',
  'BeforeAllowTraffic',
  'AfterAllowTraffic',
] as const;

export const ECS_HOOK_EVENTS = [
  'BeforeInstall',
  'AfterInstall',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AfterAllowTraffic',
] as const;

export const LAMBDA_HOOK_EVENTS = ['BeforeAllowTraffic', 'AfterAllowTraffic'] as const;

/** Events CodeDeploy runs itself, per platform: a hook there is rejected. */
const RESERVED: Readonly<Record<Exclude<AppspecPlatform, 'unknown'>, readonly string[]>> = {
  ec2: ['Start', 'DownloadBundle', 'Install', 'BlockTraffic', 'AllowTraffic', 'End'],
  ecs: ['Start', 'Install', 'AllowTestTraffic', 'AllowTraffic', 'End'],
  lambda: ['Start', 'AllowTraffic', 'End'],
};

export function hookEvents(platform: Exclude<AppspecPlatform, 'unknown'>): readonly string[] {
  return platform === 'ec2'
    ? EC2_HOOK_EVENTS
    : platform === 'ecs'
      ? ECS_HOOK_EVENTS
      : LAMBDA_HOOK_EVENTS;
}

export function reservedEvents(platform: Exclude<AppspecPlatform, 'unknown'>): readonly string[] {
  return RESERVED[platform];
}

/** The CodeDeploy agent (EC2) allows at most this many seconds of scripts per event. */
export const MAX_EVENT_SECONDS = 3600;
