import type { ChatFormat } from '@interlingua/core';
import { unexplainedDifferences } from './compare.ts';
import { errorThrough, requestThrough, responseThrough, type StepLoss, streamThrough, type Trip } from './convert.ts';
import type { JsonPath } from './diff.ts';
import { formatOf, type MatrixFormat } from './formats.ts';
import { pattern } from './patterns.ts';
import { placeLoss } from './place.ts';
import type { Scenario, ScenarioValue } from './scenarios.ts';

/** How a target format treats a scenario coming from a source format. */
export interface Verdict {
  /**
   * - `n/a`: the source format cannot carry the scenario exactly itself;
   * - `kept`: nothing reported lost and the value decoded from the target equals the source's;
   * - `approx`: approximated or defaulted (and nothing dropped);
   * - `lost`: something dropped (or left to server state).
   */
  status: 'n/a' | 'kept' | 'approx' | 'lost';
  /** Features reported dropped (or, for `n/a`, what the source itself could not carry). */
  lost: string[];
  /** Features reported approximated or defaulted. */
  approximated: string[];
  /** Path patterns where the target's decoded value differs with no loss report naming them (adapter bugs). */
  unreported: string[];
}

/** The canonical value of a scenario through one format: encode, then decode. */
function through(format: MatrixFormat, value: ScenarioValue): { value: ScenarioValue; trip: Trip<unknown> } {
  switch (value.kind) {
    case 'request': {
      const trip = requestThrough(format, value.value);
      return { value: { kind: 'request', value: trip.after }, trip };
    }
    case 'response': {
      const trip = responseThrough(format, value.value);
      return { value: { kind: 'response', value: trip.after }, trip };
    }
    case 'stream': {
      const trip = streamThrough(format, value.value);
      return {
        value: { kind: 'stream', value: trip.after.events },
        trip: { ...trip, before: trip.before.response, after: trip.after.response },
      };
    }
    case 'error': {
      const trip = errorThrough(format, value.value);
      return { value: { kind: 'error', value: trip.after }, trip };
    }
  }
}

const featureOf = (loss: StepLoss): string => loss.feature ?? loss.path.join('.');

/** Whether `path` lies at or under `focus`; a loss that could not be placed counts (it carries only its feature). */
function inFocus(path: JsonPath | undefined, focus: JsonPath): boolean {
  return path === undefined || focus.every((segment, i) => path[i] === segment);
}
const distinct = (items: readonly string[]): string[] => [...new Set(items)].sort();
const isLost = (loss: StepLoss): boolean => loss.code === 'dropped' || loss.code === 'stateful';

/**
 * Classifies a scenario for the ordered pair (source, target) from the loss reports: the scenario
 * is first put through the source format (what a real source conversation would hold), then
 * converted into the target; the target's reports decide the verdict, and a `kept` verdict is
 * checked against the value decoded back from the target.
 */
export function classify(scenario: Scenario, source: ChatFormat, target: ChatFormat): Verdict {
  const focused = (kind: ScenarioValue['kind'], losses: readonly StepLoss[]): StepLoss[] =>
    losses.filter((loss) => inFocus(placeLoss(loss, kind).path, scenario.focus));
  const built = scenario.build(source);
  const from = through(formatOf(source), built);
  // A source that cannot carry the scenario exactly (dropped or approximated) has nothing to convert.
  const sourceLosses = focused(built.kind, from.trip.losses);
  if (sourceLosses.length > 0)
    return { status: 'n/a', lost: distinct(sourceLosses.map(featureOf)), approximated: [], unreported: [] };
  const to = through(formatOf(target), from.value);
  const losses = focused(built.kind, to.trip.losses);
  const lost = distinct(losses.filter(isLost).map(featureOf));
  const approximated = distinct(losses.filter((l) => !isLost(l)).map(featureOf));
  const unreported = distinct(
    unexplainedDifferences(built.kind, to.trip.before, to.trip.after, to.trip.losses)
      .filter((d) => inFocus(d.path, scenario.focus))
      .map(pattern),
  );
  const status = lost.length > 0 ? 'lost' : approximated.length > 0 ? 'approx' : 'kept';
  return { status, lost, approximated, unreported };
}
