import { on, tour } from './define.ts';

/** Run on open, and show the search at its end: the whole tree. */
const END = { ran: true, position: 1_000_000 };

/** Reluplex (CAV'17) and bound propagation on the mini ACAS Xu network. */
export const solverTour = tour('Verifying a ReLU network', [
  on(
    'solver/reluplex-small',
    'Reluplex (CAV 2017) runs the simplex over the network’s equations and repairs broken ReLU pairs; when repairs cycle, it **splits** a ReLU into its two phases.',
    { target: 'Search tree' },
    { view: END },
  ),
  on('solver/reluplex-small', 'Each ReLU is active, inactive, undecided, or fixed by a split: at the root all 20 are undecided. Select a node of the tree to see what its splits fixed.', { target: 'Network phases' }, { view: END }),
  on(
    'solver/mini-acas-far',
    'Today’s procedures propagate **symbolic bounds** through the network instead and split the input box; a box whose bounds prove the property is closed.',
    { target: 'Search tree' },
    { view: END },
  ),
  on('solver/mini-acas-far', 'Every box of the input space is closed by bounds: the property holds.', { target: 'Result', mark: 'holds' }, { view: END }),
  on(
    'solver/mini-acas-mid',
    'This property fails: the search finds a **counterexample** on the input space, certified by running the real network on it.',
    { target: 'Input space' },
    { view: END },
  ),
  on(
    'solver/mini-acas-far-reluplex',
    'The same instance under **Reluplex**: more search, and each closed leaf carries a Farkas certificate, checked.',
    { target: 'Result' },
    { view: END },
  ),
  on(
    'solver/mini-acas-far-interval',
    'Plain **interval** bounds lose the correlations symbolic bounds keep: the same proof needs many more boxes.',
    { target: 'Search tree' },
    { view: END },
  ),
]);
