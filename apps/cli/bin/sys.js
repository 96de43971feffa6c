#!/usr/bin/env node
import { main } from '../bundle/sys.js';

process.exitCode = await main(process.argv.slice(2));
