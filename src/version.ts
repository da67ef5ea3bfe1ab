/** The package version (from package.json; written by scripts/generate-version.js). */
export const VERSION = '0.1.0';
