import { useState } from 'react';
import { InputError } from '../../engines/contract.ts';
import { DEFAULT_OPTIONS, type SmtConfig } from '../../engines/smt/api.ts';
import { exportReluQuery } from '../../engines/smt/relu/export.ts';
import type { SolverConfig, SolverRequest } from '../../engines/solver/config.ts';
import { MAX_LINK_CHARS, scenarioLink } from '../../scenario/codec.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { SmtView } from '../smt/scenario.ts';

interface Props {
  config: SolverConfig;
  networkData: SolverRequest['networkData'];
  title: string;
  seed: number;
  disabled: boolean;
}

/**
 * "Open as SMT-LIB": the current ReLU query (network and property) written as one QF_LRA formula,
 * each ReLU a disjunction, opened in the SAT/SMT view, which solves it eagerly, lazily and (from the
 * query it remembers) with this lab's Reluplex, side by side. It travels as a link, like any scenario.
 */
export function OpenAsSmtButton({ config, networkData, title, seed, disabled }: Props) {
  const [problem, setProblem] = useState<string>();
  const open = () => {
    setProblem(undefined);
    try {
      const exported = exportReluQuery({ network: config.network, ...(networkData ? { networkData } : {}), property: config.property, units: config.units });
      const smt: SmtConfig = { input: { kind: 'smtlib', text: exported.text, name: `${title}.smt2` }, mode: 'cdcl', theory: 'lazy', options: { ...DEFAULT_OPTIONS, compare: true } };
      // A network from a file is not in the link: Reluplex then runs in this lab, not beside the SMT solvers.
      const view: SmtView = { ran: true, position: 1_000_000_000, tree: 'auto', origin: config.network.kind === 'file' ? null : config };
      const scenario = { version: 1, lab: 'smt', title: `${title} (SMT-LIB, ${exported.relus.split} ReLU disjunctions)`, seed, config: smt, view } as unknown as Scenario;
      const link = scenarioLink(location.href, scenario);
      if (link.length - link.indexOf('#') > MAX_LINK_CHARS)
        throw new InputError(`the formula (${exported.text.length.toLocaleString('en-US')} characters, ${exported.relus.split} ReLU disjunctions) is too large for a link; try a smaller network`);
      location.assign(link);
    } catch (e) {
      setProblem(`Cannot open as SMT-LIB: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div className="open-as-smt" style={{ marginTop: '0.6rem' }}>
      <button type="button" onClick={open} disabled={disabled} title="Write this query as an SMT-LIB formula (each ReLU a disjunction) and solve it eagerly, lazily and with Reluplex in the SAT/SMT view">
        Open as SMT-LIB
      </button>
      {problem && (
        <p role="alert" className="run-error">
          {problem}
        </p>
      )}
    </div>
  );
}
