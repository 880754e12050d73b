import { InputError } from '../../contract.ts';

export interface Cnf {
  vars: number;
  /** Clauses of DIMACS literals (+v / -v). */
  clauses: number[][];
}

/**
 * DIMACS CNF (the SAT competition's format): `c` comment lines, one `p cnf VARS CLAUSES` header,
 * then clauses as whitespace-separated literals each ended by 0 (a clause may span lines). A `%`
 * line ends the file (as in the SATLIB uf/uuf benchmarks).
 */
export function parseDimacs(text: string): Cnf {
  let header: { vars: number; clauses: number } | undefined;
  const clauses: number[][] = [];
  let current: number[] = [];
  let lastLine = 1;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const lineNo = i + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('c')) continue;
    if (trimmed.startsWith('%')) break;
    if (trimmed.startsWith('p')) {
      if (header) throw new InputError('a second "p cnf" header', { line: lineNo, column: line.indexOf('p') + 1 });
      const m = /^p\s+cnf\s+(\d+)\s+(\d+)$/.exec(trimmed);
      if (!m) throw new InputError('the header must read "p cnf VARIABLES CLAUSES"', { line: lineNo, column: line.indexOf('p') + 1 });
      header = { vars: Number(m[1]), clauses: Number(m[2]) };
      continue;
    }
    if (!header) throw new InputError('clauses before the "p cnf VARIABLES CLAUSES" header', { line: lineNo, column: line.search(/\S/) + 1 });
    const re = /\S+/g;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const column = m.index + 1;
      if (!/^-?\d+$/.test(m[0])) throw new InputError(`"${m[0]}" is not a literal (a whole number)`, { line: lineNo, column });
      const lit = Number(m[0]);
      if (lit === 0) {
        clauses.push(current);
        current = [];
        continue;
      }
      if (Math.abs(lit) > header.vars) throw new InputError(`literal ${lit} names variable ${Math.abs(lit)}, but the header declares ${header.vars}`, { line: lineNo, column });
      current.push(lit);
    }
    lastLine = lineNo;
  }
  if (!header) throw new InputError('no "p cnf VARIABLES CLAUSES" header', { line: 1, column: 1 });
  if (current.length > 0) throw new InputError('the last clause is not ended by 0', { line: lastLine, column: 1 });
  if (clauses.length !== header.clauses)
    throw new InputError(`the header declares ${header.clauses} clauses but the file has ${clauses.length}`, { line: lastLine, column: 1 });
  return { vars: header.vars, clauses };
}

/** Writes a CNF in DIMACS (for minisat in the bench and for the eager encoding's export). */
export function writeDimacs(cnf: Cnf): string {
  return `p cnf ${cnf.vars} ${cnf.clauses.length}\n${cnf.clauses.map((c) => `${c.join(' ')} 0`).join('\n')}\n`;
}
