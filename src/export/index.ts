/** export module: generators of stack configurations and the C classifier header (pure, no I/O). */
export { classifierHeader, cClassifierTables, cStringLiteral, cCommentText, compareUtf8 } from './c.js';
export type { CClassifierTables, CHeaderOptions, CServiceRow } from './c.js';
