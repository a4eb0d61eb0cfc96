/**
 * The phyclass version (package.json `version`), carried by outputs whose meaning depends on the
 * models (campaign parts and their fingerprints: a part from another version is not merged).
 * Tested equal to package.json.
 */
export const PHYCLASS_VERSION = '0.1.0';
