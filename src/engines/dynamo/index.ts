/** The Dynamo engine: a deterministic simulation of SOSP'07 Dynamo. Views import from here. */
export { engine, type DynamoResult, type DynamoTrace, type Series } from './engine.ts';
export type { DynamoConfig, FailureEvent, Variant, VariantSettings } from './config.ts';
export type { DynamoSummary, VariantResult } from './measure/summary.ts';
