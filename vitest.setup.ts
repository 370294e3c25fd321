import fc from 'fast-check';

// Property tests explore fresh random values on every local run, but CI runs are reproducible:
// under CI (or with FC_SEED set) every property starts from a fixed seed, so a red CI can always be
// replayed and a green one is not luck. Explore locally with `FC_SEED=<n>` to replay a failure.
const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : process.env.CI ? 20261127 : undefined;
if (seed !== undefined && Number.isFinite(seed)) fc.configureGlobal({ seed });
