// Types of bundle.mjs (plain JavaScript: it runs before anything can load TypeScript).

export const CLI_ENTRIES: Record<string, string>;

export function defaultCache(): string;

export function bundledEntry(name: string, options?: { cache?: string; entries?: Record<string, string> }): Promise<string>;
