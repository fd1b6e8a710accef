/** A small argv parser: positional arguments and `--name value` / `--flag` options. */

export class UsageError extends Error {}

export interface ParsedArguments {
  positional: string[];
  options: Map<string, string | true>;
}

/**
 * Splits argv into positional arguments and options. `valued` lists the options that take a value
 * (`--unit state` or `--unit=state`); every other `--name` is a flag. Unknown options are refused.
 */
export function parseArguments(argv: string[], valued: string[], flags: string[]): ParsedArguments {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const [rawName, inline] = arg.startsWith('--')
      ? splitOnce(arg.slice(2))
      : [arg === '-h' ? 'help' : arg.slice(1), undefined];
    if (valued.includes(rawName)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`option --${rawName} needs a value`);
      options.set(rawName, value);
    } else if (flags.includes(rawName)) {
      if (inline !== undefined) throw new UsageError(`option --${rawName} takes no value`);
      options.set(rawName, true);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  return { positional, options };
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
