/**
 * True when both types have the same keys; otherwise the keys one has and the other lacks, which makes a
 * `true satisfies SameKeys<Dto, Contract>` line fail to compile: a documented answer cannot drift from its type.
 */
export type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never]
  ? true
  : { readonly differ: Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A> };
