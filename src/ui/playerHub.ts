import { createContext, useContext, useEffect } from 'react';

/** What the keyboard (and a presenter's clicker) can do to the player on screen. */
export interface PlayerControls {
  togglePlay(): void;
  step(delta: number): void;
  seekEdge(edge: 'start' | 'end'): void;
}

/**
 * The shell owns the keyboard; players register here. The most recently mounted player is the
 * one the keys drive.
 */
export class PlayerHub {
  private stack: PlayerControls[] = [];

  register(controls: PlayerControls): () => void {
    this.stack.push(controls);
    return () => {
      this.stack = this.stack.filter((c) => c !== controls);
    };
  }

  get active(): PlayerControls | undefined {
    return this.stack[this.stack.length - 1];
  }
}

export const PlayerHubContext = createContext<PlayerHub>(new PlayerHub());

export function usePlayerRegistration(controls: PlayerControls): void {
  const hub = useContext(PlayerHubContext);
  useEffect(() => hub.register(controls), [hub, controls]);
}
