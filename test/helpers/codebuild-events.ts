/**
 * CodeBuild's EventBridge events for a build of the fake: the documented samples in
 * test/fixtures/events/, with the build's own values (ARN, project, number, source, source
 * version, phases so far) put in, as CodeBuild would send them for that build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeBuildInfo, WireBuild, WirePhase } from '../fakes/aws-server.js';
import { ROOT } from './run-bundle.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an event, edited by shape
type Json = Record<string, any>;

const EVENTS = join(ROOT, 'test/fixtures/events');

const sample = (name: string): Json => JSON.parse(readFileSync(join(EVENTS, name), 'utf8')) as Json;

/** Every sample event of test/fixtures/events/, by file name without `.json`. */
export function sampleEvents(): Record<string, Json> {
  return Object.fromEntries(
    readdirSync(EVENTS)
      .filter((name) => name.endsWith('.json'))
      .map((name) => [name.replace(/\.json$/, ''), sample(name)]),
  );
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** CodeBuild's event time format, "Mar 4, 2025 10:12:29 AM" (UTC). */
export function eventTime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const hours = d.getUTCHours() % 12 || 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${hours}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
}

function eventPhases(phases: readonly WirePhase[]): Json[] {
  return phases.map((phase) => ({
    'phase-context': (phase.contexts ?? [])
      .filter((c) => c.message)
      .map((c) => `${c.statusCode}: ${c.message}`),
    'start-time': eventTime(phase.startTime),
    ...(phase.endTime === undefined ? {} : { 'end-time': eventTime(phase.endTime) }),
    ...(phase.durationInSeconds === undefined
      ? {}
      : { 'duration-in-seconds': phase.durationInSeconds }),
    'phase-type': phase.phaseType,
    ...(phase.phaseStatus === undefined ? {} : { 'phase-status': phase.phaseStatus }),
  }));
}

function fill(event: Json, build: WireBuild, region: string): Json {
  const account = build.arn.split(':')[4];
  event.region = region;
  event.account = account;
  event.resources = [build.arn];
  event.id = `${build.id.split(':')[1]}-${Math.random().toString(16).slice(2, 10)}`;
  event.time = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const detail = event.detail;
  detail['project-name'] = build.projectName;
  detail['build-id'] = build.arn;
  const info = detail['additional-information'];
  info['build-number'] = build.buildNumber;
  info['build-start-time'] = eventTime(build.startTime);
  info['build-complete'] = build.buildComplete;
  info.source = { ...info.source, ...build.source };
  if (build.sourceVersion === undefined) delete info['source-version'];
  else info['source-version'] = build.sourceVersion;
  info.initiator = build.initiator;
  info.logs = {
    'group-name': build.logs.groupName,
    'stream-name': build.logs.streamName,
    'deep-link': build.logs.deepLink,
  };
  return event;
}

/** The "Build State Change" event for the build's status now, or for `status` if given. */
export function buildStateEvent(build: FakeBuildInfo, region: string, status?: string): Json {
  const now = build.snapshot;
  const final = status ?? now.buildStatus;
  const event = fill(
    sample(
      final === 'IN_PROGRESS'
        ? 'codebuild-build-state-in-progress.json'
        : 'codebuild-build-state-succeeded.json',
    ),
    now,
    region,
  );
  event.detail['build-status'] = final;
  if (final === 'IN_PROGRESS') {
    event.detail['current-phase'] = now.currentPhase;
    event.detail['additional-information']['build-complete'] = false;
  }
  event.detail['additional-information'].phases = eventPhases(now.phases);
  return event;
}

/** The "Build Phase Change" event for the end of `phase` (the build must have passed it). */
export function phaseChangeEvent(build: FakeBuildInfo, region: string, phase: string): Json {
  const now = build.snapshot;
  const event = fill(sample('codebuild-build-phase-change.json'), now, region);
  const done = now.phases.find((p) => p.phaseType === phase);
  if (!done?.endTime) throw new Error(`${build.id} has not completed ${phase} yet`);
  event.detail['completed-phase'] = phase;
  event.detail['completed-phase-status'] = done.phaseStatus;
  event.detail['completed-phase-start'] = eventTime(done.startTime);
  event.detail['completed-phase-end'] = eventTime(done.endTime);
  event.detail['completed-phase-duration-seconds'] = done.durationInSeconds;
  return event;
}
