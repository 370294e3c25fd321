/** Log probability of one output token, with the most likely alternatives. */
export interface TokenLogprob {
  /** The token text. */
  token: string;
  /** Its log probability. */
  logprob: number;
  /** Its UTF-8 bytes, when the provider gives them. */
  bytes?: number[] | null;
  /** The most likely alternatives at this position. */
  topLogprobs?: { token: string; logprob: number; bytes?: number[] | null }[];
}
