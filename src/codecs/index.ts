/** codecs module: re-exports only. */
export {};
