#!/usr/bin/env node
// The `latticework` command. The engines are TypeScript; tsx compiles them on load, so the CLI
// runs exactly the code the web workers run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
