/**
 * The options of the `npm run` scripts, read the same way by each: `--help` (or `-h`) prints
 * the script's usage and exits 0; an option it does not know, or a value that does not fit
 * one, is a single line on stderr naming it, and exit 1. Scripts call this before any work,
 * so exiting at once leaves nothing half done.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { closest } from './spelling.ts';

/** The known `options` of `args`, for `npm run <command>` with the given usage text; a word that is no option is refused. */
export function readOptions<const O extends ParseArgsOptionsConfig>(command: string, usage: string, options: O, args = process.argv.slice(2)) {
  return read(command, usage, options, args, false).values;
}

/** The known `options` of `args` and the words between them, for a command that takes operands (`npm run fetch -- SPEC…`). */
export function readArguments<const O extends ParseArgsOptionsConfig>(command: string, usage: string, options: O, args = process.argv.slice(2)) {
  const { values, positionals } = read(command, usage, options, args, true);
  return { values, positionals };
}

function read<const O extends ParseArgsOptionsConfig>(command: string, usage: string, options: O, args: string[], allowPositionals: boolean) {
  const fail = (problem: string): never => {
    console.error(`${command}: ${problem}; \`npm run ${command} -- --help\` lists the options`);
    process.exit(1);
  };
  const words: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(usage);
      process.exit(0);
    }
    // What is not a long option (a stray word; "--" and all after it) is left to parseArgs to refuse.
    if (arg === '--') {
      words.push(...args.slice(i));
      break;
    }
    // No script has a one-letter option but -h: parseArgs's own words for one ("as in '-- "-n"") never close their quote.
    if (/^-[^-]/.test(arg)) fail(`there is no option ${arg}`);
    if (!arg.startsWith('--')) {
      words.push(arg);
      continue;
    }
    const name = arg.slice(2).split('=')[0]!;
    if (!Object.hasOwn(options, name)) fail(`there is no option --${name}${nearest(name, Object.keys(options))}`);
    // parseArgs keeps the last of two ("--theme a --theme b" reviewed b alone, and said nothing).
    if (!options[name]!.multiple && seen.has(name)) fail(`--${name} is given twice; give it once`);
    seen.add(name);
    // A string option takes the next word, whatever it starts with, as getopt does: parseArgs
    // would call "--limit -1" ambiguous, where the script can say what is wrong with -1.
    words.push(options[name]!.type === 'string' && !arg.includes('=') && i + 1 < args.length ? `${arg}=${args[++i]}` : arg);
  }
  try {
    return parseArgs({ args: words, options, strict: true, allowPositionals });
  } catch (e) {
    // Its remaining complaints (a value missing or not wanted, a word that is no option) lead with one clear line.
    return fail((e as Error).message.split('\n')[0]!);
  }
}

/** " (did you mean --x?)" for the option names closest to a misspelt `name`, or nothing. */
function nearest(name: string, names: string[]): string {
  const close = closest(name, names);
  return close.length > 0 ? ` (did you mean ${close.map((n) => `--${n}`).join(' or ')}?)` : '';
}

