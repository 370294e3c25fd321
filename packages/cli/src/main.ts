import { Readable } from 'node:stream';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { CHAT_FORMATS, type ChatFormat, InterlinguaError, type ValidationResult } from '@interlingua/core';
import { isChatFormat } from './adapters.ts';
import { convertBody, convertStream, convertWireEvents, readWireEvents } from './convert.ts';
import { type Detection, detect, type Kind } from './detect.ts';
import { openInput, peek, readAll, writeWithBackpressure } from './input.ts';
import { convertJsonl, jsonlToWireEvents, readLines } from './jsonl.ts';
import { formatLoss } from './loss-report.ts';
import { UsageError } from './usage-error.ts';
import { formatProblem, validateBody, validateEvents } from './validate.ts';

const HELP: Record<string, string> = {
  main: `interlingua: convert AI provider API bodies and streams between formats.

Usage:
  interlingua convert --from F --to G [--kind K] [--strict] [FILE|-]
  interlingua validate --format F [--kind K] [FILE|-]
  interlingua detect [FILE|-]
  interlingua <command> --help

Formats: ${CHAT_FORMATS.join(', ')}
Kinds:   request, response, stream, error

Exit codes: 0 ok, 1 invalid input (or a loss under --strict), 2 usage error.
Add --debug to any command for stack traces.`,
  convert: `interlingua convert: convert a request, response, error or stream.

Usage: interlingua convert [--from F] --to G [--kind K] [--strict] [FILE|-]

  --from F     source format (detected when omitted)
  --to G       target format (${CHAT_FORMATS.join(', ')})
  --kind K     request | response | stream | error (detected when omitted)
  --strict     exit 1 on any loss instead of reporting it
  --debug      print stack traces

Reads FILE or standard input. Writes the converted JSON, or SSE for a stream, to standard output,
and the loss report to standard error, one line per item: "loss <code> <path> (<feature>): <message>".
Streams convert incrementally (output starts before input ends). JSONL input (one body per line)
converts line by line; a bad line is reported with its number and the batch goes on. A JSONL file of
stream chunks (one data payload per line, as recordings store them) converts as a stream.`,
  validate: `interlingua validate: check a body or stream against a format's grammar.

Usage: interlingua validate --format F [--kind K] [FILE|-]

  --format F   the format to check against (${CHAT_FORMATS.join(', ')})
  --kind K     request | response | stream | error (detected when omitted)

Prints every problem, one per line, with its JSON path (bodies) or event number (streams) and the
rule it breaks; prints "valid" when there is none. Exit 0 valid, 1 invalid, 2 usage error.`,
  detect: `interlingua detect: print the format and kind of a body or stream.

Usage: interlingua detect [FILE|-]`,
};

const DETECT_BYTES = 64 * 1024;

/** Runs the CLI with `argv` (without the node and script paths); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${HELP.main}\n`);
      return command === undefined ? 2 : 0;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      if (!HELP[command]) throw new UsageError(`unknown command "${command}"`);
      process.stdout.write(`${HELP[command]}\n`);
      return 0;
    }
    if (command === 'convert') return await convertCommand(rest);
    if (command === 'detect') return await detectCommand(rest);
    if (command === 'validate') return await validateCommand(rest);
    throw new UsageError(`unknown command "${command}" (commands: convert, validate, detect)`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`interlingua: ${error.message}\nRun "interlingua --help" for usage.\n`);
      return 2;
    }
    const message = InterlinguaError.is(error) || error instanceof SyntaxError ? error.message : String(error);
    process.stderr.write(`interlingua: ${message}\n`);
    if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

async function convertCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    kind: { type: 'string' },
    strict: { type: 'boolean' },
    debug: { type: 'boolean' },
  });
  if (!values.to) throw new UsageError('convert needs --to FORMAT');
  const to = formatOption('--to', values.to);
  const from = values.from === undefined ? undefined : formatOption('--from', values.from);
  const kind = values.kind === undefined ? undefined : kindOption(values.kind);
  const path = positionals[0];
  const input = await peek(openInput(path), DETECT_BYTES);
  const head = input.head.toString('utf8');
  const jsonl = (path?.endsWith('.jsonl') ?? false) || looksLikeJsonl(head, input.complete);
  const detected = jsonl ? detect(firstLine(head)) : detect(head);
  const sourceFormat = from ?? detected?.format;
  // Recordings named `*.chunks.jsonl` are streams even when their lines look like whole bodies (Gemini).
  const sourceKind = kind ?? (jsonl && path?.endsWith('.chunks.jsonl') ? 'stream' : detected?.kind);
  if (!sourceFormat || !sourceKind) throw new UsageError('could not detect the input format; pass --from and --kind');
  let lossCount = 0;
  const onLoss = (loss: Parameters<typeof formatLoss>[0]): void => {
    lossCount++;
    process.stderr.write(`${formatLoss(loss)}\n`);
  };
  const options = { from: sourceFormat, to, strict: values.strict ?? false, onLoss };

  if (sourceKind === 'stream') {
    // JSONL recordings carry the payloads without SSE framing: they are fed as wire events.
    const frames = jsonl
      ? convertWireEvents(jsonlToWireEvents(readLines(Readable.from(input.chunks))), options)
      : convertStream(input.chunks, { ...options, jsonArray: detected?.jsonArray ?? false });
    for await (const frame of frames) await writeWithBackpressure(process.stdout, frame);
    return values.strict && lossCount > 0 ? 1 : 0;
  }
  if (jsonl) {
    const summary = await convertJsonl(
      readLines(Readable.from(input.chunks)),
      sourceKind,
      options,
      process.stdout,
      process.stderr,
    );
    if (summary.failed > 0)
      process.stderr.write(`${summary.failed} of ${summary.failed + summary.converted} lines failed\n`);
    return summary.failed > 0 || (values.strict && lossCount > 0) ? 1 : 0;
  }
  const body = JSON.parse((await readAll(input.chunks)).toString('utf8')) as unknown;
  const result = convertBody(body, sourceKind, options);
  await writeWithBackpressure(process.stdout, `${JSON.stringify(result.body, null, 2)}\n`);
  if (result.status !== undefined) process.stderr.write(`status ${result.status}\n`);
  return values.strict && lossCount > 0 ? 1 : 0;
}

async function validateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    kind: { type: 'string' },
    debug: { type: 'boolean' },
  });
  if (!values.format) throw new UsageError('validate needs --format FORMAT');
  const format = formatOption('--format', values.format);
  const path = positionals[0];
  const input = await peek(openInput(path), DETECT_BYTES);
  const head = input.head.toString('utf8');
  const jsonl = (path?.endsWith('.jsonl') ?? false) || looksLikeJsonl(head, input.complete);
  const detected = jsonl ? detect(firstLine(head)) : detect(head);
  const kind =
    (values.kind === undefined ? undefined : kindOption(values.kind)) ??
    (jsonl && path?.endsWith('.chunks.jsonl') ? 'stream' : detected?.kind);
  if (!kind) throw new UsageError('could not detect the kind of input; pass --kind');
  let result: ValidationResult;
  if (kind === 'stream') {
    const events = jsonl
      ? jsonlToWireEvents(readLines(Readable.from(input.chunks)))
      : readWireEvents(input.chunks, detected?.jsonArray ?? false);
    result = await validateEvents(events, format);
  } else {
    const text = (await readAll(input.chunks)).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      process.stdout.write(`(root): expected valid JSON, received ${(error as Error).message} [json]\n`);
      return 1;
    }
    result = validateBody(body, kind, format);
  }
  for (const problem of result.problems)
    await writeWithBackpressure(process.stdout, `${formatProblem(problem, kind)}\n`);
  if (result.valid) process.stdout.write(`valid ${format} ${kind}\n`);
  else process.stderr.write(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}\n`);
  return result.valid ? 0 : 1;
}

async function detectCommand(args: string[]): Promise<number> {
  const { positionals } = parse(args, { debug: { type: 'boolean' } });
  const input = await peek(openInput(positionals[0]), DETECT_BYTES);
  const head = input.head.toString('utf8');
  const jsonl = (positionals[0]?.endsWith('.jsonl') ?? false) || looksLikeJsonl(head, input.complete);
  const detection: Detection | undefined = jsonl ? detect(firstLine(head)) : detect(head);
  if (!detection) {
    process.stderr.write('interlingua: could not detect the format\n');
    return 1;
  }
  const form = detection.jsonArray ? ' (json-array)' : jsonl ? ' (jsonl)' : '';
  process.stdout.write(`${detection.format} ${detection.kind}${form}\n`);
  return 0;
}

function parse<T extends ParseArgsOptionsConfig>(args: string[], options: T) {
  try {
    return parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>({
      args,
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function formatOption(flag: string, value: string): ChatFormat {
  if (!isChatFormat(value)) throw new UsageError(`${flag} must be one of ${CHAT_FORMATS.join(', ')} (got "${value}")`);
  return value;
}

function kindOption(value: string): Kind {
  if (value === 'request' || value === 'response' || value === 'stream' || value === 'error') return value;
  throw new UsageError(`--kind must be request, response, stream or error (got "${value}")`);
}

/** JSONL: several lines, each a complete JSON object (the last may be cut by the detection window). */
function looksLikeJsonl(head: string, complete: boolean): boolean {
  const lines = head.split('\n').filter((line) => line.trim() !== '');
  if (lines.length < 2) return false;
  const whole = complete ? lines : lines.slice(0, -1);
  return whole.length >= 1 && whole.every((line) => line.trimStart().startsWith('{') && isJson(line));
}

function firstLine(head: string): string {
  return head.split('\n').find((line) => line.trim() !== '') ?? '';
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

if (import.meta.main) {
  // A closed pipe (`interlingua … | head`) is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await main(process.argv.slice(2));
}
