/** A command-line mistake: `jos` reports it and exits with status 2. */
export class UsageError extends Error {}
