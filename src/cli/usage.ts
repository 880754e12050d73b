// The commands' usage lines, apart from the commands so `latticework help` loads no engine.

export const RUN_USAGE =
  `latticework run <scenario.json | share link> [--timeout SECONDS] [--steps N] [--trace] [--timings]
latticework run --example NAME [...]`;
export const VERIFY_USAGE =
  'latticework verify <network.nnet|.onnx> <property.vnnlib> [--timeout SECONDS] [--strategy auto|bab|symbolic|interval|reluplex] [--units network|original] [--seed N] [--workers N] [--json]';
export const KERNELS_USAGE =
  'latticework kernels <program.acc> [--backend naive|fused|parallel|wasm[,...]] [--size N] [--workers K] [--image WxH] [--builtin NAME] [--param name=value] [--repeats R] [--seed S]';
export const SAT_USAGE = 'latticework sat <file.cnf> [--mode cdcl|dpll] [--restarts luby|glucose|none] [--timeout SECONDS]';
export const SMT_USAGE = 'latticework smt <file.smt2> [--theory lazy|eager] [--mode cdcl|dpll] [--timeout SECONDS]';
