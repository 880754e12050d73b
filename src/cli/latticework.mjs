#!/usr/bin/env node
// The `latticework` command. The engines are TypeScript; bundle.mjs compiles them with esbuild
// into a cached bundle (rebuilt when a source changes), so the CLI runs exactly the code the web
// workers run without compiling it on every call.
import { bundledEntry } from './bundle.mjs';

const { main } = await import(await bundledEntry('main'));
process.exitCode = await main(process.argv.slice(2));
