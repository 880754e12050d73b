import { InputError } from '../../../contract.ts';
import { elaborate, type Scope, type Sort } from './elaborate.ts';
import { readSx, type Sx } from './reader.ts';
import type { Script } from './terms.ts';

const LOGICS = new Set(['QF_LRA', 'QF_RDL', 'QF_UF', 'ALL']);
const IGNORED = new Set(['set-info', 'set-option', 'get-info', 'get-option', 'echo', 'exit', 'get-assignment']);

/**
 * An SMT-LIB 2 script in QF_LRA: declare-const, declare-fun of arity 0, assert, check-sat,
 * get-model, set-logic, and set-info / set-option (accepted and ignored). One check-sat: the
 * assertions before it are the problem.
 */
export function parseSmtlib(text: string): Script {
  const script: Script = { booleans: [], reals: [], assertions: [], getModel: false };
  const scope: Scope = { declared: new Map<string, Sort>(), bound: [] };
  let checked = false;
  for (const cmd of readSx(text)) {
    if (cmd.kind !== 'list' || cmd.items[0]?.kind !== 'atom') throw new InputError('expected a command such as (assert ...)', { line: cmd.line, column: cmd.column });
    const [head, ...args] = cmd.items as [Extract<Sx, { kind: 'atom' }>, ...Sx[]];
    const where = { line: cmd.line, column: cmd.column };
    switch (head.text) {
      case 'set-logic': {
        const logic = args[0]?.kind === 'atom' ? args[0].text : '';
        if (!LOGICS.has(logic)) throw new InputError(`logic "${logic}" is not supported: this solver decides QF_LRA`, where);
        script.logic = logic;
        break;
      }
      case 'declare-const':
      case 'declare-fun':
        declare(head.text, args, cmd, scope, script);
        break;
      case 'assert': {
        if (args.length !== 1) throw new InputError('assert takes one term', where);
        if (checked) throw new InputError('assertions after check-sat are not supported (one check-sat per script)', where);
        const t = elaborate(args[0]!, scope);
        if (t.sort !== 'Bool') throw new InputError('an assertion must be a Boolean term', { line: args[0]!.line, column: args[0]!.column });
        script.assertions.push({ term: t.term, line: cmd.line });
        break;
      }
      case 'check-sat':
        if (checked) throw new InputError('a second check-sat: this solver answers one per script', where);
        checked = true;
        break;
      case 'get-model':
      case 'get-value':
        script.getModel = true;
        break;
      case 'push':
      case 'pop':
        throw new InputError(`${head.text} is not supported: write one problem per script`, where);
      default:
        if (!IGNORED.has(head.text)) throw new InputError(`unknown command "${head.text}"`, { line: head.line, column: head.column });
    }
  }
  return script;
}

function declare(command: string, args: Sx[], cmd: Sx, scope: Scope, script: Script): void {
  const name = args[0];
  const sortAt = command === 'declare-fun' ? 2 : 1;
  if (command === 'declare-fun') {
    const params = args[1];
    if (!params || params.kind !== 'list') throw new InputError('declare-fun reads (declare-fun name () Sort)', { line: cmd.line, column: cmd.column });
    if (params.items.length > 0) throw new InputError('functions with arguments are not part of QF_LRA: declare-fun takes ()', { line: params.line, column: params.column });
  }
  const sortSx = args[sortAt];
  if (!name || name.kind !== 'atom' || !sortSx || args.length !== sortAt + 1) throw new InputError(`${command} reads (${command} name ${command === 'declare-fun' ? '() ' : ''}Sort)`, { line: cmd.line, column: cmd.column });
  if (scope.declared.has(name.text)) throw new InputError(`"${name.text}" is declared twice`, { line: name.line, column: name.column });
  const sort = sortSx.kind === 'atom' ? sortSx.text : '';
  if (sort !== 'Bool' && sort !== 'Real') throw new InputError(`sort "${sort || '(...)'}" is not supported: Bool or Real`, { line: sortSx.line, column: sortSx.column });
  scope.declared.set(name.text, sort);
  (sort === 'Bool' ? script.booleans : script.reals).push(name.text);
}
