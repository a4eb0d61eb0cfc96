/** export module: generators of stack configurations and the C classifier header (pure, no I/O). */
export { classifierHeader, cClassifierTables, cStringLiteral, cCommentText, compareUtf8 } from './c.js';
export type { CClassifierTables, CHeaderOptions, CServiceRow } from './c.js';
export { STACK_TARGETS, classIdOf, exportStack, minSlotOffsets, parseStackExport, parseYamlSubset, stackLimits, stackPlanOptions } from './stacks.js';
export type { NearestClass, ParsedBlock, ParsedClassFields, StackExport, StackExportInput, StackTarget, Unrepresentable } from './stacks.js';
