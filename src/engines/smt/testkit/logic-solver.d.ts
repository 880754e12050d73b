// The part of logic-solver's API (MiniSat compiled to JavaScript) the cross-checks and the bench use.
declare module 'logic-solver' {
  type Formula = unknown;
  interface Solution {
    getTrueVars(): string[];
  }
  interface LogicSolver {
    require(...formulas: (Formula | string)[]): void;
    solve(): Solution | null;
  }
  const Logic: { Solver: new () => LogicSolver; or(...terms: (Formula | string | string[])[]): Formula };
  export default Logic;
}
