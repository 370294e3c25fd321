/**
 * The interlingua CLI as a library: the same detection and conversion the command runs.
 *
 * @module
 */
export { adapters, isChatFormat } from './adapters.ts';
export {
  type ConvertedBody,
  type ConvertOptions,
  convertBody,
  convertStream,
  convertWireEvents,
  readWireEvents,
} from './convert.ts';
export { type Detection, detect, detectBody, type Kind } from './detect.ts';
export { main } from './main.ts';
export { formatProblem, validateBody, validateEvents } from './validate.ts';
