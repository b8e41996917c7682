import { ConfigError } from './load-config';

/**
 * Loads configuration at process start; a bad setting prints the list of problems (no stack
 * trace, no values) and exits with status 78 (EX_CONFIG).
 */
export function configOrExit<T>(service: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${service}: ${error.message}\n`);
    process.exit(78);
  }
}
