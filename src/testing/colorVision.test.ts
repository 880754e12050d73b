import { describe, expect, it } from 'vitest';
import { deltaE, simulate, VISIONS } from './colorVision.ts';

describe('colour-vision simulation (Machado et al. 2009)', () => {
  it('leaves the greys alone: each matrix row sums to one', () => {
    for (const vision of VISIONS) for (const grey of ['#000000', '#808080', '#ffffff']) expect(deltaE(simulate(grey, vision), grey)).toBeLessThan(1);
  });
  it('merges the red and green a deuteranope and a protanope confuse, and keeps them apart for a tritanope', () => {
    // d3's category10 red and green: far apart in normal vision.
    const red = '#d62728';
    const green = '#2ca02c';
        const seen = deltaE(red, green);
    expect(deltaE(simulate(red, 'deuteranopia'), simulate(green, 'deuteranopia'))).toBeLessThan(seen / 3);
    expect(deltaE(simulate(red, 'protanopia'), simulate(green, 'protanopia'))).toBeLessThan(seen / 2);
    expect(deltaE(simulate(red, 'tritanopia'), simulate(green, 'tritanopia'))).toBeGreaterThan(50);
  });
  it('merges the blue and green a tritanope confuses', () => {
    expect(deltaE(simulate('#1f77b4', 'tritanopia'), simulate('#17becf', 'tritanopia'))).toBeLessThan(deltaE('#1f77b4', '#17becf'));
  });
});
