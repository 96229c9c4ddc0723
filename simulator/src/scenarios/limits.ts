// The limits on scenario files. Scenarios come from tutors, but also from downloads and pastes:
// each limit bounds the time and memory a hostile file can cost, far above what a real one needs.
// Documented in simulator/README.md, "Scenario limits".

/** The largest scenario text, in bytes (UTF-8). The built-in scenarios are 1–4 kB. */
export const MAX_SCENARIO_BYTES = 256 * 1024;

/** The most problems reported for one file; the rest are counted in a last "… and N more". */
export const MAX_SCENARIO_ISSUES = 50;

/** Messages longer than this are cut (they quote values from the file). */
export const MAX_ISSUE_CHARS = 2000;

/**
 * The most aliases (`*name`) in a file, and the most times aliases may copy data when the YAML is
 * read (the yaml package's maxAliasCount). Scenarios need none; nested aliases ("billion laughs")
 * would otherwise expand a few hundred bytes into gigabytes.
 */
export const MAX_YAML_ALIASES = 100;

/**
 * The deepest nesting of YAML collections. Scenarios nest about 8 deep; the yaml package composes
 * recursively, and thousands of `[` exhaust the stack (even crash V8 outright).
 */
export const MAX_YAML_DEPTH = 64;

/**
 * The most entries in one YAML list or mapping. Scenarios have tens; with 40,000 keys the schema
 * validator alone took seconds (it copies its list of errors for every failing timeline step).
 */
export const MAX_YAML_ITEMS = 1000;

/** Every number in a scenario is finite and at most this large in magnitude. */
export const MAX_SCENARIO_NUMBER = 1e12;
