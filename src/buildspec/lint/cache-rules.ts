/** The cache section's key settings: action restore|save, and at most 5 fallback-keys, used with a key. */
import { isSeq, type Scalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import { entry, mapAt, scalarValue, type BuildspecView } from './buildspec-view.js';

const MAX_FALLBACK_KEYS = 5;

export const cacheActionRule: Rule<BuildspecView> = {
  id: 'buildspec/cache-action',
  severity: 'error',
  summary: 'cache.action is not restore or save.',
  check(view, report) {
    const action = entry(mapAt(view.root, 'cache'), 'action');
    const value = scalarValue(action?.value);
    if (!action || value === undefined) return;
    if (value === 'restore' || value === 'save') return;
    report(
      action.value as Scalar,
      `cache.action "${value}" is not a value CodeBuild accepts: use restore (only download the cache) or save (only upload it), or remove the key to do both.`,
    );
  },
};

export const cacheFallbackKeysRule: Rule<BuildspecView> = {
  id: 'buildspec/cache-fallback-keys',
  severity: 'error',
  summary: `cache.fallback-keys has more than ${MAX_FALLBACK_KEYS} entries (error) or is set without cache.key (warning).`,
  check(view, report) {
    const cache = mapAt(view.root, 'cache');
    const fallbackKeys = entry(cache, 'fallback-keys');
    if (!fallbackKeys || !isSeq(fallbackKeys.value)) return;
    const items = fallbackKeys.value.items;
    const extra = items[MAX_FALLBACK_KEYS] as { range?: [number, number, number] } | undefined;
    if (extra) {
      report(
        extra,
        `cache.fallback-keys lists ${items.length} keys; CodeBuild accepts at most ${MAX_FALLBACK_KEYS}. Keep the ${MAX_FALLBACK_KEYS} most specific prefixes.`,
      );
    }
    if (items.length > 0 && !entry(cache, 'key')) {
      report(
        fallbackKeys.key,
        'cache.fallback-keys is set without cache.key: fallback keys are only tried when the cache key misses, so add a "key" (for example npm-$(codebuild-hash-files package-lock.json)).',
        'warning',
      );
    }
  },
};
