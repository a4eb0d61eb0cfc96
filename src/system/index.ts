/** system module (issue 13; spec/system.md): the whole-carrier plan and its independent check. Re-exports only. */
export * from './types.js';
export * from './verify.js';
export * from './derive.js';
export * from './classPlan.js';
