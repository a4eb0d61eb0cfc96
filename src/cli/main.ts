#!/usr/bin/env node
/** phyclass CLI entry point (placeholder until the CLI issue lands). */
process.stdout.write('phyclass\n');
