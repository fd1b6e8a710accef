/**
 * The `spillover` command line. `main(argv)` returns the exit code: 0 success, 2 bad input
 * (one line `spillover: <message>` on stderr), 1 unexpected error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractJsonSchema, SpilloverError, isDeterministicError } from '@spillover/contracts';
import { parseArguments, UsageError } from './arguments.js';
import { fitCommand, validateCommand } from './commands.js';
import { commandHelp, generalHelp } from './help.js';
import { demoCommand, parseInteger, studyCommand } from './study-command.js';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: Output = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function version(): string {
  // package.json sits one level above dist/
  const manifest = readFileSync(join(__dirname, '..', 'package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

function printJson(out: Output, value: unknown, pretty: boolean): void {
  out.stdout(`${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`);
}

function execute(argv: string[], out: Output): number {
  const [command, ...rest] = argv;
  if (command === undefined) {
    out.stderr(generalHelp);
    return 2;
  }
  if (command === '--help' || command === '-h') {
    out.stdout(generalHelp);
    return 0;
  }
  if (command === '--version') {
    out.stdout(`${version()}\n`);
    return 0;
  }
  switch (command) {
    case 'help': {
      const topic = rest[0];
      if (topic === undefined) out.stdout(generalHelp);
      else if (commandHelp[topic]) out.stdout(commandHelp[topic]!);
      else {
        throw new UsageError(
          `no help for unknown command "${topic}" (commands: fit, validate, demo, study, schema)`,
        );
      }
      return 0;
    }
    case 'fit': {
      const args = parseArguments(rest, ['write-csv'], ['pretty', 'help']);
      if (args.options.has('help')) {
        out.stdout(commandHelp.fit!);
        return 0;
      }
      if (args.positional.length !== 1) {
        throw new UsageError('fit needs exactly one spec file: spillover fit SPEC.json');
      }
      const writeCsv = args.options.get('write-csv');
      printJson(
        out,
        fitCommand(args.positional[0]!, { writeCsv: typeof writeCsv === 'string' ? writeCsv : undefined }),
        args.options.has('pretty'),
      );
      return 0;
    }
    case 'validate': {
      const args = parseArguments(rest, ['unit', 'time'], ['pretty', 'help']);
      if (args.options.has('help')) {
        out.stdout(commandHelp.validate!);
        return 0;
      }
      if (args.positional.length !== 1) {
        throw new UsageError(
          'validate needs exactly one CSV file: spillover validate DATA.csv --unit U --time T',
        );
      }
      const unit = args.options.get('unit');
      const time = args.options.get('time');
      if (typeof unit !== 'string') throw new UsageError('validate needs --unit COLUMN');
      if (typeof time !== 'string') throw new UsageError('validate needs --time COLUMN');
      printJson(out, validateCommand(args.positional[0]!, unit, time), args.options.has('pretty'));
      return 0;
    }
    case 'demo': {
      const args = parseArguments(rest, ['out', 'seed', 'cities', 'city-list'], ['pretty', 'help']);
      if (args.options.has('help')) {
        out.stdout(commandHelp.demo!);
        return 0;
      }
      if (args.positional.length > 0) {
        throw new UsageError('demo takes no positional arguments: spillover demo --out DIR');
      }
      const dir = args.options.get('out');
      if (typeof dir !== 'string') throw new UsageError('demo needs --out DIR');
      const cityList = args.options.get('city-list');
      printJson(
        out,
        demoCommand({
          out: dir,
          seed: parseInteger(args.options.get('seed'), 'seed', 1)!,
          cities: parseInteger(args.options.get('cities'), 'cities'),
          cityList: typeof cityList === 'string' ? cityList : undefined,
        }),
        args.options.has('pretty'),
      );
      return 0;
    }
    case 'study': {
      const args = parseArguments(rest, ['out', 'seed', 'cities', 'city-list'], ['quick', 'pretty', 'help']);
      if (args.options.has('help')) {
        out.stdout(commandHelp.study!);
        return 0;
      }
      if (args.positional.length > 0) {
        throw new UsageError('study takes no positional arguments: spillover study [--out DIR]');
      }
      const dir = args.options.get('out');
      const cityList = args.options.get('city-list');
      const summary = studyCommand(
        {
          out: typeof dir === 'string' ? dir : 'spillover-study',
          seed: parseInteger(args.options.get('seed'), 'seed', 1)!,
          cities: parseInteger(args.options.get('cities'), 'cities'),
          quick: args.options.has('quick'),
          cityList: typeof cityList === 'string' ? cityList : undefined,
        },
        (line) => out.stderr(`${line}\n`),
      );
      printJson(out, summary, args.options.has('pretty'));
      return 0;
    }
    case 'schema': {
      const args = parseArguments(rest, [], ['pretty', 'help']);
      if (args.options.has('help')) {
        out.stdout(commandHelp.schema!);
        return 0;
      }
      const which = args.positional[0] ?? 'spec';
      if (args.positional.length > 1 || (which !== 'spec' && which !== 'result')) {
        throw new UsageError('schema takes spec or result: spillover schema [spec|result]');
      }
      printJson(out, contractJsonSchema(which), args.options.has('pretty'));
      return 0;
    }
    default:
      throw new UsageError(
        `unknown command "${command}" (commands: fit, validate, demo, study, schema, help; see spillover --help)`,
      );
  }
}

/** Runs the command line on `argv` (without node and script) and returns the exit code. */
export function main(argv: string[], out: Output = processOutput): number {
  try {
    return execute(argv, out);
  } catch (error) {
    if (error instanceof UsageError) {
      out.stderr(`spillover: ${error.message}\n`);
      return 2;
    }
    if (error instanceof SpilloverError && isDeterministicError(error.code)) {
      out.stderr(`spillover: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    out.stderr(`spillover: unexpected error: ${message}\n`);
    return 1;
  }
}
